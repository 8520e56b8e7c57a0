//! The domain-event catalogue as the running product uses it: every event
//! a company's day produces is a kind of the catalogue, at its version,
//! and reads back as its type; every consumer decodes what it receives; a
//! payload of a version no consumer knows is refused, not misread.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestApp;
use common::world::World;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn every_event_of_a_busy_company_reads_back_as_its_catalogue_type() {
    let t = TestApp::spawn().await;
    let w = World::build(&t, "Alfa").await;
    let o = &w.owner;
    // Beyond the fixture: a contract signed (finance bills it) and then
    // cancelled (its subscription stops), a deal won, a ticket resolved.
    let contract = &w.ids["contract"];
    let (s, b) = t.post(&format!("/api/v1/contracts/{contract}/sign"), Some(&o.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = t
        .post(
            &format!("/api/v1/contracts/{contract}/cancel"),
            Some(&o.token),
            json!({"reason": "Cliente desistiu"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (_, pipelines) = t.get("/api/v1/pipelines", &o.token).await;
    let won = pipelines["items"].as_array().or(pipelines.as_array()).unwrap()[0]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "won")
        .map(|s| s["id"].as_str().unwrap().to_string())
        .expect("a won stage");
    let (s, b) = t
        .post(
            &format!("/api/v1/opportunities/{}/move", w.ids["opportunity"]),
            Some(&o.token),
            json!({"stage_id": won}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = t
        .patch(&format!("/api/v1/tickets/{}", w.ids["ticket"]), &o.token, json!({"status": "resolved"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    t.drain_jobs().await;

    let mut admin = t.db.admin().await;
    let stored: Vec<(String, i16, Value)> =
        sqlx::query_as("select kind, version, payload from outbox_events order by id")
            .fetch_all(&mut admin)
            .await
            .unwrap();
    let mut kinds: Vec<&str> = Vec::new();
    for (kind, version, payload) in &stored {
        let info = events::info(kind).unwrap_or_else(|| panic!("{kind} is not in the catalogue"));
        assert_eq!(*version, info.version, "{kind}");
        match events::parse_payload(kind, payload.clone()) {
            Some(Ok(())) => {}
            other => panic!("{kind} does not read back as its type: {other:?}\n{payload}"),
        }
        if !kinds.contains(&kind.as_str()) {
            kinds.push(kind);
        }
    }
    for expected in [
        "CompanyCreated",
        "UserJoined",
        "UserDeactivated",
        "CustomerCreated",
        "ContactAdded",
        "OpportunityCreated",
        "OpportunityStageChanged",
        "OpportunityWon",
        "ProposalCreated",
        "ContractSigned",
        "ContractCancelled",
        "InvoiceIssued",
        "PaymentReceived",
        "SubscriptionStarted",
        "SubscriptionCancelled",
        "TicketCreated",
        "MessageReceived",
        "TicketStatusChanged",
        "TicketResolved",
    ] {
        assert!(kinds.contains(&expected), "{expected} was not emitted: {kinds:?}");
    }
    // Every consumer decoded what it was given: no subscriber job (its
    // payload is the stored event) failed. (The fixture's own dead job is
    // not an event's.)
    let failed: Vec<(String, Option<String>)> = sqlx::query_as(
        "select kind, last_error from jobs
          where payload ? 'event_id' and (last_error is not null or dead_at is not null) order by id",
    )
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert!(failed.is_empty(), "jobs failed: {failed:?}");
    // The consumers ran: the signed contract was billed, its cancellation
    // stopped the subscription it started.
    let (_, subs) = t.get("/api/v1/subscriptions?limit=100", &o.token).await;
    let from_contract: Vec<&Value> =
        subs["items"].as_array().unwrap().iter().filter(|s| s["contract_id"] == json!(contract)).collect();
    assert_eq!(from_contract.len(), 1, "{subs}");
    assert_eq!(from_contract[0]["status"], "cancelled");
}

#[tokio::test]
async fn a_payload_of_an_unknown_version_is_refused_by_its_consumer_and_kept() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    t.drain_jobs().await;
    let mut admin = t.db.admin().await;
    // A ContractSigned written by a future build (version 2).
    sqlx::query(
        "insert into outbox_events (event_id, tenant_id, kind, version, payload)
         values (gen_random_uuid(), $1::uuid, 'ContractSigned', 2, '{}')",
    )
    .bind(&owner.tenant_id)
    .execute(&mut admin)
    .await
    .unwrap();
    t.drain_jobs().await;
    let errors: Vec<Option<String>> =
        sqlx::query_scalar("select last_error from jobs where kind = 'finance.bill_signed_contract'")
            .fetch_all(&mut admin)
            .await
            .unwrap();
    assert_eq!(errors.len(), 1);
    let error = errors[0].clone().unwrap_or_default();
    assert!(error.contains("ContractSigned version 2 is not supported"), "{error}");
    let (_, invoices) = t.get("/api/v1/invoices", &owner.token).await;
    assert_eq!(invoices["items"], json!([]), "nothing billed from a payload it could not read");
}
