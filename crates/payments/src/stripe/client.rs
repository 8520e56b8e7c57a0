//! The few Stripe API calls ConectCRM makes.

use std::fmt;

use serde::Deserialize;

use egress::Egress;

use super::API;
use crate::Error;

/// A Stripe API client for one account (one secret key).
#[derive(Clone)]
pub struct Client {
    base_url: String,
    secret_key: String,
    http: Egress,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("stripe::Client")
            .field("base_url", &self.base_url)
            .field("secret_key", &"[hidden]")
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentIntentRequest {
    pub amount_cents: i64,
    pub description: String,
    pub invoice_id: String,
    pub tenant_id: String,
}

/// The parts of a Stripe PaymentIntent we use.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PaymentIntent {
    pub id: String,
    /// Handed to Stripe.js in the browser to confirm the payment.
    pub client_secret: Option<String>,
    pub status: String,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutRequest {
    pub amount_cents: i64,
    /// The line shown on Stripe's payment page.
    pub name: String,
    pub invoice_id: String,
    pub tenant_id: String,
    pub success_url: String,
    pub cancel_url: String,
}

/// The parts of a Stripe Checkout Session we use.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CheckoutSession {
    pub id: String,
    /// The hosted payment page to send the customer to.
    pub url: Option<String>,
    /// Recent API versions create the PaymentIntent only when the customer
    /// pays, so this is often None at creation.
    #[serde(default, deserialize_with = "super::event::expandable_id")]
    pub payment_intent: Option<String>,
}

impl Client {
    /// `base_url` is [`super::DEFAULT_BASE_URL`] in production.
    pub fn new(http: &Egress, base_url: &str, secret_key: &str) -> Client {
        Client { base_url: egress::base_url(base_url), secret_key: secret_key.to_owned(), http: http.clone() }
    }

    /// Creates a card PaymentIntent in BRL. Reusing `idempotency_key` returns
    /// the first intent instead of creating another, so a retried job cannot
    /// charge twice.
    pub async fn create_payment_intent(
        &self,
        req: &PaymentIntentRequest,
        idempotency_key: &str,
    ) -> Result<PaymentIntent, Error> {
        let form = [
            ("amount", req.amount_cents.to_string()),
            ("currency", "brl".to_owned()),
            ("payment_method_types[]", "card".to_owned()),
            ("description", req.description.clone()),
            ("metadata[invoice_id]", req.invoice_id.clone()),
            ("metadata[tenant_id]", req.tenant_id.clone()),
        ];
        let request = self.post("/v1/payment_intents", idempotency_key).form(&form);
        Ok(self.http.send_json(request, API, error_message).await?)
    }

    /// Creates a one-line hosted Checkout Session in BRL. The invoice id goes
    /// into the PaymentIntent's metadata too, so `payment_intent.*` and
    /// `charge.*` webhooks can be matched to the invoice.
    pub async fn create_checkout_session(
        &self,
        req: &CheckoutRequest,
        idempotency_key: &str,
    ) -> Result<CheckoutSession, Error> {
        let form = [
            ("mode", "payment".to_owned()),
            ("success_url", req.success_url.clone()),
            ("cancel_url", req.cancel_url.clone()),
            ("line_items[0][price_data][currency]", "brl".to_owned()),
            ("line_items[0][price_data][unit_amount]", req.amount_cents.to_string()),
            ("line_items[0][price_data][product_data][name]", req.name.clone()),
            ("line_items[0][quantity]", "1".to_owned()),
            ("payment_intent_data[metadata][invoice_id]", req.invoice_id.clone()),
            ("payment_intent_data[metadata][tenant_id]", req.tenant_id.clone()),
            ("metadata[invoice_id]", req.invoice_id.clone()),
            ("metadata[tenant_id]", req.tenant_id.clone()),
            ("client_reference_id", req.invoice_id.clone()),
        ];
        let request = self.post("/v1/checkout/sessions", idempotency_key).form(&form);
        Ok(self.http.send_json(request, API, error_message).await?)
    }

    /// Proves the key works (the "test connection" button): reading the
    /// balance needs a valid key and changes nothing.
    pub async fn check(&self) -> Result<(), Error> {
        let request = self.http.get(&format!("{}/v1/balance", self.base_url)).bearer_auth(&self.secret_key);
        self.http.send(request, API, error_message).await?;
        Ok(())
    }

    fn post(&self, path: &str, idempotency_key: &str) -> egress::RequestBuilder {
        self.http
            .post(&format!("{}{path}", self.base_url))
            .bearer_auth(&self.secret_key)
            .header("Idempotency-Key", idempotency_key)
    }
}

/// Stripe's errors read `{"error": {"message": "...", "type": "..."}}`.
fn error_message(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Body {
        error: Detail,
    }
    #[derive(Deserialize)]
    struct Detail {
        message: Option<String>,
        code: Option<String>,
        #[serde(rename = "type")]
        kind: Option<String>,
    }
    let detail = serde_json::from_slice::<Body>(body).ok()?.error;
    detail.message.or(detail.code).or(detail.kind)
}
