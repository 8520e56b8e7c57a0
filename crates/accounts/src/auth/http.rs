use axum::extract::State;
use axum::http::StatusCode;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath};
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::device::Device;
use super::model::{
    ChangePasswordRequest, ConfirmEmailRequest, ForgotPasswordRequest, LoginRequest, LogoutRequest, Me,
    RefreshRequest, ResetPasswordRequest, SignupAccepted, SignupRequest, TokenPair,
};
use super::model::{EndedSessions, LoginSessions};
use super::repo;
use super::service;
use crate::invitations;
use uuid::Uuid;

/// `/auth/*`: no bearer token, rate-limited by the server.
pub fn public_router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(signup))
        .routes(routes!(confirm_email))
        .routes(routes!(login))
        .routes(routes!(forgot_password))
        .routes(routes!(reset_password))
        .merge(invitations::http::public_router())
}

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(change_password))
        .routes(routes!(list_sessions, end_other_sessions))
        .routes(routes!(end_session))
}

/// Renewing and ending a login: no bearer token either, but a reload of
/// the app renews, so these have a limit of their own (an office behind
/// one address reloading all day never uses up its sign-in attempts, and
/// renewing cannot buy more of them).
pub fn session_router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(refresh)).routes(routes!(logout))
}

/// Creates a company (tenant) with its owner and e-mails a link that
/// confirms the address. Always 202 with the same body: an address that
/// already has an account gets a notice by e-mail instead, so the answer
/// never tells who has an account. The owner may sign in right away;
/// sending to customers waits for the confirmation.
#[utoipa::path(post, path = "/auth/signup", tag = "auth", request_body = SignupRequest,
    responses((status = 202, body = SignupAccepted), (status = 422, body = Problem), (status = 429, body = Problem)))]
async fn signup(
    State(app): State<App>,
    ApiJson(body): ApiJson<SignupRequest>,
) -> Result<(StatusCode, ApiJson<SignupAccepted>)> {
    service::signup(&app, &body).await?;
    Ok((
        StatusCode::ACCEPTED,
        ApiJson(SignupAccepted {
            message: "Enviamos um e-mail para confirmar o endereço. Abra o link para concluir o cadastro."
                .into(),
        }),
    ))
}

/// Confirms the sign-up address with the e-mailed link and signs in.
#[utoipa::path(post, path = "/auth/confirm-email", tag = "auth", request_body = ConfirmEmailRequest,
    responses((status = 200, body = TokenPair), (status = 401, body = Problem), (status = 422, body = Problem),
              (status = 429, body = Problem)))]
async fn confirm_email(
    State(app): State<App>,
    device: Device,
    ApiJson(body): ApiJson<ConfirmEmailRequest>,
) -> Result<ApiJson<TokenPair>> {
    Ok(ApiJson(service::confirm_email(&app, &body.token, &device).await?))
}

#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenPair), (status = 401, body = Problem), (status = 429, body = Problem)))]
async fn login(
    State(app): State<App>,
    device: Device,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<ApiJson<TokenPair>> {
    Ok(ApiJson(service::login(&app, &body.email, &body.password, &device).await?))
}

/// Exchanges a refresh token for a new pair; the old one stops working.
#[utoipa::path(post, path = "/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenPair), (status = 401, body = Problem), (status = 422, body = Problem),
              (status = 429, body = Problem)))]
async fn refresh(
    State(app): State<App>,
    device: Device,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> Result<ApiJson<TokenPair>> {
    Ok(ApiJson(service::refresh(&app, &body.refresh_token, &device).await?))
}

/// Ends the login: its refresh tokens, its access tokens and its sockets.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", request_body = LogoutRequest,
    responses((status = 204), (status = 422, body = Problem), (status = 429, body = Problem)))]
async fn logout(State(app): State<App>, ApiJson(body): ApiJson<LogoutRequest>) -> Result<StatusCode> {
    service::logout(&app, &body.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// E-mails a single-use reset link valid for one hour. Always 202.
#[utoipa::path(post, path = "/auth/forgot-password", tag = "auth", request_body = ForgotPasswordRequest,
    responses((status = 202)))]
async fn forgot_password(
    State(app): State<App>,
    ApiJson(body): ApiJson<ForgotPasswordRequest>,
) -> Result<StatusCode> {
    service::forgot_password(&app, &body.email).await?;
    Ok(StatusCode::ACCEPTED)
}

#[utoipa::path(post, path = "/auth/reset-password", tag = "auth", request_body = ResetPasswordRequest,
    responses((status = 204), (status = 422, body = Problem)))]
async fn reset_password(
    State(app): State<App>,
    ApiJson(body): ApiJson<ResetPasswordRequest>,
) -> Result<StatusCode> {
    service::reset_password(&app, &body.token, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user, role and company.
#[utoipa::path(get, path = "/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = Problem)))]
async fn me(s: Session) -> Result<ApiJson<Me>> {
    crate::profile::http::current(s).await
}

/// Changes the signed-in user's password. Every other login of the user
/// ends at once; this one stays signed in.
#[utoipa::path(post, path = "/me/password", tag = "auth", security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses((status = 204), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn change_password(
    State(app): State<App>,
    s: Session,
    ApiJson(body): ApiJson<ChangePasswordRequest>,
) -> Result<StatusCode> {
    service::change_password(&app, s, &body.current_password, &body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user's logins that are still open (this one marked
/// `current`), the most recently used first.
#[utoipa::path(get, path = "/me/sessions", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = LoginSessions), (status = 401, body = Problem)))]
async fn list_sessions(mut s: Session) -> Result<ApiJson<LoginSessions>> {
    let mut items = repo::live_sessions(&mut s.tx, s.user.tenant_id, s.user.id).await?;
    s.tx.commit().await?;
    for item in &mut items {
        item.current = Some(item.id) == s.user.session_id;
    }
    items.sort_by(|a, b| b.current.cmp(&a.current).then(b.last_seen_at.cmp(&a.last_seen_at)));
    Ok(ApiJson(LoginSessions { items }))
}

/// "Sair de todos os outros": ends every login of the user but this one —
/// their tokens and sockets stop at once.
#[utoipa::path(delete, path = "/me/sessions", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = EndedSessions), (status = 401, body = Problem)))]
async fn end_other_sessions(State(app): State<App>, mut s: Session) -> Result<ApiJson<EndedSessions>> {
    let ended =
        repo::revoke_other_sessions(&mut s.tx, s.user.tenant_id, s.user.id, s.user.session_id).await?;
    s.tx.commit().await?;
    for session_id in &ended {
        app.realtime.disconnect_session(*session_id).await;
    }
    Ok(ApiJson(EndedSessions { ended: ended.len() }))
}

/// Ends one of the user's logins (this one included: that is signing out).
/// Another person's, or one already over, is a 404.
#[utoipa::path(delete, path = "/me/sessions/{id}", tag = "auth", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem)))]
async fn end_session(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode> {
    if !repo::revoke_session(&mut s.tx, s.user.tenant_id, s.user.id, id).await? {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    app.realtime.disconnect_session(id).await;
    Ok(StatusCode::NO_CONTENT)
}
