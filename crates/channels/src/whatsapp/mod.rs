//! Meta's WhatsApp Cloud API (Graph API): the signed webhooks that bring
//! customers' messages and the delivery status of ours, and the calls that
//! send text, templates and media and fetch received media.
//!
//! Numbers go out as digits (`5511987654321`) and come back as E.164
//! (`+5511987654321`).

mod client;
mod signature;
mod webhook;

pub use client::{Client, outside_window_error};
pub use signature::{signature_header, verify_signature, verify_subscription};
pub use webhook::{Notification, outside_window_status, parse_webhook, parse_webhook_all};

pub const GRAPH_BASE_URL: &str = "https://graph.facebook.com";

/// Where API calls may go without the operator's say-so.
pub const API: egress::Scope = egress::Scope(&["graph.facebook.com"]);

/// Where a media URL the Graph API hands out may point: Meta serves media
/// from `lookaside.fbsbx.com` and wants the access token there too.
pub const MEDIA: egress::Scope = egress::Scope(&["graph.facebook.com", "lookaside.fbsbx.com"]);

/// The Graph API version every call is pinned to, so a Meta default-version
/// change cannot alter the payloads under us.
pub const GRAPH_API_VERSION: &str = "v21.0";

/// Graph error code for a free-form message sent more than 24 hours after the
/// customer last wrote ("re-engagement message"): only a template can go.
pub const OUTSIDE_WINDOW_CODE: u64 = 131047;
