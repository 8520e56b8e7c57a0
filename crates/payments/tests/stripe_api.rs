//! The Stripe client against a local server that speaks Stripe's API: form
//! bodies, Bearer keys, idempotency keys and Stripe's error JSON.
#![allow(clippy::unwrap_used)]

/// The fake provider runs on 127.0.0.1, which the operator allow-list must name.
fn egress() -> egress::Egress {
    egress::Egress::new(egress::HostList::parse(&["127.0.0.1"]).unwrap()).unwrap()
}

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use payments::Error;
use payments::stripe::{CheckoutRequest, Client, PaymentIntentRequest};
use serde_json::{Value, json};

const KEY: &str = "sk_test_51ConectCRM";

/// One request as the fake Stripe saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    form: Vec<(String, String)>,
    idempotency_key: Option<String>,
}

#[derive(Default)]
struct Fake {
    seen: Vec<Seen>,
    /// Idempotency key → the object first returned for it, as Stripe keeps.
    replies: HashMap<String, Value>,
    created: usize,
}

type Shared = Arc<Mutex<Fake>>;

/// Builds the object a POST creates, or refuses it with an
/// `invalid_request_error` status and message.
type Create = fn(usize, &[(String, String)]) -> Result<Value, (StatusCode, &'static str)>;

fn stripe_error(status: StatusCode, kind: &str, message: &str) -> Response {
    (status, axum::Json(json!({"error": {"message": message, "type": kind}}))).into_response()
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Authenticates, records, replays by idempotency key, else calls `create`.
fn handle(fake: &Shared, path: &str, headers: &HeaderMap, body: &[u8], create: Create) -> Response {
    let bearer = headers.get("authorization").and_then(|v| v.to_str().ok());
    if bearer != Some(&format!("Bearer {KEY}")) {
        return stripe_error(StatusCode::UNAUTHORIZED, "invalid_request_error", "Invalid API Key provided");
    }
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap();
    let idempotency_key = headers.get("idempotency-key").map(|v| v.to_str().unwrap().to_owned());
    let mut fake = fake.lock().unwrap();
    fake.seen.push(Seen {
        path: path.to_owned(),
        form: form.clone(),
        idempotency_key: idempotency_key.clone(),
    });
    if let Some(previous) = idempotency_key.as_ref().and_then(|k| fake.replies.get(k)) {
        return axum::Json(previous.clone()).into_response();
    }
    match field(&form, "description") {
        Some("explode") => {
            return stripe_error(StatusCode::INTERNAL_SERVER_ERROR, "api_error", "An unknown error occurred");
        }
        Some("garble") => return (StatusCode::OK, "<html>gateway</html>").into_response(),
        _ => {}
    }
    fake.created += 1;
    match create(fake.created, &form) {
        Ok(object) => {
            if let Some(key) = idempotency_key {
                fake.replies.insert(key, object.clone());
            }
            axum::Json(object).into_response()
        }
        Err((status, message)) => stripe_error(status, "invalid_request_error", message),
    }
}

fn payment_intent(n: usize, form: &[(String, String)]) -> Result<Value, (StatusCode, &'static str)> {
    let amount: i64 = field(form, "amount").unwrap().parse().unwrap();
    if amount < 50 {
        return Err((StatusCode::BAD_REQUEST, "Amount must be at least R$0.50 brl"));
    }
    Ok(json!({
        "id": format!("pi_3Test{n}"),
        "object": "payment_intent",
        "amount": amount,
        "amount_received": 0,
        "currency": field(form, "currency"),
        "client_secret": format!("pi_3Test{n}_secret_abc"),
        "description": field(form, "description"),
        "livemode": false,
        "metadata": {"invoice_id": field(form, "metadata[invoice_id]"), "tenant_id": field(form, "metadata[tenant_id]")},
        "payment_method_types": ["card"],
        "status": "requires_payment_method",
    }))
}

fn checkout_session(n: usize, form: &[(String, String)]) -> Result<Value, (StatusCode, &'static str)> {
    Ok(json!({
        "id": format!("cs_test_{n}"),
        "object": "checkout.session",
        "amount_total": field(form, "line_items[0][price_data][unit_amount]").unwrap().parse::<i64>().unwrap(),
        "client_reference_id": field(form, "client_reference_id"),
        "currency": "brl",
        "mode": "payment",
        "payment_intent": null,
        "payment_status": "unpaid",
        "status": "open",
        "url": format!("https://checkout.stripe.com/c/pay/cs_test_{n}"),
    }))
}

async fn spawn() -> (String, Shared) {
    let fake = Shared::default();
    let app = Router::new()
        .route(
            "/v1/payment_intents",
            post(|State(f): State<Shared>, h: HeaderMap, b: Bytes| async move {
                handle(&f, "/v1/payment_intents", &h, &b, payment_intent)
            }),
        )
        .route(
            "/v1/checkout/sessions",
            post(|State(f): State<Shared>, h: HeaderMap, b: Bytes| async move {
                handle(&f, "/v1/checkout/sessions", &h, &b, checkout_session)
            }),
        )
        .route(
            "/v1/balance",
            get(|h: HeaderMap| async move {
                let bearer = h.get("authorization").and_then(|v| v.to_str().ok());
                if bearer != Some(&format!("Bearer {KEY}")) {
                    return stripe_error(
                        StatusCode::UNAUTHORIZED,
                        "invalid_request_error",
                        "Invalid API Key provided",
                    );
                }
                axum::Json(json!({"object": "balance", "available": [{"amount": 0, "currency": "brl"}]}))
                    .into_response()
            }),
        )
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, fake)
}

fn intent_request(amount_cents: i64, description: &str) -> PaymentIntentRequest {
    PaymentIntentRequest {
        amount_cents,
        description: description.into(),
        invoice_id: "0196f0c2-inv".into(),
        tenant_id: "0196f0c2-ten".into(),
    }
}

#[tokio::test]
async fn payment_intent_is_created_with_stripes_form_fields() {
    let (base, fake) = spawn().await;
    let client = Client::new(&egress(), &format!("{base}/"), KEY);
    let intent = client
        .create_payment_intent(&intent_request(12990, "Fatura 42 — Plano Pro"), "inv-42-try")
        .await
        .unwrap();
    assert_eq!(intent.id, "pi_3Test1");
    assert_eq!(intent.client_secret.as_deref(), Some("pi_3Test1_secret_abc"));
    assert_eq!(intent.status, "requires_payment_method");
    assert_eq!(intent.amount, 12990);

    let seen = fake.lock().unwrap().seen.clone();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/v1/payment_intents");
    assert_eq!(seen[0].idempotency_key.as_deref(), Some("inv-42-try"));
    let expected = [
        ("amount", "12990"),
        ("currency", "brl"),
        ("payment_method_types[]", "card"),
        ("description", "Fatura 42 — Plano Pro"),
        ("metadata[invoice_id]", "0196f0c2-inv"),
        ("metadata[tenant_id]", "0196f0c2-ten"),
    ];
    let form: Vec<(&str, &str)> = seen[0].form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(form, expected);
}

#[tokio::test]
async fn repeating_an_idempotency_key_returns_the_same_intent() {
    let (base, fake) = spawn().await;
    let client = Client::new(&egress(), &base, KEY);
    let first = client.create_payment_intent(&intent_request(5000, "Fatura 7"), "inv-7").await.unwrap();
    let again = client.create_payment_intent(&intent_request(5000, "Fatura 7"), "inv-7").await.unwrap();
    let other = client.create_payment_intent(&intent_request(5000, "Fatura 8"), "inv-8").await.unwrap();
    assert_eq!(first, again);
    assert_ne!(first.id, other.id);
    assert_eq!(fake.lock().unwrap().created, 2);
}

#[tokio::test]
async fn checkout_session_sends_line_item_urls_and_metadata() {
    let (base, fake) = spawn().await;
    let client = Client::new(&egress(), &base, KEY);
    let request = CheckoutRequest {
        amount_cents: 29900,
        name: "Fatura 0001 — ConectCRM".into(),
        invoice_id: "inv-1".into(),
        tenant_id: "ten-1".into(),
        success_url: "https://app.conectcrm.com.br/pagamento/ok?f=inv-1".into(),
        cancel_url: "https://app.conectcrm.com.br/pagamento/cancelado".into(),
    };
    let session = client.create_checkout_session(&request, "checkout-inv-1").await.unwrap();
    assert_eq!(session.id, "cs_test_1");
    assert_eq!(session.url.as_deref(), Some("https://checkout.stripe.com/c/pay/cs_test_1"));
    assert_eq!(session.payment_intent, None);

    let seen = fake.lock().unwrap().seen[0].clone();
    assert_eq!(seen.path, "/v1/checkout/sessions");
    assert_eq!(seen.idempotency_key.as_deref(), Some("checkout-inv-1"));
    let get = |name: &str| field(&seen.form, name).unwrap_or_else(|| panic!("{name} missing"));
    assert_eq!(get("mode"), "payment");
    assert_eq!(get("success_url"), "https://app.conectcrm.com.br/pagamento/ok?f=inv-1");
    assert_eq!(get("cancel_url"), "https://app.conectcrm.com.br/pagamento/cancelado");
    assert_eq!(get("line_items[0][price_data][currency]"), "brl");
    assert_eq!(get("line_items[0][price_data][unit_amount]"), "29900");
    assert_eq!(get("line_items[0][price_data][product_data][name]"), "Fatura 0001 — ConectCRM");
    assert_eq!(get("line_items[0][quantity]"), "1");
    assert_eq!(get("payment_intent_data[metadata][invoice_id]"), "inv-1");
    assert_eq!(get("metadata[invoice_id]"), "inv-1");
    assert_eq!(get("metadata[tenant_id]"), "ten-1");
    assert_eq!(get("client_reference_id"), "inv-1");

    // Replaying the key returns the same session, as Stripe does.
    let again = client.create_checkout_session(&request, "checkout-inv-1").await.unwrap();
    assert_eq!(again, session);
}

#[tokio::test]
async fn wrong_key_is_a_provider_error_with_stripes_message() {
    let (base, _) = spawn().await;
    let client = Client::new(&egress(), &base, "sk_test_wrong");
    let err = client.create_payment_intent(&intent_request(5000, "x"), "k").await.unwrap_err();
    assert!(
        matches!(&err, Error::Provider { status: 401, message } if message == "Invalid API Key provided"),
        "{err:?}"
    );
    assert!(!err.is_retryable());
    assert!(matches!(client.check().await, Err(Error::Provider { status: 401, .. })));
}

#[tokio::test]
async fn check_passes_with_a_valid_key() {
    let (base, _) = spawn().await;
    Client::new(&egress(), &base, KEY).check().await.unwrap();
}

#[tokio::test]
async fn server_error_is_retryable() {
    let (base, _) = spawn().await;
    let err = Client::new(&egress(), &base, KEY)
        .create_payment_intent(&intent_request(5000, "explode"), "k")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Provider { status: 500, message } if message == "An unknown error occurred")
    );
    assert!(err.is_retryable());
}

