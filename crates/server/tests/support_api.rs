//! Support through the HTTP API and the provider webhooks: WhatsApp,
//! Twilio, e-mail and web chat become tickets (once, however often they
//! are delivered), replies go out through each provider's API, statuses
//! only move forward, routing respects presence and capacity, agents of
//! other teams are refused, and nothing crosses companies.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::fakes::{GRAPH_TOKEN, PHONE_NUMBER_ID, Providers, TWILIO_SID, TWILIO_TOKEN};
use common::{Actor, TestApp, assert_isolated};
use serde_json::{Value, json};

async fn post_raw(
    t: &TestApp,
    path: &str,
    headers: &[(&str, String)],
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, String) {
    let mut req = t.http.post(t.url(path)).body(body).header("content-type", content_type);
    for (k, v) in headers {
        req = req.header(*k, v);
    }
    let res = req.send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

async fn channel(t: &TestApp, who: &Actor, body: Value) -> Value {
    let (s, c) = t.post("/api/v1/channels", Some(&who.token), body).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c
}

async fn tickets(t: &TestApp, who: &Actor, query: &str) -> Vec<Value> {
    let (s, b) = t.get(&format!("/api/v1/tickets?{query}"), &who.token).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b["items"].as_array().unwrap().clone()
}

async fn messages(t: &TestApp, who: &Actor, ticket: &str) -> Vec<Value> {
    let (_, b) = t.get(&format!("/api/v1/tickets/{ticket}/messages"), &who.token).await;
    b["items"].as_array().unwrap().clone()
}

fn whatsapp_text(id: &str, from: &str, text: &str) -> Vec<u8> {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Maria Souza"}, "wa_id": from}],
        "messages": [{"from": from, "id": id, "timestamp": "1732870000", "text": {"body": text}, "type": "text"}]}}]}]})
    .to_string()
    .into_bytes()
}

fn whatsapp_status(id: &str, status: &str) -> Vec<u8> {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "statuses": [{"id": id, "status": status, "timestamp": "1732870100", "recipient_id": "5511987654321"}]}}]}]})
    .to_string()
    .into_bytes()
}

