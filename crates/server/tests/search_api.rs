//! The global search and the lists' search as people type them: without
//! accents or capitals ("clinica", "pao quente", "joao"), by number
//! ("#3", "FAT-0001", "PROP-0001"), by a message's words — grouped, only the
//! groups the role may open, never another company's records.
#![allow(clippy::unwrap_used)]

mod common;

use common::webchat::{say, visitor, webchat};
use common::{Actor, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn created(t: &TestApp, who: &Actor, path: &str, body: Value) -> Value {
    let (s, b) = t.post(path, Some(&who.token), body).await;
    assert_eq!(s, StatusCode::CREATED, "{path}: {b}");
    b
}

/// A company with one of everything, named with accents.
async fn company(t: &TestApp, name: &str) -> (Actor, Value) {
    let owner = t.signup(name).await;
    t.set_plan(&owner, "pro").await;
    let customer =
        created(t, &owner, "/api/v1/customers", json!({"kind": "company", "name": "Clínica São João"})).await;
    let id = customer["id"].as_str().unwrap().to_string();
    created(t, &owner, &format!("/api/v1/customers/{id}/contacts"), json!({"name": "Joana Araújo"})).await;
    t.drain_jobs().await;
    let (_, pipelines) = t.get("/api/v1/pipelines", &owner.token).await;
    let pipeline = pipelines[0]["id"].as_str().unwrap();
    created(
        t,
        &owner,
        "/api/v1/opportunities",
        json!({"customer_id": id, "pipeline_id": pipeline, "title": "Reforma da recepção"}),
    )
    .await;
    created(
        t,
        &owner,
        "/api/v1/proposals",
        json!({"customer_id": id, "title": "Manutenção anual",
               "items": [{"description": "Visita", "quantity": 1, "unit_price_cents": 50000}]}),
    )
    .await;
    let today = chrono::Utc::now().date_naive();
    created(
        t,
        &owner,
        "/api/v1/invoices",
        json!({"customer_id": id, "issue_date": today, "due_date": today + chrono::Duration::days(10),
               "items": [{"description": "Consultoria", "quantity": 1, "unit_price_cents": 10000}]}),
    )
    .await;
    created(
        t,
        &owner,
        "/api/v1/subscriptions",
        json!({"customer_id": id, "description": "Plano Básico", "amount_cents": 10000, "interval_months": 1}),
    )
    .await;
    let public = webchat(t, &owner).await;
    let token = visitor(t, &public).await;
    say(t, &token, "m1", "Pão quente às 7h?").await;
    say(t, &token, "m2", "E o croissant de amêndoas também").await;
    (owner, customer)
}

async fn search(t: &TestApp, who: &Actor, q: &str) -> Vec<(String, String)> {
    let query = serde_urlencoded::to_string([("q", q)]).unwrap();
    let (s, b) = t.get(&format!("/api/v1/search?{query}"), &who.token).await;
    assert_eq!(s, StatusCode::OK, "{q}: {b}");
    b["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["kind"].as_str().unwrap().to_string(), h["title"].as_str().unwrap().to_string()))
        .collect()
}

fn kinds(hits: &[(String, String)]) -> Vec<&str> {
    hits.iter().map(|(k, _)| k.as_str()).collect()
}

#[tokio::test]
async fn typed_without_accents_it_finds_every_kind_of_record_grouped() {
    let t = TestApp::spawn().await;
    let (owner, _) = company(&t, "Alfa").await;

    let hits = search(&t, &owner, "clinica sao").await;
    // The subscription billed its first period at once: two invoices, newest first.
    assert_eq!(
        hits,
        [
            ("customer".into(), "Clínica São João".into()),
            ("invoice".into(), "FAT-0002".into()),
            ("invoice".into(), "FAT-0001".into())
        ]
    );
    assert_eq!(
        search(&t, &owner, "joana araujo").await,
        [("contact".to_string(), "Joana Araújo".to_string())]
    );
    assert_eq!(kinds(&search(&t, &owner, "recepcao").await), ["opportunity"]);
    assert_eq!(
        search(&t, &owner, "PROP-0001").await,
        [("proposal".to_string(), "PROP-0001 Manutenção anual".to_string())]
    );
    assert_eq!(kinds(&search(&t, &owner, "manutencao").await), ["proposal"]);
    assert_eq!(search(&t, &owner, "fat-0001").await, [("invoice".to_string(), "FAT-0001".to_string())]);

    // A ticket by its subject, by a later message's words, and by its number.
    let by_subject = search(&t, &owner, "pao quente").await;
    assert_eq!(kinds(&by_subject), ["ticket"]);
    let number = by_subject[0].1.split_whitespace().next().unwrap().to_string();
    assert_eq!(kinds(&search(&t, &owner, "croissant de amendoas").await), ["ticket"]);
    assert_eq!(search(&t, &owner, &number).await, by_subject);
}

#[tokio::test]
async fn each_role_gets_only_the_groups_it_may_open() {
    let t = TestApp::spawn().await;
    let (owner, _) = company(&t, "Alfa").await;
    let agent = t.add_user(&owner, "agent").await;
    let sales = t.add_user(&owner, "sales").await;
    let finance = t.add_user(&owner, "finance").await;
    assert_eq!(kinds(&search(&t, &agent, "clinica").await), ["customer"], "no invoices for the inbox");
    assert_eq!(kinds(&search(&t, &agent, "pao quente").await), ["ticket"]);
    assert_eq!(kinds(&search(&t, &sales, "clinica").await), ["customer"]);
    assert!(search(&t, &sales, "pao quente").await.is_empty(), "no tickets for sales");
    assert_eq!(kinds(&search(&t, &sales, "recepcao").await), ["opportunity"]);
    assert_eq!(kinds(&search(&t, &finance, "clinica").await), ["customer", "invoice", "invoice"]);
    assert!(search(&t, &finance, "recepcao").await.is_empty(), "no deals for finance");
    assert!(search(&t, &finance, "pao quente").await.is_empty());
}

#[tokio::test]
async fn another_companys_records_never_appear() {
    let t = TestApp::spawn().await;
    let (a, _) = company(&t, "Alfa").await;
    let b = t.signup("Beta").await;
    for q in ["clinica", "joana", "recepcao", "manutencao", "pao quente", "fat-0001", "#1", "prop-0001"] {
        assert!(search(&t, &b, q).await.is_empty(), "{q}");
    }
    assert!(!search(&t, &a, "clinica").await.is_empty());
}

#[tokio::test]
async fn a_search_too_short_or_with_a_nul_byte_is_refused_by_field() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    for (q, field) in [("a", "q"), ("%00ab", "q")] {
        let (s, b) = t.get(&format!("/api/v1/search?q={q}"), &owner.token).await;
        assert_eq!(
            (s, b["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{b}"
        );
    }
    let (s, b) = t.get("/api/v1/search?q=abc&limit=50", &owner.token).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("limit")));
    let (s, _) = t.call(reqwest::Method::GET, "/api/v1/search?q=abc", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_list_search_ignores_accents_and_capitals() {
    let t = TestApp::spawn().await;
    let (owner, _) = company(&t, "Alfa").await;
    for (list, q, expected) in [
        ("/api/v1/tickets?view=all&status=any", "pao%20quente", 1),
        ("/api/v1/invoices", "joao", 2),
        ("/api/v1/subscriptions", "joao", 1),
        ("/api/v1/subscriptions", "basico", 1),
        ("/api/v1/opportunities", "recepcao", 1),
        ("/api/v1/proposals", "manutencao", 1),
    ] {
        let separator = if list.contains('?') { '&' } else { '?' };
        let (s, b) = t.get(&format!("{list}{separator}q={q}"), &owner.token).await;
        assert_eq!(s, StatusCode::OK, "{list} {q}: {b}");
        assert_eq!(b["items"].as_array().map(Vec::len), Some(expected), "{list} {q}: {b}");
    }
}
