//! The web chat as a site that embeds it relies on: the settings the widget
//! shows (public title, corner, offsets, business hours), a burst of
//! messages kept in the order typed whatever order intake runs in, the
//! e-mail digest for a visitor who left, what they have seen, the agent's
//! name, and the product's own chat page the digest links to.
#![allow(clippy::unwrap_used)]

mod common;

use common::webchat::visitor;
use common::{Actor, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn channel(t: &TestApp, owner: &Actor, config: Value) -> String {
    let (s, c) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            json!({"kind": "webchat", "name": "Chat do site", "config": config}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c["public_id"].as_str().unwrap().to_string()
}

async fn config(t: &TestApp, public: &str) -> Value {
    let (s, c) = t.call(reqwest::Method::GET, &format!("/api/v1/public/webchat/{public}"), None, None).await;
    assert_eq!(s, StatusCode::OK, "{c}");
    c
}

async fn send(t: &TestApp, token: &str, body: Value) -> StatusCode {
    t.http
        .post(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
}

async fn history(t: &TestApp, token: &str) -> Vec<Value> {
    let res = t
        .http
        .get(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap().as_array().unwrap().clone()
}

async fn seen(t: &TestApp, token: &str, through: &str) -> (StatusCode, Value) {
    let res = t
        .http
        .post(t.url("/api/v1/public/webchat/seen"))
        .header("x-visitor-token", token)
        .json(&json!({"through": through}))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    (status, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() })
}

/// The only ticket of the company (the visitor's).
async fn only_ticket(t: &TestApp, owner: &Actor) -> String {
    let (_, page) = t.get("/api/v1/tickets?status=any&view=all", &owner.token).await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    items[0]["id"].as_str().unwrap().to_string()
}

async fn reply(t: &TestApp, owner: &Actor, ticket: &str, text: &str) {
    let (s, b) = t
        .post(&format!("/api/v1/tickets/{ticket}/messages"), Some(&owner.token), json!({"text": text}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    t.drain_jobs().await;
}

fn digests_to<'a>(mails: &'a [String], to: &str) -> Vec<&'a String> {
    mails.iter().filter(|m| m.contains(&format!("To: {to}")) && m.contains("chat")).collect()
}

/// Undoes quoted-printable soft breaks and `=3D`, so a mail's text reads whole.
fn plain(mail: &str) -> String {
    mail.replace("=\r\n", "").replace("=3D", "=")
}

#[tokio::test]
async fn the_widget_shows_the_public_title_and_the_corner_and_offsets_the_company_chose() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Padaria Pão Quente").await;
    let (s, b) = t.patch("/api/v1/company", &owner.token, json!({"business_hours": []})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let public = channel(&t, &owner, json!({})).await;
    let c = config(&t, &public).await;
    assert_eq!(c["title"], "Padaria Pão Quente", "the company's name, never the internal channel name");
    assert_eq!(
        (c["position"].as_str(), c["offset_x"].as_i64(), c["offset_y"].as_i64()),
        (Some("right"), Some(20), Some(20))
    );
    assert_eq!(c["max_length"], 5000);
    assert_eq!(c["open_now"], true, "no business hours: always open");
    assert!(c["next_open"].is_null());

    let other = channel(
        &t,
        &owner,
        json!({"title": "Fale com a Padaria", "position": "left", "offset_x": 0, "offset_y": 96, "color": "#0f766e"}),
    )
    .await;
    let c = config(&t, &other).await;
    assert_eq!(c["title"], "Fale com a Padaria");
    assert_eq!(
        (c["position"].as_str(), c["offset_x"].as_i64(), c["offset_y"].as_i64()),
        (Some("left"), Some(0), Some(96))
    );
    assert_eq!(c["color"], "#0f766e");
}

#[tokio::test]
async fn bad_widget_settings_are_refused_field_by_field_and_nothing_is_saved() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, b) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            json!({"kind": "webchat", "name": "Site", "config": {"position": "top", "offset_x": 900, "offset_y": -1,
                   "color": "azul", "title": "x".repeat(81), "offline_notice": "sim"}}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    for f in [
        "config.position",
        "config.offset_x",
        "config.offset_y",
        "config.color",
        "config.title",
        "config.offline_notice",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let (_, list) = t.get("/api/v1/channels", &owner.token).await;
    assert_eq!(list.as_array().map(Vec::len), Some(0), "{list}");
}

#[tokio::test]
async fn outside_business_hours_the_widget_says_so_with_the_next_opening_unless_turned_off() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    t.closed_now(&owner).await;
    let public = channel(&t, &owner, json!({"offline_message": "Voltamos já!"})).await;
    let c = config(&t, &public).await;
    assert_eq!(c["open_now"], false, "{c}");
    assert_eq!(c["offline_message"], "Voltamos já!");
    let next = chrono::DateTime::parse_from_rfc3339(c["next_open"].as_str().unwrap()).unwrap();
    let local = next.with_timezone(&chrono_tz::America::Sao_Paulo);
    assert_eq!(local.format("%H:%M").to_string(), "09:00", "the opening in the company's timezone");
    assert!(next > chrono::Utc::now() + chrono::Duration::hours(12));

    let quiet = channel(&t, &owner, json!({"offline_notice": false})).await;
    let c = config(&t, &quiet).await;
    assert_eq!((c["open_now"].as_bool(), c["next_open"].is_null()), (Some(true), true));
}

#[tokio::test]
async fn a_burst_keeps_the_order_it_was_sent_in_whatever_order_intake_runs_and_a_retry_is_stored_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = channel(&t, &owner, json!({})).await;
    let token = visitor(&t, &public).await;
    let texts: Vec<String> = (1..=12).map(|n| format!("mensagem {n}")).collect();
    for (n, text) in texts.iter().enumerate() {
        let body = json!({"client_id": format!("c{n}"), "seq": n + 1, "text": text});
        assert_eq!(send(&t, &token, body).await, StatusCode::ACCEPTED);
    }
    // The fourth again, as a widget whose answer was lost resends it.
    assert_eq!(
        send(&t, &token, json!({"client_id": "c3", "seq": 4, "text": "mensagem 4"})).await,
        StatusCode::ACCEPTED
    );
    // Intake runs newest first: each job stores its message in a different order than sent.
    let mut admin = t.db.admin().await;
    sqlx::query(
        "update jobs set run_at = now() - make_interval(secs => id) where kind = 'support.process_inbound'",
    )
    .execute(&mut admin)
    .await
    .unwrap();
    t.drain_jobs().await;
    let got: Vec<String> =
        history(&t, &token).await.iter().map(|m| m["text"].as_str().unwrap().to_string()).collect();
    assert_eq!(got, texts, "the visitor reads the burst as typed, each message once");
    let ticket = only_ticket(&t, &owner).await;
    let (_, thread) = t.get(&format!("/api/v1/tickets/{ticket}/messages"), &owner.token).await;
    // The agent's thread pages newest first.
    let agent_sees: Vec<&str> =
        thread["items"].as_array().unwrap().iter().rev().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(agent_sees, texts.iter().map(String::as_str).collect::<Vec<_>>(), "and so does the agent");
}

#[tokio::test]
async fn a_message_over_the_limit_is_refused_with_its_length_and_a_zero_sequence_is_refused() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = channel(&t, &owner, json!({})).await;
    let token = visitor(&t, &public).await;
    let res = t
        .http
        .post(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", &token)
        .json(&json!({"client_id": "c1", "seq": 0, "text": "á".repeat(5001)}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let b: Value = res.json().await.unwrap();
    let errors = b["errors"].as_array().unwrap();
    let text = errors.iter().find(|e| e["field"] == "text").unwrap();
    assert_eq!(text["message"], "A mensagem tem 5.001 caracteres; o limite é 5.000.");
    assert!(errors.iter().any(|e| e["field"] == "seq"), "{b}");
    t.drain_jobs().await;
    assert!(history(&t, &token).await.is_empty(), "nothing stored");
}

#[tokio::test]
async fn a_reply_the_visitor_never_saw_is_emailed_once_with_a_link_back_to_the_conversation() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Loja Sol").await;
    let public = channel(&t, &owner, json!({})).await;
    let token = visitor(&t, &public).await;
    let email = "rafa@visitante.com.br";
    let body = json!({"client_id": "c1", "seq": 1, "text": "Tem a mesa em estoque?", "name": "Rafa", "email": email});
    assert_eq!(send(&t, &token, body).await, StatusCode::ACCEPTED);
    t.drain_jobs().await;
    let ticket = only_ticket(&t, &owner).await;
    reply(&t, &owner, &ticket, "Temos sim, na cor nogueira.").await;
    reply(&t, &owner, &ticket, "Entrega em 3 dias.").await;
    assert!(digests_to(&t.outbox(), email).is_empty(), "not before the quiet delay");

    t.hurry_jobs("support.webchat_digest").await;
    let mails = t.outbox();
    let digests = digests_to(&mails, email);
    assert_eq!(digests.len(), 1, "a burst of replies makes one e-mail");
    let text = plain(digests[0]);
    assert!(text.contains("nogueira") && text.contains("Entrega em 3 dias"), "{text}");
    let link = t.last_link_token(&format!("/webchat/{public}#conversa="));
    assert_eq!(link, token, "the link carries the visitor's own conversation");
    t.hurry_jobs("support.webchat_digest").await;
    assert_eq!(digests_to(&t.outbox(), email).len(), 1, "never sent twice");

    // A reply the visitor saw in the widget is not e-mailed.
    reply(&t, &owner, &ticket, "Mais alguma dúvida?").await;
    let newest = history(&t, &token).await.last().unwrap()["id"].as_str().unwrap().to_string();
    assert_eq!(seen(&t, &token, &newest).await.0, StatusCode::NO_CONTENT);
    t.hurry_jobs("support.webchat_digest").await;
    assert_eq!(digests_to(&t.outbox(), email).len(), 1);

    // The page the link opens: the widget of this channel, open, taking the session from the link.
    let res = t.http.get(t.url(&format!("/webchat/{public}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!(r#"data-channel="{public}""#))
            && html.contains(r#"data-session-from-hash="true""#)
    );
}

#[tokio::test]
async fn a_visitor_without_an_email_gets_no_digest() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = channel(&t, &owner, json!({})).await;
    let token = visitor(&t, &public).await;
    assert_eq!(send(&t, &token, json!({"client_id": "c1", "text": "Oi"})).await, StatusCode::ACCEPTED);
    t.drain_jobs().await;
    let ticket = only_ticket(&t, &owner).await;
    let before = t.outbox().len();
    reply(&t, &owner, &ticket, "Olá!").await;
    t.hurry_jobs("support.webchat_digest").await;
    assert_eq!(t.outbox().len(), before);
}

#[tokio::test]
async fn seen_takes_only_the_visitors_own_messages() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = channel(&t, &owner, json!({})).await;
    let ana = visitor(&t, &public).await;
    let bia = visitor(&t, &public).await;
    assert_eq!(send(&t, &ana, json!({"client_id": "c1", "text": "Oi"})).await, StatusCode::ACCEPTED);
    t.drain_jobs().await;
    let anas = history(&t, &ana).await[0]["id"].as_str().unwrap().to_string();
    assert_eq!(seen(&t, &ana, &anas).await.0, StatusCode::NO_CONTENT);
    let (s, b) = seen(&t, &bia, &anas).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("through")));

    // Another company's visitor cannot name it either.
    let other = t.signup("Beta").await;
    let other_public = channel(&t, &other, json!({})).await;
    let outsider = visitor(&t, &other_public).await;
    assert_eq!(seen(&t, &outsider, &anas).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(seen(&t, &format!("{ana}0"), &anas).await.0, StatusCode::UNAUTHORIZED);
    let (s, _) = seen(&t, &ana, "not-an-id").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn replies_carry_the_agents_first_name_only_when_the_company_chooses() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Loja Sol").await;
    for (config, expected) in [(json!({}), "Loja Sol"), (json!({"show_agent_name": true}), "Dono")] {
        let public = channel(&t, &owner, config).await;
        let token = visitor(&t, &public).await;
        assert_eq!(send(&t, &token, json!({"client_id": "c1", "text": "Oi"})).await, StatusCode::ACCEPTED);
        t.drain_jobs().await;
        let ticket = history(&t, &token).await;
        let (_, page) = t.get("/api/v1/tickets?status=any&view=all", &owner.token).await;
        let id = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["channel_id"].as_str().is_some_and(|c| public.ends_with(c)))
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(ticket.len(), 1);
        reply(&t, &owner, &id, "Olá!").await;
        let last = history(&t, &token).await.pop().unwrap();
        assert_eq!(last["author_name"], expected);
    }
}

#[tokio::test]
async fn the_chat_page_is_only_for_an_enabled_web_chat_and_prints_no_markup_a_company_typed() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = channel(&t, &owner, json!({"title": "<script>alert(1)</script> & Cia"})).await;
    let res = t.http.get(t.url(&format!("/webchat/{public}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
    let html = res.text().await.unwrap();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;"));
    for bad in ["00000000-0000-0000-0000-000000000000.00000000-0000-0000-0000-000000000000", "x", "a.b"] {
        let res = t.http.get(t.url(&format!("/webchat/{bad}"))).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{bad}");
    }
    let (_, list) = t.get("/api/v1/channels", &owner.token).await;
    let id = list[0]["id"].as_str().unwrap();
    let (s, b) = t
        .patch(
            &format!("/api/v1/channels/{id}"),
            &owner.token,
            json!({"kind": "webchat", "name": "Site", "enabled": false}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let res = t.http.get(t.url(&format!("/webchat/{public}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "a disabled chat has no page");
}
