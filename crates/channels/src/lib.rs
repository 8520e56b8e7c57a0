//! Wire formats of the messaging channels ConectCRM's support inbox speaks:
//! the WhatsApp Cloud API (Meta Graph API), Twilio (SMS and WhatsApp),
//! SendGrid (outbound mail and Inbound Parse) and raw e-mail (RFC 5322/MIME).
//!
//! This crate is a pure adapter. It knows no tables, no tenants and no other
//! crate of the workspace: webhooks come in as bytes or form fields and leave
//! as the normalised [`InboundMessage`] and [`StatusUpdate`]; outbound calls
//! take plain strings and return the provider's message id. Deciding which
//! ticket a message belongs to is the `support` crate's job.
//!
//! Every client takes the process's [`egress::Egress`] (the one outbound
//! HTTP policy) and its base URL, so tests can point it at a local server
//! the operator's allow-list names; production URLs are the `*_BASE_URL`
//! constants and the hosts a call may reach are each module's `API` and
//! `MEDIA` scopes. Every signature check is constant-time and refuses an
//! empty secret.
//!
//! Provider error codes travel inside [`Error::Provider`]'s message as a
//! `(#code)` prefix — the way the Graph API writes them itself — so helpers
//! such as [`whatsapp::outside_window_error`] can recognise them.

pub mod email;
mod message;
mod phone;
pub mod sendgrid;
pub mod twilio;
pub mod whatsapp;

pub use message::{
    DeliveryState, EmailAttachment, InboundMedia, InboundMessage, Location, MediaKind, SharedContact,
    StatusUpdate,
};

/// What can go wrong when talking to a provider or reading what it sent.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The provider answered with a 4xx/5xx; `message` is the provider's own
    /// explanation, prefixed with its error code as `(#131047) …` when it
    /// gave one.
    #[error("provider answered {status}: {message}")]
    Provider { status: u16, message: String },
    /// The call failed before the provider could answer it, or its answer
    /// could not be used: address not allowed, no answer, answer too large
    /// or unreadable. Shown to users as is (the class, never the details).
    #[error("{0}")]
    Egress(egress::Error),
    /// Something we cannot read: a response or webhook that is not the
    /// provider's format, or a message we cannot build.
    #[error("unexpected data: {0}")]
    Decode(String),
}

impl Error {
    /// Whether trying the same call again later can succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Egress(e) => e.is_retryable(),
            Error::Provider { status, .. } => *status >= 500 || *status == 429,
            Error::Decode(_) => false,
        }
    }

    /// The provider's error code, when [`Error::Provider`] carried one
    /// (Graph `error.code`, Twilio `code`).
    pub fn provider_code(&self) -> Option<u64> {
        match self {
            Error::Provider { message, .. } => code_of(message),
            _ => None,
        }
    }
}

impl From<egress::Error> for Error {
    fn from(e: egress::Error) -> Error {
        match e {
            egress::Error::Status { status, message } => Error::Provider { status, message },
            other => Error::Egress(other),
        }
    }
}

/// Reads a webhook body (from the provider, or a client's request) as `T`.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| Error::Decode(e.to_string()))
}

/// Writes a provider reason as `(#code) text`, the Graph API's own style.
pub(crate) fn reason(code: Option<u64>, text: Option<&str>) -> Option<String> {
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    match (code, text) {
        // Graph messages often carry the prefix already.
        (Some(code), Some(text)) if text.starts_with(&format!("(#{code})")) => Some(text.to_owned()),
        (Some(code), Some(text)) => Some(format!("(#{code}) {text}")),
        (Some(code), None) => Some(format!("(#{code})")),
        (None, Some(text)) => Some(text.to_owned()),
        (None, None) => None,
    }
}

/// Reads the code back out of a [`reason`].
pub(crate) fn code_of(reason: &str) -> Option<u64> {
    reason.strip_prefix("(#")?.split_once(')')?.0.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_outages_and_rate_limits_are_retryable() {
        let provider = |status| Error::Provider { status, message: String::new() };
        assert!(Error::Egress(egress::Error::Unreachable).is_retryable());
        assert!(!Error::Egress(egress::Error::Refused).is_retryable());
        assert!(!Error::Egress(egress::Error::TooLarge).is_retryable());
        assert!(provider(500).is_retryable());
        assert!(provider(503).is_retryable());
        assert!(provider(429).is_retryable());
        assert!(!provider(400).is_retryable());
        assert!(!provider(401).is_retryable());
        assert!(!provider(404).is_retryable());
        assert!(!Error::Decode("not json".into()).is_retryable());
    }

    #[test]
    fn reasons_carry_the_code_once() {
        assert_eq!(
            reason(Some(131047), Some("Re-engagement message")).as_deref(),
            Some("(#131047) Re-engagement message")
        );
        assert_eq!(
            reason(Some(100), Some("(#100) Invalid parameter")).as_deref(),
            Some("(#100) Invalid parameter")
        );
        assert_eq!(reason(Some(30003), None).as_deref(), Some("(#30003)"));
        assert_eq!(reason(None, Some(" Unreachable ")).as_deref(), Some("Unreachable"));
        assert_eq!(reason(None, Some("")), None);
        assert_eq!(code_of("(#131047) Re-engagement message"), Some(131047));
        assert_eq!(code_of("Re-engagement message (#131047)"), None);
        let e = Error::Provider { status: 400, message: "(#20003) Authenticate".into() };
        assert_eq!(e.provider_code(), Some(20003));
    }
}
