//! Sign-up, login, token rotation, logout and password reset.

use chrono::Utc;
use kernel::auth::{OpaqueToken, Role, check_password_strength, hash_password, verify_password};
use kernel::email::Email;
use kernel::error::{OnConstraint, Violations};
use kernel::ids::new_id;
use kernel::jobs::{self, EnqueueOptions};
use kernel::mail::SendEmail;
use kernel::session::Session;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use uuid::Uuid;

use super::model::{SignupRequest, TokenPair};
use super::repo;
use crate::users;

/// Plan of every new company until it chooses another.
pub const DEFAULT_PLAN: &str = "starter";
const RESET_TTL_HOURS: i64 = 1;

fn bad_credentials() -> Error {
    Error::Unauthorized("E-mail ou senha incorretos.".into())
}

/// Issues an access token and a new refresh token (new family unless
/// rotating one).
pub async fn issue_pair(
    app: &App,
    tx: &mut TenantTx,
    user_id: Uuid,
    role: Role,
    family: Option<Uuid>,
) -> Result<TokenPair> {
    let tenant_id = tx.tenant_id();
    let id = new_id();
    let refresh = OpaqueToken::generate(tenant_id, id);
    let expires_at =
        Utc::now() + chrono::Duration::from_std(app.config.refresh_token_ttl).map_err(anyhow::Error::from)?;
    repo::insert_refresh(tx, tenant_id, id, user_id, family.unwrap_or(id), &refresh.hash(), expires_at)
        .await?;
    Ok(TokenPair {
        access_token: app.tokens.issue_access(user_id, tenant_id, role)?,
        refresh_token: refresh.expose(),
        token_type: "Bearer".into(),
        expires_in: app.tokens.access_ttl.as_secs(),
    })
}

pub struct NewCompany {
    pub tenant_id: Uuid,
    pub owner_id: Uuid,
}

/// Creates a company and its owner in one transaction and returns the
/// transaction still open, so the caller can add to it (tokens, demo data).
pub async fn create_company(app: &App, req: &SignupRequest) -> Result<(TenantTx, NewCompany)> {
    let mut v = Violations::new();
    let company_name = req.company_name.trim();
    if company_name.is_empty() || company_name.chars().count() > 200 {
        v.add("company_name", "Informe o nome da empresa (até 200 caracteres).");
    }
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        v.add("name", "Informe seu nome (até 200 caracteres).");
    }
    let email = v.check("email", Email::parse(&req.email));
    v.check("password", check_password_strength(&req.password));
    v.finish()?;
    let email = email.ok_or_else(|| Error::internal("email checked above"))?;
    let mut conn = app.db.acquire().await?;
    if repo::email_taken(&mut conn, email.as_str()).await? {
        return Err(Error::conflict(Some("email"), "Este e-mail já está cadastrado."));
    }
    drop(conn);
    let hash = hash_password(&req.password).await?;
    let tenant_id = new_id();
    let owner_id = new_id();
    let mut tx = TenantTx::begin(&app.db, tenant_id).await?;
    repo::insert_company(&mut tx, tenant_id, company_name, DEFAULT_PLAN).await?;
    users::repo::insert(&mut tx, tenant_id, owner_id, name, email.as_str(), Role::Owner).await?;
    repo::insert_identity(&mut tx, email.as_str(), tenant_id, owner_id, &hash)
        .await
        .on_constraint("identities_pkey", || {
            Error::conflict(Some("email"), "Este e-mail já está cadastrado.")
        })?;
    tx.emit("company.created", &serde_json::json!({ "tenant_id": tenant_id })).await?;
    Ok((tx, NewCompany { tenant_id, owner_id }))
}

pub async fn signup(app: &App, req: &SignupRequest) -> Result<TokenPair> {
    let (mut tx, company) = create_company(app, req).await?;
    let pair = issue_pair(app, &mut tx, company.owner_id, Role::Owner, None).await?;
    tx.commit().await?;
    tracing::info!(tenant_id = %company.tenant_id, "company signed up");
    Ok(pair)
}

pub async fn login(app: &App, email: &str, password: &str) -> Result<TokenPair> {
    let email = Email::parse(email).map_err(|_| bad_credentials())?;
    let mut conn = app.db.acquire().await?;
    let identity = repo::identity_by_email(&mut conn, email.as_str()).await?;
    drop(conn);
    let (hash, who) = match identity {
        Some(i) => (Some(i.password_hash), Some((i.tenant_id, i.user_id))),
        None => (None, None),
    };
    // Always spend one argon2 verification, known e-mail or not.
    let ok = verify_password(password, hash).await;
    let Some((tenant_id, user_id)) = who.filter(|_| ok) else {
        return Err(bad_credentials());
    };
    let mut session = Session::open(app, tenant_id, user_id)
        .await
        .map_err(|_| Error::Unauthorized("Este usuário está desativado.".into()))?;
    let pair = issue_pair(app, &mut session.tx, user_id, session.user.role, None).await?;
    session.tx.commit().await?;
    Ok(pair)
}

