//! Stripe: card payments through PaymentIntents or hosted Checkout, and the
//! signed webhooks that report their outcome.
//!
//! Requests are form-encoded as Stripe expects; amounts are in cents of BRL.

mod client;
mod event;
mod signature;

pub use client::{CheckoutRequest, CheckoutSession, Client, PaymentIntent, PaymentIntentRequest};
pub use event::{Event, PaymentEvent, parse_event};
pub use signature::{SignatureError, signature_header, verify_signature};

pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";

/// Where API calls may go without the operator's say-so.
pub const API: egress::Scope = egress::Scope(&["api.stripe.com"]);
