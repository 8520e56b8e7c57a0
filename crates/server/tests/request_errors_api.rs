//! Bad query and path parameters: every domain answers them like a bad body
//! field — 422 problem+json whose `errors` name the parameter — instead of
//! axum's plain-text 400.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Actor, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// GETs `path` as `who` and checks the answer is a 422 problem+json naming `field`.
async fn rejects(t: &TestApp, who: &Actor, path: &str, field: &str) -> Value {
    let res = t.http.get(t.url(path)).bearer_auth(&who.token).send().await.unwrap();
    let status = res.status();
    let content_type = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
    let body: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {body}");
    assert_eq!(content_type.as_deref(), Some("application/problem+json"), "{path}");
    let fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, [field], "{path}: {body}");
    body
}

async fn post_rejects(t: &TestApp, who: &Actor, path: &str, field: &str) {
    let res = t.http.post(t.url(path)).bearer_auth(&who.token).send().await.unwrap();
    let status = res.status();
    let body: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {body}");
    assert_eq!(body["errors"][0]["field"], field, "{path}: {body}");
}

#[tokio::test]
async fn support_filters_and_ids_that_do_not_parse_are_named() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let b = rejects(&t, &owner, "/api/v1/tickets?status=bogus", "status").await;
    // The message lists what the filter accepts, in Portuguese.
    let message = b["errors"][0]["message"].as_str().unwrap();
    assert!(message.starts_with("Valor desconhecido"), "{message}");
    assert!(message.contains("waiting_customer") && message.contains("any"), "{message}");
    rejects(&t, &owner, "/api/v1/tickets?view=everyone", "view").await;
    rejects(&t, &owner, "/api/v1/tickets?sla=late", "sla").await;
    rejects(&t, &owner, "/api/v1/tickets?limit=muitos", "limit").await;
    rejects(&t, &owner, "/api/v1/tickets?channel_id=42", "channel_id").await;
    let b = rejects(&t, &owner, "/api/v1/tickets/not-a-uuid", "id").await;
    assert_eq!(b["errors"][0]["message"], "Valor inválido: use um UUID.");
    // A route with two ids names the one that is wrong.
    let ticket = uuid::Uuid::now_v7();
    rejects(&t, &owner, &format!("/api/v1/tickets/{ticket}/attachments/nope"), "attachment_id").await;
    rejects(&t, &owner, &format!("/api/v1/inbox?source=channel:{ticket}&status=lost"), "status").await;
    // Known values still pass, including the ones only the filter knows.
    for query in ["status=any", "status=waiting_customer", "view=my_teams", "sla=breached", "limit=5"] {
        let (s, b) = t.get(&format!("/api/v1/tickets?{query}"), &owner.token).await;
        assert_eq!(s, StatusCode::OK, "{query}: {b}");
    }
    // Range checks made by the handler keep their answer.
    rejects(&t, &owner, "/api/v1/tickets?limit=0", "limit").await;
}

