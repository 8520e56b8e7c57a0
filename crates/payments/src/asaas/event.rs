//! Asaas webhooks: authenticated by the `asaas-access-token` header, which
//! carries the token chosen when the webhook was configured.

use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::{Error, wire};

/// Whether the `asaas-access-token` header equals the configured token.
/// An empty configured token accepts nothing.
pub fn verify_token(header: Option<&str>, expected: &str) -> bool {
    let Some(header) = header else {
        return false;
    };
    if expected.is_empty() {
        return false;
    }
    // Comparing digests keeps the comparison constant-time even in the
    // token's length.
    bool::from(Sha256::digest(header.as_bytes()).ct_eq(&Sha256::digest(expected.as_bytes())))
}

/// A webhook event. `payment` is None for events that do not move money for
/// an invoice; those are acknowledged and ignored, not errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// `evt_…`; Asaas may deliver an event more than once, so callers
    /// deduplicate on it.
    pub id: String,
    /// Asaas's `event`, e.g. `PAYMENT_RECEIVED`.
    pub kind: String,
    pub payment: Option<PaymentEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentEvent {
    /// PAYMENT_CONFIRMED (card approved, money still to come) or
    /// PAYMENT_RECEIVED (money in the account). A card payment sends both,
    /// so callers deduplicate on `payment_id`.
    Received {
        payment_id: String,
        value_cents: i64,
        external_reference: Option<String>,
    },
    Overdue {
        payment_id: String,
        external_reference: Option<String>,
    },
    Refunded {
        payment_id: String,
        value_cents: i64,
        external_reference: Option<String>,
    },
}

#[derive(Deserialize)]
struct RawEvent {
    id: String,
    event: String,
    payment: Option<RawPayment>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPayment {
    id: String,
    value: Option<f64>,
    refunded_value: Option<f64>,
    external_reference: Option<String>,
}

/// Reads a webhook body. Check its token with [`verify_token`] first.
pub fn parse_event(payload: &[u8]) -> Result<Event, Error> {
    let raw: RawEvent = wire::decode(payload)?;
    if raw.id.is_empty() {
        return Err(Error::Decode("event without id".into()));
    }
    let payment = payment_event(&raw.event, raw.payment)?;
    Ok(Event { id: raw.id, kind: raw.event, payment })
}

fn payment_event(kind: &str, payment: Option<RawPayment>) -> Result<Option<PaymentEvent>, Error> {
    if !matches!(kind, "PAYMENT_RECEIVED" | "PAYMENT_CONFIRMED" | "PAYMENT_OVERDUE" | "PAYMENT_REFUNDED") {
        return Ok(None);
    }
    let payment = payment.ok_or_else(|| Error::Decode(format!("{kind} without payment")))?;
    let cents = |reais: Option<f64>| {
        reais
            .and_then(wire::reais_to_cents)
            .ok_or_else(|| Error::Decode(format!("{kind} without a valid payment value")))
    };
    let external_reference = payment.external_reference.filter(|r| !r.is_empty());
    let event = match kind {
        "PAYMENT_OVERDUE" => PaymentEvent::Overdue { payment_id: payment.id, external_reference },
        // Asaas's payment object does not always say how much was refunded;
        // a full refund (the only kind this event reports) is the whole value.
        "PAYMENT_REFUNDED" => PaymentEvent::Refunded {
            value_cents: cents(payment.refunded_value.or(payment.value))?,
            payment_id: payment.id,
            external_reference,
        },
        _ => PaymentEvent::Received {
            value_cents: cents(payment.value)?,
            payment_id: payment.id,
            external_reference,
        },
    };
    Ok(Some(event))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::{Value, json};

    use super::*;

    fn parse(kind: &str, payment: Value) -> Event {
        let body = json!({"id": "evt_05b708f961d739ea7eba7e4db318f621&368604920", "event": kind,
                          "dateCreated": "2025-02-08 10:15:00", "payment": payment});
        parse_event(body.to_string().as_bytes()).unwrap()
    }

    fn payment(status: &str) -> Value {
        json!({"object": "payment", "id": "pay_080225913252", "customer": "cus_000005", "value": 129.9,
               "netValue": 127.91, "status": status, "billingType": "PIX", "externalReference": "inv-1"})
    }

    #[test]
    fn received_and_confirmed_report_the_value_in_cents() {
        for kind in ["PAYMENT_RECEIVED", "PAYMENT_CONFIRMED"] {
            let e = parse(kind, payment("RECEIVED"));
            assert_eq!(e.id, "evt_05b708f961d739ea7eba7e4db318f621&368604920");
            assert_eq!(e.kind, kind);
            let expected = PaymentEvent::Received {
                payment_id: "pay_080225913252".into(),
                value_cents: 12990,
                external_reference: Some("inv-1".into()),
            };
            assert_eq!(e.payment, Some(expected));
        }
    }

    #[test]
    fn overdue_has_no_value() {
        let e = parse("PAYMENT_OVERDUE", payment("OVERDUE"));
        let expected = PaymentEvent::Overdue {
            payment_id: "pay_080225913252".into(),
            external_reference: Some("inv-1".into()),
        };
        assert_eq!(e.payment, Some(expected));
    }

    #[test]
    fn refunded_prefers_the_refunded_value() {
        let e = parse("PAYMENT_REFUNDED", payment("REFUNDED"));
        assert!(matches!(e.payment, Some(PaymentEvent::Refunded { value_cents: 12990, .. })));
        let mut partial = payment("REFUNDED");
        partial["refundedValue"] = json!(29.9);
        partial["externalReference"] = Value::Null;
        let expected = PaymentEvent::Refunded {
            payment_id: "pay_080225913252".into(),
            value_cents: 2990,
            external_reference: None,
        };
        assert_eq!(parse("PAYMENT_REFUNDED", partial).payment, Some(expected));
    }

    #[test]
    fn unknown_events_have_no_payment() {
        let e = parse("PAYMENT_CREATED", payment("PENDING"));
        assert_eq!((e.kind.as_str(), e.payment), ("PAYMENT_CREATED", None));
        let body = br#"{"id":"evt_2","event":"TRANSFER_DONE","transfer":{"id":"tra_1"}}"#;
        assert_eq!(parse_event(body).unwrap().payment, None);
    }

    #[test]
    fn broken_bodies_are_decode_errors() {
        let bodies: [&[u8]; 4] = [
            b"{",
            br#"{"event":"PAYMENT_RECEIVED"}"#,
            br#"{"id":"evt_1","event":"PAYMENT_RECEIVED"}"#,
            br#"{"id":"evt_1","event":"PAYMENT_RECEIVED","payment":{"id":"pay_1"}}"#,
        ];
        for body in bodies {
            assert!(matches!(parse_event(body), Err(Error::Decode(_))), "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn token_must_match_exactly() {
        assert!(verify_token(Some("tok_abc123"), "tok_abc123"));
        assert!(!verify_token(Some("tok_abc124"), "tok_abc123"));
        assert!(!verify_token(Some("tok_abc12"), "tok_abc123"));
        assert!(!verify_token(Some(""), "tok_abc123"));
        assert!(!verify_token(None, "tok_abc123"));
        assert!(!verify_token(Some(""), ""), "an unconfigured token accepts nothing");
    }
}
