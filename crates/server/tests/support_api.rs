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
    let verify = ch["inbound_secret"].as_str().unwrap();

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
    let (s, _) = t.post_raw(&hook, &[], "application/json", body.clone()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let forged = channels::whatsapp::signature_header(&body, "outro-segredo");
    let (s, _) =
        t.post_raw(&hook, &[("x-hub-signature-256", forged)], "application/json", body.clone()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let mut admin = t.db.admin().await;
    let stored: i64 =
        sqlx::query_scalar("select count(*) from inbox_events").fetch_one(&mut admin).await.unwrap();
    assert_eq!(stored, 0);

    // Delivered three times: one ticket, one message, one customer.
    let signed = channels::whatsapp::signature_header(&body, secret);
    for _ in 0..3 {
        let (s, _) = t
            .post_raw(&hook, &[("x-hub-signature-256", signed.clone())], "application/json", body.clone())
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
    let (s, _) = t
        .post_raw(
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
        let (s, _) = t
            .post_raw(
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
    let (s, _) = t
        .post_raw(
            &hook,
            &[("x-hub-signature-256", channels::whatsapp::signature_header(&junk, secret))],
            "application/json",
            junk,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, log) = t
        .get(
            &format!("/api/v1/inbox?source=channel:{}&status=failed", ch["id"].as_str().unwrap()),
            &owner.token,
        )
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
    t.post_raw(
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
    // Its author is told, in the bell.
    let (_, bell) = t.get("/api/v1/notifications", &owner.token).await;
    let told = bell["items"].as_array().unwrap().iter().find(|n| n["kind"] == "delivery_failed").cloned();
    let told = told.unwrap_or_else(|| panic!("no delivery_failed notification: {bell}"));
    assert_eq!(told["subject_id"], id.as_str());
    assert!(told["title"].as_str().unwrap().starts_with("Mensagem não entregue no ticket #"), "{told}");
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
    let (s, _) = t
        .post_raw(
            &path,
            &[("x-twilio-signature", "bm90IGEgc2lnbmF0dXJl".into())],
            "application/x-www-form-urlencoded",
            body.clone(),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let sig = channels::twilio::signature(TWILIO_TOKEN, &url, &params);
    let (s, _) =
        t.post_raw(&path, &[("x-twilio-signature", sig)], "application/x-www-form-urlencoded", body).await;
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
    let token = ch["inbound_secret"].as_str().unwrap();
    let hook = format!("/hooks/email/{}", ch["public_id"].as_str().unwrap());
    let (s, _) = t
        .post_raw(
            &format!("{hook}?token=errado"),
            &[],
            "message/rfc822",
            mime("a1@cliente.com.br", "Erro no sistema", "Ol=C3=A1", None),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = t
        .post_raw(
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
    let (s, _) = t
        .post_raw(
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
    // Nobody holds the ticket: whoever leads the inbox is told, once, and
    // by e-mail too (a missed deadline is worth one by default).
    let agent = t.add_user(&owner, "agent").await;
    t.drain_jobs().await;
    let (_, bell) = t.get("/api/v1/notifications", &owner.token).await;
    let kinds: Vec<&str> =
        bell["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["sla_breached"], "{bell}");
    assert!(
        bell["items"][0]["title"].as_str().unwrap().contains("prazo de primeira resposta estourado"),
        "{bell}"
    );
    let (_, agents) = t.get("/api/v1/notifications", &agent.token).await;
    assert_eq!(agents["items"].as_array().unwrap().len(), 0, "an agent who does not hold it is not");
    assert!(
        t.outbox().iter().any(|m| m.contains("estourado") && m.contains(&format!("To: {}", owner.email)))
    );
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
        format!("/api/v1/inbox?source=channel:{cid}"),
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
    let (s, _) = t
        .post_raw(
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
        let row =
            support::channels::repo::find_for_intake(&mut tx, tenant, channel_id).await.unwrap().unwrap();
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
    sqlx::query("update inbox_events set status = 'received'").execute(&mut admin).await.unwrap();
    sqlx::query("insert into jobs (kind, tenant_id, payload) select 'support.process_inbound', tenant_id, jsonb_build_object('event_id', id) from inbox_events")
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

/// Issue 9, SSRF: a tenant admin chooses a channel's base URL and signs
/// Twilio webhooks with its own token, so both are attacker input. A
/// listener on 127.0.0.1 that the operator did not allow must never see a
/// connection: not when saved as a base URL, not as a MediaUrl, not from
/// "Testar" on a row stored before the allow-list existed.
#[tokio::test]
async fn a_tenant_cannot_point_channels_or_media_at_internal_addresses() {
    use std::sync::atomic::Ordering;
    let (internal, seen) = common::recorder().await;
    let fake = Providers::start().await;
    let base = fake.base.clone();
    let t = TestApp::spawn_allowing_only(&base).await;
    let owner = t.signup("Alfa").await;
    let twilio = |base_url: &str| {
        json!({"kind": "twilio_sms", "name": "SMS",
            "config": {"account_sid": "AC0123456789abcdef0123456789abcdef", "from": "+5511955550000", "base_url": base_url},
            "secrets": {"auth_token": "twilio-auth-token"}})
    };
    let localhost = internal.replace("127.0.0.1", "localhost");
    for url in
        [internal.as_str(), localhost.as_str(), "http://169.254.169.254/latest", "https://evil.example.com"]
    {
        let (s, b) = t.post("/api/v1/channels", Some(&owner.token), twilio(url)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{url}: {b}");
        assert_eq!(b["errors"][0]["field"], "config.base_url", "{b}");
        assert!(b["errors"][0]["message"].as_str().unwrap().starts_with("Endereço não permitido"), "{b}");
    }
    let (s, b) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            json!({"kind": "whatsapp", "name": "WhatsApp",
            "config": {"phone_number_id": "106540352242922", "base_url": format!("{internal}/")},
            "secrets": {"access_token": "EAAG-token", "app_secret": "app-secret"}}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");

    // The operator's host is accepted; editing it to an internal one is not.
    let ch = channel(&t, &owner, twilio(&base)).await;
    let id = ch["id"].as_str().unwrap();
    let (s, b) = t.patch(&format!("/api/v1/channels/{id}"), &owner.token, twilio(&internal)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");

    // A signed inbound message whose MediaUrl0 is the internal listener: the
    // message is kept, the attachment refused, and no request is made.
    let path = format!("/hooks/twilio/{}", ch["public_id"].as_str().unwrap());
    let url = format!("{}{path}", t.app.config.frontend_url);
    let params: Vec<(String, String)> = [
        ("MessageSid", "MM11111111111111111111111111111111"),
        ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        ("From", "+5511987651234"),
        ("To", "+5511955550000"),
        ("Body", "Segue o comprovante"),
        ("NumMedia", "1"),
        ("MediaUrl0", &format!("{internal}/latest/meta-data")),
        ("MediaContentType0", "image/jpeg"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let sig = channels::twilio::signature("twilio-auth-token", &url, &params);
    let body = serde_urlencoded::to_string(&params).unwrap().into_bytes();
    let (s, _) =
        t.post_raw(&path, &[("x-twilio-signature", sig)], "application/x-www-form-urlencoded", body).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let list = tickets(&t, &owner, "").await;
    let msgs = messages(&t, &owner, list[0]["id"].as_str().unwrap()).await;
    let inbound = msgs.iter().find(|m| m["text"] == "Segue o comprovante").unwrap();
    assert_eq!(
        inbound["extra"]["refused_attachments"],
        json!(["anexo-1: não foi possível baixar (endereço não permitido)"])
    );
    assert!(inbound["attachments"].as_array().is_none_or(|a| a.is_empty()), "{inbound}");

    // A row saved before the allow-list existed: "Testar" names the class
    // and still connects nowhere.
    let mut admin = t.db.admin().await;
    sqlx::query("update support_channels set config = jsonb_set(config, '{base_url}', to_jsonb($1::text)) where id = $2::uuid")
        .bind(&internal)
        .bind(id)
        .execute(&mut admin)
        .await
        .unwrap();
    let (s, b) = t.post(&format!("/api/v1/channels/{id}/test"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b, json!({"ok": false, "message": "Falhou: endereço não permitido"}));

    assert_eq!(seen.load(Ordering::SeqCst), 0, "the internal listener was contacted");
}

/// The header `name` of a raw e-mail, unfolded.
fn header(mail: &str, name: &str) -> Option<String> {
    let unfolded = mail.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded
        .lines()
        .take_while(|l| !l.is_empty())
        .find(|l| l.to_lowercase().starts_with(&format!("{}:", name.to_lowercase())))
        .map(|l| l[name.len() + 1..].trim().to_string())
}

/// The 6-digit code of the last confirmation e-mail sent to `address`.
fn sender_code(t: &TestApp, address: &str) -> String {
    let subject = t
        .outbox()
        .iter()
        .rev()
        .filter(|m| header(m, "To").is_some_and(|to| to.contains(address)))
        .filter_map(|m| channels::email::parse_mime(m.as_bytes()).ok()?.subject)
        .find(|s| s.starts_with("Código de confirmação"))
        .expect("confirmation e-mail");
    let digits: String = subject.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len() - 6..].to_string()
}

#[tokio::test]
async fn inbound_tokens_are_sealed_shown_whole_only_to_admins_and_rotation_refuses_the_old_one() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let agent = t.add_user(&owner, "agent").await;
    let manager = t.add_user(&owner, "manager").await;
    let ch = channel(
        &t,
        &owner,
        json!({"kind": "email", "name": "Suporte", "config": {"address": "suporte@alfa.com.br", "inbound_token": "plain-typed"}}),
    )
    .await;
    let id = ch["id"].as_str().unwrap();
    let token = ch["inbound_secret"].as_str().unwrap().to_string();
    assert_eq!(token, "plain-typed", "a token typed in config is kept, sealed");
    assert!(ch["config"].get("inbound_token").is_none(), "{ch}");
    let mut admin = t.db.admin().await;
    let config: Value = sqlx::query_scalar("select config from support_channels where id = $1::uuid")
        .bind(id)
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert!(!config.to_string().contains(&token), "stored sealed, not in config: {config}");

    // An agent (and a manager) sees that a token exists, never the token.
    for who in [&agent, &manager] {
        let (s, list) = t.get("/api/v1/channels", &who.token).await;
        assert_eq!(s, StatusCode::OK);
        assert!(!list.to_string().contains(&token), "{list}");
        assert_eq!(list[0]["inbound_secret"], format!("••••{}", &token[token.len() - 4..]));
        let (_, one) = t.get(&format!("/api/v1/channels/{id}"), &who.token).await;
        assert!(!one.to_string().contains(&token), "{one}");
        let (s, _) = t
            .post(&format!("/api/v1/channels/{id}/rotate-inbound-secret"), Some(&who.token), json!({}))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }

    let hook = format!("/hooks/email/{}", ch["public_id"].as_str().unwrap());
    let deliver = |token: String, id: &'static str| {
        let t = &t;
        let hook = hook.clone();
        async move {
            t.post_raw(
                &format!("{hook}?token={token}"),
                &[],
                "message/rfc822",
                mime(id, "Oi", "Ol=C3=A1", None),
            )
            .await
            .0
        }
    };
    assert_eq!(deliver(token.clone(), "r1@cliente.com.br").await, StatusCode::OK);
    let (s, rotated) =
        t.post(&format!("/api/v1/channels/{id}/rotate-inbound-secret"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{rotated}");
    let new_token = rotated["inbound_secret"].as_str().unwrap().to_string();
    assert_ne!(new_token, token);
    assert_eq!(
        deliver(token.clone(), "r2@cliente.com.br").await,
        StatusCode::UNAUTHORIZED,
        "the old token stops at once"
    );
    assert_eq!(deliver(new_token.clone(), "r3@cliente.com.br").await, StatusCode::OK);
    // Editing the channel keeps the rotated token.
    let (s, _) = t
        .patch(
            &format!("/api/v1/channels/{id}"),
            &owner.token,
            json!({"kind": "email", "name": "Suporte 2", "config": {"address": "suporte@alfa.com.br"}}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(deliver(new_token, "r4@cliente.com.br").await, StatusCode::OK);
}

#[tokio::test]
async fn plain_tokens_left_by_older_versions_are_sealed_by_the_migration_job() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ch = channel(
        &t,
        &owner,
        json!({"kind": "email", "name": "Suporte", "config": {"address": "suporte@alfa.com.br"}}),
    )
    .await;
    let id = ch["id"].as_str().unwrap();
    // As an older version stored it: no sealed secrets, the token in plain config.
    let mut admin = t.db.admin().await;
    sqlx::query(
        "update support_channels set credentials = null,
                config = config || '{\"inbound_token\": \"antigo-123\"}' where id = $1::uuid",
    )
    .bind(id)
    .execute(&mut admin)
    .await
    .unwrap();
    let (_, listed) = t.get(&format!("/api/v1/channels/{id}"), &owner.token).await;
    assert!(listed["config"].get("inbound_token").is_none(), "never shown from plain config: {listed}");
    let url = format!("/hooks/email/{}?token=antigo-123", ch["public_id"].as_str().unwrap());
    let deliver =
        |mid: &'static str| t.post_raw(&url, &[], "message/rfc822", mime(mid, "Oi", "Ol=C3=A1", None));
    assert_eq!(deliver("l1@cliente.com.br").await.0, StatusCode::OK, "still accepted before the job runs");
    // What the migration enqueues for such a channel.
    sqlx::query(
        "insert into jobs (kind, tenant_id, payload)
         values ('support.seal_inbound_secrets', $1::uuid, jsonb_build_object('channel_id', $2::text))",
    )
    .bind(&owner.tenant_id)
    .bind(id)
    .execute(&mut admin)
    .await
    .unwrap();
    t.drain_jobs().await;
    let (config, sealed): (Value, Option<Vec<u8>>) =
        sqlx::query_as("select config, credentials from support_channels where id = $1::uuid")
            .bind(id)
            .fetch_one(&mut admin)
            .await
            .unwrap();
    assert!(config.get("inbound_token").is_none(), "{config}");
    assert!(!sealed.unwrap().windows(10).any(|w| w == b"antigo-123"), "sealed, not plain");
    let (_, now) = t.get(&format!("/api/v1/channels/{id}"), &owner.token).await;
    assert_eq!(now["inbound_secret"], "antigo-123", "the same value keeps working, now sealed");
    assert_eq!(deliver("l2@cliente.com.br").await.0, StatusCode::OK);
}

#[tokio::test]
async fn an_unconfirmed_sender_replies_from_the_platform_with_reply_to_until_its_code_is_confirmed() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ch = channel(
        &t,
        &owner,
        json!({"kind": "email", "name": "Suporte", "config": {"address": "suporte@alfa.com.br"}}),
    )
    .await;
    assert_eq!(ch["sender"]["verified"], false);
    let id = ch["id"].as_str().unwrap();
    let token = ch["inbound_secret"].as_str().unwrap();
    let hook = format!("/hooks/email/{}?token={token}", ch["public_id"].as_str().unwrap());
    t.post_raw(&hook, &[], "message/rfc822", mime("q1@cliente.com.br", "Pedido", "Cad=C3=AA?", None)).await;
    t.drain_jobs().await;
    let ticket = tickets(&t, &owner, "").await[0]["id"].as_str().unwrap().to_string();
    let reply = |text: &'static str| {
        let t = &t;
        let ticket = ticket.clone();
        let owner = owner.clone();
        async move {
            t.post(&format!("/api/v1/tickets/{ticket}/messages"), Some(&owner.token), json!({"text": text}))
                .await;
            t.drain_jobs().await;
            t.outbox().into_iter().find(|m| m.contains(text)).expect("reply e-mail")
        }
    };
    let out = reply("Primeira resposta").await;
    let from = header(&out, "From").unwrap();
    assert!(from.contains("nao-responda@conectcrm.local") && from.contains("Alfa"), "{from}");
    assert!(header(&out, "Reply-To").unwrap().contains("suporte@alfa.com.br"), "{out}");

    let code = sender_code(&t, "suporte@alfa.com.br");
    let wrong = if code == "000000" { "000001" } else { "000000" };
    let (s, b) = t
        .post(&format!("/api/v1/channels/{id}/verify-sender"), Some(&owner.token), json!({"code": wrong}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["field"], "code");
    let (s, confirmed) = t
        .post(&format!("/api/v1/channels/{id}/verify-sender"), Some(&owner.token), json!({"code": code}))
        .await;
    assert_eq!(s, StatusCode::OK, "{confirmed}");
    assert_eq!(confirmed["sender"]["verified"], true);
    let out = reply("Segunda resposta").await;
    assert!(header(&out, "From").unwrap().contains("suporte@alfa.com.br"), "{out}");
    assert!(header(&out, "Reply-To").is_none(), "{out}");

    // A new address must be proven again.
    let (_, changed) = t
        .patch(
            &format!("/api/v1/channels/{id}"),
            &owner.token,
            json!({"kind": "email", "name": "Suporte", "config": {"address": "vendas@banco-alheio.com.br"}}),
        )
        .await;
    assert_eq!(changed["sender"]["verified"], false);
    let out = reply("Terceira resposta").await;
    assert!(header(&out, "From").unwrap().contains("nao-responda@conectcrm.local"), "{out}");
}

#[tokio::test]
async fn sender_codes_expire_allow_five_tries_and_are_not_resent_at_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ch = channel(
        &t,
        &owner,
        json!({"kind": "email", "name": "Suporte", "config": {"address": "suporte@alfa.com.br"}}),
    )
    .await;
    let id = ch["id"].as_str().unwrap();
    t.drain_jobs().await;
    let code = sender_code(&t, "suporte@alfa.com.br");
    let wrong = if code == "111111" { "222222" } else { "111111" };
    let verify = |code: String| {
        let t = &t;
        let owner = owner.clone();
        async move {
            t.post(&format!("/api/v1/channels/{id}/verify-sender"), Some(&owner.token), json!({"code": code}))
                .await
        }
    };
    for _ in 0..5 {
        let (s, b) = verify(wrong.into()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(b["errors"][0]["message"], "Código incorreto.");
    }
    let (s, b) = verify(code.clone()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "the right code after five wrong ones: {b}");
    assert_eq!(b["errors"][0]["message"], "Tentativas esgotadas: peça um novo código.");

    let (s, _) = t.post(&format!("/api/v1/channels/{id}/sender-code"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "not resent within a minute");
    let mut admin = t.db.admin().await;
    let age = |minutes: i32| {
        sqlx::query("update support_channels set sender_code_sent_at = now() - make_interval(mins => $2) where id = $1::uuid")
            .bind(id)
            .bind(minutes)
    };
    age(2).execute(&mut admin).await.unwrap();
    let (s, _) = t.post(&format!("/api/v1/channels/{id}/sender-code"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::ACCEPTED);
    t.drain_jobs().await;
    let fresh = sender_code(&t, "suporte@alfa.com.br");
    age(31).execute(&mut admin).await.unwrap();
    let (s, b) = verify(fresh.clone()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["message"], "O código expirou: peça um novo código.");
    let (_, still) = t.get(&format!("/api/v1/channels/{id}"), &owner.token).await;
    assert_eq!(still["sender"]["verified"], false);
}

async fn visitor_history(t: &TestApp, token: &str) -> Vec<String> {
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
    history.as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_visitor_claiming_a_customers_email_gets_an_unverified_customer_and_merges_never_leak() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    // João writes by e-mail: a real customer with a real conversation.
    let mail = channel(
        &t,
        &owner,
        json!({"kind": "email", "name": "Suporte", "config": {"address": "suporte@alfa.com.br"}}),
    )
    .await;
    let hook = format!(
        "/hooks/email/{}?token={}",
        mail["public_id"].as_str().unwrap(),
        mail["inbound_secret"].as_str().unwrap()
    );
    t.post_raw(
        &hook,
        &[],
        "message/rfc822",
        mime("j1@cliente.com.br", "Contrato", "Meu CPF =C3=A9 123", None),
    )
    .await;
    t.drain_jobs().await;
    let email_ticket = tickets(&t, &owner, "").await[0].clone();
    let joao = email_ticket["customer_id"].as_str().unwrap().to_string();
    let email_ticket = email_ticket["id"].as_str().unwrap().to_string();

    // Someone on the site types João's e-mail.
    let chat =
        channel(&t, &owner, json!({"kind": "webchat", "name": "Site", "config": {"prechat": true}})).await;
    let public = chat["public_id"].as_str().unwrap();
    let (_, session) = t
        .post(
            &format!("/api/v1/public/webchat/{public}/sessions"),
            None,
            json!({"name": "João", "email": "joao@cliente.com.br"}),
        )
        .await;
    let visitor = session["token"].as_str().unwrap().to_string();
    let res = t
        .http
        .post(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", &visitor)
        .json(&json!({"client_id": "v1", "text": "Qual é o meu contrato?", "name": "João", "email": "joao@cliente.com.br"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    t.drain_jobs().await;
    let chat_ticket =
        tickets(&t, &owner, &format!("channel_id={}", chat["id"].as_str().unwrap())).await[0].clone();
    assert_ne!(
        chat_ticket["customer_id"].as_str().unwrap(),
        joao,
        "a typed e-mail attaches to no existing customer"
    );
    assert_eq!(chat_ticket["contact_verified"], false);
    assert_eq!(chat_ticket["declared_email"], "joao@cliente.com.br");
    let chat_ticket = chat_ticket["id"].as_str().unwrap().to_string();
    assert_eq!(visitor_history(&t, &visitor).await, ["Qual é o meu contrato?"]);

    // Merging another customer's ticket into the chat is refused.
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{email_ticket}/merge"),
            Some(&owner.token),
            json!({"into_ticket_id": chat_ticket}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert!(
        b["detail"].as_str().unwrap_or_default().contains("mesmo cliente")
            || b.to_string().contains("mesmo cliente"),
        "{b}"
    );
    assert_eq!(visitor_history(&t, &visitor).await, ["Qual é o meu contrato?"]);

    // The agent checks and links the chat to João by hand; now a merge is
    // allowed, and the visitor still reads only its own conversation.
    let (s, linked) = t
        .post(
            &format!("/api/v1/tickets/{chat_ticket}/customer"),
            Some(&owner.token),
            json!({"customer_id": joao}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{linked}");
    assert_eq!(
        (linked["customer_id"].as_str(), linked["contact_verified"].as_bool()),
        (Some(joao.as_str()), Some(true))
    );
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{email_ticket}/merge"),
            Some(&owner.token),
            json!({"into_ticket_id": chat_ticket}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    t.post(
        &format!("/api/v1/tickets/{chat_ticket}/messages"),
        Some(&owner.token),
        json!({"text": "Já verifico."}),
    )
    .await;
    t.drain_jobs().await;
    assert_eq!(messages(&t, &owner, &chat_ticket).await.len(), 3, "the agent sees the merged conversation");
    assert_eq!(visitor_history(&t, &visitor).await, ["Qual é o meu contrato?", "Já verifico."]);

    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{chat_ticket}/customer"),
            Some(&owner.token),
            json!({"customer_id": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(
        (s, b["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("customer_id")),
        "{b}"
    );
}

fn mime_with_attachments(parts: &[(&str, &str, &[u8])]) -> Vec<u8> {
    use base64::Engine;
    let mut body = String::from(
        "From: Ana <ana@cliente.com.br>\r\nTo: suporte@alfa.com.br\r\nSubject: Arquivos\r\nMessage-ID: <f1@cliente.com.br>\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSeguem os arquivos\r\n",
    );
    for (name, ct, bytes) in parts {
        body.push_str(&format!(
            "--b1\r\nContent-Type: {ct}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ));
    }
    body.push_str("--b1--\r\n");
    body.into_bytes()
}

#[tokio::test]
async fn svg_and_html_attachments_download_sandboxed_and_a_png_made_of_svg_is_no_image() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ch = channel(
        &t,
        &owner,
        json!({"kind": "email", "name": "Suporte", "config": {"address": "suporte@alfa.com.br"}}),
    )
    .await;
    let hook = format!(
        "/hooks/email/{}?token={}",
        ch["public_id"].as_str().unwrap(),
        ch["inbound_secret"].as_str().unwrap()
    );
    let svg: &[u8] =
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.domain)</script></svg>";
    let html: &[u8] = b"<!doctype html><script>fetch('/api/v1/me')</script>";
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let body = mime_with_attachments(&[
        ("desenho.svg", "image/svg+xml", svg),
        ("pagina.html", "text/plain", html),
        ("foto.png", "image/png", svg),
        ("real.png", "image/png", png),
    ]);
    let (s, _) = t.post_raw(&hook, &[], "message/rfc822", body).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let ticket = tickets(&t, &owner, "").await[0]["id"].as_str().unwrap().to_string();
    let msgs = messages(&t, &owner, &ticket).await;
    let attachments = msgs[0]["attachments"].as_array().unwrap().clone();
    assert_eq!(attachments.len(), 4, "{:?}", msgs[0]);
    for a in &attachments {
        let res = t
            .http
            .get(t.url(&format!("/api/v1/tickets/{ticket}/attachments/{}", a["id"].as_str().unwrap())))
            .bearer_auth(&owner.token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let h = |n: &str| res.headers().get(n).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let name = a["filename"].as_str().unwrap();
        let csp = h("content-security-policy");
        assert!(csp.split(';').any(|d| d.trim() == "sandbox"), "{name}: {csp}");
        assert!(csp.contains("default-src 'none'"), "{name}: {csp}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{name}");
        if name == "real.png" {
            assert!(h("content-disposition").starts_with("inline"), "{name}");
            assert_eq!(h("content-type"), "image/png");
        } else {
            assert!(
                h("content-disposition").starts_with("attachment"),
                "{name}: {}",
                h("content-disposition")
            );
            assert!(
                !h("content-type").starts_with("image/") && !h("content-type").contains("html"),
                "{name}: {}",
                h("content-type")
            );
        }
    }
}

#[tokio::test]
async fn testing_a_channel_asks_the_provider_with_the_saved_credentials() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    // One channel of each provider: more than the starter plan's two.
    t.set_plan(&owner, "pro").await;
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
        t.post_raw(&twilio, &[], "application/x-www-form-urlencoded", form.clone().into_bytes()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "no X-Twilio-Signature");
    let (s, _) = t
        .post_raw(
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
        let (s, _) = t
            .post_raw(&path, &[], "message/rfc822", mime("x1@cliente.com.br", "Sem token", "Oi", None))
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{path}");
    }
    let stored: i64 = sqlx::query_scalar("select count(*) from inbox_events")
        .fetch_one(&mut t.db.admin().await)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_canned_response_greets_the_person_writing_not_the_companys_first_word() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let ch = channel(&t, &owner, json!({"kind": "webchat", "name": "Site"})).await;
    let public = ch["public_id"].as_str().unwrap();
    let (_, session) = t.post(&format!("/api/v1/public/webchat/{public}/sessions"), None, json!({})).await;
    let res = t
        .http
        .post(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", session["token"].as_str().unwrap())
        .json(&json!({"client_id": "c1", "text": "Quero fazer um pedido", "name": "Maria Souza"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    t.drain_jobs().await;
    let id = tickets(&t, &owner, "").await[0]["id"].as_str().unwrap().to_string();
    // The agent links the chat to the company the person buys for.
    let (_, company) = t
        .post(
            "/api/v1/customers",
            Some(&owner.token),
            json!({"kind": "company", "name": "Padaria Pão Quente"}),
        )
        .await;
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{id}/customer"),
            Some(&owner.token),
            json!({"customer_id": company["id"]}),
        )
        .await;
    assert!(s.is_success(), "{b}");
    let (_, canned) = t
        .post(
            "/api/v1/canned-responses",
            Some(&owner.token),
            json!({"shortcut": "oi", "title": "Oi",
                   "body": "Olá, {{contato.primeiro_nome}}! Pedido da {{cliente.nome}} ({{ticket.numero}}), por {{atendente.nome}}."}),
        )
        .await;
    let (s, rendered) =
        t.get(&format!("/api/v1/tickets/{id}/canned/{}", canned["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{rendered}");
    let number = tickets(&t, &owner, "").await[0]["number"].as_i64().unwrap();
    assert_eq!(rendered["text"], format!("Olá, Maria! Pedido da Padaria Pão Quente (#{number}), por Dono."));
}
