//! Twilio Programmable Messaging: SMS and WhatsApp through one API. Webhooks
//! are form posts signed with `X-Twilio-Signature`; a WhatsApp number is
//! written `whatsapp:+5511…`, an SMS number `+5511…`.

mod client;
mod signature;
mod webhook;

pub use client::{Client, outside_window_error};
pub use signature::{signature, verify_signature};
pub use webhook::{Event, is_whatsapp, outside_window_status, parse_webhook};

pub const API_BASE_URL: &str = "https://api.twilio.com";

/// Where API calls may go without the operator's say-so.
pub const API: egress::Scope = egress::Scope(&["api.twilio.com"]);

/// Where a received `MediaUrl{N}` may point: the API host (which redirects
/// to storage) or Twilio's media CDN.
pub const MEDIA: egress::Scope = egress::Scope(&["api.twilio.com", "*.twiliocdn.com"]);

/// Twilio error for a free-form WhatsApp message outside the 24-hour window.
pub const OUTSIDE_WINDOW_CODE: u64 = 63016;
