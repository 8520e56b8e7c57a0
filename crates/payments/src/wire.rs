//! What the Stripe and Asaas clients share: the HTTP client settings, turning
//! an answer into a value or an [`Error`], and reais/cents conversion.

use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::Error;

/// Long enough for a slow provider, short enough that a stuck call does not
/// hold a worker (callers retry retryable errors later).
const TIMEOUT: Duration = Duration::from_secs(15);

/// The longest provider body quoted in an error when it is not the provider's
/// usual error JSON (an HTML page from a proxy, say).
const MAX_QUOTED_BODY: usize = 200;

pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(TIMEOUT)
        .user_agent("ConectCRM")
        .build()
        // Building fails only when a TLS backend cannot start; this crate
        // enables none, so the fallback is never taken in practice.
        .unwrap_or_default()
}

/// The base URL without its trailing slashes, so paths can be appended.
pub(crate) fn base_url(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}

/// Percent-encodes an id before it goes into a URL path, so an id can never
/// add path segments or a query string.
pub(crate) fn path_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-' {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Sends the request and returns the body of a 2xx answer. For any other
/// status `error_message` pulls the provider's explanation out of the body.
pub(crate) async fn send(
    request: reqwest::RequestBuilder,
    error_message: fn(&[u8]) -> Option<String>,
) -> Result<Vec<u8>, Error> {
    let response = request.send().await.map_err(transport)?;
    let status = response.status();
    let body = response.bytes().await.map_err(transport)?;
    if status.is_success() {
        return Ok(body.to_vec());
    }
    let message = error_message(&body)
        .or_else(|| quoted_body(&body))
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("no explanation given").to_owned());
    Err(Error::Provider { status: status.as_u16(), message })
}

/// Sends the request and reads the JSON of a 2xx answer as `T`.
pub(crate) async fn send_json<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
    error_message: fn(&[u8]) -> Option<String>,
) -> Result<T, Error> {
    let body = send(request, error_message).await?;
    decode(&body)
}

pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| Error::Decode(e.to_string()))
}

fn transport(error: reqwest::Error) -> Error {
    // The URL is ours and holds no secret; keys travel in headers only.
    Error::Transport(error.to_string())
}

fn quoted_body(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(text.chars().take(MAX_QUOTED_BODY).collect())
}

/// Cents as the reais number a JSON API expects (12990 → 129.9). Dividing by
/// 100 gives the double nearest to the exact decimal, and serde_json prints
/// the shortest text that reads back as that double — the decimal itself —
/// for any amount below 2^53 cents.
pub(crate) fn cents_to_reais(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// A reais number from a JSON API as cents (129.9 → 12990). 129.9 × 100 is
/// 12989.999…, so the product is rounded, never truncated.
pub(crate) fn reais_to_cents(reais: f64) -> Option<i64> {
    let cents = (reais * 100.0).round();
    // Out-of-range values would saturate silently in the cast.
    (cents.is_finite() && cents.abs() < 9.0e15).then_some(cents as i64)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn reais_and_cents_convert_without_float_drift() {
        assert_eq!(reais_to_cents(129.9), Some(12990));
        assert_eq!(reais_to_cents(0.29), Some(29));
        assert_eq!(reais_to_cents(-10.1), Some(-1010));
        assert_eq!(reais_to_cents(f64::NAN), None);
        assert_eq!(reais_to_cents(1e300), None);
        for cents in [1_i64, 29, 99, 100, 12990, 1_000_001, 123_456_789_012] {
            let json = serde_json::to_string(&cents_to_reais(cents)).unwrap();
            // serde_json writes whole numbers as "100.0"; compare the decimals.
            let decimal = |s: &str| s.trim_end_matches('0').trim_end_matches('.').to_owned();
            assert_eq!(decimal(&json), decimal(&format!("{}.{:02}", cents / 100, cents % 100)), "{cents}");
            assert_eq!(reais_to_cents(json.parse().unwrap()), Some(cents));
        }
    }

    #[test]
    fn ids_cannot_escape_their_path_segment() {
        assert_eq!(path_segment("pay_080225913252"), "pay_080225913252");
        assert_eq!(path_segment("../x?y"), "%2E%2E%2Fx%3Fy");
    }
}
