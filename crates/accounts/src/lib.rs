//! Accounts: companies (the tenants), users and roles, invitations,
//! password resets, plans and their limits, each person's profile and
//! notifications, and the auth API
//! (`/api/v1/auth/*`, `/api/v1/me`).

pub mod auth;
pub mod company;
pub mod images;
pub mod invitations;
pub mod notifications;
pub mod plans;
pub mod profile;
pub mod users;

use kernel::App;
use kernel::jobs::Registry;
use utoipa_axum::router::OpenApiRouter;

/// Routes under `/api/v1`.
pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .merge(auth::http::router())
        .merge(users::http::router())
        .merge(invitations::http::router())
        .merge(company::http::router())
        .merge(plans::http::router())
        .merge(profile::http::router())
        .merge(notifications::http::router())
}

/// Routes under `/api/v1/auth` (rate-limited by the server).
pub fn auth_router() -> OpenApiRouter<App> {
    auth::http::public_router()
}

/// `/auth/refresh` and `/auth/logout` (rate-limited by the server apart
/// from sign-in).
pub fn session_router() -> OpenApiRouter<App> {
    auth::http::session_router()
}

/// This module's background jobs.
pub fn register_jobs(registry: &mut Registry) {
    notifications::service::register(registry);
}
