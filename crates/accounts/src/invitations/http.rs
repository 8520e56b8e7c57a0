use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use kernel::auth::{OpaqueToken, Role, check_password_strength, hash_password};
use kernel::email::Email;
use kernel::error::{OnConstraint, Problem, Violations};
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::idempotency::{self, IdempotencyKey};
use kernel::ids::new_id;
use kernel::mail::{self, SendEmail};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{
    AcceptInvitationRequest, CreateInvitationRequest, Invitation, InvitationPage, InvitationPreview,
};
use super::repo;
use crate::auth::device::Device;
use crate::auth::model::TokenPair;
use crate::auth::{repo as auth_repo, service as auth_service};
use crate::{plans, users};

const INVITATION_TTL_DAYS: i64 = 7;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_invitations, create_invitation))
        .routes(routes!(revoke_invitation))
}

pub fn public_router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(preview_invitation)).routes(routes!(accept_invitation))
}

/// Pending invitations (owner/admin).
#[utoipa::path(get, path = "/invitations", tag = "users", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = InvitationPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_invitations(
    mut s: Session,
    ApiQuery(params): ApiQuery<PageParams>,
) -> Result<ApiJson<InvitationPage>> {
    s.require(Role::ADMINS)?;
    let page = params.parse()?;
    let rows = repo::list_pending(&mut s.tx, s.user.tenant_id, &page).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |i| i.id);
    Ok(ApiJson(InvitationPage { items, next_cursor }))
}