#[tokio::test]
async fn bad_request_is_final_and_carries_stripes_message() {
    let (base, _) = spawn().await;
    let err = Client::new(&egress(), &base, KEY)
        .create_payment_intent(&intent_request(10, "tiny"), "k")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Provider { status: 400, message } if message == "Amount must be at least R$0.50 brl")
    );
    assert!(!err.is_retryable());
    assert_eq!(err.to_string(), "provider answered 400: Amount must be at least R$0.50 brl");
}

#[tokio::test]
async fn a_body_that_is_not_stripe_json_is_unreadable_and_not_quoted() {
    let (base, _) = spawn().await;
    let err = Client::new(&egress(), &base, KEY)
        .create_payment_intent(&intent_request(5000, "garble"), "k")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Egress(egress::Error::Unreadable(_))), "{err:?}");
    assert!(!err.to_string().contains("gateway"), "{err}");
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn unreachable_stripe_is_a_retryable_class_error() {
    // A port that was just free: nothing listens there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = Client::new(&egress(), &base, KEY).check().await.unwrap_err();
    assert!(matches!(err, Error::Egress(egress::Error::Unreachable)), "{err:?}");
    assert_eq!(err.to_string(), "o provedor não respondeu");
    assert!(err.is_retryable());
}

#[test]
fn debug_output_hides_the_secret_key() {
    let debug = format!("{:?}", Client::new(&egress(), payments::stripe::DEFAULT_BASE_URL, KEY));
    assert!(!debug.contains(KEY), "{debug}");
    assert!(debug.contains("api.stripe.com"), "{debug}");
}
