//! Stripe webhook events, reduced to what changes an invoice.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::{Error, wire};

/// A webhook event. `payment` is None for event types that do not move money
/// for an invoice; those are acknowledged and ignored, not errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// `evt_…`; Stripe may deliver an event more than once, so callers
    /// deduplicate on it.
    pub id: String,
    /// Stripe's `type`, e.g. `payment_intent.succeeded`.
    pub kind: String,
    pub created: i64,
    pub payment: Option<PaymentEvent>,
}

/// The money movement an event reports, keyed by PaymentIntent id so that
/// the several events of one payment (checkout session and intent) agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentEvent {
    Succeeded {
        intent_id: String,
        amount_cents: i64,
        invoice_id: Option<String>,
    },
    Failed {
        intent_id: String,
        reason: String,
        invoice_id: Option<String>,
    },
    /// `amount_refunded_cents` is the total refunded so far, not this refund.
    Refunded {
        intent_id: String,
        amount_refunded_cents: i64,
        invoice_id: Option<String>,
    },
}

#[derive(Deserialize)]
struct RawEvent {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    created: i64,
    data: Option<RawData>,
}

#[derive(Deserialize)]
struct RawData {
    object: Value,
}

/// The fields we read from the event's object, whichever kind it is
/// (PaymentIntent, Checkout Session or Charge).
#[derive(Deserialize)]
struct RawObject {
    id: Option<String>,
    amount: Option<i64>,
    amount_received: Option<i64>,
    amount_total: Option<i64>,
    amount_refunded: Option<i64>,
    payment_status: Option<String>,
    #[serde(default, deserialize_with = "expandable_id")]
    payment_intent: Option<String>,
    #[serde(default)]
    metadata: Option<Metadata>,
    last_payment_error: Option<PaymentError>,
}

#[derive(Deserialize)]
struct Metadata {
    invoice_id: Option<String>,
}

#[derive(Deserialize)]
struct PaymentError {
    message: Option<String>,
    decline_code: Option<String>,
    code: Option<String>,
}

/// Reads a webhook body. Check its signature with
/// [`super::verify_signature`] first.
pub fn parse_event(payload: &[u8]) -> Result<Event, Error> {
    let raw: RawEvent = wire::decode(payload)?;
    if raw.id.is_empty() {
        return Err(Error::Decode("event without id".into()));
    }
    let payment = match raw.data {
        Some(data) => payment_event(&raw.kind, data.object)?,
        None => None,
    };
    Ok(Event { id: raw.id, kind: raw.kind, created: raw.created, payment })
}

fn payment_event(kind: &str, object: Value) -> Result<Option<PaymentEvent>, Error> {
    let relevant = matches!(
        kind,
        "payment_intent.succeeded"
            | "payment_intent.payment_failed"
            | "checkout.session.completed"
            | "checkout.session.async_payment_succeeded"
            | "charge.refunded"
    );
    if !relevant {
        return Ok(None);
    }
    let object: RawObject =
        serde_json::from_value(object).map_err(|e| Error::Decode(format!("{kind} object: {e}")))?;
    let invoice_id = object.metadata.and_then(|m| m.invoice_id).filter(|id| !id.is_empty());
    let missing = |field: &str| Error::Decode(format!("{kind} without {field}"));
    let event = match kind {
        "payment_intent.succeeded" => PaymentEvent::Succeeded {
            intent_id: object.id.ok_or_else(|| missing("id"))?,
            amount_cents: object
                .amount_received
                .or(object.amount)
                .ok_or_else(|| missing("amount_received"))?,
            invoice_id,
        },
        "payment_intent.payment_failed" => PaymentEvent::Failed {
            intent_id: object.id.ok_or_else(|| missing("id"))?,
            reason: object
                .last_payment_error
                .and_then(|e| e.message.or(e.decline_code).or(e.code))
                .unwrap_or_else(|| "payment failed".to_owned()),
            invoice_id,
        },
        "checkout.session.completed" | "checkout.session.async_payment_succeeded" => {
            // Unpaid completions (slow methods) are followed by
            // async_payment_succeeded; a paid one without an intent cannot
            // be tied to a payment, and its payment_intent.succeeded carries
            // the same money anyway.
            let (Some("paid"), Some(intent_id)) = (object.payment_status.as_deref(), object.payment_intent)
            else {
                return Ok(None);
            };
            PaymentEvent::Succeeded {
                intent_id,
                amount_cents: object.amount_total.ok_or_else(|| missing("amount_total"))?,
                invoice_id,
            }
        }
        // "charge.refunded": a charge made without a PaymentIntent is not ours.
        _ => {
            let Some(intent_id) = object.payment_intent else {
                return Ok(None);
            };
            PaymentEvent::Refunded {
                intent_id,
                amount_refunded_cents: object.amount_refunded.ok_or_else(|| missing("amount_refunded"))?,
                invoice_id,
            }
        }
    };
    Ok(Some(event))
}

