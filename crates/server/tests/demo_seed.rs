//! `./run.sh --demo` (`conectcrm seed-demo`): the demo company a new user
//! signs into has data on every screen the README points at — and running
//! it twice changes nothing.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;
use server::seed::{DEMO_COMPANY, DEMO_EMAIL, DEMO_PASSWORD, seed_demo};

#[tokio::test]
async fn the_demo_company_has_conversations_triage_and_a_customer_at_risk() {
    let t = TestApp::spawn().await;
    let first = seed_demo(&t.app, DEMO_COMPANY, DEMO_EMAIL, DEMO_PASSWORD).await.unwrap();
    assert!(first.created);
    t.drain_jobs().await;
    let again = seed_demo(&t.app, DEMO_COMPANY, DEMO_EMAIL, DEMO_PASSWORD).await.unwrap();
    assert!(!again.created, "a second run leaves the demo as it is");

    let (s, pair) =
        t.post("/api/v1/auth/login", None, json!({"email": DEMO_EMAIL, "password": DEMO_PASSWORD})).await;
    assert_eq!(s, StatusCode::OK, "{pair}");
    let token = pair["access_token"].as_str().unwrap();

    let (_, tickets) = t.get("/api/v1/tickets?status=any&limit=100", token).await;
    let tickets = tickets["items"].as_array().unwrap();
    assert_eq!(tickets.len(), 5, "{tickets:?}");
    assert!(
        tickets.iter().all(|x| x["intent"].is_string() && x["sentiment"].is_string()),
        "triaged: {tickets:?}"
    );

    let (_, risk) = t.get("/api/v1/insights/customers-at-risk", token).await;
    let names: Vec<&str> =
        risk["items"].as_array().unwrap().iter().map(|c| c["customer_name"].as_str().unwrap()).collect();
    assert!(names.contains(&"João Araújo da Silva"), "an upset customer with an overdue invoice: {risk}");

    let (_, trends) = t.get("/api/v1/insights/topics", token).await;
    assert!(!trends["categories"].as_array().unwrap().is_empty(), "{trends}");
}
