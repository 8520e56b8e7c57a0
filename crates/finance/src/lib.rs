//! Finance: invoices from contracts and by hand, subscriptions billed every
//! period, payments (by hand or from Stripe and Asaas webhooks) allocated
//! across a customer's invoices, customer credit, refunds, late fees capped
//! at the Brazilian consumer limits, PIX BR Codes, dunning reminders and
//! the receivables / MRR views. Money is integer cents everywhere.
//!
//! Finance hears CRM through `ContractSigned` / `ContractCancelled` and
//! speaks through its own events (`InvoiceIssued`, `InvoicePaid`,
//! `PaymentReceived`, `InvoiceReminderDue`, …), each with a `timeline`
//! hint so the customer's timeline shows it.

pub mod dunning;
pub mod fees;
pub mod from_contracts;
pub mod gateways;
pub mod invoices;
pub mod ledger;
pub mod parties;
pub mod reports;
pub mod schedule;
pub mod settings;
pub mod subscriptions;

use axum::Router;
use kernel::App;
use kernel::auth::Role;
use kernel::jobs::Registry;
use utoipa_axum::router::OpenApiRouter;

/// Who works with money.
pub const FINANCE_ROLES: &[Role] = kernel::auth::Area::Finance.roles();
/// Who configures it (gateways and their keys, late fees, PIX key, dunning).
pub const FINANCE_ADMINS: &[Role] = &[Role::Owner, Role::Admin, Role::Finance];

/// Routes under `/api/v1`.
pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .merge(reports::http::router())
        .merge(invoices::http::router())
        .merge(ledger::http::router())
        .merge(subscriptions::http::router())
        .merge(settings::http::router())
        .merge(gateways::http::router())
}

/// Public routes under `/api/v1/public` (the invoice page).
pub fn public_router() -> OpenApiRouter<App> {
    invoices::public_http::router()
}

/// GatewayProvider webhooks at `/hooks/*` (outside `/api/v1`, signed by the provider).
pub fn hooks_router() -> Router<App> {
    gateways::hooks::router()
}

pub fn register_jobs(registry: &mut Registry) {
    from_contracts::register(registry);
    subscriptions::service::register(registry);
    dunning::register(registry);
    invoices::document::register(registry);
    gateways::webhooks::register(registry);
}
