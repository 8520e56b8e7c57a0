//! Proving that a webhook comes from Meta: the subscription handshake (a GET
//! with our verify token) and `X-Hub-Signature-256` on every POST, which is
//! `sha256=<hex HMAC-SHA256(app secret, raw body)>`.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// Answers Meta's subscription check: the `hub.challenge` to echo when
/// `hub.mode` is `subscribe` and `hub.verify_token` is ours, else None (the
/// caller answers 403). An empty configured token accepts nothing.
pub fn verify_subscription(
    mode: Option<&str>,
    token: Option<&str>,
    challenge: Option<&str>,
    expected_token: &str,
) -> Option<String> {
    if mode != Some("subscribe") || expected_token.is_empty() {
        return None;
    }
    // Comparing digests keeps the comparison constant-time even in the
    // token's length.
    let matches = Sha256::digest(token?.as_bytes()).ct_eq(&Sha256::digest(expected_token.as_bytes()));
    if !bool::from(matches) {
        return None;
    }
    challenge.map(str::to_owned)
}

/// Whether `X-Hub-Signature-256` is the app secret's signature of `body` (the
/// raw bytes, before any JSON parsing). An empty secret accepts nothing.
pub fn verify_signature(header: Option<&str>, body: &[u8], app_secret: &str) -> bool {
    let Some(header) = header else {
        return false;
    };
    if app_secret.is_empty() {
        return false;
    }
    let Some(signature) = header.trim().strip_prefix("sha256=").and_then(|h| hex::decode(h).ok()) else {
        return false;
    };
    // Constant-time, so response timing does not reveal how many leading
    // bytes of a forged signature were right.
    bool::from(signature.as_slice().ct_eq(&mac(body, app_secret)))
}

/// The header Meta would send for `body` — for tests and local fakes.
pub fn signature_header(body: &[u8], app_secret: &str) -> String {
    format!("sha256={}", hex::encode(mac(body, app_secret)))
}

fn mac(body: &[u8], secret: &str) -> Vec<u8> {
    // HMAC takes keys of any length, so this constructor cannot fail.
    let Ok(mut mac) = HmacSha256::new_from_slice(secret.as_bytes()) else {
        return Vec::new();
    };
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}