/// Stripe fields that hold an id, or the whole object when the request asked
/// to `expand` it.
pub(super) fn expandable_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::String(id)) => Some(id),
        Some(Value::Object(object)) => object.get("id").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use super::*;

    fn parse(value: Value) -> Event {
        parse_event(value.to_string().as_bytes()).unwrap()
    }

    fn event(kind: &str, object: Value) -> Value {
        json!({"id": "evt_1", "object": "event", "type": kind, "created": 1_700_000_000, "livemode": false,
               "data": {"object": object}})
    }

    #[test]
    fn payment_intent_succeeded_reports_the_amount_received() {
        let e = parse(event(
            "payment_intent.succeeded",
            json!({"id": "pi_1", "object": "payment_intent", "amount": 12990, "amount_received": 12990,
                   "status": "succeeded", "metadata": {"invoice_id": "inv-1", "tenant_id": "t-1"}}),
        ));
        assert_eq!(e.id, "evt_1");
        assert_eq!(e.kind, "payment_intent.succeeded");
        assert_eq!(e.created, 1_700_000_000);
        let expected = PaymentEvent::Succeeded {
            intent_id: "pi_1".into(),
            amount_cents: 12990,
            invoice_id: Some("inv-1".into()),
        };
        assert_eq!(e.payment, Some(expected));
    }

    #[test]
    fn paid_checkout_session_reports_its_intent_and_total() {
        let session = |status: &str| {
            json!({"id": "cs_1", "object": "checkout.session", "amount_total": 5000, "payment_status": status,
                   "payment_intent": "pi_2", "metadata": {"invoice_id": "inv-2"}})
        };
        let e = parse(event("checkout.session.completed", session("paid")));
        let expected = PaymentEvent::Succeeded {
            intent_id: "pi_2".into(),
            amount_cents: 5000,
            invoice_id: Some("inv-2".into()),
        };
        assert_eq!(e.payment, Some(expected));
        assert_eq!(parse(event("checkout.session.completed", session("unpaid"))).payment, None);
        let e = parse(event("checkout.session.async_payment_succeeded", session("paid")));
        assert!(matches!(e.payment, Some(PaymentEvent::Succeeded { .. })));
    }

    #[test]
    fn failed_intent_carries_the_decline_message() {
        let e = parse(event(
            "payment_intent.payment_failed",
            json!({"id": "pi_3", "amount": 100, "metadata": {},
                   "last_payment_error": {"message": "Your card was declined.", "code": "card_declined"}}),
        ));
        let expected = PaymentEvent::Failed {
            intent_id: "pi_3".into(),
            reason: "Your card was declined.".into(),
            invoice_id: None,
        };
        assert_eq!(e.payment, Some(expected));
        let e =
            parse(event("payment_intent.payment_failed", json!({"id": "pi_3", "last_payment_error": null})));
        assert!(matches!(e.payment, Some(PaymentEvent::Failed { reason, .. }) if reason == "payment failed"));
    }

    #[test]
    fn charge_refunded_reports_the_cumulative_refund() {
        let e = parse(event(
            "charge.refunded",
            json!({"id": "ch_1", "object": "charge", "amount": 12990, "amount_refunded": 2990,
                   "payment_intent": {"id": "pi_4", "object": "payment_intent"},
                   "metadata": {"invoice_id": "inv-4"}}),
        ));
        let expected = PaymentEvent::Refunded {
            intent_id: "pi_4".into(),
            amount_refunded_cents: 2990,
            invoice_id: Some("inv-4".into()),
        };
        assert_eq!(e.payment, Some(expected));
    }

    #[test]
    fn unknown_types_are_events_without_payment() {
        let e = parse(event("customer.created", json!({"id": "cus_1", "object": "customer"})));
        assert_eq!((e.kind.as_str(), e.payment), ("customer.created", None));
    }

    #[test]
    fn invalid_json_or_missing_id_is_a_decode_error() {
        for body in [
            &b"not json"[..],
            br#"{"type":"payment_intent.succeeded","data":{"object":{}}}"#,
            br#"{"id":"","type":"x"}"#,
        ] {
            assert!(matches!(parse_event(body), Err(Error::Decode(_))), "{}", String::from_utf8_lossy(body));
        }
        let no_amount = event("payment_intent.succeeded", json!({"id": "pi_1"}));
        assert!(matches!(parse_event(no_amount.to_string().as_bytes()), Err(Error::Decode(_))));
    }
}
