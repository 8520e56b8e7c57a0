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

    /// Opens a session for a known user id (token already verified, or a
    /// freshly authenticated login).
    pub async fn open(app: &App, tenant_id: Uuid, user_id: Uuid) -> Result<Self> {
        let mut tx = TenantTx::begin(&app.db, tenant_id).await?;
        let row = sqlx::query!(
            "select id, tenant_id, name, email, role, active from users where tenant_id = $1 and id = $2",
            tenant_id,
            user_id
        )
        .fetch_optional(&mut *tx)
        .await?;
        match row {
            Some(u) if u.active => Ok(Session {
                user: CurrentUser {
                    id: u.id,
                    tenant_id: u.tenant_id,
                    name: u.name,
                    email: u.email,
                    role: u.role.parse()?,
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
        Session::open(&app, claims.tid, claims.sub).await
    }
}
