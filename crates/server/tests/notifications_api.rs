//! The bell: who is told of a mention, an assignment, a transfer, a
//! payment; once per event; live to that person only; their choices.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::webchat::{new_ticket, webchat};
use common::{Actor, TestApp, TestSocket};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A ticket opened by a web-chat visitor; returns its id.
async fn ticket(t: &TestApp, owner: &Actor) -> String {
    let public = webchat(t, owner).await;
    let ticket = new_ticket(t, owner, &public, "O caixa travou.").await;
    ticket["id"].as_str().unwrap().to_string()
}

async fn bell(t: &TestApp, who: &Actor) -> Value {
    let (s, page) = t.get("/api/v1/notifications", &who.token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page
}

fn kinds(page: &Value) -> Vec<&str> {
    page["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_mention_reaches_only_the_person_named_live_once_and_is_marked_read() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Sino").await;
    let agent = t.add_user(&owner, "agent").await;
    let other = t.add_user(&owner, "agent").await;
    let id = ticket(&t, &owner).await;
    let mut agent_socket = TestSocket::connect(&t, &agent.token).await.unwrap();
    let mut other_socket = TestSocket::connect(&t, &other.token).await.unwrap();

    let (s, note) = t
        .post(
            &format!("/api/v1/tickets/{id}/messages"),
            Some(&owner.token),
            json!({"text": "@Ana veja o caixa, por favor", "note": true, "mentions": [agent.user_id]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{note}");
    t.drain_jobs().await;

    let page = bell(&t, &agent).await;
    assert_eq!(page["unread"], 1, "{page}");
    let n = &page["items"][0];
    assert_eq!(n["kind"], "mention");
    assert!(n["title"].as_str().unwrap().starts_with("Dono mencionou você no ticket #"), "{n}");
    assert_eq!(n["body"], "@Ana veja o caixa, por favor");
    assert_eq!((n["subject_kind"].as_str(), n["subject_id"].as_str()), (Some("ticket"), Some(id.as_str())));
    assert_eq!(n["read_at"], Value::Null);
    assert_eq!(bell(&t, &other).await["unread"], 0, "nobody else is told");
    assert_eq!(bell(&t, &owner).await["unread"], 0, "nor who wrote it");

    let live = agent_socket.collect(Duration::from_millis(500)).await;
    let pushed: Vec<_> = live.iter().filter(|(k, _)| k == "notification").collect();
    assert_eq!(pushed.len(), 1, "{live:?}");
    assert_eq!(pushed[0].1["id"], n["id"]);
    assert_eq!(pushed[0].1["desktop"], true, "mentions are desktop alerts by default");
    other_socket.collect(Duration::from_millis(200)).await;
    assert!(!other_socket.kinds().contains(&"notification"), "{:?}", other_socket.kinds());

    // The e-mail default for a mention.
    assert!(
        t.outbox().iter().any(|m| m.contains(&format!("To: {}", agent.email)) && m.contains("mencionou")),
        "a mention is e-mailed by default"
    );

    // A redelivered event tells nobody twice.
    let mut admin = t.db.admin().await;
    let (event_id, tenant_id, payload): (uuid::Uuid, uuid::Uuid, Value) = sqlx::query_as(
        "select event_id, tenant_id, payload from outbox_events where kind = 'TicketMentioned' and payload->>'ticket_id' = $1",
    )
    .bind(&id)
    .fetch_one(&mut admin)
    .await
    .unwrap();
    let stored = json!({"event_id": event_id, "tenant_id": tenant_id, "kind": "TicketMentioned", "version": 1,
                        "payload": payload, "occurred_at": chrono::Utc::now()});
    kernel::jobs::enqueue_raw(
        &mut admin,
        "accounts.notify_mention",
        Some(tenant_id),
        stored,
        Default::default(),
    )
    .await
    .unwrap();
    t.drain_jobs().await;
    assert_eq!(bell(&t, &agent).await["items"].as_array().unwrap().len(), 1);

    // Only its person marks it read.
    let nid = n["id"].as_str().unwrap();
    let (s, _) = t.post(&format!("/api/v1/notifications/{nid}/read"), Some(&other.token), json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, marked) =
        t.post(&format!("/api/v1/notifications/{nid}/read"), Some(&agent.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{marked}");
    assert_eq!((marked["marked"].as_u64(), marked["unread"].as_i64()), (Some(1), Some(0)));
    let (_, again) =
        t.post(&format!("/api/v1/notifications/{nid}/read"), Some(&agent.token), json!({})).await;
    assert_eq!(again["marked"], 0, "again is harmless");
    let page = bell(&t, &agent).await;
    assert!(page["items"][0]["read_at"].is_string(), "{page}");
    let (_, unread_only) = t.get("/api/v1/notifications?unread=true", &agent.token).await;
    assert_eq!(unread_only["items"].as_array().unwrap().len(), 0);

    let outsider = t.signup("Outra").await;
    let (s, _) = t.post(&format!("/api/v1/notifications/{nid}/read"), Some(&outsider.token), json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(bell(&t, &outsider).await["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn assignments_and_transfers_tell_the_new_assignee_but_not_who_took_it_themselves() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Sino").await;
    let agent = t.add_user(&owner, "agent").await;
    let manager = t.add_user(&owner, "manager").await;
    let id = ticket(&t, &owner).await;

    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{id}/transfer"),
            Some(&owner.token),
            json!({"assignee_id": agent.user_id}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    t.drain_jobs().await;
    let page = bell(&t, &agent).await;
    assert_eq!(kinds(&page), ["assignment"], "{page}");
    assert!(page["items"][0]["title"].as_str().unwrap().ends_with("atribuído a você"), "{page}");

    // Taking it oneself is no news.
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{id}/transfer"),
            Some(&manager.token),
            json!({"assignee_id": manager.user_id}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    t.drain_jobs().await;
    assert_eq!(bell(&t, &manager).await["items"].as_array().unwrap().len(), 0);

    // Another team: a transfer.
    let (s, team) = t
        .post(
            "/api/v1/teams",
            Some(&owner.token),
            json!({"name": "Financeiro", "members": [{"user_id": agent.user_id}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{team}");
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{id}/transfer"),
            Some(&owner.token),
            json!({"assignee_id": agent.user_id, "team_id": team["id"], "note": "É cobrança"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    t.drain_jobs().await;
    let page = bell(&t, &agent).await;
    assert_eq!(kinds(&page), ["transfer", "assignment"], "{page}");
    assert!(page["items"][0]["title"].as_str().unwrap().ends_with("transferido para você"), "{page}");

    let (s, all) = t.post("/api/v1/notifications/read-all", Some(&agent.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{all}");
    assert_eq!((all["marked"].as_u64(), all["unread"].as_i64()), (Some(2), Some(0)));
    assert_eq!(bell(&t, &agent).await["unread"], 0);
}

#[tokio::test]
async fn a_payment_tells_those_who_see_finance_and_choices_are_kept_per_person() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Sino").await;
    let finance = t.add_user(&owner, "finance").await;
    let agent = t.add_user(&owner, "agent").await;

    let (s, prefs) = t.get("/api/v1/me/notification-preferences", &finance.token).await;
    assert_eq!(s, StatusCode::OK, "{prefs}");
    assert_eq!(prefs["items"].as_array().unwrap().len(), 9, "one per kind: {prefs}");
    // The owner keeps payments only by e-mail.
    let (s, saved) = t
        .call(
            reqwest::Method::PUT,
            "/api/v1/me/notification-preferences",
            Some(&owner.token),
            Some(json!({"items": [{"kind": "payment_received", "in_app": false, "email": true, "desktop": false}]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{saved}");
    let payment =
        saved["items"].as_array().unwrap().iter().find(|p| p["kind"] == "payment_received").unwrap();
    assert_eq!((payment["in_app"].as_bool(), payment["email"].as_bool()), (Some(false), Some(true)));
    let mention = saved["items"].as_array().unwrap().iter().find(|p| p["kind"] == "mention").unwrap();
    assert_eq!(mention["in_app"], true, "the kinds not listed keep their default");
    let (s, problem) = t
        .call(
            reqwest::Method::PUT,
            "/api/v1/me/notification-preferences",
            Some(&owner.token),
            Some(json!({"items": [
                {"kind": "mention", "in_app": true, "email": false, "desktop": false},
                {"kind": "mention", "in_app": false, "email": false, "desktop": false}]})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "items[1].kind");

    let (_, customer) = t
        .post("/api/v1/customers", Some(&owner.token), json!({"kind": "person", "name": "João Pagador"}))
        .await;
    let today = chrono::Utc::now().date_naive();
    let (s, invoice) = t
        .post(
            "/api/v1/invoices",
            Some(&finance.token),
            json!({"customer_id": customer["id"], "issue_date": today, "due_date": today + chrono::Duration::days(5),
                   "items": [{"description": "Consultoria", "quantity": 1, "unit_price_cents": 15000}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{invoice}");
    let (s, p) = t
        .post(
            "/api/v1/payments",
            Some(&finance.token),
            json!({"invoice_ids": [invoice["id"]], "method": "pix", "amount_cents": 15000}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    t.drain_jobs().await;

    let page = bell(&t, &finance).await;
    assert_eq!(kinds(&page), ["payment_received"], "{page}");
    assert_eq!(page["items"][0]["title"], "Pagamento recebido: R$ 150,00");
    assert_eq!(page["items"][0]["subject_id"], p["id"]);
    assert_eq!(bell(&t, &agent).await["items"].as_array().unwrap().len(), 0, "agents do not see finance");
    assert_eq!(bell(&t, &owner).await["items"].as_array().unwrap().len(), 0, "the owner chose e-mail only");
    assert!(
        t.outbox()
            .iter()
            .any(|m| m.contains(&format!("To: {}", owner.email)) && m.contains("Pagamento recebido")),
        "and got it by e-mail"
    );
    assert!(
        !t.outbox()
            .iter()
            .any(|m| m.contains(&format!("To: {}", finance.email)) && m.contains("Pagamento recebido")),
        "payments are not e-mailed by default"
    );
}
