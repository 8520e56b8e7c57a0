//! Read models across the domains, for the people who decide: which
//! customers are at risk of leaving, and why ([`risk`]); what customers
//! write about more than the week before ([`topics`]).
//!
//! Analytics writes nothing. It reads support's tickets and finance's
//! invoices and subscriptions read-only, in the caller's tenant
//! transaction (RLS applies), like the documented read-only couplings in
//! `docs/ARCHITECTURE.md`; no domain imports it.

pub mod risk;
pub mod topics;

use kernel::App;
use kernel::auth::Role;
use utoipa_axum::router::OpenApiRouter;

/// Who sees the list of customers at risk: those who look after accounts.
pub const RISK_LIST_ROLES: &[Role] = &[Role::Owner, Role::Admin, Role::Manager, Role::Sales, Role::Finance];

/// Routes under `/api/v1`.
pub fn router() -> OpenApiRouter<App> {
    risk::http::router().merge(topics::http::router())
}
