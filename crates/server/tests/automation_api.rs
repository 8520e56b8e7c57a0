//! Automation flows through the HTTP API and real intake: a flow runs once
//! per matching event (never on a redelivery), not on other events, a dry
//! run reports per condition and changes nothing, bad definitions name the
//! step and field, webhooks arrive signed, and another company sees none of it.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use common::{Actor, TestApp};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

/// A web-chat conversation opened by a visitor: the ticket, after triage.
async fn webchat_ticket(t: &TestApp, owner: &Actor, text: &str) -> Value {
    let (s, ch) =
        t.post("/api/v1/channels", Some(&owner.token), json!({"kind": "webchat", "name": text})).await;
    assert_eq!(s, StatusCode::CREATED, "{ch}");
    let public = ch["public_id"].as_str().unwrap();
    let (_, session) = t.post(&format!("/api/v1/public/webchat/{public}/sessions"), None, json!({})).await;
    let res = t
        .http
        .post(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", session["token"].as_str().unwrap())
        .json(&json!({"client_id": "m1", "text": text}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    t.drain_jobs().await;
    let (_, list) = t.get("/api/v1/tickets", &owner.token).await;
    list["items"].as_array().unwrap().iter().find(|x| x["subject"] == text).unwrap().clone()
}

async fn urgent_triage(t: &TestApp, owner: &Actor) {
    let (s, b) = t
        .call(
            reqwest::Method::PUT,
            "/api/v1/triage-rules",
            Some(&owner.token),
            Some(json!([{"keywords": ["parado"], "priority": "urgent"}])),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

fn urgent_flow() -> Value {
    json!({
        "name": "Urgente → nota e etiqueta",
        "trigger_kind": "TicketCreated",
        "conditions": {"all": [{"field": "priority", "op": "equals", "value": "urgent"}]},
        "actions": [
            {"type": "add_note", "text": "Ticket #{{ticket.number}} urgente: atenda primeiro."},
            {"type": "add_tags", "tags": ["urgente-auto"]}
        ]
    })
}

async fn active_flow(t: &TestApp, owner: &Actor, body: Value) -> Value {
    let (s, flow) = t.post("/api/v1/automation/flows", Some(&owner.token), body).await;
    assert_eq!(s, StatusCode::CREATED, "{flow}");
    assert_eq!(flow["status"], "draft");
    let id = flow["id"].as_str().unwrap();
    let (s, flow) =
        t.post(&format!("/api/v1/automation/flows/{id}/activate"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{flow}");
    assert_eq!(flow["status"], "active");
    flow
}

async fn runs(t: &TestApp, owner: &Actor, flow: &Value) -> Vec<Value> {
    let (s, page) =
        t.get(&format!("/api/v1/automation/flows/{}/runs", flow["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

async fn notes(t: &TestApp, owner: &Actor, ticket: &Value) -> Vec<String> {
    let (_, b) =
        t.get(&format!("/api/v1/tickets/{}/messages", ticket["id"].as_str().unwrap()), &owner.token).await;
    b["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["direction"] == "note")
        .map(|m| m["text"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_urgent_ticket_gets_the_note_and_tag_once_and_a_normal_one_nothing() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    urgent_triage(&t, &owner).await;
    let flow = active_flow(&t, &owner, urgent_flow()).await;

    let urgent = webchat_ticket(&t, &owner, "Sistema parado desde cedo").await;
    let normal = webchat_ticket(&t, &owner, "Quero um orçamento").await;
    assert_eq!(urgent["priority"], "urgent");

    let number = urgent["number"].as_i64().unwrap();
    let (_, urgent) =
        t.get(&format!("/api/v1/tickets/{}", urgent["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(notes(&t, &owner, &urgent).await, [format!("Ticket #{number} urgente: atenda primeiro.")]);
    assert_eq!(urgent["tags"], json!(["urgente-auto"]));
    let (_, normal) =
        t.get(&format!("/api/v1/tickets/{}", normal["id"].as_str().unwrap()), &owner.token).await;
    assert!(notes(&t, &owner, &normal).await.is_empty());
    assert_eq!(normal["tags"], json!([]));

    let history = runs(&t, &owner, &flow).await;
    let statuses: Vec<(&str, &str)> =
        history.iter().map(|r| (r["record_id"].as_str().unwrap(), r["status"].as_str().unwrap())).collect();
    assert_eq!(
        statuses,
        [(normal["id"].as_str().unwrap(), "skipped"), (urgent["id"].as_str().unwrap(), "succeeded")],
        "newest first"
    );
    let done = &history[1];
    assert_eq!(done["flow_version"], 1);
    let outcomes: Vec<&str> =
        done["steps"].as_array().unwrap().iter().map(|s| s["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["held", "succeeded", "succeeded"]);
    assert_eq!(history[0]["steps"][0]["outcome"], "not_held");

    // The same event delivered again (a retried dispatch, a restarted
    // worker): the flow does not run a second time.
    t.redeliver("automation.run_flows", "TicketCreated", "ticket_id", urgent["id"].as_str().unwrap()).await;
    assert_eq!(notes(&t, &owner, &urgent).await.len(), 1);
    assert_eq!(runs(&t, &owner, &flow).await.len(), 2);

    // Paused, it no longer runs.
    let id = flow["id"].as_str().unwrap();
    let (s, paused) =
        t.post(&format!("/api/v1/automation/flows/{id}/pause"), Some(&owner.token), json!({})).await;
    assert_eq!((s, paused["status"].as_str()), (StatusCode::OK, Some("paused")));
    webchat_ticket(&t, &owner, "Outro sistema parado").await;
    assert_eq!(runs(&t, &owner, &flow).await.len(), 2);
}

#[tokio::test]
async fn a_dry_run_reports_each_condition_and_changes_nothing() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    urgent_triage(&t, &owner).await;
    let urgent = webchat_ticket(&t, &owner, "Caixa parado").await;
    webchat_ticket(&t, &owner, "Dúvida sobre o plano").await;
    let mut definition = urgent_flow();
    definition.as_object_mut().unwrap().remove("name");
    let (s, result) = t
        .post(
            "/api/v1/automation/flows/dry-run",
            Some(&owner.token),
            json!({"definition": definition, "limit": 5}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{result}");
    let events = result["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    let matched: Vec<bool> = events.iter().map(|e| e["matched"].as_bool().unwrap()).collect();
    assert_eq!(matched, [false, true], "newest first");
    let hit = &events[1];
    assert_eq!(hit["record_id"], urgent["id"]);
    assert_eq!(hit["steps"][0]["step"], "conditions.all[0]");
    assert_eq!(hit["steps"][0]["outcome"], "held");
    assert_eq!(hit["steps"][1]["outcome"], "would_run");
    assert_eq!(hit["steps"][1]["detail"], format!("Ticket #{} urgente: atenda primeiro.", urgent["number"]));
    assert_eq!(events[0]["steps"][0]["outcome"], "not_held");
    assert_eq!(events[0]["steps"][1]["outcome"], "not_run");
    t.drain_jobs().await;
    assert!(notes(&t, &owner, &urgent).await.is_empty(), "a dry run writes nothing");
    let mut admin = t.db.admin().await;
    let n: i64 =
        sqlx::query_scalar("select count(*) from automation_runs").fetch_one(&mut admin).await.unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn a_bad_definition_is_refused_naming_the_step_and_field() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    // What the editor offers: fields typed by the trigger, with their operators.
    let (s, triggers) = t.get("/api/v1/automation/triggers", &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    let created = triggers.as_array().unwrap().iter().find(|x| x["kind"] == "TicketCreated").unwrap();
    assert_eq!(created["has_ticket"], true);
    let number = created["fields"].as_array().unwrap().iter().find(|f| f["path"] == "number").unwrap();
    assert_eq!(number["type"], "number");
    assert!(!number["ops"].as_array().unwrap().contains(&json!("contains")));
    let (s, p) = t
        .post(
            "/api/v1/automation/flows",
            Some(&owner.token),
            json!({"name": "Ruim", "trigger_kind": "TicketCreated",
                   "conditions": {"any": [{"field": "prioridade", "op": "equals", "value": "urgent"},
                                          {"field": "number", "op": "contains", "value": "1"}]},
                   "actions": [{"type": "add_note", "text": "Olá {{cliente.cpf}}"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    let fields: Vec<&str> =
        p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["conditions.any[0].field", "conditions.any[1].op", "actions[0].text"]);
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("prioridade"), "{p}");
    let (s, p) = t
        .post(
            "/api/v1/automation/flows",
            Some(&owner.token),
            json!({"name": "Ruim", "trigger_kind": "TicketInventado", "actions": [{"type": "add_tags", "tags": ["x"]}]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["field"], "trigger_kind");
    let (s, _) = t
        .post(
            "/api/v1/automation/flows",
            Some(&owner.token),
            json!({"name": "Ruim", "trigger_kind": "TicketCreated", "actions": [{"type": "add_tags", "tags": ["x"], "extra": 1}]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "unknown fields are refused");
}

type Received = Arc<Mutex<Vec<(HeaderMap, Vec<u8>)>>>;

/// A company's endpoint: records what it receives and answers 204.
async fn receiver() -> (String, Received) {
    let seen: Received = Arc::default();
    let keep = seen.clone();
    let router = axum::Router::new().route(
        "/hooks/conectcrm",
        axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let keep = keep.clone();
            async move {
                keep.lock().unwrap().push((headers, body.to_vec()));
                StatusCode::NO_CONTENT
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (base, seen)
}

#[tokio::test]
async fn the_webhook_action_posts_the_event_signed_with_the_flows_secret() {
    let (base, seen) = receiver().await;
    let t = TestApp::spawn_allowing_only(&base).await;
    let owner = t.signup("Alfa").await;
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Avisar o ERP", "trigger_kind": "TicketCreated",
               "actions": [{"type": "webhook", "url": format!("{base}/hooks/conectcrm")}]}),
    )
    .await;
    let ticket = webchat_ticket(&t, &owner, "Pedido 123").await;
    let got = seen.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    let (headers, body) = &got[0];
    let signature = headers["x-conectcrm-signature"].to_str().unwrap();
    let (ts, v1) = signature.split_once(',').unwrap();
    let ts = ts.strip_prefix("t=").unwrap();
    let mut mac =
        Hmac::<Sha256>::new_from_slice(flow["webhook_secret"].as_str().unwrap().as_bytes()).unwrap();
    mac.update(format!("{ts}.").as_bytes());
    mac.update(body);
    assert_eq!(v1.strip_prefix("v1=").unwrap(), hex::encode(mac.finalize().into_bytes()));
    assert!((chrono::Utc::now().timestamp() - ts.parse::<i64>().unwrap()).abs() < 60);
    let sent: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(sent["kind"], "TicketCreated");
    assert_eq!(sent["flow_id"], flow["id"]);
    assert_eq!(sent["payload"]["ticket_id"], ticket["id"]);
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(history[0]["status"], "succeeded", "{history:?}");
    assert_eq!(
        headers["x-conectcrm-delivery"].to_str().unwrap(),
        history[0]["id"].as_str().unwrap(),
        "the run id is the idempotency key"
    );

    // An internal address the operator did not list is refused by the
    // egress guard: the run fails with the reason, nothing is called.
    let (recorder, calls) = common::recorder().await;
    let id = flow["id"].as_str().unwrap();
    let (s, _) = t
        .patch(
            &format!("/api/v1/automation/flows/{id}"),
            &owner.token,
            json!({"name": "Avisar o ERP", "trigger_kind": "TicketCreated",
                   "actions": [{"type": "webhook", "url": format!("{recorder}/x")}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    webchat_ticket(&t, &owner, "Pedido 456").await;
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(
        (history[0]["status"].as_str(), history[0]["flow_version"].as_i64()),
        (Some("failed"), Some(2))
    );
    assert_eq!(history[0]["steps"][0]["detail"], "endereço não permitido");
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn another_company_neither_sees_nor_runs_the_flow() {
    let t = TestApp::spawn().await;
    let alfa = t.signup("Alfa").await;
    let beta = t.signup("Beta").await;
    urgent_triage(&t, &beta).await;
    let flow = active_flow(&t, &alfa, urgent_flow()).await;
    let id = flow["id"].as_str().unwrap();
    let (s, _) = t.get(&format!("/api/v1/automation/flows/{id}"), &beta.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = t.get("/api/v1/automation/flows", &beta.token).await;
    assert_eq!(list, json!([]));
    let ticket = webchat_ticket(&t, &beta, "Caixa da loja parado").await;
    assert_eq!(ticket["priority"], "urgent");
    assert!(notes(&t, &beta, &ticket).await.is_empty());
    assert!(runs(&t, &alfa, &flow).await.is_empty());
}

#[tokio::test]
async fn a_flow_that_triggers_itself_stops_after_twenty_runs_an_hour_on_the_same_ticket() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ticket = webchat_ticket(&t, &owner, "Preciso de ajuda").await;
    // Every note adds a note: NoteAdded → add_note → NoteAdded → …
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Eco", "trigger_kind": "NoteAdded",
               "actions": [{"type": "add_note", "text": "Eco de {{message_id}}"}]}),
    )
    .await;
    let id = ticket["id"].as_str().unwrap();
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{id}/messages"),
            Some(&owner.token),
            json!({"text": "Primeira nota", "note": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    t.drain_jobs().await;
    assert_eq!(notes(&t, &owner, &ticket).await.len(), 1 + 20);
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(history.len(), 21);
    assert_eq!(history.iter().filter(|r| r["status"] == "succeeded").count(), 20);
    assert_eq!(history[0]["status"], "skipped");
    assert!(history[0]["error"].as_str().unwrap().contains("20 vezes na última hora"), "{}", history[0]);
}
