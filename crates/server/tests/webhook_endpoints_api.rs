//! Outgoing webhooks (Configurações → Integrações) through the HTTP API
//! and real events: a subscribed endpoint receives each event once, signed
//! with its own secret; a failing endpoint is retried with the status code
//! recorded, then switched off with an e-mail to the admins; deliveries
//! replay; bad input names its fields; another company sees none of it.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use common::{Actor, TestApp};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

type Received = Arc<Mutex<Vec<(HeaderMap, Vec<u8>)>>>;

/// A company's receiver: records what it gets and answers with the status
/// the test sets (204 to begin with).
async fn receiver() -> (String, Received, Arc<AtomicU16>) {
    let seen: Received = Arc::default();
    let answer = Arc::new(AtomicU16::new(204));
    let (keep, status) = (seen.clone(), answer.clone());
    let router = axum::Router::new().route(
        "/hooks/conectcrm",
        axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let (keep, status) = (keep.clone(), status.clone());
            async move {
                keep.lock().unwrap().push((headers, body.to_vec()));
                StatusCode::from_u16(status.load(Ordering::SeqCst)).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (base, seen, answer)
}

async fn endpoint(t: &TestApp, owner: &Actor, url: &str, kinds: &[&str]) -> (String, String) {
    let (s, b) = t
        .post(
            "/api/v1/integrations/webhooks",
            Some(&owner.token),
            json!({"url": url, "description": "ERP", "event_kinds": kinds}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["endpoint"]["enabled"], true);
    let secret = b["secret"].as_str().unwrap().to_owned();
    assert_eq!(secret.len(), 64);
    (b["endpoint"]["id"].as_str().unwrap().to_owned(), secret)
}

async fn customer(t: &TestApp, owner: &Actor, name: &str) -> Value {
    let (s, c) =
        t.post("/api/v1/customers", Some(&owner.token), json!({"kind": "person", "name": name})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c
}

async fn deliveries(t: &TestApp, owner: &Actor, id: &str, query: &str) -> Vec<Value> {
    let (s, page) =
        t.get(&format!("/api/v1/integrations/webhooks/{id}/deliveries{query}"), &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

/// Checks `X-ConectCRM-Signature` as docs/WEBHOOKS.md tells a receiver to.
fn verify(secret: &str, headers: &HeaderMap, body: &[u8]) {
    let signature = headers["x-conectcrm-signature"].to_str().unwrap();
    let (ts, v1) = signature.split_once(',').unwrap();
    let ts = ts.strip_prefix("t=").unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{ts}.").as_bytes());
    mac.update(body);
    assert_eq!(v1.strip_prefix("v1=").unwrap(), hex::encode(mac.finalize().into_bytes()));
    assert!((chrono::Utc::now().timestamp() - ts.parse::<i64>().unwrap()).abs() < 60);
}

/// Makes every waiting retry due now and runs the queue.
async fn run_retries(t: &TestApp) {
    let mut admin = t.db.admin().await;
    sqlx::query("update jobs set run_at = now() where kind = 'automation.deliver_webhook' and done_at is null and dead_at is null")
        .execute(&mut admin)
        .await
        .unwrap();
    t.drain_jobs().await;
}

#[tokio::test]
async fn a_subscribed_event_arrives_signed_once_and_other_kinds_do_not() {
    let (base, seen, _) = receiver().await;
    let t = TestApp::spawn_allowing_only(&base).await;
    let owner = t.signup("Alfa").await;
    let (id, secret) = endpoint(&t, &owner, &format!("{base}/hooks/conectcrm"), &["CustomerCreated"]).await;

    let c = customer(&t, &owner, "Maria da Silva").await;
    t.drain_jobs().await;
    let got = seen.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "CustomerCreated only, not the other events of the sign-up");
    let (headers, body) = &got[0];
    verify(&secret, headers, body);
    let sent: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(sent["kind"], "CustomerCreated");
    assert_eq!(sent["endpoint_id"], id.as_str());
    assert_eq!(sent["payload"]["customer_id"], c["id"]);
    assert_eq!(headers["content-type"], "application/json");

    let log = deliveries(&t, &owner, &id, "").await;
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0]["status"].as_str(), log[0]["response_status"].as_i64(), log[0]["attempts"].as_i64()),
        (Some("succeeded"), Some(204), Some(1))
    );
    assert_eq!(headers["x-conectcrm-delivery"].to_str().unwrap(), log[0]["id"].as_str().unwrap());
    assert_eq!(log[0]["event_id"], sent["event_id"]);

    // The same event delivered again (a retried dispatch): nothing is sent twice.
    t.redeliver("automation.webhook_fanout", "CustomerCreated", "customer_id", c["id"].as_str().unwrap())
        .await;
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert_eq!(deliveries(&t, &owner, &id, "").await.len(), 1);

    // A test ping arrives signed too, and answers with its delivery.
    let (s, ping) =
        t.post(&format!("/api/v1/integrations/webhooks/{id}/test"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{ping}");
    assert_eq!((ping["event_kind"].as_str(), ping["status"].as_str()), (Some("ping"), Some("succeeded")));
    let got = seen.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    verify(&secret, &got[1].0, &got[1].1);

    // Rotation: the new secret signs, the old no longer does.
    let (s, rotated) = t
        .post(&format!("/api/v1/integrations/webhooks/{id}/rotate-secret"), Some(&owner.token), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{rotated}");
    let new_secret = rotated["secret"].as_str().unwrap();
    assert_ne!(new_secret, secret);
    let (_, shown) = t.get(&format!("/api/v1/integrations/webhooks/{id}"), &owner.token).await;
    assert!(shown.get("secret").is_none(), "the secret is shown on creation and rotation only: {shown}");
    customer(&t, &owner, "João").await;
    t.drain_jobs().await;
    let got = seen.lock().unwrap().clone();
    verify(new_secret, &got[2].0, &got[2].1);
}

#[tokio::test]
async fn a_failing_endpoint_is_retried_then_switched_off_and_the_admins_are_told() {
    let (base, seen, answer) = receiver().await;
    let t = TestApp::spawn_allowing_only(&base).await;
    let owner = t.signup("Alfa").await;
    let admin = t.add_user(&owner, "admin").await;
    let agent = t.add_user(&owner, "agent").await;
    let (id, _) = endpoint(&t, &owner, &format!("{base}/hooks/conectcrm"), &["CustomerCreated"]).await;
    answer.store(503, Ordering::SeqCst);
    let mails_before = t.outbox().len();

    customer(&t, &owner, "Primeira").await;
    t.drain_jobs().await;
    let log = deliveries(&t, &owner, &id, "").await;
    assert_eq!(
        (log[0]["status"].as_str(), log[0]["attempts"].as_i64(), log[0]["response_status"].as_i64()),
        (Some("pending"), Some(1), Some(503))
    );
    assert!(log[0]["error"].as_str().unwrap().contains("503"), "{}", log[0]);
    assert!(log[0]["next_attempt_at"].is_string());
    // Not before its time: the retry waits a minute.
    t.drain_jobs().await;
    assert_eq!(seen.lock().unwrap().len(), 1);

    // Two more events; then every retry of all three runs out.
    customer(&t, &owner, "Segunda").await;
    customer(&t, &owner, "Terceira").await;
    t.drain_jobs().await;
    for _ in 0..8 {
        run_retries(&t).await;
    }
    assert_eq!(seen.lock().unwrap().len(), 3 * 8, "eight attempts per delivery, no more");
    let log = deliveries(&t, &owner, &id, "?status=failed").await;
    assert_eq!(log.len(), 3);
    for d in &log {
        assert_eq!((d["attempts"].as_i64(), d["response_status"].as_i64()), (Some(8), Some(503)), "{d}");
    }
    let (_, hook) = t.get(&format!("/api/v1/integrations/webhooks/{id}"), &owner.token).await;
    assert_eq!(hook["enabled"], false, "{hook}");
    assert_eq!(hook["consecutive_failures"], 3);
    assert!(hook["disabled_reason"].as_str().unwrap().contains("3 entregas seguidas"), "{hook}");

    // The owner and the admin are told, once; the agent is not.
    let mails = t.outbox()[mails_before..].to_vec();
    let told: Vec<&String> = mails.iter().filter(|m| m.contains("Webhook desativado")).collect();
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(told.iter().any(|m| m.contains(&owner.email)));
    assert!(told.iter().any(|m| m.contains(&admin.email)));
    assert!(!told.iter().any(|m| m.contains(&agent.email)));

    // Switched off, nothing more is sent, and replay waits for it to be on.
    customer(&t, &owner, "Quarta").await;
    t.drain_jobs().await;
    assert_eq!(seen.lock().unwrap().len(), 24);
    let first = log.last().unwrap()["id"].as_str().unwrap().to_owned();
    let replay = format!("/api/v1/integrations/webhooks/{id}/deliveries/{first}/replay");
    let (s, p) = t.post(&replay, Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{p}");

    // Fixed and switched back on: the replay sends the same delivery.
    answer.store(200, Ordering::SeqCst);
    let (s, hook) =
        t.post(&format!("/api/v1/integrations/webhooks/{id}/enable"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{hook}");
    assert_eq!((hook["enabled"].as_bool(), hook["consecutive_failures"].as_i64()), (Some(true), Some(0)));
    assert!(hook["disabled_reason"].is_null());
    let (s, d) = t.post(&replay, Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{d}");
    assert_eq!(d["status"], "pending");
    t.drain_jobs().await;
    let got = seen.lock().unwrap().clone();
    assert_eq!(got.len(), 25);
    assert_eq!(got[24].0["x-conectcrm-delivery"].to_str().unwrap(), first, "the same delivery id");
    let log = deliveries(&t, &owner, &id, "?status=succeeded").await;
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0]["id"].as_str(), log[0]["response_status"].as_i64()),
        (Some(first.as_str()), Some(200))
    );
    // The two others stay failed until someone replays them.
    let (_, off) =
        t.get(&format!("/api/v1/integrations/webhooks/{id}/deliveries?status=failed"), &owner.token).await;
    assert_eq!(off["items"].as_array().unwrap().len(), 2, "{off}");
}

#[tokio::test]
async fn bad_input_is_refused_naming_each_field() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, p) = t
        .post(
            "/api/v1/integrations/webhooks",
            Some(&owner.token),
            json!({"url": "ftp://erp.example.com/x y", "description": "x".repeat(201),
                   "event_kinds": ["CustomerCreated", "TicketInventado"]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    let fields: Vec<&str> =
        p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["url", "description", "event_kinds[1]"]);
    assert!(p["errors"][2]["message"].as_str().unwrap().contains("TicketInventado"));

    for (url, kinds) in [
        ("https://10.1.2.3/hooks", json!(["CustomerCreated"])),
        ("http://erp.example.com/hooks", json!(["CustomerCreated"])),
        ("https://erp.example.com/hooks", json!([])),
    ] {
        let (s, p) = t
            .post(
                "/api/v1/integrations/webhooks",
                Some(&owner.token),
                json!({"url": url, "event_kinds": kinds}),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{url}: {p}");
        let field = p["errors"][0]["field"].as_str().unwrap();
        assert_eq!(field, if kinds == json!([]) { "event_kinds" } else { "url" }, "{p}");
    }
    let (s, _) = t
        .post(
            "/api/v1/integrations/webhooks",
            Some(&owner.token),
            json!({"url": "https://erp.example.com/h", "event_kinds": ["CustomerCreated"], "secret": "meu"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "unknown fields are refused");
    let (id, _) = endpoint(&t, &owner, "https://erp.example.com/h", &["CustomerCreated"]).await;
    let (s, p) = t
        .patch(&format!("/api/v1/integrations/webhooks/{id}"), &owner.token, json!({"event_kinds": []}))
        .await;
    assert_eq!(
        (s, p["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("event_kinds"))
    );
    let (s, p) = t
        .get(&format!("/api/v1/integrations/webhooks/{id}/deliveries?status=lost&limit=0"), &owner.token)
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    let (s, hook) = t
        .patch(
            &format!("/api/v1/integrations/webhooks/{id}"),
            &owner.token,
            json!({"enabled": false, "description": "ERP novo", "event_kinds": ["TicketCreated", "CustomerCreated"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{hook}");
    assert_eq!(hook["enabled"], false);
    assert_eq!(hook["disabled_reason"], "Desativado por um administrador.");
    assert_eq!(hook["event_kinds"], json!(["CustomerCreated", "TicketCreated"]), "catalogue order");

    // A manager runs flows but does not hold the company's webhook secrets.
    let manager = t.add_user(&owner, "manager").await;
    let (s, _) = t.get("/api/v1/integrations/webhooks", &manager.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn another_company_neither_sees_nor_touches_the_endpoints_nor_feeds_them() {
    let (base, seen, _) = receiver().await;
    let t = TestApp::spawn_allowing_only(&base).await;
    let alfa = t.signup("Alfa").await;
    let beta = t.signup("Beta").await;
    let (id, _) = endpoint(&t, &alfa, &format!("{base}/hooks/conectcrm"), &["CustomerCreated"]).await;
    customer(&t, &alfa, "Cliente Alfa").await;
    t.drain_jobs().await;
    let delivery = deliveries(&t, &alfa, &id, "").await[0]["id"].as_str().unwrap().to_owned();

    // Beta's events do not reach Alfa's endpoint.
    customer(&t, &beta, "Cliente Beta").await;
    t.drain_jobs().await;
    assert_eq!(seen.lock().unwrap().len(), 1);

    let (_, list) = t.get("/api/v1/integrations/webhooks", &beta.token).await;
    assert_eq!(list, json!([]));
    let base_path = format!("/api/v1/integrations/webhooks/{id}");
    for (method, path, body) in [
        (reqwest::Method::GET, base_path.clone(), None),
        (reqwest::Method::PATCH, base_path.clone(), Some(json!({"description": "meu"}))),
        (reqwest::Method::DELETE, base_path.clone(), None),
        (reqwest::Method::POST, format!("{base_path}/enable"), None),
        (reqwest::Method::POST, format!("{base_path}/rotate-secret"), None),
        (reqwest::Method::POST, format!("{base_path}/test"), None),
        (reqwest::Method::GET, format!("{base_path}/deliveries"), None),
        (reqwest::Method::POST, format!("{base_path}/deliveries/{delivery}/replay"), None),
    ] {
        let (s, b) = t.call(method.clone(), &path, Some(&beta.token), body).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{method} {path}: {b}");
    }
    // Beta's own endpoint cannot reach Alfa's delivery either.
    let (beta_id, _) = endpoint(&t, &beta, "https://erp.beta.example/h", &["CustomerCreated"]).await;
    let (s, _) = t
        .post(
            &format!("/api/v1/integrations/webhooks/{beta_id}/deliveries/{delivery}/replay"),
            Some(&beta.token),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(seen.lock().unwrap().len(), 1, "nothing was sent by Beta's calls");
    let (_, hook) = t.get(&base_path, &alfa.token).await;
    assert_eq!(hook["description"], "ERP");
}
