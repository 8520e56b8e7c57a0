//! A company's web-chat channel and its visitors, for tests that need
//! customer messages arriving as they do in production.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{Actor, TestApp};

/// A web-chat channel of the company; its public id.
pub async fn webchat(t: &TestApp, owner: &Actor) -> String {
    let (s, c) =
        t.post("/api/v1/channels", Some(&owner.token), json!({"kind": "webchat", "name": "Site"})).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c["public_id"].as_str().unwrap().to_string()
}

/// A visitor's session on the widget; its token.
pub async fn visitor(t: &TestApp, public: &str) -> String {
    let (s, session) = t.post(&format!("/api/v1/public/webchat/{public}/sessions"), None, json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{session}");
    session["token"].as_str().unwrap().to_string()
}

pub async fn say(t: &TestApp, token: &str, client_id: &str, text: &str) {
    let res = t
        .http
        .post(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", token)
        .json(&json!({"client_id": client_id, "text": text}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    t.drain_jobs().await;
}

/// A new visitor writes `text`; the ticket it opened.
pub async fn new_ticket(t: &TestApp, owner: &Actor, public: &str, text: &str) -> Value {
    let token = visitor(t, public).await;
    say(t, &token, "m1", text).await;
    let (_, page) = t.get("/api/v1/tickets?status=any&limit=100", &owner.token).await;
    let subject: String = text.chars().take(80).collect();
    page["items"].as_array().unwrap().iter().find(|x| x["subject"] == subject.as_str()).unwrap().clone()
}
