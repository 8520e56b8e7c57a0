//! Payment gateways per company (Stripe, Asaas): sealed credentials, a
//! connection test, charges for invoices, and the provider webhooks —
//! verified, stored raw, acknowledged, then processed by a job.

pub mod charges;
pub mod hooks;
pub mod http;
pub mod model;
pub mod repo;
pub mod webhooks;
