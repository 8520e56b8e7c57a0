//! The `Stripe-Signature` header of webhooks: `t=<unix>,v1=<hex>`, where the
//! hex is HMAC-SHA256 of `"<t>.<raw body>"` keyed with the endpoint's
//! `whsec_…` secret. During a secret rotation Stripe sends one `v1` per
//! secret; `v0` is a legacy test scheme and is ignored.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;
const SHA256_LEN: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is missing")]
    Missing,
    #[error("the Stripe-Signature header has no timestamp or no v1 signature")]
    Malformed,
    #[error("no v1 signature matches the payload and secret")]
    Mismatch,
    #[error("the signature's timestamp is outside the tolerance (replayed or clock skew)")]
    Stale,
}

/// Checks that `payload` (the raw body, before any JSON parsing) was signed
/// with `secret` within `tolerance_secs` of `now_unix`. The timestamp is
/// signed too, so an old request cannot be replayed with a fresh `t`.
pub fn verify_signature(
    header: &str,
    payload: &[u8],
    secret: &str,
    now_unix: i64,
    tolerance_secs: i64,
) -> Result<(), SignatureError> {
    if header.trim().is_empty() {
        return Err(SignatureError::Missing);
    }
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for (name, value) in header.split(',').filter_map(|item| item.trim().split_once('=')) {
        match name {
            "t" => timestamp = value.parse::<i64>().ok(),
            // A v1 that is not a hex SHA-256 cannot match; skip it rather
            // than fail, since another v1 in the header may be the right one.
            "v1" => signatures.extend(hex::decode(value).ok().filter(|s| s.len() == SHA256_LEN)),
            _ => {}
        }
    }
    let Some(timestamp) = timestamp else {
        return Err(SignatureError::Malformed);
    };
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    let expected = mac(payload, secret, timestamp);
    // Constant-time, so response timing does not reveal how many leading
    // bytes of a forged signature were right.
    if !signatures.iter().any(|signature| bool::from(signature.as_slice().ct_eq(&expected))) {
        return Err(SignatureError::Mismatch);
    }
    if now_unix.abs_diff(timestamp) > tolerance_secs.unsigned_abs() {
        return Err(SignatureError::Stale);
    }
    Ok(())
}

/// The header Stripe would send for `payload` — for tests and local fakes.
pub fn signature_header(payload: &[u8], secret: &str, timestamp: i64) -> String {
    format!("t={timestamp},v1={}", hex::encode(mac(payload, secret, timestamp)))
}

fn mac(payload: &[u8], secret: &str, timestamp: i64) -> Vec<u8> {
    // HMAC takes keys of any length, so this constructor cannot fail.
    let Ok(mut mac) = HmacSha256::new_from_slice(secret.as_bytes()) else {
        return Vec::new();
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const SECRET: &str = "whsec_test_secret";
    const PAYLOAD: &[u8] = br#"{"id":"evt_1"}"#;
    const T: i64 = 1_700_000_000;
    /// HMAC-SHA256("whsec_test_secret", `1700000000.{"id":"evt_1"}`),
    /// computed once with Python's hmac module.
    const KNOWN_V1: &str = "248a374f50f943a28b0f6ab50faf9a7e7e29b710fa26df9fb1618b9bf8ea9c9a";

    #[test]
    fn header_matches_a_vector_computed_elsewhere() {
        assert_eq!(signature_header(PAYLOAD, SECRET, T), format!("t={T},v1={KNOWN_V1}"));
    }

    #[test]
    fn header_matches_hmac_computed_in_the_test() {
        let mut mac = HmacSha256::new_from_slice(b"another secret").unwrap();
        mac.update(b"42.hello");
        let hex = hex::encode(mac.finalize().into_bytes());
        assert_eq!(signature_header(b"hello", "another secret", 42), format!("t=42,v1={hex}"));
        assert_eq!(verify_signature(&format!("t=42,v1={hex}"), b"hello", "another secret", 42, 300), Ok(()));
    }

    #[test]
    fn a_fresh_correct_signature_is_accepted() {
        let header = format!("t={T},v1={KNOWN_V1}");
        assert_eq!(verify_signature(&header, PAYLOAD, SECRET, T + 299, 300), Ok(()));
        assert_eq!(verify_signature(&header, PAYLOAD, SECRET, T - 10, 300), Ok(()));
    }

    #[test]
    fn wrong_secret_or_body_is_a_mismatch() {
        let header = signature_header(PAYLOAD, SECRET, T);
        assert_eq!(verify_signature(&header, PAYLOAD, "whsec_other", T, 300), Err(SignatureError::Mismatch));
        assert_eq!(
            verify_signature(&header, br#"{"id":"evt_2"}"#, SECRET, T, 300),
            Err(SignatureError::Mismatch)
        );
        // Moving the timestamp breaks the signature: replays cannot refresh it.
        let moved = format!("t={},v1={KNOWN_V1}", T + 1);
        assert_eq!(verify_signature(&moved, PAYLOAD, SECRET, T, 300), Err(SignatureError::Mismatch));
    }

    #[test]
    fn an_old_signature_is_stale() {
        let header = signature_header(PAYLOAD, SECRET, T);
        assert_eq!(verify_signature(&header, PAYLOAD, SECRET, T + 301, 300), Err(SignatureError::Stale));
        assert_eq!(verify_signature(&header, PAYLOAD, SECRET, T - 301, 300), Err(SignatureError::Stale));
    }

    #[test]
    fn any_of_several_v1_may_match() {
        let other = "0".repeat(64);
        let header = format!("t={T}, v1={other}, v1={KNOWN_V1}, v0=abc");
        assert_eq!(verify_signature(&header, PAYLOAD, SECRET, T, 300), Ok(()));
        let header = format!("t={T},v1=not-hex,v1={KNOWN_V1}");
        assert_eq!(verify_signature(&header, PAYLOAD, SECRET, T, 300), Ok(()));
    }

    #[test]
    fn missing_or_malformed_headers() {
        assert_eq!(verify_signature("", PAYLOAD, SECRET, T, 300), Err(SignatureError::Missing));
        assert_eq!(verify_signature("  ", PAYLOAD, SECRET, T, 300), Err(SignatureError::Missing));
        for header in [
            format!("v1={KNOWN_V1}"),
            format!("t=abc,v1={KNOWN_V1}"),
            format!("t={T}"),
            format!("t={T},v0={KNOWN_V1}"),
            "garbage".to_owned(),
        ] {
            assert_eq!(
                verify_signature(&header, PAYLOAD, SECRET, T, 300),
                Err(SignatureError::Malformed),
                "{header}"
            );
        }
    }
}