fn invalid_refresh() -> Error {
    Error::Unauthorized("Sessão inválida ou expirada. Entre novamente.".into())
}

/// Rotates a refresh token. Presenting an already-rotated token revokes
/// its whole family: someone else has a copy.
pub async fn refresh(app: &App, token: &str) -> Result<TokenPair> {
    let token = OpaqueToken::parse(token).ok_or_else(invalid_refresh)?;
    let mut tx = TenantTx::begin(&app.db, token.tenant_id).await?;
    let row = repo::lock_refresh(&mut tx, token.tenant_id, token.id)
        .await?
        .filter(|r| token.matches(&r.token_hash))
        .ok_or_else(invalid_refresh)?;
    if row.revoked_at.is_some() {
        return Err(invalid_refresh());
    }
    if row.rotated_at.is_some() {
        repo::revoke_family(&mut tx, token.tenant_id, row.family_id).await?;
        tx.commit().await?;
        tracing::warn!(tenant_id = %token.tenant_id, user_id = %row.user_id, "refresh token reused; family revoked");
        return Err(invalid_refresh());
    }
    if row.expires_at < Utc::now() {
        return Err(invalid_refresh());
    }
    repo::mark_rotated(&mut tx, token.tenant_id, token.id).await?;
    tx.commit().await?;
    let mut session =
        Session::open(app, token.tenant_id, row.user_id).await.map_err(|_| invalid_refresh())?;
    let pair = issue_pair(app, &mut session.tx, row.user_id, session.user.role, Some(row.family_id)).await?;
    session.tx.commit().await?;
    Ok(pair)
}

pub async fn logout(app: &App, token: &str) -> Result<()> {
    let Some(token) = OpaqueToken::parse(token) else {
        return Ok(());
    };
    let mut tx = TenantTx::begin(&app.db, token.tenant_id).await?;
    if let Some(row) = repo::lock_refresh(&mut tx, token.tenant_id, token.id).await?
        && token.matches(&row.token_hash)
    {
        repo::revoke_family(&mut tx, token.tenant_id, row.family_id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Always succeeds (202), so it never tells who has an account.
pub async fn forgot_password(app: &App, email: &str) -> Result<()> {
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    let mut conn = app.db.acquire().await?;
    let identity = repo::identity_by_email(&mut conn, email.as_str()).await?;
    drop(conn);
    let Some(identity) = identity else {
        return Ok(());
    };
    let mut tx = TenantTx::begin(&app.db, identity.tenant_id).await?;
    let id = new_id();
    let token = OpaqueToken::generate(identity.tenant_id, id);
    let expires_at = Utc::now() + chrono::Duration::hours(RESET_TTL_HOURS);
    repo::insert_reset(&mut tx, identity.tenant_id, id, identity.user_id, &token.hash(), expires_at).await?;
    let link = format!("{}/redefinir-senha/{}", app.config.frontend_url, token.expose());
    let mail = SendEmail {
        to: email.as_str().to_string(),
        subject: "Redefinição de senha — ConectCRM".into(),
        text: format!(
            "Olá!\n\nRecebemos um pedido para redefinir sua senha no ConectCRM.\n\
             Abra o link abaixo em até {RESET_TTL_HOURS} hora para escolher uma nova senha:\n\n{link}\n\n\
             Se não foi você, ignore este e-mail: sua senha continua a mesma.\n"
        ),
        html: None,
        attachments: vec![],
    };
    jobs::enqueue(&mut tx, Some(identity.tenant_id), &mail, EnqueueOptions::default()).await?;
    tx.commit().await?;
    Ok(())
}

fn invalid_reset() -> Error {
    Error::field("token", "Link de redefinição inválido ou expirado. Peça um novo.")
}

pub async fn reset_password(app: &App, token: &str, password: &str) -> Result<()> {
    check_password_strength(password).map_err(|m| Error::field("password", m))?;
    let token = OpaqueToken::parse(token).ok_or_else(invalid_reset)?;
    let mut tx = TenantTx::begin(&app.db, token.tenant_id).await?;
    let row = repo::lock_reset(&mut tx, token.tenant_id, token.id)
        .await?
        .filter(|r| token.matches(&r.token_hash) && r.used_at.is_none() && r.expires_at > Utc::now())
        .ok_or_else(invalid_reset)?;
    let hash = hash_password(password).await?;
    repo::set_password(&mut tx, token.tenant_id, row.user_id, &hash).await?;
    repo::mark_reset_used(&mut tx, token.tenant_id, token.id).await?;
    // A new password ends every existing session.
    users::repo::revoke_refresh_tokens(&mut tx, token.tenant_id, row.user_id).await?;
    tx.commit().await?;
    Ok(())
}
