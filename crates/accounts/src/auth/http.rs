use axum::extract::State;
use axum::http::StatusCode;
use kernel::error::Problem;
use kernel::http::ApiJson;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::model::{
    ChangePasswordRequest, ConfirmEmailRequest, ForgotPasswordRequest, LoginRequest, LogoutRequest, Me,
    RefreshRequest, ResetPasswordRequest, SignupAccepted, SignupRequest, TokenPair,
};
use super::service;
use crate::company;
use crate::invitations;
use crate::users;

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
    OpenApiRouter::new().routes(routes!(me)).routes(routes!(change_password))
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
    ApiJson(body): ApiJson<ConfirmEmailRequest>,
) -> Result<ApiJson<TokenPair>> {
    Ok(ApiJson(service::confirm_email(&app, &body.token).await?))
}

#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenPair), (status = 401, body = Problem), (status = 429, body = Problem)))]
async fn login(State(app): State<App>, ApiJson(body): ApiJson<LoginRequest>) -> Result<ApiJson<TokenPair>> {
    Ok(ApiJson(service::login(&app, &body.email, &body.password).await?))
}

/// Exchanges a refresh token for a new pair; the old one stops working.
#[utoipa::path(post, path = "/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenPair), (status = 401, body = Problem), (status = 422, body = Problem),
              (status = 429, body = Problem)))]
async fn refresh(
    State(app): State<App>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> Result<ApiJson<TokenPair>> {
    Ok(ApiJson(service::refresh(&app, &body.refresh_token).await?))
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
async fn me(mut s: Session) -> Result<ApiJson<Me>> {
    let tenant = s.user.tenant_id;
    let user = users::repo::find(&mut s.tx, tenant, s.user.id).await?.ok_or(Error::NotFound)?;
    let company = company::repo::summary(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    Ok(ApiJson(Me { user, company }))
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
