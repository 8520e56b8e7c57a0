//! Omnichannel support: WhatsApp, Twilio (SMS/WhatsApp), e-mail and web
//! chat land as tickets in one inbox. Every inbound payload is verified,
//! stored raw and acknowledged; a job deduplicates it by the provider's id,
//! normalises it, finds or creates the customer (through
//! [`directory::CustomerDirectory`], which the server implements with the
//! CRM), finds the open ticket or opens one, triages ([`triage`]) and
//! routes it ([`teams::routing`]). Outbound messages are jobs, retried on
//! timeouts and 5xx and marked failed with the provider's reason.

pub mod bot;
pub mod canned;
pub mod channels;
pub mod directory;
pub mod inbound;
pub mod realtime;
pub mod sla;
pub mod teams;
pub mod tickets;
pub mod triage;
pub mod webchat;

use axum::Router;
use kernel::App;
use kernel::auth::Role;
use kernel::jobs::Registry;
use utoipa_axum::router::OpenApiRouter;

/// Who works in the inbox.
pub const SUPPORT_ROLES: &[Role] = kernel::auth::Area::Support.roles();
/// Who configures it (channels, teams, queues, SLA, rules) and may act on any team's tickets.
pub const SUPPORT_ADMINS: &[Role] = &[Role::Owner, Role::Admin, Role::Manager];
/// Who may read channels' inbound tokens whole and rotate them.
pub const SECRET_VIEWERS: &[Role] = &[Role::Owner, Role::Admin];

/// Routes under `/api/v1`.
pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .merge(tickets::http::router())
        .merge(channels::http::router())
        .merge(teams::http::router())
        .merge(canned::http::router())
        .merge(triage::http::router())
        .merge(bot::http::router())
        .merge(sla::router())
}

/// Public routes under `/api/v1/public` (the web-chat widget).
pub fn public_router() -> OpenApiRouter<App> {
    webchat::http::router()
}

/// The product's own web-chat page (HTML), where e-mailed links lead.
pub fn webchat_page_router() -> Router<App> {
    webchat::http::page_router()
}

/// Provider webhooks at `/hooks/*`.
pub fn hooks_router() -> Router<App> {
    inbound::hooks::router()
}

pub fn register_jobs(registry: &mut Registry) {
    inbound::intake::register(registry);
    tickets::outbound::register(registry);
    sla::register(registry);
    tickets::service::register(registry);
    tickets::sale::register(registry);
    channels::service::register(registry);
    triage::feedback::register(registry);
    triage::llm::register(registry);
    bot::service::register(registry);
    webchat::digest::register(registry);
}