/// Invites someone by e-mail with a single-use link valid for 7 days.
/// Honours `Idempotency-Key` (a retry sends no second e-mail).
#[utoipa::path(post, path = "/invitations", tag = "users", security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "retry-safe key")),
    request_body = CreateInvitationRequest,
    responses((status = 201, body = Invitation), (status = 403, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn create_invitation(
    State(app): State<App>,
    mut s: Session,
    IdempotencyKey(idempotency_key): IdempotencyKey,
    ApiJson(body): ApiJson<CreateInvitationRequest>,
) -> Result<Response> {
    s.require(Role::ADMINS)?;
    let fingerprint = idempotency::fingerprint("POST", "/invitations", &body);
    if let Some(key) = &idempotency_key
        && let Some(replayed) = idempotency::replay(&mut s.tx, key, &fingerprint).await?
    {
        s.tx.commit().await?;
        return Ok(replayed);
    }
    let email = Email::parse(&body.email).map_err(|e| Error::field("email", e.to_string()))?;
    if body.role == Role::Owner {
        return Err(Error::field("role", "Convide como administrador; depois promova a proprietário."));
    }
    let tenant = s.user.tenant_id;
    // Our own users may be named; an address of another company must not
    // be revealed: the invitation is made as usual, and that address gets
    // a notice instead of a link (an e-mail belongs to one company).
    let elsewhere = match auth_repo::identity_by_email(&mut s.tx, email.as_str()).await? {
        Some(i) if i.tenant_id == tenant => {
            return Err(Error::conflict(Some("email"), "Este e-mail já pertence a um usuário da empresa."));
        }
        Some(_) => true,
        None => false,
    };
    repo::close_expired(&mut s.tx, tenant, email.as_str()).await?;
    let pending = repo::count_pending(&mut s.tx, tenant).await?;
    plans::service::ensure_room_for_user(&mut s.tx, pending).await?;
    let id = new_id();
    let token = OpaqueToken::generate(tenant, id);
    let expires_at = Utc::now() + chrono::Duration::days(INVITATION_TTL_DAYS);
    let invitation =
        repo::insert(&mut s.tx, tenant, id, email.as_str(), body.role, &token.hash(), s.user.id, expires_at)
            .await
            .on_constraint("invitations_pending_email_key", || {
                Error::conflict(Some("email"), "Já existe um convite pendente para este e-mail.")
            })?;
    let company = crate::company::repo::summary(&mut s.tx, tenant).await?;
    let link = format!("{}/convite/{}", app.config.frontend_url, token.expose());
    let mail = if elsewhere {
        SendEmail {
            to: email.as_str().to_string(),
            subject: format!("Convite para a equipe {} no ConectCRM", company.name),
            text: format!(
                "Olá!\n\n{} convidou você para a equipe da {} no ConectCRM, como {}.\n\n\
                 Este e-mail já é usado por outra empresa no ConectCRM, e cada e-mail entra em uma só \
                 empresa. Para aceitar, peça que o convite seja feito para outro endereço seu.\n",
                s.user.name,
                company.name,
                body.role.label()
            ),
            html: None,
            attachments: vec![],
        }
    } else {
        SendEmail {
            to: email.as_str().to_string(),
            subject: format!("Convite para a equipe {} no ConectCRM", company.name),
            text: format!(
                "Olá!\n\n{} convidou você para a equipe da {} no ConectCRM, como {}.\n\n\
             Aceite o convite em até {INVITATION_TTL_DAYS} dias:\n\n{link}\n\n\
             Se você não esperava este convite, ignore este e-mail.\n",
                s.user.name,
                company.name,
                body.role.label()
            ),
            html: None,
            attachments: vec![],
        }
    };
    mail::enqueue_sealed(&mut s.tx, &app.config, tenant, &mail).await?;
    s.tx.emit(&events::UserInvited { invitation_id: id }).await?;
    if let Some(key) = &idempotency_key {
        idempotency::remember(&mut s.tx, key, &fingerprint, StatusCode::CREATED, &invitation).await?;
    }
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/invitations/{id}"), invitation).into_response())
}

#[utoipa::path(delete, path = "/invitations/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn revoke_invitation(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(Role::ADMINS)?;
    if !repo::revoke(&mut s.tx, s.user.tenant_id, id).await? {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn open_invitation(app: &App, token: &str) -> Result<(TenantTx, OpaqueToken, repo::PendingInvitation)> {
    let token = OpaqueToken::parse(token).ok_or(Error::NotFound)?;
    let mut tx = TenantTx::begin(&app.db, token.tenant_id).await?;
    let invitation = repo::lock_usable(&mut tx, token.tenant_id, token.id)
        .await?
        .filter(|i| token.matches(&i.token_hash))
        .ok_or(Error::NotFound)?;
    Ok((tx, token, invitation))
}

/// What an invitation link is for, before accepting (404 when the link is
/// wrong, used, revoked or expired).
#[utoipa::path(get, path = "/auth/invitations/{token}", tag = "auth",
    params(("token" = String, Path)),
    responses((status = 200, body = InvitationPreview), (status = 404, body = Problem)))]
async fn preview_invitation(
    State(app): State<App>,
    ApiPath(token): ApiPath<String>,
) -> Result<ApiJson<InvitationPreview>> {
    let (tx, _, invitation) = open_invitation(&app, &token).await?;
    tx.commit().await?;
    Ok(ApiJson(InvitationPreview {
        email: invitation.email,
        role: invitation.role.parse()?,
        company_name: invitation.company_name,
    }))
}

/// Accepts an invitation: creates the user with the invited role and
/// signs them in. The link works once.
#[utoipa::path(post, path = "/auth/invitations/accept", tag = "auth", request_body = AcceptInvitationRequest,
    responses((status = 200, body = TokenPair), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn accept_invitation(
    State(app): State<App>,
    device: Device,
    ApiJson(body): ApiJson<AcceptInvitationRequest>,
) -> Result<ApiJson<TokenPair>> {
    let mut v = Violations::new();
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        v.add("name", "Informe seu nome (até 200 caracteres).");
    }
    v.check("password", check_password_strength(&body.password));
    v.finish()?;
    let (mut tx, token, invitation) = open_invitation(&app, &body.token).await?;
    // This invitation was counted as pending; now it becomes a user.
    plans::service::ensure_room_for_user(&mut tx, 0).await?;
    let hash = hash_password(&body.password).await?;
    let role: Role = invitation.role.parse()?;
    let user_id = new_id();
    users::repo::insert(&mut tx, token.tenant_id, user_id, name, &invitation.email, role)
        .await
        .on_constraint("users_email_key", || {
            Error::conflict(Some("email"), "Este e-mail já pertence a um usuário.")
        })?;
    auth_repo::insert_identity(&mut tx, &invitation.email, token.tenant_id, user_id, &hash)
        .await
        .on_constraint("identities_pkey", || {
            Error::conflict(Some("email"), "Este e-mail já pertence a um usuário.")
        })?;
    repo::mark_accepted(&mut tx, token.tenant_id, token.id).await?;
    let pair = auth_service::issue_pair(&app, &mut tx, user_id, role, None, &device).await?;
    tx.emit(&events::UserJoined { user_id }).await?;
    tx.commit().await?;
    Ok(ApiJson(pair))
}
