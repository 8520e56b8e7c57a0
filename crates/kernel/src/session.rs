//! The authenticated request: identity and tenant transaction in one
//! extractor. A handler that needs a user asks for a [`Session`]; it gets a
//! verified user of an active account and a transaction already scoped to
//! that user's company.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use uuid::Uuid;

use crate::app::App;
use crate::auth::Role;
use crate::error::{Error, Result};
use crate::tenant::TenantTx;

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// The login this request belongs to (the access token's `sid`); none
    /// while a login or refresh is being completed.
    pub session_id: Option<Uuid>,
    /// Whether the owner has confirmed the sign-up address.
    pub company_confirmed: bool,
}

pub struct Session {
    pub user: CurrentUser,
    pub tx: TenantTx,
}

impl Session {
    /// 403 unless the user has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<()> {
        if roles.contains(&self.user.role) {
            Ok(())
        } else {
            Err(Error::Forbidden(format!(
                "Seu perfil ({}) não tem permissão para esta ação.",
                self.user.role.label()
            )))
        }
    }

    /// 403 until the owner has confirmed the sign-up address: before that a
    /// company sends nothing to customers (e-mails, proposals, invoices), so
    /// a sign-up with someone else's address cannot mail in their name.
    pub fn require_confirmed_company(&self) -> Result<()> {
        if self.user.company_confirmed {
            Ok(())
        } else {
            Err(Error::Forbidden(
                "Confirme o e-mail do cadastro da empresa antes de enviar mensagens, propostas ou faturas \
                 aos clientes: abra o link que enviamos ao proprietário."
                    .into(),
            ))
        }
    }

    /// Opens a session for a known user id: from a verified access token
    /// (`session_id` = its `sid`), or for a login or refresh being
    /// completed (`None`).
    ///
    /// A token's login must not be revoked: the revocation set is the
    /// refresh-token families (`revoked_at`), read in the same query as the
    /// user, so logout and a password change end access tokens at once for
    /// the price of an index lookup.
    pub async fn open(app: &App, tenant_id: Uuid, user_id: Uuid, session_id: Option<Uuid>) -> Result<Self> {
        let mut tx = TenantTx::begin(&app.db, tenant_id).await?;
        let row = sqlx::query!(
            r#"select u.id, u.tenant_id, u.name, u.email, u.role, u.active,
                      ($3::uuid is null or exists(
                          select 1 from refresh_tokens r
                           where r.tenant_id = u.tenant_id and r.family_id = $3
                             and r.user_id = u.id and r.revoked_at is null)) as "live!",
                      c.email_confirmed_at is not null as "confirmed!"
                 from users u join companies c on c.tenant_id = u.tenant_id
                where u.tenant_id = $1 and u.id = $2"#,
            tenant_id,
            user_id,
            session_id
        )
        .fetch_optional(&mut *tx)
        .await?;
        match row {
            Some(u) if u.active && !u.live => {
                Err(Error::Unauthorized("Sessão encerrada. Entre novamente.".into()))
            }
            Some(u) if u.active => Ok(Session {
                user: CurrentUser {
                    id: u.id,
                    tenant_id: u.tenant_id,
                    name: u.name,
                    email: u.email,
                    role: u.role.parse()?,
                    session_id,
                    company_confirmed: u.confirmed,
                },
                tx,
            }),
            _ => Err(Error::Unauthorized("Usuário inativo ou inexistente.".into())),
        }
    }
}

pub fn bearer(parts: &Parts) -> Option<&str> {
    parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

impl<S> FromRequestParts<S> for Session
where
    App: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self> {
        let app = App::from_ref(state);
        let token = bearer(parts)
            .ok_or_else(|| Error::Unauthorized("Envie o cabeçalho Authorization: Bearer <token>.".into()))?;
        let claims = app.tokens.verify_access(token)?;
        Session::open(&app, claims.tid, claims.sub, Some(claims.sid)).await
    }
}
