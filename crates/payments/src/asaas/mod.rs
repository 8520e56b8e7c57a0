//! Asaas: Brazilian charges (PIX, boleto, card) through the v3 JSON API, and
//! the webhooks that report payments, authenticated by a shared token.
//!
//! Asaas speaks reais as JSON numbers (`129.9`); this module speaks cents.

mod client;
mod event;

pub use client::{BillingType, BoletoLine, Charge, Client, NewCharge, NewCustomer, PixQrCode};
pub use event::{Event, PaymentEvent, parse_event, verify_token};

pub const PRODUCTION_BASE_URL: &str = "https://api.asaas.com";
pub const SANDBOX_BASE_URL: &str = "https://api-sandbox.asaas.com";

/// Where API calls may go without the operator's say-so: production and
/// both sandbox hosts Asaas has documented.
pub const API: egress::Scope =
    egress::Scope(&["api.asaas.com", "api-sandbox.asaas.com", "sandbox.asaas.com"]);
