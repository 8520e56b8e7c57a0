//! What the Stripe and Asaas adapters share besides the HTTP client (which
//! is [`egress::Egress`]): reading webhook JSON and reais/cents conversion.

use serde::de::DeserializeOwned;

use crate::Error;

/// Reads a webhook payload as `T`.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| Error::Decode(e.to_string()))
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
}
