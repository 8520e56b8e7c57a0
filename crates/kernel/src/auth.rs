//! Authentication primitives: roles, short-lived access tokens (JWT,
//! HS256), opaque single-use tokens (refresh, invitation, reset), argon2id
//! password hashes.

use std::str::FromStr;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Manager,
    Agent,
    Sales,
    Finance,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::Owner, Role::Admin, Role::Manager, Role::Agent, Role::Sales, Role::Finance];
    /// Who may manage the company, its users and its plan.
    pub const ADMINS: &'static [Role] = &[Role::Owner, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Agent => "agent",
            Role::Sales => "sales",
            Role::Finance => "finance",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "Proprietário",
            Role::Admin => "Administrador",
            Role::Manager => "Gerente",
            Role::Agent => "Atendente",
            Role::Sales => "Vendedor",
            Role::Finance => "Financeiro",
        }
    }
}

/// What a role may see, by domain: the one role→permission map. REST
/// handlers `require(Area::X.roles())` (through each domain's constant) and
/// Socket.IO puts a socket in `tenant:<id>:<area>` for each area its role
/// has, so an event reaches exactly the people its endpoints would show it to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Area {
    /// The inbox: tickets, messages, notes, presence.
    Support,
    /// Pipelines, opportunities, proposals, contracts.
    Crm,
    /// Invoices, payments, subscriptions.
    Finance,
    /// The company, its users, invitations and plan.
    Admin,
}

impl Area {
    pub const ALL: [Area; 4] = [Area::Support, Area::Crm, Area::Finance, Area::Admin];

    pub const fn roles(self) -> &'static [Role] {
        match self {
            Area::Support => &[Role::Owner, Role::Admin, Role::Manager, Role::Agent],
            Area::Crm => &[Role::Owner, Role::Admin, Role::Manager, Role::Sales],
            Area::Finance => &[Role::Owner, Role::Admin, Role::Manager, Role::Finance],
            Area::Admin => Role::ADMINS,
        }
    }

    pub fn allows(self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Area::Support => "support",
            Area::Crm => "crm",
            Area::Finance => "finance",
            Area::Admin => "admin",
        }
    }
}

impl FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| Error::internal(format!("unknown role {s:?}")))
    }
}

/// Claims of an access token. The role is informative: the session
/// extractor reads the user's current role and status from the database,
/// so a role change or deactivation applies to the very next request.
/// `sid` names the login (the refresh-token family) the token was issued
/// for: when that login is revoked (logout, password change), the token
/// stops working at once instead of living until `exp`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub tid: Uuid,
    pub sid: Uuid,
    pub role: Role,
    pub iat: i64,
    pub exp: i64,
}

pub struct Tokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub access_ttl: Duration,
}

impl Tokens {
    pub fn new(secret: &[u8], access_ttl: Duration) -> anyhow::Result<Self> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Ok(Self {
            encoding: EncodingKey::from_secret(secret)?,
            decoding: DecodingKey::from_secret(secret)?,
            validation,
            access_ttl,
        })
    }

    pub fn issue_access(
        &self,
        user_id: Uuid,
        tenant_id: Uuid,
        session_id: Uuid,
        role: Role,
    ) -> Result<String> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id,
            tid: tenant_id,
            sid: session_id,
            role,
            iat: now,
            exp: now + self.access_ttl.as_secs() as i64,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| Error::internal(format!("jwt encode: {e}")))
    }

    pub fn verify_access(&self, token: &str) -> Result<Claims> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).map(|d| d.claims).map_err(
            |e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => {
                    Error::Unauthorized("Sessão expirada. Entre novamente.".into())
                }
                _ => Error::Unauthorized("Token de acesso inválido.".into()),
            },
        )
    }
}

/// An opaque, single-use secret that names its tenant and row:
/// `<tenant uuid>.<row uuid>.<32 random bytes, base64url>`. The database
/// keeps only the SHA-256 of the secret part.
#[derive(Debug, Clone)]
pub struct OpaqueToken {
    pub tenant_id: Uuid,
    pub id: Uuid,
    secret: String,
}

