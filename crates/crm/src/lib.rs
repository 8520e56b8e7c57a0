//! CRM: the customer at the centre — customers and their contacts, custom
//! fields, the product catalogue, pipelines with stages, opportunities on a
//! kanban, and the customer timeline that other modules feed through their
//! domain events.

pub mod contracts;
pub mod custom_fields;
pub mod customers;
pub mod imports;
pub mod lines;
pub mod opportunities;
pub mod pipelines;
pub mod products;
pub mod proposals;
pub mod search;
pub mod timeline;

use kernel::App;
use kernel::auth::Role;
use kernel::jobs::Registry;
use utoipa_axum::router::OpenApiRouter;

/// Who works in the CRM.
pub const CRM_ROLES: &[Role] = kernel::auth::Area::Crm.roles();
/// Who may read customers (finance bills them, support talks to them; neither edits them).
pub const CUSTOMER_READERS: &[Role] =
    &[Role::Owner, Role::Admin, Role::Manager, Role::Sales, Role::Finance, Role::Agent];
/// Who configures it (custom fields, pipelines).
pub const CRM_ADMINS: &[Role] = &[Role::Owner, Role::Admin, Role::Manager];

/// Public routes under `/api/v1/public` (no login; the proposal link).
pub fn public_router() -> OpenApiRouter<App> {
    proposals::public_http::router()
}

/// Routes under `/api/v1`.
pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .merge(imports::http::router())
        .merge(customers::http::router())
        .merge(custom_fields::http::router())
        .merge(products::http::router())
        .merge(pipelines::http::router())
        .merge(opportunities::http::router())
        .merge(timeline::http::router())
        .merge(proposals::http::router())
        .merge(contracts::http::router())
}

pub fn register_jobs(registry: &mut Registry) {
    pipelines::service::register(registry);
    timeline::service::register(registry);
    proposals::service::register(registry);
    imports::service::register(registry);
}
