//! Automation ("Automação → Fluxos"): a company's flows, each an event kind
//! of the catalogue (the trigger), a tree of conditions over the event's
//! fields and actions run in order. The job `automation.run_flows` takes
//! every event, runs the company's active flows of its kind at most once
//! per flow version and event, and records each run step by step.
//!
//! Outgoing webhooks ("Configurações → Integrações", [`webhooks`]): the
//! company's endpoints subscribed to event kinds, each event delivered
//! signed ([`signing`], shared with the flows' webhook action), retried,
//! logged and replayable.
//!
//! Automation imports no other domain: it acts on tickets (and calls
//! webhooks through the egress guard) through [`ports::ActionPort`], which
//! the server implements with support, as support finds customers through
//! its `CustomerDirectory`.

pub mod flows;
pub mod ports;
pub mod signing;
pub mod webhooks;

use kernel::App;
use kernel::auth::Role;
use kernel::jobs::Registry;
use utoipa_axum::router::OpenApiRouter;

/// Who builds, switches and reads flows.
pub const AUTOMATION_ROLES: &[Role] = &[Role::Owner, Role::Admin, Role::Manager];

/// Who manages the company's webhook endpoints: they hold a secret and
/// send the company's data out.
pub const INTEGRATION_ROLES: &[Role] = Role::ADMINS;

/// Routes under `/api/v1`.
pub fn router() -> OpenApiRouter<App> {
    flows::http::router().merge(webhooks::http::router())
}

pub fn register_jobs(registry: &mut Registry) {
    flows::service::register(registry);
    webhooks::service::register(registry);
}