impl OpaqueToken {
    pub fn generate(tenant_id: Uuid, id: Uuid) -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self { tenant_id, id, secret: URL_SAFE_NO_PAD.encode(bytes) }
    }

    pub fn parse(token: &str) -> Option<Self> {
        let mut parts = token.trim().splitn(3, '.');
        let tenant_id = Uuid::parse_str(parts.next()?).ok()?;
        let id = Uuid::parse_str(parts.next()?).ok()?;
        let secret = parts.next()?.to_string();
        if secret.len() != 43 {
            return None;
        }
        Some(Self { tenant_id, id, secret })
    }

    pub fn hash(&self) -> Vec<u8> {
        Sha256::digest(self.secret.as_bytes()).to_vec()
    }

    /// Constant-time comparison with a stored hash.
    pub fn matches(&self, stored_hash: &[u8]) -> bool {
        let h = self.hash();
        h.len() == stored_hash.len() && h.iter().zip(stored_hash).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }

    pub fn expose(&self) -> String {
        format!("{}.{}.{}", self.tenant_id, self.id, self.secret)
    }
}

/// Minimum password rule: 10+ characters mixing letters with digits or
/// symbols, and not absurdly long (argon2 input bound).
pub fn check_password_strength(password: &str) -> std::result::Result<(), &'static str> {
    let n = password.chars().count();
    if n < 10 {
        return Err("A senha deve ter pelo menos 10 caracteres.");
    }
    if n > 128 {
        return Err("A senha deve ter no máximo 128 caracteres.");
    }
    let letters = password.chars().any(char::is_alphabetic);
    let others = password.chars().any(|c| !c.is_alphabetic());
    if !(letters && others) {
        return Err("Misture letras com números ou símbolos.");
    }
    Ok(())
}

/// argon2id with the crate's defaults (19 MiB, 2 passes), off the async
/// threads.
pub async fn hash_password(password: &str) -> Result<String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| Error::internal(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| Error::internal(format!("join: {e}")))?
}

/// Verifies in constant time; with no stored hash (unknown e-mail) it
/// still spends the same work, so timing does not reveal which e-mails exist.
pub async fn verify_password(password: &str, stored: Option<String>) -> bool {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        match PasswordHash::new(&stored) {
            Ok(parsed) => {
                Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
                    && stored != DUMMY_HASH
            }
            Err(_) => false,
        }
    })
    .await
    .unwrap_or(false)
}

/// argon2id hash of a random string nobody knows.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0pGQ2QkN6uB0lJgZ9GqOCL0v0o3eL7p2K6VYk7i5b2k";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn password_round_trip() {
        let h = hash_password("correta-cavalo-9").await.expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correta-cavalo-9", Some(h.clone())).await);
        assert!(!verify_password("errada-cavalo-9", Some(h)).await);
        assert!(!verify_password("qualquer", None).await);
    }

    #[test]
    fn strength_rules() {
        assert!(check_password_strength("curta1").is_err());
        assert!(check_password_strength("somenteletras").is_err());
        assert!(check_password_strength("1234567890123").is_err());
        assert!(check_password_strength("senha-forte-2026").is_ok());
    }

    #[test]
    fn opaque_tokens_parse_and_match() {
        let t = OpaqueToken::generate(Uuid::now_v7(), Uuid::now_v7());
        let parsed = OpaqueToken::parse(&t.expose()).expect("parses");
        assert_eq!(parsed.tenant_id, t.tenant_id);
        assert!(parsed.matches(&t.hash()));
        let other = OpaqueToken::generate(t.tenant_id, t.id);
        assert!(!other.matches(&t.hash()));
        assert!(OpaqueToken::parse("garbage").is_none());
        assert!(OpaqueToken::parse(&format!("{}.{}.short", t.tenant_id, t.id)).is_none());
    }

    #[test]
    fn access_tokens_verify_and_reject_tampering() {
        let tokens = Tokens::new(b"0123456789abcdef0123456789abcdef", Duration::from_secs(60)).expect("keys");
        let (u, t, sid) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let jwt = tokens.issue_access(u, t, sid, Role::Agent).expect("issue");
        let claims = tokens.verify_access(&jwt).expect("valid");
        assert_eq!((claims.sub, claims.tid, claims.sid, claims.role), (u, t, sid, Role::Agent));
        let other = Tokens::new(b"another-secret-another-secret-xx", Duration::from_secs(60)).expect("keys");
        assert!(other.verify_access(&jwt).is_err());
        let past = Claims { sub: u, tid: t, sid, role: Role::Agent, iat: 0, exp: 1 };
        let stale =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &past, &tokens.encoding).expect("enc");
        assert!(matches!(tokens.verify_access(&stale), Err(Error::Unauthorized(_))));
    }
}