#[tokio::test]
async fn whatsapp_intake_is_verified_deduplicated_replied_and_tracked() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let fake = Providers::start().await;
    let base = fake.base.clone();
    let (s, b) =
        t.post("/api/v1/channels", Some(&owner.token), json!({"kind": "whatsapp", "name": "WhatsApp"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let mut f: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    f.sort();
    assert_eq!(f, ["config.phone_number_id", "secrets.access_token", "secrets.app_secret"]);
    let secret = "app-secret-de-teste";
    let ch = channel(
        &t,
        &owner,
        json!({"kind": "whatsapp", "name": "WhatsApp Vendas",
        "config": {"phone_number_id": PHONE_NUMBER_ID, "base_url": base},
        "secrets": {"access_token": GRAPH_TOKEN, "app_secret": secret}}),
    )
    .await;
    assert_eq!(ch["secrets"], json!(["access_token", "app_secret"]), "names only, never values");
    let hook = format!("/hooks/whatsapp/{}", ch["public_id"].as_str().unwrap());
    let verify = ch["config"]["verify_token"].as_str().unwrap();

    // Meta's subscription check.
    let res = t
        .http
        .get(t.url(&format!("{hook}?hub.mode=subscribe&hub.verify_token=errado&hub.challenge=1158201444")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = t
        .http
        .get(t.url(&format!("{hook}?hub.mode=subscribe&hub.verify_token={verify}&hub.challenge=1158201444")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), "1158201444");

    // Unsigned or forged: 401, nothing stored.
    let body = whatsapp_text("wamid.IN1", "5511987654321", "Olá, meu boleto não chegou");
    let (s, _) = post_raw(&t, &hook, &[], "application/json", body.clone()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let forged = channels::whatsapp::signature_header(&body, "outro-segredo");
    let (s, _) =
        post_raw(&t, &hook, &[("x-hub-signature-256", forged)], "application/json", body.clone()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let mut admin = t.db.admin().await;
    let stored: i64 = sqlx::query_scalar("select count(*) from support_inbound_events")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(stored, 0);

    // Delivered three times: one ticket, one message, one customer.
    let signed = channels::whatsapp::signature_header(&body, secret);
    for _ in 0..3 {
        let (s, _) =
            post_raw(&t, &hook, &[("x-hub-signature-256", signed.clone())], "application/json", body.clone())
                .await;
        assert_eq!(s, StatusCode::OK);
    }
    t.drain_jobs().await;
    let list = tickets(&t, &owner, "").await;
    assert_eq!(list.len(), 1, "{list:?}");
    let ticket = &list[0];
    assert_eq!(ticket["customer_name"], "Maria Souza");
    assert_eq!(ticket["contact_address"], "+5511987654321");
    assert_eq!(ticket["number"], 1);
    assert_eq!(ticket["unread"], 1);
    let id = ticket["id"].as_str().unwrap();
    assert_eq!(messages(&t, &owner, id).await.len(), 1);
    let (_, customers) = t.get("/api/v1/customers?q=Maria", &owner.token).await;
    assert_eq!(customers["items"][0]["phones"], json!(["+5511987654321"]));
    // A second message from the same number lands on the same ticket.
    let second = whatsapp_text("wamid.IN2", "5511987654321", "Alguém pode me ajudar?");
    let (s, _) = post_raw(
        &t,
        &hook,
        &[("x-hub-signature-256", channels::whatsapp::signature_header(&second, secret))],
        "application/json",
        second,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    assert_eq!(tickets(&t, &owner, "").await.len(), 1);
    assert_eq!(messages(&t, &owner, id).await.len(), 2);

    // The agent answers: sent through the Graph API.
    let (s, m) = t
        .post(
            &format!("/api/v1/tickets/{id}/messages"),
            Some(&owner.token),
            json!({"text": "Olá, Maria! Vou verificar."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    assert_eq!(m["delivery_status"], "queued");
    t.drain_jobs().await;
    {
        let last = fake.last();
        let (path, body) = (&last.path, &last.body);
        assert!(path.ends_with("/106540352242922/messages"), "{path}");
        let body: Value = serde_json::from_str(body).unwrap();
        assert_eq!(body["to"], "5511987654321");
        assert_eq!(body["text"]["body"], "Olá, Maria! Vou verificar.");
    }
    let (_, ticket) = t.get(&format!("/api/v1/tickets/{id}"), &owner.token).await;
    assert!(ticket["first_response_at"].is_string());
    // Statuses arrive out of order: read, then a late delivered — it stays read.
    for status in ["delivered", "read", "delivered", "sent"] {
        let b = whatsapp_status("wamid.OUT1", status);
        let (s, _) = post_raw(
            &t,
            &hook,
            &[("x-hub-signature-256", channels::whatsapp::signature_header(&b, secret))],
            "application/json",
            b,
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        t.drain_jobs().await;
    }
    let out: Vec<Value> =
        messages(&t, &owner, id).await.into_iter().filter(|m| m["direction"] == "out").collect();
    assert_eq!(out[0]["delivery_status"], "read");

    // A payload we cannot read is kept with the reason, and answered 200.
    let junk = b"{\"object\": 42}".to_vec();
    let (s, _) = post_raw(
        &t,
        &hook,
        &[("x-hub-signature-256", channels::whatsapp::signature_header(&junk, secret))],
        "application/json",
        junk,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let (_, log) = t
        .get(&format!("/api/v1/channels/{}/events?status=failed", ch["id"].as_str().unwrap()), &owner.token)
        .await;
    assert_eq!(log["items"].as_array().unwrap().len(), 1, "{log}");
}

#[tokio::test]
async fn outside_the_24_hour_window_only_templates_and_provider_outages_end_failed_with_the_reason() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let fake = Providers::start().await;
    let base = fake.base.clone();
    let secret = "s3gredo";
    let ch = channel(&t, &owner, json!({"kind": "whatsapp", "name": "WhatsApp",
        "config": {"phone_number_id": PHONE_NUMBER_ID, "base_url": base}, "secrets": {"access_token": GRAPH_TOKEN, "app_secret": secret}})).await;
    let hook = format!("/hooks/whatsapp/{}", ch["public_id"].as_str().unwrap());
    let body = whatsapp_text("wamid.A", "5521912345678", "Oi");
    post_raw(
        &t,
        &hook,
        &[("x-hub-signature-256", channels::whatsapp::signature_header(&body, secret))],
        "application/json",
        body,
    )
    .await;
    t.drain_jobs().await;
    let id = tickets(&t, &owner, "").await[0]["id"].as_str().unwrap().to_string();
    // The provider is down: retried, then failed with its reason.
    *fake.fail_with.lock().unwrap() = 503;
    let (_, m) = t
        .post(&format!("/api/v1/tickets/{id}/messages"), Some(&owner.token), json!({"text": "Já verifico"}))
        .await;
    let mut admin = t.db.admin().await;
    for _ in 0..6 {
        t.drain_jobs().await;
        sqlx::query("update jobs set run_at = now() where kind = 'support.send_message' and done_at is null")
            .execute(&mut admin)
            .await
            .ok();
    }
    let failed = messages(&t, &owner, &id).await.into_iter().find(|x| x["id"] == m["id"]).unwrap();
    assert_eq!(failed["delivery_status"], "failed", "{failed}");
    assert!(
        failed["failure_reason"].as_str().unwrap().contains("503")
            || failed["failure_reason"].as_str().unwrap().contains("unavailable"),
        "{failed}"
    );
    // Retry once it is back.
    *fake.fail_with.lock().unwrap() = 0;
    let (s, _) = t
        .post(
            &format!("/api/v1/tickets/{id}/messages/{}/retry", m["id"].as_str().unwrap()),
            Some(&owner.token),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let sent = messages(&t, &owner, &id).await.into_iter().find(|x| x["id"] == m["id"]).unwrap();
    assert_eq!(sent["delivery_status"], "sent");

    // 25 hours later, free text is refused with the reason; a template goes.
    sqlx::query("update tickets set last_inbound_at = now() - interval '25 hours'")
        .execute(&mut admin)
        .await
        .unwrap();
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{id}/messages"),
            Some(&owner.token),
            json!({"text": "Ainda precisa de ajuda?"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "template");
    assert!(b["errors"][0]["message"].as_str().unwrap().contains("24 horas"));
    let (s, _) = t
        .post(
            &format!("/api/v1/tickets/{id}/messages"),
            Some(&owner.token),
            json!({"template": {"name": "retomar_atendimento", "language": "pt_BR", "params": ["Maria"]}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    t.drain_jobs().await;
    let last = fake.last().body;
    let last: Value = serde_json::from_str(&last).unwrap();
    assert_eq!(last["type"], "template");
    assert_eq!(last["template"]["name"], "retomar_atendimento");
}

#[tokio::test]
async fn twilio_sms_is_verified_with_the_documented_signature_and_replied_through_the_rest_api() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let fake = Providers::start().await;
    let base = fake.base.clone();
    let ch = channel(
        &t,
        &owner,
        json!({"kind": "twilio_sms", "name": "SMS",
        "config": {"account_sid": TWILIO_SID, "from": "+5511955550000", "base_url": base},
        "secrets": {"auth_token": TWILIO_TOKEN}}),
    )
    .await;
    let path = format!("/hooks/twilio/{}", ch["public_id"].as_str().unwrap());
    let url = format!("{}{path}", t.app.config.frontend_url);
    let params: Vec<(String, String)> = [
        ("MessageSid", "SM11111111111111111111111111111111"),
        ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        ("From", "+5511987651234"),
        ("To", "+5511955550000"),
        ("Body", "Quero cancelar meu pedido"),
        ("NumMedia", "0"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let body = serde_urlencoded::to_string(&params).unwrap().into_bytes();
    let (s, _) = post_raw(
        &t,
        &path,
        &[("x-twilio-signature", "bm90IGEgc2lnbmF0dXJl".into())],
        "application/x-www-form-urlencoded",
        body.clone(),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let sig = channels::twilio::signature(TWILIO_TOKEN, &url, &params);
    let (s, _) =
        post_raw(&t, &path, &[("x-twilio-signature", sig)], "application/x-www-form-urlencoded", body).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let list = tickets(&t, &owner, "").await;
    assert_eq!(list[0]["contact_address"], "+5511987651234");
    let id = list[0]["id"].as_str().unwrap();
    t.post(
        &format!("/api/v1/tickets/{id}/messages"),
        Some(&owner.token),
        json!({"text": "Pedido cancelado."}),
    )
    .await;
    t.drain_jobs().await;
    let last = fake.last();
    let (path, body) = (last.path, last.body);
    assert_eq!(path, "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json");
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap();
    assert!(form.contains(&("To".into(), "+5511987651234".into())));
    assert!(form.contains(&("From".into(), "+5511955550000".into())));
}

fn mime(id: &str, subject: &str, text: &str, in_reply_to: Option<&str>) -> Vec<u8> {
    let reply =
        in_reply_to.map(|r| format!("In-Reply-To: <{r}>\r\nReferences: <{r}>\r\n")).unwrap_or_default();
    format!(
        "From: =?UTF-8?Q?Jo=C3=A3o_Pereira?= <joao@cliente.com.br>\r\nTo: suporte@alfa.com.br\r\nSubject: {subject}\r\n\
         Message-ID: <{id}>\r\n{reply}Date: Sun, 29 Nov 2026 10:00:00 -0300\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\r\n{text}\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <p>{text}</p><script>alert(1)</script><a href=\"javascript:alert(2)\" onclick=\"x()\">link</a>\r\n--b1--\r\n"
    )
    .into_bytes()
}

#[tokio::test]
async fn email_threads_by_message_id_sanitises_html_and_replies_with_threading_headers() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ch = channel(
        &t,
        &owner,
        json!({"kind": "email", "name": "Suporte", "config": {"address": "suporte@alfa.com.br"}}),
    )
    .await;
    let token = ch["config"]["inbound_token"].as_str().unwrap();
    let hook = format!("/hooks/email/{}", ch["public_id"].as_str().unwrap());
    let (s, _) = post_raw(
        &t,
        &format!("{hook}?token=errado"),
        &[],
        "message/rfc822",
        mime("a1@cliente.com.br", "Erro no sistema", "Ol=C3=A1", None),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = post_raw(
        &t,
        &format!("{hook}?token={token}"),
        &[],
        "message/rfc822",
        mime("a1@cliente.com.br", "Erro no sistema", "Ol=C3=A1, o caixa travou", None),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let list = tickets(&t, &owner, "").await;
    assert_eq!(list[0]["subject"], "Erro no sistema");
    assert_eq!(list[0]["customer_name"], "João Pereira");
    let id = list[0]["id"].as_str().unwrap();
    let msgs = messages(&t, &owner, id).await;
    assert!(msgs[0]["text"].as_str().unwrap().contains("Olá, o caixa travou"), "{:?}", msgs[0]);
    let html = msgs[0]["html"].as_str().unwrap();
    assert!(
        !html.contains("<script") && !html.contains("javascript:") && !html.contains("onclick"),
        "{html}"
    );

    // The agent answers: an e-mail threaded to the customer's.
    t.post(
        &format!("/api/v1/tickets/{id}/messages"),
        Some(&owner.token),
        json!({"text": "Reinicie o caixa, por favor."}),
    )
    .await;
    t.drain_jobs().await;
    let out = t.outbox().into_iter().find(|m| m.contains("Reinicie o caixa")).expect("reply e-mail");
    assert!(out.contains("In-Reply-To: <a1@cliente.com.br>"), "{out}");
    assert!(out.contains("References: <a1@cliente.com.br>"));
    assert!(out.contains("Subject: Re: Erro no sistema [#1]"));
    let our_id = out
        .lines()
        .find(|l| l.starts_with("Message-ID:"))
        .unwrap()
        .trim_start_matches("Message-ID:")
        .trim()
        .trim_matches(['<', '>'])
        .to_string();

    // The customer answers our e-mail from another client: same ticket.
    let (s, _) = post_raw(
        &t,
        &format!("{hook}?token={token}"),
        &[],
        "message/rfc822",
        mime("a2@cliente.com.br", "Re: Erro no sistema [#1]", "Funcionou, obrigado", Some(&our_id)),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    assert_eq!(tickets(&t, &owner, "status=any").await.len(), 1);
    assert_eq!(messages(&t, &owner, id).await.len(), 3);
}

#[tokio::test]
async fn web_chat_visitor_and_agent_talk_and_the_visitor_keeps_the_conversation() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ch = channel(&t, &owner, json!({"kind": "webchat", "name": "Site", "config": {"greeting": "Oi! Em que posso ajudar?", "prechat": true}})).await;
    let public = ch["public_id"].as_str().unwrap();
    let (s, cfg) =
        t.call(reqwest::Method::GET, &format!("/api/v1/public/webchat/{public}"), None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(cfg["greeting"], "Oi! Em que posso ajudar?");
    let (s, session) = t
        .post(
            &format!("/api/v1/public/webchat/{public}/sessions"),
            None,
            json!({"name": "Ana", "email": "ana@visitante.com.br"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{session}");
    let token = session["token"].as_str().unwrap();
    let send = |client_id: &str, text: &str| {
        t.http
            .post(t.url("/api/v1/public/webchat/messages"))
            .header("x-visitor-token", token)
            .json(&json!({"client_id": client_id, "text": text, "name": "Ana", "email": "ana@visitante.com.br"}))
            .send()
    };
    assert_eq!(send("c1", "Vocês entregam em Campinas?").await.unwrap().status(), StatusCode::ACCEPTED);
    assert_eq!(
        send("c1", "Vocês entregam em Campinas?").await.unwrap().status(),
        StatusCode::ACCEPTED,
        "a resend is accepted"
    );
    let forged = t
        .http
        .post(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", format!("{token}0"))
        .json(&json!({"client_id": "c2", "text": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
    t.drain_jobs().await;
    let list = tickets(&t, &owner, "").await;
    assert_eq!(list.len(), 1);
    let id = list[0]["id"].as_str().unwrap();
    assert_eq!(messages(&t, &owner, id).await.len(), 1, "stored once");
    t.post(&format!("/api/v1/tickets/{id}/messages"), Some(&owner.token), json!({"text": "Entregamos sim!"}))
        .await;
    t.post(
        &format!("/api/v1/tickets/{id}/messages"),
        Some(&owner.token),
        json!({"text": "nota interna", "note": true}),
    )
    .await;
    t.drain_jobs().await;
    let history: Value = t
        .http
        .get(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let texts: Vec<&str> = history.as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        ["Vocês entregam em Campinas?", "Entregamos sim!"],
        "no internal notes for the visitor"
    );

    // Resolve: the visitor is asked for a rating; "5" is stored on the ticket.
    let (s, _) = t.patch(&format!("/api/v1/tickets/{id}"), &owner.token, json!({"status": "resolved"})).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    send("c3", "5").await.unwrap();
    t.drain_jobs().await;
    let (_, ticket) = t.get(&format!("/api/v1/tickets/{id}"), &owner.token).await;
    assert_eq!((ticket["csat_score"].as_i64(), ticket["status"].as_str()), (Some(5), Some("resolved")));
    // Writing again reopens it.
    send("c4", "Mais uma dúvida").await.unwrap();
    t.drain_jobs().await;
    let (_, ticket) = t.get(&format!("/api/v1/tickets/{id}"), &owner.token).await;
    assert_eq!(ticket["status"], "open");
}

#[tokio::test]
async fn routing_triage_capacity_presence_and_other_teams() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let mut admin = t.db.admin().await;
    sqlx::query("update companies set plan_code = 'pro'").execute(&mut admin).await.unwrap();
    let a = t.add_user(&owner, "agent").await;
    let b = t.add_user(&owner, "agent").await;
    let (s, team) = t
        .post("/api/v1/teams", Some(&owner.token), json!({"name": "Financeiro", "members": [{"user_id": a.user_id, "capacity": 1}, {"user_id": b.user_id, "capacity": 1}]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{team}");
    let (s, _) = t
        .post(
            "/api/v1/queues",
            Some(&owner.token),
            json!({"name": "Cobrança", "team_id": team["id"], "routing": "round_robin"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = t.call(reqwest::Method::PUT, "/api/v1/triage-rules", Some(&owner.token), Some(json!([{"keywords": ["boleto", "fatura"], "category": "financeiro", "priority": "high", "team_id": team["id"]}]))).await;
    assert_eq!(s, StatusCode::OK);
    for who in [&a, &b] {
        let (s, _) = t
            .call(
                reqwest::Method::PUT,
                "/api/v1/me/presence",
                Some(&who.token),
                Some(json!({"status": "online"})),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
    }
    let ch = channel(&t, &owner, json!({"kind": "webchat", "name": "Site"})).await;
    let public = ch["public_id"].as_str().unwrap();
    for (i, text) in ["Meu boleto venceu", "Segunda via da fatura", "Boleto duplicado", "Quero um orçamento"]
        .iter()
        .enumerate()
    {
        let (_, session) =
            t.post(&format!("/api/v1/public/webchat/{public}/sessions"), None, json!({})).await;
        t.http
            .post(t.url("/api/v1/public/webchat/messages"))
            .header("x-visitor-token", session["token"].as_str().unwrap())
            .json(&json!({"client_id": format!("m{i}"), "text": text}))
            .send()
            .await
            .unwrap();
        t.drain_jobs().await;
    }
    let all = tickets(&t, &owner, "").await;
    let by_subject = |s: &str| all.iter().find(|x| x["subject"] == s).unwrap().clone();
    let first = by_subject("Meu boleto venceu");
    let second = by_subject("Segunda via da fatura");
    let third = by_subject("Boleto duplicado");
    let other = by_subject("Quero um orçamento");
    assert_eq!((first["category"].as_str(), first["priority"].as_str()), (Some("financeiro"), Some("high")));
    let assignees = [first["assignee_id"].clone(), second["assignee_id"].clone()];
    assert!(
        assignees.contains(&json!(a.user_id)) && assignees.contains(&json!(b.user_id)),
        "round robin: {assignees:?}"
    );
    assert!(third["assignee_id"].is_null(), "both at capacity: waits unassigned");
    assert!(other["team_id"].is_null() && other["assignee_id"].is_null());
    assert_eq!(tickets(&t, &a, "view=mine").await.len(), 1);
    assert_eq!(tickets(&t, &owner, "view=unassigned").await.len(), 2);

    // An agent outside the team cannot act on its tickets.
    let outsider = t.add_user(&owner, "agent").await;
    let id = first["id"].as_str().unwrap();
    let (s, b2) =
        t.post(&format!("/api/v1/tickets/{id}/messages"), Some(&outsider.token), json!({"text": "oi"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b2}");
    let (s, b3) = t
        .post(
            &format!("/api/v1/tickets/{id}/messages"),
            Some(&a.token),
            json!({"text": "Segue a segunda via."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "a member of the team may: {b3}");
    // Transfer with a note, logged as an activity.
    let (s, moved) = t
        .post(
            &format!("/api/v1/tickets/{id}/transfer"),
            Some(&owner.token),
            json!({"assignee_id": outsider.user_id, "note": "Cliente VIP"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{moved}");
    let (_, acts) = t.get(&format!("/api/v1/tickets/{id}/activities"), &owner.token).await;
    assert!(acts.as_array().unwrap().iter().any(|x| x["kind"] == "transferred"));
}

#[tokio::test]
async fn sla_marks_a_breach_only_when_the_target_is_missed() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ch = channel(&t, &owner, json!({"kind": "webchat", "name": "Site"})).await;
    let public = ch["public_id"].as_str().unwrap();
    let (_, session) = t.post(&format!("/api/v1/public/webchat/{public}/sessions"), None, json!({})).await;
    t.http
        .post(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", session["token"].as_str().unwrap())
        .json(&json!({"client_id": "x", "text": "Socorro"}))
        .send()
        .await
        .unwrap();
    t.drain_jobs().await;
    let ticket = tickets(&t, &owner, "").await[0].clone();
    assert_eq!(ticket["sla_status"], "ok");
    let id: uuid::Uuid = ticket["id"].as_str().unwrap().parse().unwrap();
    let tenant: uuid::Uuid = owner.tenant_id.parse().unwrap();
    let due: chrono::DateTime<chrono::Utc> = ticket["first_response_due"].as_str().unwrap().parse().unwrap();
    let job = support::sla::CheckSla { ticket_id: id, target: "first_response".into(), breach: true };
    // A clock before the due time: nothing; after it: breached.
    let mut tx = kernel::tenant::TenantTx::begin(&t.app.db, tenant).await.unwrap();
    assert!(!support::sla::check(&mut tx, &job, due - chrono::Duration::minutes(1)).await.unwrap());
    assert!(support::sla::check(&mut tx, &job, due + chrono::Duration::minutes(1)).await.unwrap());
    tx.commit().await.unwrap();
    let (_, ticket) = t.get(&format!("/api/v1/tickets/{id}"), &owner.token).await;
    assert_eq!(ticket["sla_status"], "breached");
    assert_eq!(tickets(&t, &owner, "sla=breached").await.len(), 1);
}

#[tokio::test]
async fn another_company_cannot_reach_tickets_channels_or_webhooks() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let other = t.signup("Beta").await;
    let ch = channel(&t, &owner, json!({"kind": "webchat", "name": "Site"})).await;
    let cid = ch["id"].as_str().unwrap();
    let public = ch["public_id"].as_str().unwrap();
    let (_, session) = t.post(&format!("/api/v1/public/webchat/{public}/sessions"), None, json!({})).await;
    t.http
        .post(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", session["token"].as_str().unwrap())
        .json(&json!({"client_id": "x", "text": "Olá"}))
        .send()
        .await
        .unwrap();
    t.drain_jobs().await;
    let id = tickets(&t, &owner, "").await[0]["id"].as_str().unwrap().to_string();
    let (_, team) = t.post("/api/v1/teams", Some(&owner.token), json!({"name": "Suporte"})).await;
    let (_, canned) = t
        .post(
            "/api/v1/canned-responses",
            Some(&owner.token),
            json!({"shortcut": "ola", "title": "Olá", "body": "Olá, {{customer.name}}!"}),
        )
        .await;

    assert_isolated(
        &t,
        &other,
        &format!("/api/v1/tickets/{id}"),
        Some("/api/v1/tickets"),
        &id,
        Some(json!({"status": "resolved"})),
        false,
    )
    .await;
    assert_isolated(
        &t,
        &other,
        &format!("/api/v1/channels/{cid}"),
        None,
        cid,
        Some(json!({"kind": "webchat", "name": "x"})),
        true,
    )
    .await;
    for path in [
        format!("/api/v1/tickets/{id}/messages"),
        format!("/api/v1/tickets/{id}/activities"),
        format!("/api/v1/channels/{cid}/events"),
        format!("/api/v1/tickets/{id}/canned/{}", canned["id"].as_str().unwrap()),
    ] {
        let (s, _) = t.get(&path, &other.token).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "GET {path}");
    }
    for (path, body) in [
        (format!("/api/v1/tickets/{id}/messages"), json!({"text": "x"})),
        (format!("/api/v1/tickets/{id}/transfer"), json!({"assignee_id": null})),
        (format!("/api/v1/tickets/{id}/snooze"), json!({"until": "2030-01-01T00:00:00Z"})),
        (format!("/api/v1/tickets/{id}/read"), json!({})),
        (format!("/api/v1/channels/{cid}/test"), json!({})),
    ] {
        let (s, b) = t.post(&path, Some(&other.token), body).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "POST {path}: {b}");
    }
    let (s, _) = t
        .patch(&format!("/api/v1/teams/{}", team["id"].as_str().unwrap()), &other.token, json!({"name": "x"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) =
        t.delete(&format!("/api/v1/canned-responses/{}", canned["id"].as_str().unwrap()), &other.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = t.get("/api/v1/channels", &other.token).await;
    assert_eq!(list, json!([]));
    // This channel under the other company's id is no channel; nor is a visitor token moved to it.
    let swapped = public.replacen(&owner.tenant_id, &other.tenant_id, 1);
    let (s, _) = t.call(reqwest::Method::GET, &format!("/api/v1/public/webchat/{swapped}"), None, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let moved = session["token"].as_str().unwrap().replacen(&owner.tenant_id, &other.tenant_id, 1);
    let r = t
        .http
        .get(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", moved)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // Sales people do not work the inbox.
    let sales = t.add_user(&owner, "sales").await;
    let (s, _) = t.get("/api/v1/tickets", &sales.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_worker_that_dies_mid_intake_loses_nothing_and_doubles_nothing() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let secret = "segredo";
    let ch = channel(&t, &owner, json!({"kind": "whatsapp", "name": "WhatsApp",
        "config": {"phone_number_id": "106540352242922"}, "secrets": {"access_token": "tok", "app_secret": secret}})).await;
    let hook = format!("/hooks/whatsapp/{}", ch["public_id"].as_str().unwrap());
    let body = whatsapp_text("wamid.CRASH", "5531988887777", "Meu pedido não chegou");
    let (s, _) = post_raw(
        &t,
        &hook,
        &[("x-hub-signature-256", channels::whatsapp::signature_header(&body, secret))],
        "application/json",
        body,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    // A worker takes the job, does the intake and dies before committing.
    let tenant: uuid::Uuid = owner.tenant_id.parse().unwrap();
    let channel_id: uuid::Uuid = ch["id"].as_str().unwrap().parse().unwrap();
    {
        let mut tx = kernel::tenant::TenantTx::begin(&t.app.db, tenant).await.unwrap();
        let row = support::channels::repo::find(&mut tx, tenant, channel_id).await.unwrap().unwrap();
        let incoming = support::tickets::service::Incoming {
            provider_message_id: "wamid.CRASH".into(),
            address: "+5531988887777".into(),
            phone: Some("+5531988887777".into()),
            text: "Meu pedido não chegou".into(),
            extra: json!({}),
            ..Default::default()
        };
        support::tickets::service::ingest(&t.app, &mut tx, &row, incoming).await.unwrap();
        // dropped: rolled back, like a process killed mid-job
    }
    // The queued job (still there) runs, once; running everything again changes nothing.
    t.drain_jobs().await;
    let mut admin = t.db.admin().await;
    sqlx::query("update support_inbound_events set status = 'pending'").execute(&mut admin).await.unwrap();
    sqlx::query("insert into jobs (kind, tenant_id, payload) select 'support.process_inbound', tenant_id, jsonb_build_object('event_id', id) from support_inbound_events")
        .execute(&mut admin)
        .await
        .unwrap();
    t.drain_jobs().await;
    let counts: (i64, i64) =
        sqlx::query_as("select (select count(*) from tickets), (select count(*) from ticket_messages)")
            .fetch_one(&mut admin)
            .await
            .unwrap();
    assert_eq!(counts, (1, 1));
}

#[tokio::test]
async fn an_anonymous_visitor_stays_one_conversation_and_a_borrowed_email_opens_no_one_elses() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ch = channel(&t, &owner, json!({"kind": "webchat", "name": "Site"})).await;
    let public = ch["public_id"].as_str().unwrap().to_string();
    let session = |t: &TestApp| {
        let public = public.clone();
        let http = t.http.clone();
        let url = t.url(&format!("/api/v1/public/webchat/{public}/sessions"));
        async move {
            http.post(url).json(&json!({})).send().await.unwrap().json::<Value>().await.unwrap()["token"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let say = |token: String, id: &'static str, text: &'static str, email: Option<&'static str>| {
        t.http
            .post(t.url("/api/v1/public/webchat/messages"))
            .header("x-visitor-token", token)
            .json(&json!({"client_id": id, "text": text, "email": email}))
            .send()
    };
    let anon = session(&t).await;
    say(anon.clone(), "a1", "Oi", None).await.unwrap();
    t.drain_jobs().await;
    say(anon.clone(), "a2", "Tem alguém aí?", None).await.unwrap();
    t.drain_jobs().await;
    let list = tickets(&t, &owner, "").await;
    assert_eq!(list.len(), 1, "one conversation: {list:?}");
    assert_eq!(messages(&t, &owner, list[0]["id"].as_str().unwrap()).await.len(), 2);
    let mut admin = t.db.admin().await;
    let customers: i64 =
        sqlx::query_scalar("select count(*) from customers").fetch_one(&mut admin).await.unwrap();
    assert_eq!(customers, 1);

    // Someone else types the first visitor's e-mail: a conversation of their own.
    let real = session(&t).await;
    say(real, "r1", "Sou a Ana", Some("ana@cliente.com.br")).await.unwrap();
    t.drain_jobs().await;
    let spoofer = session(&t).await;
    say(spoofer, "s1", "Também sou a Ana", Some("ana@cliente.com.br")).await.unwrap();
    t.drain_jobs().await;
    let list = tickets(&t, &owner, "").await;
    assert_eq!(list.len(), 3);
    for ticket in &list {
        let texts: Vec<String> = messages(&t, &owner, ticket["id"].as_str().unwrap())
            .await
            .iter()
            .map(|m| m["text"].as_str().unwrap().to_string())
            .collect();
        assert!(
            !(texts.contains(&"Sou a Ana".to_string()) && texts.contains(&"Também sou a Ana".to_string())),
            "two visitors in one ticket: {texts:?}"
        );
    }
}

#[tokio::test]
async fn testing_a_channel_asks_the_provider_with_the_saved_credentials() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let fake = Providers::start().await;
    let base = fake.base.clone();
    let cases = [
        (
            "WhatsApp, wrong token",
            json!({"kind": "whatsapp", "name": "W1", "config": {"phone_number_id": PHONE_NUMBER_ID, "base_url": &base}, "secrets": {"access_token": "EAAG-errado", "app_secret": "s"}}),
            false,
        ),
        (
            "WhatsApp, another number",
            json!({"kind": "whatsapp", "name": "W2", "config": {"phone_number_id": "999999999999999", "base_url": &base}, "secrets": {"access_token": GRAPH_TOKEN, "app_secret": "s"}}),
            false,
        ),
        (
            "WhatsApp",
            json!({"kind": "whatsapp", "name": "W3", "config": {"phone_number_id": PHONE_NUMBER_ID, "base_url": &base}, "secrets": {"access_token": GRAPH_TOKEN, "app_secret": "s"}}),
            true,
        ),
        (
            "Twilio, wrong token",
            json!({"kind": "twilio_sms", "name": "T1", "config": {"account_sid": TWILIO_SID, "from": "+5511955550000", "base_url": &base}, "secrets": {"auth_token": "errado"}}),
            false,
        ),
        (
            "Twilio",
            json!({"kind": "twilio_sms", "name": "T2", "config": {"account_sid": TWILIO_SID, "from": "+5511955550000", "base_url": &base}, "secrets": {"auth_token": TWILIO_TOKEN}}),
            true,
        ),
    ];
    for (case, body, ok) in cases {
        let ch = channel(&t, &owner, body).await;
        let (s, answer) = t
            .post(
                &format!("/api/v1/channels/{}/test", ch["id"].as_str().unwrap()),
                Some(&owner.token),
                json!({}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{case}: {answer}");
        assert_eq!(answer["ok"], ok, "{case}: {answer}");
    }
}

#[tokio::test]
async fn unsigned_twilio_and_tokenless_email_webhooks_are_refused_and_store_nothing() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let sms = channel(&t, &owner, json!({"kind": "twilio_sms", "name": "SMS",
        "config": {"account_sid": TWILIO_SID, "from": "+5511955550000"}, "secrets": {"auth_token": TWILIO_TOKEN}})).await;
    let form = serde_urlencoded::to_string([
        ("MessageSid", "SM11111111111111111111111111111111"),
        ("AccountSid", TWILIO_SID),
        ("From", "+5511987651234"),
        ("To", "+5511955550000"),
        ("Body", "Sem assinatura"),
        ("NumMedia", "0"),
    ])
    .unwrap();
    let twilio = format!("/hooks/twilio/{}", sms["public_id"].as_str().unwrap());
    let (s, _) =
        post_raw(&t, &twilio, &[], "application/x-www-form-urlencoded", form.clone().into_bytes()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "no X-Twilio-Signature");
    let (s, _) = post_raw(
        &t,
        &twilio,
        &[("x-twilio-signature", String::new())],
        "application/x-www-form-urlencoded",
        form.into_bytes(),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "an empty X-Twilio-Signature");

    let mail = channel(
        &t,
        &owner,
        json!({"kind": "email", "name": "Suporte", "config": {"address": "suporte@alfa.com.br"}}),
    )
    .await;
    let email = format!("/hooks/email/{}", mail["public_id"].as_str().unwrap());
    for path in [email.clone(), format!("{email}?token=")] {
        let (s, _) =
            post_raw(&t, &path, &[], "message/rfc822", mime("x1@cliente.com.br", "Sem token", "Oi", None))
                .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{path}");
    }
    let stored: i64 = sqlx::query_scalar("select count(*) from support_inbound_events")
        .fetch_one(&mut t.db.admin().await)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}
