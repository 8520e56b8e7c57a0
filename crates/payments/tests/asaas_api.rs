//! The Asaas client against a local server that speaks Asaas's v3 API:
//! `access_token` header, JSON bodies, reais as numbers, `errors` arrays.
#![allow(clippy::unwrap_used)]

/// The fake provider runs on 127.0.0.1, which the operator allow-list must name.
fn egress() -> egress::Egress {
    egress::Egress::new(egress::HostList::parse(&["127.0.0.1"]).unwrap()).unwrap()
}

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use payments::Error;
use payments::asaas::{self, BillingType, Client, NewCharge, NewCustomer};
use serde_json::{Value, json};

const KEY: &str =
    "$aact_YTU5YTE0M2M2N2I4MTliNzk0YTI5N2U5MzdjNWZmNDQ6OjAwMDAwMDAwMDAwMDAwNjA5NTQ6OiRhYWNoXzk0";
const BR_CODE: &str = "00020101021226820014br.gov.bcb.pix2560qrpix-h.bradesco.com.br/9d36b84f-c70b-478f-b95c-12729b90ca255204000053039865406129.905802BR5905ASAAS6009Joinville62070503***63041D2B";

/// One request as the fake Asaas saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: HeaderMap,
    body: Value,
}

type Shared = Arc<Mutex<Vec<Seen>>>;

fn asaas_error(status: StatusCode, code: &str, description: &str) -> Response {
    (status, axum::Json(json!({"errors": [{"code": code, "description": description}]}))).into_response()
}

/// The 401 Asaas gives a request without the right `access_token`.
fn unauthorized(headers: &HeaderMap) -> Option<Response> {
    if headers.get("access_token").and_then(|v| v.to_str().ok()) == Some(KEY) {
        return None;
    }
    Some(asaas_error(StatusCode::UNAUTHORIZED, "invalid_access_token", "A chave de API fornecida é inválida"))
}

fn record(seen: &Shared, path: &str, headers: &HeaderMap, body: Value) {
    seen.lock().unwrap().push(Seen { path: path.to_owned(), headers: headers.clone(), body });
}

