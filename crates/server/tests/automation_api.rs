//! Automation flows through the HTTP API and real intake: a flow runs once
//! per matching event (never on a redelivery), not on other events, a dry
//! run reports per condition and changes nothing, bad definitions name the
//! step and field, webhooks arrive signed, and another company sees none of it.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use common::flows::{active_flow, runs};
use common::{Actor, TestApp};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

/// A web-chat conversation opened by a new visitor of the company's site
/// (its one web-chat channel): the ticket, after triage.
async fn webchat_ticket(t: &TestApp, owner: &Actor, text: &str) -> Value {
    let (_, channels) = t.get("/api/v1/channels", &owner.token).await;
    let ch = match channels.as_array().unwrap().iter().find(|c| c["kind"] == "webchat") {
        Some(ch) => ch.clone(),
        None => {
            let (s, ch) = t
                .post("/api/v1/channels", Some(&owner.token), json!({"kind": "webchat", "name": "Site"}))
                .await;
            assert_eq!(s, StatusCode::CREATED, "{ch}");
            ch
        }
    };
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
    let (s, published) =
        t.post(&format!("/api/v1/automation/flows/{id}/publish"), Some(&owner.token), json!({})).await;
    assert_eq!((s, published["version"].as_i64()), (StatusCode::OK, Some(2)), "{published}");
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
async fn a_flow_that_triggers_itself_stops_at_depth_five_with_the_reason() {
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
    // The person's note (depth 0) and five echoes (depths 1–5); the
    // sixth run, on an event five runs deep, is refused.
    assert_eq!(notes(&t, &owner, &ticket).await.len(), 1 + 5);
    let history = runs(&t, &owner, &flow).await;
    let depths: Vec<i64> = history.iter().map(|r| r["depth"].as_i64().unwrap()).collect();
    assert_eq!(depths, [5, 4, 3, 2, 1, 0], "newest first");
    assert_eq!(history.iter().filter(|r| r["status"] == "succeeded").count(), 5);
    assert_eq!(history[0]["status"], "skipped");
    assert!(history[0]["error"].as_str().unwrap().contains("cadeia de 5 automações"), "{}", history[0]);
}

#[tokio::test]
async fn a_flow_acts_at_most_twenty_times_an_hour_on_one_ticket() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ticket = webchat_ticket(&t, &owner, "Preciso de ajuda").await;
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Etiqueta em cada nota", "trigger_kind": "NoteAdded",
               "conditions": {"all": [{"field": "message_id", "op": "is_not_empty"}]},
               "actions": [{"type": "add_tags", "tags": ["anotado"]}]}),
    )
    .await;
    let id = ticket["id"].as_str().unwrap();
    for n in 0..21 {
        let (s, _) = t
            .post(
                &format!("/api/v1/tickets/{id}/messages"),
                Some(&owner.token),
                json!({"text": format!("Nota {n}"), "note": true}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
    }
    t.drain_jobs().await;
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(history.len(), 21);
    assert_eq!(history.iter().filter(|r| r["status"] == "succeeded").count(), 20);
    assert_eq!(history[0]["status"], "skipped");
    assert!(history[0]["error"].as_str().unwrap().contains("20 vezes na última hora"), "{}", history[0]);
}

/// Makes every delayed job due now: the clock of a wait moves forward.
async fn time_passes(t: &TestApp) {
    let mut admin = t.db.admin().await;
    sqlx::query("update jobs set run_at = now() where run_at > now()").execute(&mut admin).await.unwrap();
    drop(admin);
    t.drain_jobs().await;
}

async fn messages(t: &TestApp, owner: &Actor, ticket: &Value) -> Vec<Value> {
    let (_, b) =
        t.get(&format!("/api/v1/tickets/{}/messages", ticket["id"].as_str().unwrap()), &owner.token).await;
    b["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_flow_paused_before_its_first_publication_is_published_as_version_1_when_activated() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, flow) = t.post("/api/v1/automation/flows", Some(&owner.token), urgent_flow()).await;
    assert_eq!(s, StatusCode::CREATED);
    let url = format!("/api/v1/automation/flows/{}", flow["id"].as_str().unwrap());
    let (s, flow) = t.post(&format!("{url}/pause"), Some(&owner.token), json!({})).await;
    assert_eq!((s, flow["status"].as_str()), (StatusCode::OK, Some("paused")));
    let (s, flow) = t.post(&format!("{url}/activate"), Some(&owner.token), json!({})).await;
    assert_eq!(
        (s, flow["status"].as_str(), flow["version"].as_i64()),
        (StatusCode::OK, Some("active"), Some(1))
    );
    let (_, versions) = t.get(&format!("{url}/versions"), &owner.token).await;
    let listed: Vec<(i64, bool)> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["version"].as_i64().unwrap(), v["current"].as_bool().unwrap()))
        .collect();
    assert_eq!(listed, [(1, true)], "version 1 is kept like any published version");
    // Paused and activated again, it is not published twice.
    t.post(&format!("{url}/pause"), Some(&owner.token), json!({})).await;
    let (s, flow) = t.post(&format!("{url}/activate"), Some(&owner.token), json!({})).await;
    assert_eq!((s, flow["version"].as_i64()), (StatusCode::OK, Some(1)));
    let (_, versions) = t.get(&format!("{url}/versions"), &owner.token).await;
    assert_eq!(versions.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn editing_a_live_flow_keeps_its_version_until_the_draft_is_published() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, flow) = t.post("/api/v1/automation/flows", Some(&owner.token), urgent_flow()).await;
    assert_eq!(s, StatusCode::CREATED);
    let id = flow["id"].as_str().unwrap().to_owned();
    let url = format!("/api/v1/automation/flows/{id}");
    let tagging = |tag: &str| {
        json!({"name": "Etiquetar", "trigger_kind": "TicketCreated",
               "actions": [{"type": "add_tags", "tags": [tag]}]})
    };
    // A draft changes in place.
    let (s, flow) = t.patch(&url, &owner.token, tagging("v1")).await;
    assert_eq!(s, StatusCode::OK, "{flow}");
    assert_eq!((flow["version"].as_i64(), &flow["draft"]), (Some(1), &Value::Null));
    let (s, _) = t.post(&format!("{url}/activate"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK);
    // A live flow keeps running version 1 while the change waits as its draft.
    let (s, flow) = t.patch(&url, &owner.token, tagging("v2")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(flow["version"], 1);
    assert_eq!(flow["actions"][0]["tags"], json!(["v1"]));
    assert_eq!(flow["draft"]["actions"][0]["tags"], json!(["v2"]));
    let first = webchat_ticket(&t, &owner, "Primeiro").await;
    let (_, first) = t.get(&format!("/api/v1/tickets/{}", first["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(first["tags"], json!(["v1"]));

    let (s, flow) = t.post(&format!("{url}/publish"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{flow}");
    assert_eq!(
        (flow["version"].as_i64(), &flow["draft"], flow["status"].as_str()),
        (Some(2), &Value::Null, Some("active"))
    );
    let (s, p) = t.post(&format!("{url}/publish"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "nothing left to publish: {p}");
    let second = webchat_ticket(&t, &owner, "Segundo").await;
    let (_, second) =
        t.get(&format!("/api/v1/tickets/{}", second["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(second["tags"], json!(["v2"]));
    let history = runs(&t, &owner, &flow).await;
    let used: Vec<i64> = history.iter().map(|r| r["flow_version"].as_i64().unwrap()).collect();
    assert_eq!(used, [2, 1], "each run names the version it used");

    let (s, versions) = t.get(&format!("{url}/versions"), &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    let listed: Vec<(i64, bool, Value)> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap(),
                v["current"].as_bool().unwrap(),
                v["definition"]["actions"][0]["tags"].clone(),
            )
        })
        .collect();
    assert_eq!(listed, [(2, true, json!(["v2"])), (1, false, json!(["v1"]))]);

    // A draft thrown away changes nothing; an archived flow runs no more.
    let (_, flow) = t.patch(&url, &owner.token, tagging("v3")).await;
    assert!(flow["draft"].is_object());
    let (s, flow) = t.post(&format!("{url}/discard-draft"), Some(&owner.token), json!({})).await;
    assert_eq!((s, &flow["draft"], flow["version"].as_i64()), (StatusCode::OK, &Value::Null, Some(2)));
    let (s, flow) = t.post(&format!("{url}/archive"), Some(&owner.token), json!({})).await;
    assert_eq!((s, flow["status"].as_str()), (StatusCode::OK, Some("archived")));
    webchat_ticket(&t, &owner, "Terceiro").await;
    assert_eq!(runs(&t, &owner, &flow).await.len(), 2);
}

fn waiting_flow() -> Value {
    json!({
        "name": "Sem resposta → prioridade alta",
        "trigger_kind": "MessageReceived",
        "conditions": {"all": [{"field": "record.awaiting_reply", "op": "equals", "value": true}]},
        "actions": [
            {"type": "wait", "amount": 2, "unit": "hours"},
            {"type": "set_priority", "priority": "high"},
            {"type": "add_note", "text": "{{record.customer_name}} sem resposta há 2 horas (#{{record.number}})."}
        ]
    })
}

#[tokio::test]
async fn a_wait_holds_the_run_and_goes_on_only_if_the_ticket_still_qualifies() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let flow = active_flow(&t, &owner, waiting_flow()).await;

    // Nobody answers: after the wait, the ticket is raised and noted.
    let silent = webchat_ticket(&t, &owner, "Alguém aí?").await;
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(history[0]["status"], "waiting", "{history:?}");
    let resume_at: chrono::DateTime<chrono::Utc> = history[0]["resume_at"].as_str().unwrap().parse().unwrap();
    let held = resume_at - chrono::Utc::now();
    assert!(held > chrono::Duration::minutes(119) && held <= chrono::Duration::hours(2), "{held}");
    assert!(notes(&t, &owner, &silent).await.is_empty());

    // Another customer is answered before the wait ends: the run is cancelled.
    let answered = webchat_ticket(&t, &owner, "Tem horário amanhã?").await;
    let aid = answered["id"].as_str().unwrap();
    let (s, _) = t
        .post(&format!("/api/v1/tickets/{aid}/messages"), Some(&owner.token), json!({"text": "Temos sim!"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    time_passes(&t).await;

    let (_, silent) =
        t.get(&format!("/api/v1/tickets/{}", silent["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(silent["priority"], "high");
    assert_eq!(
        notes(&t, &owner, &silent).await,
        [format!(
            "{} sem resposta há 2 horas (#{}).",
            silent["customer_name"].as_str().unwrap(),
            silent["number"]
        )]
    );
    let (_, answered) = t.get(&format!("/api/v1/tickets/{aid}"), &owner.token).await;
    assert_eq!(answered["priority"], "normal");
    let by_record = |record: &Value| {
        let record = record["id"].as_str().unwrap().to_owned();
        let t = &t;
        let owner = &owner;
        async move {
            let (s, page) = t.get(&format!("/api/v1/automation/runs?record_id={record}"), &owner.token).await;
            assert_eq!(s, StatusCode::OK, "{page}");
            page["items"].as_array().unwrap().clone()
        }
    };
    let done = by_record(&silent).await;
    assert_eq!(done.len(), 1);
    assert_eq!(done[0]["status"], "succeeded");
    let outcomes: Vec<&str> =
        done[0]["steps"].as_array().unwrap().iter().map(|s| s["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["held", "succeeded", "succeeded", "succeeded"]);
    let cancelled = by_record(&answered).await;
    assert_eq!(cancelled[0]["status"], "cancelled");
    assert!(cancelled[0]["error"].as_str().unwrap().contains("condições não valem mais"), "{}", cancelled[0]);

    // Another company reads no history of these tickets.
    let beta = t.signup("Beta").await;
    let (s, page) = t.get(&format!("/api/v1/automation/runs?record_id={aid}"), &beta.token).await;
    assert_eq!((s, page["items"].as_array().map(Vec::len)), (StatusCode::OK, Some(0)));
}

#[tokio::test]
async fn a_wait_is_cancelled_when_the_flow_changes_meanwhile() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let flow = active_flow(&t, &owner, waiting_flow()).await;
    let ticket = webchat_ticket(&t, &owner, "Alguém aí?").await;
    let id = flow["id"].as_str().unwrap();
    let (s, _) = t.post(&format!("/api/v1/automation/flows/{id}/pause"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK);
    time_passes(&t).await;
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(history[0]["status"], "cancelled");
    assert!(notes(&t, &owner, &ticket).await.is_empty());
}

#[tokio::test]
async fn a_reply_goes_to_the_customer_once_and_never_answers_an_auto_reply() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Boas-vindas", "trigger_kind": "TicketCreated",
               "actions": [{"type": "reply", "text": "Olá! Seu protocolo é #{{number}}."}]}),
    )
    .await;
    let ticket = webchat_ticket(&t, &owner, "Bom dia").await;
    let sent: Vec<Value> =
        messages(&t, &owner, &ticket).await.into_iter().filter(|m| m["direction"] == "out").collect();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["text"], format!("Olá! Seu protocolo é #{}.", ticket["number"]));
    assert_eq!(sent[0]["author_name"], "Automação");
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(history[0]["status"], "succeeded");

    // An out-of-office (RFC 3834) opens a ticket too, but is never answered:
    // the reply step is not run and the run does not count as a failure.
    let (s, ch) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            json!({"kind": "email", "name": "Suporte", "config": {"address": "suporte@alfa.com.br"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ch}");
    let hook = format!(
        "/hooks/email/{}?token={}",
        ch["public_id"].as_str().unwrap(),
        ch["inbound_secret"].as_str().unwrap()
    );
    let out_of_office = "From: Bruno <bruno@cliente.com.br>\r\nTo: suporte@alfa.com.br\r\nSubject: Ausente: Pedido\r\n\
        Message-ID: <ooo-1@cliente.com.br>\r\nAuto-Submitted: auto-replied\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n\
        Estou de férias até segunda.\r\n";
    let (s, _) = t.post_raw(&hook, &[], "message/rfc822", out_of_office.as_bytes().to_vec()).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["status"], "succeeded", "{}", history[0]);
    assert_eq!(history[0]["steps"][0]["outcome"], "not_run");
    assert!(history[0]["steps"][0]["detail"].as_str().unwrap().contains("resposta automática"));
    let mut admin = t.db.admin().await;
    let n: i64 = sqlx::query_scalar("select count(*) from ticket_messages where direction = 'out'")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(n, 1, "only the web-chat visitor was answered");
}

#[tokio::test]
async fn a_reply_outside_whatsapps_window_sends_the_template_or_nothing() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ticket = webchat_ticket(&t, &owner, "Oi").await;
    let tid = ticket["id"].as_str().unwrap();
    // The conversation is on WhatsApp and the customer wrote 25 hours ago.
    let mut admin = t.db.admin().await;
    sqlx::query(
        "update support_channels set kind = 'whatsapp' where id = (select channel_id from tickets where id = $1::uuid)",
    )
    .bind(tid)
    .execute(&mut admin)
    .await
    .unwrap();
    sqlx::query("update tickets set last_inbound_at = now() - interval '25 hours' where id = $1::uuid")
        .bind(tid)
        .execute(&mut admin)
        .await
        .unwrap();
    drop(admin);
    let free_text = active_flow(
        &t,
        &owner,
        json!({"name": "Texto", "trigger_kind": "FlowRunRequested",
               "actions": [{"type": "reply", "text": "Sua fatura vence amanhã."}]}),
    )
    .await;
    let templated = active_flow(
        &t,
        &owner,
        json!({"name": "Modelo", "trigger_kind": "FlowRunRequested",
               "actions": [{"type": "reply", "text": "Sua fatura vence amanhã.",
                            "template": {"name": "lembrete_fatura", "language": "pt_BR", "params": ["{{record.customer_name}}"]}}]}),
    )
    .await;
    for flow in [&free_text, &templated] {
        let (s, b) = t
            .post(
                &format!("/api/v1/automation/flows/{}/run", flow["id"].as_str().unwrap()),
                Some(&owner.token),
                json!({"ticket_id": tid}),
            )
            .await;
        assert_eq!(s, StatusCode::ACCEPTED, "{b}");
        t.drain_jobs().await;
    }
    let refused = runs(&t, &owner, &free_text).await;
    assert_eq!(refused.len(), 1, "a button runs its own flow only");
    assert_eq!(refused[0]["status"], "failed");
    assert!(
        refused[0]["steps"][0]["detail"].as_str().unwrap().contains("janela de 24 horas"),
        "{}",
        refused[0]
    );
    let sent = runs(&t, &owner, &templated).await;
    assert_eq!(sent[0]["status"], "succeeded", "{}", sent[0]);
    let out: Vec<Value> =
        messages(&t, &owner, &ticket).await.into_iter().filter(|m| m["direction"] == "out").collect();
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0]["text"], "[modelo lembrete_fatura]");
}

#[tokio::test]
async fn notify_tells_the_chosen_people_and_a_flow_failing_five_times_pauses_and_alerts_admins() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let me = owner.user_id.clone();
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Avisar e chamar o ERP", "trigger_kind": "TicketCreated",
               "actions": [{"type": "notify", "user_ids": [me], "subject": "Novo ticket #{{number}}", "text": "Chegou o ticket #{{number}}."},
                           {"type": "webhook", "url": "http://10.0.0.1/erp"}]}),
    )
    .await;
    let first = webchat_ticket(&t, &owner, "Um").await;
    let mails = t.outbox();
    assert!(mails.iter().any(|m| m.contains(&format!("Novo ticket #{}", first["number"]))), "{mails:?}");
    // And in the bell, opening the ticket the event named.
    let (_, bell) = t.get("/api/v1/notifications", &owner.token).await;
    let notice = bell["items"].as_array().unwrap().iter().find(|n| n["kind"] == "automation").cloned();
    let notice = notice.unwrap_or_else(|| panic!("no automation notice: {bell}"));
    assert_eq!(notice["title"], format!("Novo ticket #{}", first["number"]));
    assert_eq!(notice["body"], format!("Chegou o ticket #{}.", first["number"]));
    assert_eq!((notice["subject_kind"].as_str(), &notice["subject_id"]), (Some("ticket"), &first["id"]));
    for n in 2..=5 {
        webchat_ticket(&t, &owner, &format!("Ticket {n}")).await;
    }
    let id = flow["id"].as_str().unwrap();
    let (_, flow) = t.get(&format!("/api/v1/automation/flows/{id}"), &owner.token).await;
    assert_eq!(flow["status"], "paused");
    assert!(flow["paused_reason"].as_str().unwrap().contains("5 vezes seguidas"), "{flow}");
    assert!(t.outbox().iter().any(|m| m.contains("pausado")), "admins are told");
    webchat_ticket(&t, &owner, "Seis").await;
    assert_eq!(runs(&t, &owner, &flow).await.len(), 5, "a paused flow runs no more");
}

/// An endpoint that is down (503) until `up` is set, then records and answers 204.
async fn flaky_receiver() -> (String, Arc<std::sync::atomic::AtomicBool>, Received) {
    let up = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen: Received = Arc::default();
    let (up2, keep) = (up.clone(), seen.clone());
    let router = axum::Router::new().route(
        "/erp",
        axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let (up, keep) = (up2.clone(), keep.clone());
            async move {
                if !up.load(std::sync::atomic::Ordering::SeqCst) {
                    return StatusCode::SERVICE_UNAVAILABLE;
                }
                keep.lock().unwrap().push((headers, body.to_vec()));
                StatusCode::NO_CONTENT
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (base, up, seen)
}

#[tokio::test]
async fn a_failed_step_is_retried_from_where_it_failed() {
    let (base, up, seen) = flaky_receiver().await;
    let t = TestApp::spawn_allowing_only(&base).await;
    let owner = t.signup("Alfa").await;
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Nota e ERP", "trigger_kind": "TicketCreated",
               "actions": [{"type": "add_note", "text": "Enviado ao ERP"},
                           {"type": "webhook", "url": format!("{base}/erp")},
                           {"type": "add_tags", "tags": ["erp"]}]}),
    )
    .await;
    let ticket = webchat_ticket(&t, &owner, "Pedido 9").await;
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(history[0]["status"], "failed");
    let outcomes: Vec<&str> =
        history[0]["steps"].as_array().unwrap().iter().map(|s| s["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["succeeded", "failed", "not_run"]);
    let run_id = history[0]["id"].as_str().unwrap().to_owned();

    up.store(true, std::sync::atomic::Ordering::SeqCst);
    let (s, p) =
        t.post(&format!("/api/v1/automation/runs/{run_id}/retry"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{p}");
    let (s, _) =
        t.post(&format!("/api/v1/automation/runs/{run_id}/retry"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "only a failed run is retried");
    t.drain_jobs().await;
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["status"], "succeeded", "{}", history[0]);
    let outcomes: Vec<&str> =
        history[0]["steps"].as_array().unwrap().iter().map(|s| s["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["succeeded", "succeeded", "succeeded"]);
    assert_eq!(
        notes(&t, &owner, &ticket).await.len(),
        1,
        "the note before the failed step is not written twice"
    );
    assert_eq!(seen.lock().unwrap().len(), 1);
    let (_, ticket) =
        t.get(&format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(ticket["tags"], json!(["erp"]));

    // Another company can neither retry it nor read its runs.
    let beta = t.signup("Beta").await;
    let (s, _) =
        t.post(&format!("/api/v1/automation/runs/{run_id}/retry"), Some(&beta.token), json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_gallery_installs_a_draft_the_company_then_activates() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, items) = t.get("/api/v1/automation/gallery", &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    assert!(items.as_array().unwrap().len() >= 5);
    let (s, flow) =
        t.post("/api/v1/automation/gallery/install", Some(&owner.token), json!({"key": "csat-baixo"})).await;
    assert_eq!(s, StatusCode::CREATED, "{flow}");
    assert_eq!(
        (flow["status"].as_str(), flow["trigger_kind"].as_str()),
        (Some("draft"), Some("CsatReceived"))
    );
    assert_eq!(flow["actions"][3]["user_ids"], json!([owner.user_id]));
    let (s, p) =
        t.post("/api/v1/automation/gallery/install", Some(&owner.token), json!({"key": "nada"})).await;
    assert_eq!((s, p["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("key")));
}

/// The pending times of scheduled flows.
async fn ticks(t: &TestApp) -> Vec<chrono::DateTime<chrono::Utc>> {
    let mut admin = t.db.admin().await;
    let rows: Vec<(chrono::DateTime<chrono::Utc>,)> = sqlx::query_as(
        "select run_at from jobs where kind = 'automation.schedule_tick' and done_at is null order by run_at",
    )
    .fetch_all(&mut admin)
    .await
    .unwrap();
    rows.into_iter().map(|r| r.0).collect()
}

#[tokio::test]
async fn a_scheduled_flow_fires_at_its_times_in_the_companys_timezone() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, p) = t
        .post(
            "/api/v1/automation/flows",
            Some(&owner.token),
            json!({"name": "A cada 5 min", "trigger_kind": "FlowScheduleFired", "schedule": "*/5 * * * *",
                   "actions": [{"type": "notify", "user_ids": [owner.user_id], "subject": "x", "text": "x"}]}),
        )
        .await;
    assert_eq!(
        (s, p["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("schedule")),
        "{p}"
    );
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Resumo das 9h", "trigger_kind": "FlowScheduleFired", "schedule": "0 9 * * Mon-Fri",
               "actions": [{"type": "notify", "user_ids": [owner.user_id], "subject": "Bom dia ({{fired_at}})",
                            "text": "Hora de ver a fila."}]}),
    )
    .await;
    let first = ticks(&t).await;
    assert_eq!(first.len(), 1, "one pending time");
    let local = first[0].with_timezone(&chrono_tz::America::Sao_Paulo);
    assert_eq!(local.format("%H:%M").to_string(), "09:00", "09:00 in São Paulo: {local}");
    assert!(!matches!(chrono::Datelike::weekday(&local), chrono::Weekday::Sat | chrono::Weekday::Sun));

    time_passes(&t).await;
    let history = runs(&t, &owner, &flow).await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["status"], "succeeded", "{}", history[0]);
    assert!(t.outbox().iter().any(|m| m.contains("Hora de ver a fila.")));
    let next = ticks(&t).await;
    assert_eq!(next.len(), 1, "the next time is queued: {next:?}");
    assert!(next[0] > first[0]);

    // Paused, its pending time fires nothing and queues nothing.
    let id = flow["id"].as_str().unwrap();
    t.post(&format!("/api/v1/automation/flows/{id}/pause"), Some(&owner.token), json!({})).await;
    time_passes(&t).await;
    assert_eq!(runs(&t, &owner, &flow).await.len(), 1);
    assert!(ticks(&t).await.is_empty());
}
