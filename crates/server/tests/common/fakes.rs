//! One local server that speaks the providers' APIs the way they do:
//! Stripe (Bearer key, form bodies), Asaas (`access_token` header, JSON),
//! the WhatsApp Cloud API (Bearer token, the phone number id in the path,
//! JSON with `messaging_product`) and Twilio (Basic account SID + auth
//! token, the SID in the path, form bodies). Wrong credentials get the
//! provider's 401 and a malformed body its 400, as the adapter-level fakes
//! in `crates/payments/tests` and `crates/channels/tests` do — so a test
//! that reads `ok: true` or a delivered message proves we sent the right
//! key to the right account in the right format.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

pub const STRIPE_KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
pub const ASAAS_KEY: &str =
    "$aact_YTU5YTE0M2M2N2I4MTliNzk0YTI5N2U5MzdjNWZmNDQ6OjAwMDAwMDAwMDAwMDAwMDAwMDA6OiRhYWNoXzRlNTU";
pub const GRAPH_TOKEN: &str = "EAAG-token";
pub const PHONE_NUMBER_ID: &str = "106540352242922";
pub const TWILIO_SID: &str = "AC0123456789abcdef0123456789abcdef";
pub const TWILIO_TOKEN: &str = "twilio-auth-token";

/// One request as the provider saw it (only the ones it accepted).
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub idempotency_key: String,
    pub body: String,
}

#[derive(Clone, Default)]
pub struct Providers {
    pub base: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    /// Status to answer WhatsApp sends with (200 when 0).
    pub fail_with: Arc<Mutex<u16>>,
}

