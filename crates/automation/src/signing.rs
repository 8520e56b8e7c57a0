//! The one way ConectCRM signs what it POSTs to a company's endpoint: flow
//! webhook actions and webhook subscriptions share these headers, the
//! secret's shape and the signature, so a receiver verifies both alike
//! (`docs/WEBHOOKS.md`).

use hmac::{Hmac, Mac};
use kernel::{App, Result};
use rand::RngCore;
use sha2::Sha256;
use uuid::Uuid;

/// The header that signs a call: `t=<unix>,v1=<hex HMAC-SHA256>`.
pub const SIGNATURE_HEADER: &str = "X-ConectCRM-Signature";
/// The header naming the delivery (or flow run): the receiver's
/// idempotency key, the same on every retry and replay of it.
pub const DELIVERY_HEADER: &str = "X-ConectCRM-Delivery";

/// 32 random bytes as 64 hex characters (what the company pastes into its
/// receiver), sealed with `SECRETS_KEY` and the tenant id for storage.
pub fn new_secret(app: &App, tenant_id: Uuid) -> Result<Vec<u8>> {
    let mut raw = [0u8; 32];
    rand::rng().fill_bytes(&mut raw);
    kernel::secrets::seal(&app.config, tenant_id, hex::encode(raw).as_bytes())
}

/// `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe does: the
/// time inside the signature lets a receiver refuse old replays.
pub fn signature(secret: &[u8], t: i64, body: &[u8]) -> String {
    // HMAC accepts a key of any length: this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else { return String::new() };
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// The headers of one signed JSON POST.
pub fn headers(secret: &[u8], delivery: Uuid, body: &[u8]) -> Vec<(&'static str, String)> {
    vec![
        (SIGNATURE_HEADER, signature(secret, chrono::Utc::now().timestamp(), body)),
        (DELIVERY_HEADER, delivery.to_string()),
        ("Content-Type", "application/json".to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn signature_is_hmac_of_time_dot_body() {
        // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac segredo
        let s = signature(b"segredo", 1_700_000_000, br#"{"a":1}"#);
        assert_eq!(s, "t=1700000000,v1=41634607aa61528682a37f94a43a64ca2d3a6a30bc8f2fb88f8f754286d90e85");
    }
}
