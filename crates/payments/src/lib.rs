//! Wire formats of the payment providers ConectCRM speaks: the Stripe and
//! Asaas HTTP APIs and webhooks, and the PIX "BR Code" (the copy-and-paste
//! string behind a PIX QR code).
//!
//! This crate is a pure adapter. It knows no tables, no tenants and no other
//! crate of the workspace: callers hand it plain values (amounts in cents,
//! ids as strings) and get plain values back. Deciding what a payment means
//! for an invoice is the `finance` crate's job.
//!
//! Every client takes the process's [`egress::Egress`] (the one outbound
//! HTTP policy) and its base URL, so tests can point it at a local server
//! the operator's allow-list names; production URLs are the
//! `DEFAULT_BASE_URL`/`*_BASE_URL` constants, and each module's `API` scope
//! lists the hosts its calls may reach.

pub mod asaas;
pub mod pix;
pub mod stripe;
mod wire;

/// What can go wrong when talking to a provider.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The provider answered with a 4xx/5xx; `message` is the provider's own
    /// explanation (Stripe's `error.message`, Asaas's `errors[0].description`).
    #[error("provider answered {status}: {message}")]
    Provider { status: u16, message: String },
    /// The call failed before the provider could answer it, or its answer
    /// could not be used: address not allowed, no answer, answer too large
    /// or unreadable. Shown to users as is (the class, never the details).
    #[error("{0}")]
    Egress(egress::Error),
    /// An answer we cannot read (not JSON, or missing a field we need).
    #[error("unexpected response: {0}")]
    Decode(String),
}

impl Error {
    /// Whether trying the same call again later can succeed. Callers retry
    /// with the same idempotency key, so a retry never charges twice.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Egress(e) => e.is_retryable(),
            Error::Provider { status, .. } => *status >= 500 || *status == 429,
            Error::Decode(_) => false,
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

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn only_outages_and_rate_limits_are_retryable() {
        let provider = |status| Error::Provider { status, message: String::new() };
        assert!(Error::Egress(egress::Error::Unreachable).is_retryable());
        assert!(!Error::Egress(egress::Error::Refused).is_retryable());
        assert!(provider(500).is_retryable());
        assert!(provider(503).is_retryable());
        assert!(provider(429).is_retryable());
        assert!(!provider(400).is_retryable());
        assert!(!provider(401).is_retryable());
        assert!(!provider(404).is_retryable());
        assert!(!Error::Decode("not json".into()).is_retryable());
    }
}