impl Providers {
    pub async fn start() -> Providers {
        let mut fake = Providers::default();
        let router = Router::new()
            .route("/v1/checkout/sessions", post(stripe))
            .route("/v1/balance", get(stripe))
            .route("/v3/customers", post(asaas))
            .route("/v3/payments", post(asaas))
            .route("/v3/payments/{id}/pixQrCode", get(asaas))
            .route("/v3/payments/{id}/identificationField", get(asaas))
            .route("/v3/finance/balance", get(asaas))
            .route("/{version}/{phone}/messages", post(graph_send))
            .route("/{version}/{phone}", get(graph_phone))
            .route("/2010-04-01/Accounts/{sid}/Messages.json", post(twilio_send))
            .route("/2010-04-01/Accounts/{account}", get(twilio_account))
            .with_state(fake.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        fake.base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        fake
    }

    /// Every accepted request to `path`.
    pub fn to(&self, path: &str) -> Vec<Seen> {
        self.seen.lock().unwrap().iter().filter(|s| s.path == path).cloned().collect()
    }

    pub fn last(&self) -> Seen {
        self.seen.lock().unwrap().last().cloned().expect("a request reached the provider")
    }

    fn record(&self, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> usize {
        let key = header(headers, "idempotency-key").unwrap_or_default().to_string();
        let mut seen = self.seen.lock().unwrap();
        seen.push(Seen {
            path: uri.path().to_string(),
            idempotency_key: key,
            body: String::from_utf8_lossy(body).into_owned(),
        });
        seen.len()
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn is_form(headers: &HeaderMap, body: &[u8]) -> bool {
    header(headers, "content-type").is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"))
        && serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).is_ok()
}

fn is_json(headers: &HeaderMap, body: &[u8]) -> Option<Value> {
    header(headers, "content-type").filter(|c| c.starts_with("application/json"))?;
    serde_json::from_slice(body).ok()
}

fn error(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

async fn stripe(State(f): State<Providers>, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    if header(&headers, "authorization") != Some(&format!("Bearer {STRIPE_KEY}")) {
        return error(
            StatusCode::UNAUTHORIZED,
            json!({"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}}),
        );
    }
    if uri.path() == "/v1/balance" {
        return axum::Json(json!({"object": "balance"})).into_response();
    }
    if !is_form(&headers, &body) {
        return error(
            StatusCode::BAD_REQUEST,
            json!({"error": {"type": "invalid_request_error", "message": "Invalid request body"}}),
        );
    }
    f.record(&uri, &headers, &body);
    axum::Json(json!({"id": "cs_test_1", "object": "checkout.session",
        "url": "https://checkout.stripe.com/c/pay/cs_test_1", "payment_intent": "pi_test_1"}))
    .into_response()
}

async fn asaas(State(f): State<Providers>, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    if header(&headers, "access_token") != Some(ASAAS_KEY) {
        return error(
            StatusCode::UNAUTHORIZED,
            json!({"errors": [{"code": "invalid_access_token", "description": "A chave de API fornecida é inválida"}]}),
        );
    }
    let path = uri.path();
    if path == "/v3/customers" || path == "/v3/payments" {
        if is_json(&headers, &body).is_none() {
            return error(
                StatusCode::BAD_REQUEST,
                json!({"errors": [{"code": "invalid_object", "description": "JSON inválido"}]}),
            );
        }
        f.record(&uri, &headers, &body);
    }
    let v = if path == "/v3/customers" {
        json!({"id": "cus_000005", "object": "customer"})
    } else if path == "/v3/payments" {
        json!({"id": "pay_080225913252", "status": "PENDING", "value": 129.9, "invoiceUrl": "https://sandbox.asaas.com/i/080225913252", "bankSlipUrl": "https://sandbox.asaas.com/b/pdf/080225913252"})
    } else if path.ends_with("/pixQrCode") {
        json!({"encodedImage": "iVBORw0KGgo=", "payload": "00020101021226800014br.gov.bcb.pix2558pix-h.asaas.com/qr/cobv/abc5204000053039865406129.905802BR5905ASAAS6009Joinville6304ABCD", "expirationDate": "2027-01-01 23:59:59"})
    } else if path.ends_with("/identificationField") {
        json!({"identificationField": "00190000090275928800021932978170187890000005000", "nossoNumero": "6543", "barCode": "00191878900000050000000002759288002193297817"})
    } else {
        json!({"balance": 0})
    };
    axum::Json(v).into_response()
}

fn graph_unauthorised() -> Response {
    error(
        StatusCode::UNAUTHORIZED,
        json!({"error": {"message": "Invalid OAuth access token - Cannot parse access token", "type": "OAuthException", "code": 190, "fbtrace_id": "x"}}),
    )
}

fn graph_unknown_object() -> Response {
    error(
        StatusCode::BAD_REQUEST,
        json!({"error": {"message": "Unsupported post request.", "type": "GraphMethodException", "code": 100, "fbtrace_id": "x"}}),
    )
}

async fn graph_send(
    State(f): State<Providers>,
    Path((_version, phone)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if header(&headers, "authorization") != Some(&format!("Bearer {GRAPH_TOKEN}")) {
        return graph_unauthorised();
    }
    if phone != PHONE_NUMBER_ID {
        return graph_unknown_object();
    }
    match is_json(&headers, &body) {
        Some(v) if v["messaging_product"] == "whatsapp" && v["to"].is_string() => {}
        _ => return graph_unknown_object(),
    }
    let n = f.record(&uri, &headers, &body);
    match *f.fail_with.lock().unwrap() {
        0 => axum::Json(json!({"messaging_product": "whatsapp", "contacts": [{"input": "5511987654321", "wa_id": "5511987654321"}],
                              "messages": [{"id": format!("wamid.OUT{n}")}]})).into_response(),
        400 => error(StatusCode::BAD_REQUEST, json!({"error": {"message": "(#131047) Re-engagement message", "type": "OAuthException", "code": 131047, "fbtrace_id": "x"}})),
        other => error(StatusCode::from_u16(other).unwrap(), json!({"error": {"message": "Service temporarily unavailable", "code": 2}})),
    }
}

async fn graph_phone(Path((_version, phone)): Path<(String, String)>, headers: HeaderMap) -> Response {
    if header(&headers, "authorization") != Some(&format!("Bearer {GRAPH_TOKEN}")) {
        return graph_unauthorised();
    }
    if phone != PHONE_NUMBER_ID {
        return graph_unknown_object();
    }
    axum::Json(json!({"id": PHONE_NUMBER_ID, "display_phone_number": "15550783881"})).into_response()
}

fn twilio_authorised(headers: &HeaderMap, sid: &str) -> bool {
    let expected = format!("Basic {}", STANDARD.encode(format!("{TWILIO_SID}:{TWILIO_TOKEN}")));
    sid == TWILIO_SID && header(headers, "authorization") == Some(expected.as_str())
}

fn twilio_unauthorised() -> Response {
    error(
        StatusCode::UNAUTHORIZED,
        json!({"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}),
    )
}

async fn twilio_send(
    State(f): State<Providers>,
    Path(sid): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !twilio_authorised(&headers, &sid) {
        return twilio_unauthorised();
    }
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let has = |k: &str| form.iter().any(|(name, v)| name == k && !v.is_empty());
    if !is_form(&headers, &body) || !has("To") || !has("From") {
        return error(
            StatusCode::BAD_REQUEST,
            json!({"code": 21604, "message": "A 'To' and a 'From' phone number are required.", "status": 400}),
        );
    }
    f.record(&uri, &headers, &body);
    axum::Json(json!({"sid": "SM0123456789abcdef0123456789abcdef", "status": "queued"})).into_response()
}

async fn twilio_account(Path(account): Path<String>, headers: HeaderMap) -> Response {
    let sid = account.strip_suffix(".json").unwrap_or("");
    if !twilio_authorised(&headers, sid) {
        return twilio_unauthorised();
    }
    axum::Json(json!({"sid": sid, "status": "active"})).into_response()
}