async fn customers(State(seen): State<Shared>, headers: HeaderMap, body: axum::Json<Value>) -> Response {
    if let Some(denied) = unauthorized(&headers) {
        return denied;
    }
    record(&seen, "/v3/customers", &headers, body.0.clone());
    if body["name"] == "explode" {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    axum::Json(json!({
        "object": "customer",
        "id": "cus_000005",
        "dateCreated": "2025-02-08",
        "name": body["name"],
        "email": body["email"],
        "cpfCnpj": body["cpfCnpj"],
        "externalReference": body["externalReference"],
        "deleted": false,
    }))
    .into_response()
}

async fn payments_create(
    State(seen): State<Shared>,
    headers: HeaderMap,
    body: axum::Json<Value>,
) -> Response {
    if let Some(denied) = unauthorized(&headers) {
        return denied;
    }
    record(&seen, "/v3/payments", &headers, body.0.clone());
    let value = body["value"].as_f64().unwrap();
    if value <= 0.0 {
        return asaas_error(
            StatusCode::BAD_REQUEST,
            "invalid_value",
            "O valor da cobrança deve ser maior que zero.",
        );
    }
    let boleto = body["billingType"] == "BOLETO";
    axum::Json(json!({
        "object": "payment",
        "id": "pay_080225913252",
        "dateCreated": "2025-02-08",
        "customer": body["customer"],
        "value": value,
        "netValue": value - 1.99,
        "billingType": body["billingType"],
        "status": "PENDING",
        "dueDate": body["dueDate"],
        "description": body["description"],
        "externalReference": body["externalReference"],
        "invoiceUrl": "https://sandbox.asaas.com/i/080225913252",
        "bankSlipUrl": if boleto { json!("https://sandbox.asaas.com/b/pdf/080225913252") } else { Value::Null },
        "deleted": false,
    }))
    .into_response()
}

async fn payment_detail(
    State(seen): State<Shared>,
    Path((id, what)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Some(denied) = unauthorized(&headers) {
        return denied;
    }
    record(&seen, &format!("/v3/payments/{id}/{what}"), &headers, Value::Null);
    if id != "pay_080225913252" {
        return asaas_error(StatusCode::NOT_FOUND, "invalid_object", "Cobrança não encontrada.");
    }
    match what.as_str() {
        "pixQrCode" => axum::Json(json!({
            "encodedImage": "iVBORw0KGgoAAAANSUhEUgAAAYsAAAGLCAIAAAC5gincAAAOQklEQVR42u3ZQXLjOAwF",
            "payload": BR_CODE,
            "expirationDate": "2026-02-08 23:59:59",
        }))
        .into_response(),
        "identificationField" => axum::Json(json!({
            "identificationField": "00190000090275928800021932978170187890000005000",
            "nossoNumero": "6543",
            "barCode": "00191878900000050000000002759288002193297817",
        }))
        .into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn balance(headers: HeaderMap) -> Response {
    unauthorized(&headers).unwrap_or_else(|| axum::Json(json!({"balance": 1530.42})).into_response())
}

async fn spawn() -> (String, Shared) {
    let seen = Shared::default();
    let app = Router::new()
        .route("/v3/customers", post(customers))
        .route("/v3/payments", post(payments_create))
        .route("/v3/payments/{id}/{what}", get(payment_detail))
        .route("/v3/finance/balance", get(balance))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, seen)
}

fn charge(billing_type: BillingType, value_cents: i64) -> NewCharge {
    NewCharge {
        customer: "cus_000005".into(),
        billing_type,
        value_cents,
        due_date: NaiveDate::from_ymd_opt(2025, 2, 15).unwrap(),
        description: "Fatura 0042 — Plano Pro".into(),
        external_reference: "inv-42".into(),
    }
}

#[tokio::test]
async fn customer_is_created_with_asaas_field_names_and_headers() {
    let (base, seen) = spawn().await;
    let client = Client::new(&egress(), &base, KEY);
    let customer = NewCustomer {
        name: "Padaria Pão Quente Ltda".into(),
        cpf_cnpj: Some("11222333000181".into()),
        email: Some("financeiro@paoquente.com.br".into()),
        external_reference: "cust-1".into(),
    };
    assert_eq!(client.create_customer(&customer).await.unwrap(), "cus_000005");

    let seen = seen.lock().unwrap()[0].clone();
    assert_eq!(seen.path, "/v3/customers");
    assert_eq!(
        seen.body,
        json!({"name": "Padaria Pão Quente Ltda", "cpfCnpj": "11222333000181",
               "email": "financeiro@paoquente.com.br", "externalReference": "cust-1"})
    );
    assert_eq!(seen.headers["access_token"], KEY);
    assert_eq!(seen.headers["user-agent"], "ConectCRM");
    assert_eq!(seen.headers["content-type"], "application/json");
}

#[tokio::test]
async fn customer_without_document_or_email_omits_them() {
    let (base, seen) = spawn().await;
    let customer = NewCustomer {
        name: "Maria".into(),
        cpf_cnpj: None,
        email: None,
        external_reference: "cust-2".into(),
    };
    Client::new(&egress(), &base, KEY).create_customer(&customer).await.unwrap();
    assert_eq!(seen.lock().unwrap()[0].body, json!({"name": "Maria", "externalReference": "cust-2"}));
}

#[tokio::test]
async fn pix_charge_sends_reais_and_the_due_date() {
    let (base, seen) = spawn().await;
    let created =
        Client::new(&egress(), &base, KEY).create_charge(&charge(BillingType::Pix, 12990)).await.unwrap();
    assert_eq!(created.id, "pay_080225913252");
    assert_eq!(created.status, "PENDING");
    assert_eq!(created.value_cents, 12990);
    assert_eq!(created.invoice_url.as_deref(), Some("https://sandbox.asaas.com/i/080225913252"));
    assert_eq!(created.bank_slip_url, None);

    let seen = seen.lock().unwrap()[0].clone();
    assert_eq!(seen.path, "/v3/payments");
    assert_eq!(
        seen.body,
        json!({"customer": "cus_000005", "billingType": "PIX", "value": 129.9, "dueDate": "2025-02-15",
               "description": "Fatura 0042 — Plano Pro", "externalReference": "inv-42"})
    );
    assert_eq!(seen.body["value"].to_string(), "129.9");
}

#[tokio::test]
async fn boleto_charge_has_a_bank_slip() {
    let (base, seen) = spawn().await;
    let created = Client::new(&egress(), &base, KEY)
        .create_charge(&charge(BillingType::Boleto, 100_000))
        .await
        .unwrap();
    assert_eq!(created.value_cents, 100_000);
    assert_eq!(created.bank_slip_url.as_deref(), Some("https://sandbox.asaas.com/b/pdf/080225913252"));
    let body = seen.lock().unwrap()[0].body.clone();
    assert_eq!(body["billingType"], "BOLETO");
    assert_eq!(body["value"].as_f64(), Some(1000.0));
}

#[test]
fn billing_types_use_asaas_spelling() {
    let spelled: Vec<Value> =
        [BillingType::Pix, BillingType::Boleto, BillingType::CreditCard, BillingType::Undefined]
            .iter()
            .map(|t| serde_json::to_value(t).unwrap())
            .collect();
    assert_eq!(spelled, [json!("PIX"), json!("BOLETO"), json!("CREDIT_CARD"), json!("UNDEFINED")]);
}

#[tokio::test]
async fn zero_value_is_refused_with_asaas_description() {
    let (base, _) = spawn().await;
    let err =
        Client::new(&egress(), &base, KEY).create_charge(&charge(BillingType::Pix, 0)).await.unwrap_err();
    assert!(
        matches!(&err, Error::Provider { status: 400, message } if message == "O valor da cobrança deve ser maior que zero."),
        "{err:?}"
    );
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn wrong_key_is_refused() {
    let (base, _) = spawn().await;
    let client = Client::new(&egress(), &base, "$aact_wrong");
    let err = client.create_charge(&charge(BillingType::Pix, 12990)).await.unwrap_err();
    assert!(
        matches!(&err, Error::Provider { status: 401, message } if message == "A chave de API fornecida é inválida"),
        "{err:?}"
    );
    assert!(matches!(client.check().await, Err(Error::Provider { status: 401, .. })));
}

#[tokio::test]
async fn check_passes_with_a_valid_key() {
    let (base, seen) = spawn().await;
    Client::new(&egress(), &base, KEY).check().await.unwrap();
    assert!(seen.lock().unwrap().is_empty(), "check reads, it creates nothing");
}

#[tokio::test]
async fn unavailable_asaas_is_retryable_even_without_a_body() {
    let (base, _) = spawn().await;
    let customer =
        NewCustomer { name: "explode".into(), cpf_cnpj: None, email: None, external_reference: "c".into() };
    let err = Client::new(&egress(), &base, KEY).create_customer(&customer).await.unwrap_err();
    assert!(
        matches!(&err, Error::Provider { status: 503, message } if message == "Service Unavailable"),
        "{err:?}"
    );
    assert!(err.is_retryable());
}

#[tokio::test]
async fn pix_qr_code_and_boleto_line_of_a_charge() {
    let (base, seen) = spawn().await;
    let client = Client::new(&egress(), &base, KEY);
    let qr = client.pix_qr_code("pay_080225913252").await.unwrap();
    assert_eq!(qr.payload, BR_CODE);
    assert!(qr.encoded_image.starts_with("iVBORw0KGgo"), "a base64 PNG");
    let line = client.boleto_line("pay_080225913252").await.unwrap();
    assert_eq!(line.identification_field, "00190000090275928800021932978170187890000005000");
    assert_eq!(line.bar_code, "00191878900000050000000002759288002193297817");
    let paths: Vec<String> = seen.lock().unwrap().iter().map(|s| s.path.clone()).collect();
    assert_eq!(
        paths,
        ["/v3/payments/pay_080225913252/pixQrCode", "/v3/payments/pay_080225913252/identificationField"]
    );

    let err = client.pix_qr_code("pay_unknown").await.unwrap_err();
    assert!(
        matches!(&err, Error::Provider { status: 404, message } if message == "Cobrança não encontrada.")
    );
}

#[test]
fn webhook_token_is_compared_exactly() {
    assert!(asaas::verify_token(Some("whk_ConectCRM_9f8e7d"), "whk_ConectCRM_9f8e7d"));
    assert!(!asaas::verify_token(Some("whk_ConectCRM_9f8e7e"), "whk_ConectCRM_9f8e7d"));
    assert!(!asaas::verify_token(None, "whk_ConectCRM_9f8e7d"));
    assert!(!asaas::verify_token(Some(""), ""));
}

#[test]
fn webhook_events_become_payment_events() {
    let event = |kind: &str| {
        json!({"id": "evt_1", "event": kind, "dateCreated": "2025-02-15 10:00:00",
               "payment": {"object": "payment", "id": "pay_080225913252", "customer": "cus_000005",
                           "value": 129.9, "netValue": 127.91, "status": "RECEIVED",
                           "externalReference": "inv-42", "billingType": "PIX"}})
        .to_string()
    };
    let received = asaas::PaymentEvent::Received {
        payment_id: "pay_080225913252".into(),
        value_cents: 12990,
        external_reference: Some("inv-42".into()),
    };
    for kind in ["PAYMENT_RECEIVED", "PAYMENT_CONFIRMED"] {
        assert_eq!(asaas::parse_event(event(kind).as_bytes()).unwrap().payment, Some(received.clone()));
    }
    let overdue = asaas::parse_event(event("PAYMENT_OVERDUE").as_bytes()).unwrap();
    assert!(matches!(overdue.payment, Some(asaas::PaymentEvent::Overdue { .. })));
    let refunded = asaas::parse_event(event("PAYMENT_REFUNDED").as_bytes()).unwrap();
    assert!(matches!(refunded.payment, Some(asaas::PaymentEvent::Refunded { value_cents: 12990, .. })));
    let unknown = asaas::parse_event(event("PAYMENT_UPDATED").as_bytes()).unwrap();
    assert_eq!(
        (unknown.id.as_str(), unknown.kind.as_str(), unknown.payment),
        ("evt_1", "PAYMENT_UPDATED", None)
    );
}

#[test]
fn debug_output_hides_the_api_key() {
    let debug = format!("{:?}", Client::new(&egress(), asaas::SANDBOX_BASE_URL, KEY));
    assert!(!debug.contains(KEY), "{debug}");
    assert!(debug.contains("api-sandbox.asaas.com"), "{debug}");
}
