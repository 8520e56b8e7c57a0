//! Raw e-mail: reading an incoming RFC 5322 message into the normalised
//! model (with its HTML made safe to show), trimming quoted replies for
//! display, and building outbound MIME with the headers that keep a
//! conversation threaded in the customer's mail client.
//!
//! Message-IDs are handled without their angle brackets everywhere in this
//! crate's API; the brackets are added and removed at the wire.

mod build;
mod parse;
mod quote;
mod sanitize;

pub use build::{Outbound, build_mime, new_message_id};
pub use parse::parse_mime;
pub use quote::strip_quoted;
pub use sanitize::{html_to_text, sanitize_html};

pub(crate) use build::bare_id;
pub(crate) use parse::{parse_headers, parse_mailbox};