#[tokio::test]
async fn crm_filters_and_ids_that_do_not_parse_are_named() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    rejects(&t, &owner, "/api/v1/customers/not-a-uuid", "id").await;
    rejects(&t, &owner, "/api/v1/customers?sort=oldest", "sort").await;
    rejects(&t, &owner, "/api/v1/customers?status=vip", "status").await;
    rejects(&t, &owner, "/api/v1/customers?limit=dez", "limit").await;
    rejects(&t, &owner, "/api/v1/opportunities?status=pending", "status").await;
    rejects(&t, &owner, "/api/v1/proposals?status=signed", "status").await;
    rejects(&t, &owner, "/api/v1/contracts?status=open", "status").await;
    rejects(&t, &owner, "/api/v1/products?active=talvez", "active").await;
    let (s, b) = t.get("/api/v1/customers?sort=name&status=lead", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

#[tokio::test]
async fn finance_filters_and_ids_that_do_not_parse_are_named() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    rejects(&t, &owner, "/api/v1/invoices?status=bogus", "status").await;
    rejects(&t, &owner, "/api/v1/invoices?due_from=ontem", "due_from").await;
    rejects(&t, &owner, "/api/v1/invoices/export.csv?status=bogus", "status").await;
    rejects(&t, &owner, "/api/v1/payments?status=pending", "status").await;
    rejects(&t, &owner, "/api/v1/subscriptions?status=trial", "status").await;
    rejects(&t, &owner, "/api/v1/invoices/FAT-0001", "id").await;
    post_rejects(&t, &owner, "/api/v1/invoices/123/issue", "id").await;
    for query in ["status=overdue", "status=partially_paid"] {
        let (s, b) = t.get(&format!("/api/v1/invoices?{query}"), &owner.token).await;
        assert_eq!(s, StatusCode::OK, "{query}: {b}");
    }
    let (s, b) = t.get("/api/v1/payments?status=review", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = t.get("/api/v1/subscriptions?status=paused", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

#[tokio::test]
async fn accounts_and_ops_parameters_that_do_not_parse_are_named() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    rejects(&t, &owner, "/api/v1/users/not-a-uuid", "id").await;
    rejects(&t, &owner, "/api/v1/users?limit=tudo", "limit").await;
    rejects(&t, &owner, "/api/v1/invitations?limit=-", "limit").await;
    rejects(&t, &owner, "/api/v1/jobs/dead?limit=1.5", "limit").await;
    post_rejects(&t, &owner, "/api/v1/jobs/quinze/retry", "id").await;
}

#[tokio::test]
async fn a_bad_parameter_without_a_login_is_still_401() {
    let t = TestApp::spawn().await;
    let (s, _) = t.call(reqwest::Method::GET, "/api/v1/tickets?status=bogus", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = t.call(reqwest::Method::GET, "/api/v1/customers/not-a-uuid", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

/// Every `$ref` of the document names a schema it declares, so the web's
/// generated types have no hole where a filter's values should be.
#[test]
fn the_document_declares_every_schema_it_refers_to() {
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    out.push(r.clone());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let doc = serde_json::to_value(server::routes::openapi_document()).unwrap();
    let mut all = Vec::new();
    refs(&doc, &mut all);
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let missing: Vec<&String> = all
        .iter()
        .filter(|r| r.strip_prefix("#/components/schemas/").is_none_or(|name| !schemas.contains_key(name)))
        .collect();
    assert!(missing.is_empty(), "undeclared schemas: {missing:?}");
    for name in ["TicketView", "TicketStatusFilter", "SlaFilter", "CustomerSort", "InvoiceStatus"] {
        assert!(schemas.contains_key(name), "{name}");
    }
}

/// What a user's data does to the database is never a 500: a NUL in any
/// text is a 422 naming the field (and nothing is stored), a delete that
/// other records block is a 409 saying which, a duplicate in a list is a
/// 422 naming the repeat.
#[tokio::test]
async fn data_the_database_refuses_is_a_clear_error_never_a_500() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Nulo").await;

    let (s, b) = t
        .post("/api/v1/customers", Some(&owner.token), json!({"kind": "person", "name": "Ana\u{0}Lima"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["field"], "name");
    let (_, list) = t.get("/api/v1/customers", &owner.token).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0, "nothing stored: {list}");
    let (s, b) = t.get("/api/v1/customers?q=caf%00e", &owner.token).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("q")), "{b}");

    // A customer with an invoice cannot simply vanish.
    let (_, customer) = t
        .post("/api/v1/customers", Some(&owner.token), json!({"kind": "person", "name": "João Devedor"}))
        .await;
    let today = chrono::Utc::now().date_naive();
    let (s, invoice) = t
        .post(
            "/api/v1/invoices",
            Some(&owner.token),
            json!({"customer_id": customer["id"], "issue_date": today, "due_date": today,
                   "items": [{"description": "Serviço", "quantity": 1, "unit_price_cents": 1000}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{invoice}");
    let (s, b) =
        t.delete(&format!("/api/v1/customers/{}", customer["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert_eq!(b["detail"], "Não é possível concluir: existem faturas que dependem deste registro.");
    let (s, _) =
        t.get(&format!("/api/v1/customers/{}", customer["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(s, StatusCode::OK, "the customer is still there");

    // The same person twice in a team.
    let agent = t.add_user(&owner, "agent").await;
    let (s, b) = t
        .post(
            "/api/v1/teams",
            Some(&owner.token),
            json!({"name": "Dupla", "members": [{"user_id": agent.user_id}, {"user_id": agent.user_id}]}),
        )
        .await;
    assert_eq!(
        (s, b["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("members[1].user_id")),
        "{b}"
    );
    let (_, teams) = t.get("/api/v1/teams", &owner.token).await;
    let teams = teams.get("items").unwrap_or(&teams).as_array().unwrap().clone();
    assert!(teams.is_empty(), "no half-made team: {teams:?}");
}
