//! SendGrid: outbound mail through the v3 Mail Send API, and incoming mail
//! through the Inbound Parse webhook (a multipart/form-data post).

mod client;
mod inbound;

pub use client::Client;
pub use inbound::{InboundField, parse_inbound, parse_inbound_multipart};

pub const API_BASE_URL: &str = "https://api.sendgrid.com";

/// Where API calls may go without the operator's say-so.
pub const API: egress::Scope = egress::Scope(&["api.sendgrid.com"]);
