//! Read models across the domains, for the people who decide: which
//! customers are at risk of leaving, and why ([`risk`]); what customers
//! write about more than the week before ([`topics`]); the dashboard's
//! numbers, kept in daily rollups ([`dashboard`]).
//!
//! Analytics writes only its own tables (the dashboard's facts and
//! rollups). It reads support's, CRM's and finance's records read-only, in
//! a tenant transaction (RLS applies), like the documented read-only
//! couplings in `docs/ARCHITECTURE.md`; no domain imports it.

pub mod dashboard;
pub mod risk;
pub mod topics;

use kernel::App;
use kernel::auth::Role;
use utoipa_axum::router::OpenApiRouter;

/// Who sees the list of customers at risk: those who look after accounts.
pub const RISK_LIST_ROLES: &[Role] = &[Role::Owner, Role::Admin, Role::Manager, Role::Sales, Role::Finance];

/// Routes under `/api/v1`.
pub fn router() -> OpenApiRouter<App> {
    risk::http::router().merge(topics::http::router()).merge(dashboard::http::router())
}

pub fn register_jobs(registry: &mut kernel::jobs::Registry) {
    dashboard::rollup::register(registry);
}
