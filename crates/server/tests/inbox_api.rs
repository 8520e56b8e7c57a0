//! The webhook inbox: a support channel's and a payment gateway's events in
//! one table, one log per source, one replay — and another company reaches
//! none of it.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Actor, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

const APP_SECRET: &str = "segredo-do-app";
const ASAAS_TOKEN: &str = "whsec_test_secret_123";

fn whatsapp_text(id: &str) -> Vec<u8> {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Maria Souza"}, "wa_id": "5511987654321"}],
        "messages": [{"from": "5511987654321", "id": id, "timestamp": "1732870000", "text": {"body": "Olá"}, "type": "text"}]}}]}]})
    .to_string()
    .into_bytes()
}

/// A WhatsApp channel and an Asaas gateway of `owner`, with their webhook paths.
struct Sources {
    channel: String,
    gateway: String,
    whatsapp_hook: String,
    asaas_hook: String,
}

async fn sources(t: &TestApp, owner: &Actor) -> Sources {
    let (s, ch) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            json!({"kind": "whatsapp", "name": "WhatsApp", "config": {"phone_number_id": "106540352242922"},
                   "secrets": {"access_token": "tok", "app_secret": APP_SECRET}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ch}");
    let (s, gw) = t
        .post(
            "/api/v1/finance/gateways",
            Some(&owner.token),
            json!({"provider": "asaas", "api_key": "$aact_chave_de_teste_1234", "webhook_secret": ASAAS_TOKEN}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{gw}");
    let gateway = gw["id"].as_str().unwrap().to_string();
    Sources {
        channel: ch["id"].as_str().unwrap().to_string(),
        whatsapp_hook: format!("/hooks/whatsapp/{}", ch["public_id"].as_str().unwrap()),
        asaas_hook: format!("/hooks/asaas/{}.{gateway}", owner.tenant_id),
        gateway,
    }
}

async fn whatsapp(t: &TestApp, src: &Sources, body: Vec<u8>) {
    let signature = channels::whatsapp::signature_header(&body, APP_SECRET);
    assert_eq!(
        t.post_raw_json(&src.whatsapp_hook, &[("x-hub-signature-256", signature)], body).await.0,
        StatusCode::OK
    );
}

async fn asaas(t: &TestApp, src: &Sources, body: Vec<u8>) {
    let token = ("asaas-access-token", ASAAS_TOKEN.to_string());
    assert_eq!(t.post_raw_json(&src.asaas_hook, &[token], body).await.0, StatusCode::OK);
}

async fn log(t: &TestApp, who: &Actor, source: &str) -> Vec<Value> {
    let (s, page) = t.get(&format!("/api/v1/inbox?source={source}"), &who.token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_channels_and_a_gateways_events_share_one_table_and_each_log_shows_its_own() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let src = sources(&t, &owner).await;
    // Each delivered twice: stored once per source.
    for _ in 0..2 {
        whatsapp(&t, &src, whatsapp_text("wamid.UM")).await;
        asaas(
            &t,
            &src,
            json!({"id": "evt_atrasado", "event": "PAYMENT_OVERDUE", "dateCreated": "2026-11-29 10:00:00",
                   "payment": {"id": "pay_1", "value": 50.0, "status": "OVERDUE", "billingType": "PIX"}})
            .to_string()
            .into_bytes(),
        )
        .await;
    }
    t.drain_jobs().await;

    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "select source_kind, source_id::text, provider, status from inbox_events order by source_kind",
    )
    .fetch_all(&mut t.db.admin().await)
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![
            ("channel".into(), src.channel.clone(), "whatsapp".into(), "processed".into()),
            ("gateway".into(), src.gateway.clone(), "asaas".into(), "ignored".into()),
        ]
    );

    let channel_log = log(&t, &owner, &format!("channel:{}", src.channel)).await;
    assert_eq!(channel_log.len(), 1, "{channel_log:?}");
    assert_eq!(channel_log[0]["source_kind"], "channel");
    assert_eq!(channel_log[0]["event_id"], "msg:wamid.UM");
    assert_eq!(channel_log[0]["attempts"], 1);
    let gateway_log = log(&t, &owner, &format!("gateway:{}", src.gateway)).await;
    assert_eq!(gateway_log.len(), 1, "{gateway_log:?}");
    assert_eq!(gateway_log[0]["source_kind"], "gateway");
    assert_eq!(gateway_log[0]["event_id"], "evt_atrasado");
    assert_eq!(gateway_log[0]["kind"], "PAYMENT_OVERDUE");
    assert!(gateway_log[0]["error"].as_str().unwrap().contains("régua de cobrança"), "{gateway_log:?}");

    // Each log is read by those who configure its source, as before.
    let finance = t.add_user(&owner, "finance").await;
    let manager = t.add_user(&owner, "manager").await;
    let (s, _) = t.get(&format!("/api/v1/inbox?source=channel:{}", src.channel), &finance.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = t.get(&format!("/api/v1/inbox?source=gateway:{}", src.gateway), &manager.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(log(&t, &finance, &format!("gateway:{}", src.gateway)).await.len(), 1);
    assert_eq!(log(&t, &manager, &format!("channel:{}", src.channel)).await.len(), 1);
    // A source the inbox does not know, or no id, is named in the answer.
    for source in ["ticket:0190a5b2-0000-7000-8000-000000000000", "channel:", "nada"] {
        let (s, b) = t.get(&format!("/api/v1/inbox?source={source}"), &owner.token).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{source}: {b}");
        assert_eq!(b["errors"][0]["field"], "source", "{b}");
    }
}

#[tokio::test]
async fn unreadable_bodies_replay_as_their_source_says_and_another_company_gets_404() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let src = sources(&t, &owner).await;
    whatsapp(&t, &src, b"{\"object\": 42}".to_vec()).await;
    asaas(&t, &src, b"{not json".to_vec()).await;
    t.drain_jobs().await;
    let channel_failed = log(&t, &owner, &format!("channel:{}&status=failed", src.channel)).await;
    assert_eq!(channel_failed.len(), 1, "{channel_failed:?}");
    let gateway_failed = log(&t, &owner, &format!("gateway:{}&status=failed", src.gateway)).await;
    assert_eq!(gateway_failed.len(), 1, "{gateway_failed:?}");
    let channel_event = channel_failed[0]["id"].as_str().unwrap().to_string();
    let gateway_event = gateway_failed[0]["id"].as_str().unwrap().to_string();

    // Another company: neither the logs nor the events exist for it, and nothing moves.
    let other = t.signup("Beta").await;
    for path in [
        format!("/api/v1/inbox?source=channel:{}", src.channel),
        format!("/api/v1/inbox?source=gateway:{}", src.gateway),
    ] {
        let (s, b) = t.get(&path, &other.token).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "GET {path}: {b}");
    }
    for id in [&channel_event, &gateway_event] {
        let (s, b) = t.post(&format!("/api/v1/inbox/{id}/replay"), Some(&other.token), json!({})).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{b}");
        assert_eq!(b["status"], 404, "{b}");
    }
    let queued: i64 = sqlx::query_scalar(
        "select count(*) from jobs where done_at is null
            and kind in ('support.process_inbound', 'finance.process_webhook')",
    )
    .fetch_one(&mut t.db.admin().await)
    .await
    .unwrap();
    assert_eq!(queued, 0, "another company's replay queued nothing");

    // A channel's unreadable payload is processed again (a newer parser may
    // read it); a gateway's is sent again from the provider's panel.
    let (s, b) =
        t.post(&format!("/api/v1/inbox/{channel_event}/replay"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{b}");
    let (s, b) =
        t.post(&format!("/api/v1/inbox/{gateway_event}/replay"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert!(b["detail"].as_str().unwrap().contains("painel do provedor"), "{b}");
    t.drain_jobs().await;
    let again = log(&t, &owner, &format!("channel:{}", src.channel)).await;
    assert_eq!(again[0]["status"], "failed", "still unreadable: {again:?}");
    assert!(again[0]["error"].as_str().unwrap().contains("ilegível"), "{again:?}");
    assert_eq!(again[0]["attempts"], 1);
}

#[tokio::test]
async fn a_processed_event_is_not_replayed_and_deleting_a_gateway_deletes_its_log() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let src = sources(&t, &owner).await;
    whatsapp(&t, &src, whatsapp_text("wamid.DOIS")).await;
    asaas(
        &t,
        &src,
        json!({"id": "evt_x", "event": "PAYMENT_OVERDUE", "payment": {"id": "pay_x", "value": 1.0}})
            .to_string()
            .into_bytes(),
    )
    .await;
    t.drain_jobs().await;
    let processed = log(&t, &owner, &format!("channel:{}", src.channel)).await;
    assert_eq!(processed[0]["status"], "processed");
    let id = processed[0]["id"].as_str().unwrap();
    let (s, b) = t.post(&format!("/api/v1/inbox/{id}/replay"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    // An ignored one may run again: it is processed the same way.
    let ignored = log(&t, &owner, &format!("gateway:{}", src.gateway)).await;
    assert_eq!(ignored[0]["status"], "ignored", "{ignored:?}");
    let gid = ignored[0]["id"].as_str().unwrap();
    let (s, b) = t.post(&format!("/api/v1/inbox/{gid}/replay"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{b}");
    t.drain_jobs().await;
    let again = log(&t, &owner, &format!("gateway:{}", src.gateway)).await;
    assert_eq!((again[0]["status"].as_str(), again[0]["attempts"].as_i64()), (Some("ignored"), Some(2)));

    let (s, _) = t.delete(&format!("/api/v1/finance/gateways/{}", src.gateway), &owner.token).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let left: Vec<String> = sqlx::query_scalar("select source_kind from inbox_events")
        .fetch_all(&mut t.db.admin().await)
        .await
        .unwrap();
    assert_eq!(left, vec!["channel".to_string()]);
}
