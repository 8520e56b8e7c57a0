//! The service bot through real webhooks: it greets on WhatsApp, sends a
//! known customer's invoice (link) only after the CPF on file is typed,
//! answers each message once even when the provider delivers it again,
//! hands over with what it did and a summary, and falls silent once a
//! person answers; a web-chat visitor gets no billing data; the preview
//! changes nothing; the settings are checked field by field.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::fakes::{GRAPH_TOKEN, PHONE_NUMBER_ID, Providers};
use common::webchat::{new_ticket, webchat};
use common::{Actor, TestApp, fake_openai};
use serde_json::{Value, json};

const SECRET: &str = "app-secret-do-bot";

fn whatsapp_text(id: &str, from: &str, text: &str) -> Vec<u8> {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": "Maria Souza"}, "wa_id": from}],
        "messages": [{"from": from, "id": id, "timestamp": "1732870000", "text": {"body": text}, "type": "text"}]}}]}]})
    .to_string()
    .into_bytes()
}

async fn deliver(t: &TestApp, hook: &str, id: &str, from: &str, text: &str) {
    let body = whatsapp_text(id, from, text);
    let signed = channels::whatsapp::signature_header(&body, SECRET);
    let (s, _) = t.post_raw(hook, &[("x-hub-signature-256", signed)], "application/json", body).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
}

/// The company's WhatsApp channel against the fake Graph API; its webhook path.
async fn whatsapp_channel(t: &TestApp, owner: &Actor, fake: &Providers) -> String {
    let (s, ch) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            json!({"kind": "whatsapp", "name": "WhatsApp",
                   "config": {"phone_number_id": PHONE_NUMBER_ID, "base_url": fake.base},
                   "secrets": {"access_token": GRAPH_TOKEN, "app_secret": SECRET}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ch}");
    format!("/hooks/whatsapp/{}", ch["public_id"].as_str().unwrap())
}

async fn thread(t: &TestApp, who: &Actor) -> (String, Vec<Value>) {
    let (_, page) = t.get("/api/v1/tickets?status=any", &who.token).await;
    let id = page["items"][0]["id"].as_str().unwrap().to_string();
    let (_, b) = t.get(&format!("/api/v1/tickets/{id}/messages?limit=100"), &who.token).await;
    let mut messages = b["items"].as_array().unwrap().clone();
    // Oldest first, as the conversation went.
    messages.sort_by_key(|m| m["created_at"].as_str().unwrap().to_string());
    (id, messages)
}

fn bot_replies(messages: &[Value]) -> Vec<String> {
    messages
        .iter()
        .filter(|m| m["direction"] == "out" && m["author_name"] == "Bot IA")
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}

fn settings(team: Option<&str>) -> Value {
    json!({
        "enabled": true, "channels": ["whatsapp", "webchat"],
        "greeting": "Olá! Aqui é o assistente da {{empresa}}.",
        "menu": [{"label": "2ª via", "action": "invoices"}, {"label": "Meus chamados", "action": "tickets"},
                 {"label": "Dúvidas", "action": "faq"}, {"label": "Atendente", "action": "human"}],
        "faq": [{"question": "Qual o horário de funcionamento?", "answer": "De segunda a sexta, das 8h às 18h."}],
        "handover_team_id": team, "max_misunderstandings": 2
    })
}

#[tokio::test]
async fn on_whatsapp_the_bot_sends_the_invoice_after_the_cpf_answers_once_and_hands_over_with_context() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Padaria Alfa").await;
    let fake = Providers::start().await;
    let hook = whatsapp_channel(&t, &owner, &fake).await;
    let (s, customer) = t
        .post(
            "/api/v1/customers",
            Some(&owner.token),
            json!({"kind": "person", "name": "Maria Souza", "document": "529.982.247-25", "phones": ["+5511987654321"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{customer}");
    let today = chrono::Utc::now().date_naive();
    let (s, inv) = t
        .post(
            "/api/v1/invoices",
            Some(&owner.token),
            json!({"customer_id": customer["id"], "issue_date": today, "due_date": today + chrono::Days::new(5),
                   "description": "Mensalidade", "items": [{"description": "Plano", "quantity": 1, "unit_price_cents": 12990}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    let label = inv["label"].as_str().unwrap().to_string();
    let (s, team) =
        t.post("/api/v1/teams", Some(&owner.token), json!({"name": "Financeiro", "members": []})).await;
    assert_eq!(s, StatusCode::CREATED, "{team}");
    let (s, b) = t
        .call(
            reqwest::Method::PUT,
            "/api/v1/bot/settings",
            Some(&owner.token),
            Some(settings(team["id"].as_str())),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");

    deliver(&t, &hook, "wamid.B1", "5511987654321", "oi, preciso da segunda via do boleto").await;
    let (id, messages) = thread(&t, &owner).await;
    let replies = bot_replies(&messages);
    assert_eq!(replies.len(), 1, "{messages:?}");
    assert!(replies[0].starts_with("Olá! Aqui é o assistente da Padaria Alfa."), "{}", replies[0]);
    assert!(
        replies[0].contains("digite o CPF ou CNPJ") && !replies[0].contains(&label),
        "no invoice before the CPF"
    );

    deliver(&t, &hook, "wamid.B2", "5511987654321", "529.982.247-25").await;
    let (_, messages) = thread(&t, &owner).await;
    let replies = bot_replies(&messages);
    assert_eq!(replies.len(), 2);
    assert!(
        replies[1].contains(&label) && replies[1].contains("R$ 129,90") && replies[1].contains("/fatura/"),
        "{}",
        replies[1]
    );
    // The reply went out through WhatsApp's API.
    let sent = fake.to(&format!("/{}/{PHONE_NUMBER_ID}/messages", channels::whatsapp::GRAPH_API_VERSION));
    assert!(sent.iter().any(|m| m.body.contains(&label)), "sent to the provider: {sent:?}");

    // The provider delivers the same message again: no second answer.
    deliver(&t, &hook, "wamid.B2", "5511987654321", "529.982.247-25").await;
    assert_eq!(bot_replies(&thread(&t, &owner).await.1).len(), 2);

    // "Já paguei": nothing received yet, and what is still open.
    deliver(&t, &hook, "wamid.B2b", "5511987654321", "mas eu já paguei!").await;
    let paid = bot_replies(&thread(&t, &owner).await.1)[2].clone();
    assert!(paid.starts_with("Não encontrei pagamentos seus registrados."), "{paid}");
    assert!(paid.contains(&format!("Ainda em aberto:\n1 - {label}")), "{paid}");

    // The FAQ, then a person.
    deliver(&t, &hook, "wamid.B3", "5511987654321", "qual o horário de funcionamento?").await;
    assert!(bot_replies(&thread(&t, &owner).await.1)[3].starts_with("De segunda a sexta"));
    deliver(&t, &hook, "wamid.B4", "5511987654321", "quero falar com um atendente").await;
    let (_, messages) = thread(&t, &owner).await;
    assert!(bot_replies(&messages)[4].contains("vou chamar um atendente"), "{messages:?}");
    let note =
        messages.iter().find(|m| m["direction"] == "note").unwrap()["text"].as_str().unwrap().to_string();
    assert!(note.starts_with("Bot IA transferiu a conversa: a pedido do cliente."), "{note}");
    assert!(
        note.contains(&format!("Enviou a 2ª via da {label}")) && note.contains("Resumo da conversa:"),
        "{note}"
    );
    assert!(!note.contains("529.982.247-25") || note.contains("Resumo"), "{note}");
    let (_, ticket) = t.get(&format!("/api/v1/tickets/{id}"), &owner.token).await;
    assert_eq!(ticket["team_id"], team["id"], "handed to the chosen team");
    let (s, bot) = t.get(&format!("/api/v1/tickets/{id}/bot"), &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!((bot["step"].as_str(), bot["resolved"].as_bool()), (Some("handed_over"), Some(true)));

    // Handed over: the bot says nothing more.
    deliver(&t, &hook, "wamid.B5", "5511987654321", "alô?").await;
    assert_eq!(bot_replies(&thread(&t, &owner).await.1).len(), 5);
    let other = t.signup("Beta").await;
    let (s, _) = t.get(&format!("/api/v1/tickets/{id}/bot"), &other.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_customer_asking_about_a_proposal_gets_its_live_link_after_the_cpf() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Doceria Alfa").await;
    let fake = Providers::start().await;
    let hook = whatsapp_channel(&t, &owner, &fake).await;
    let (_, customer) = t
        .post(
            "/api/v1/customers",
            Some(&owner.token),
            json!({"kind": "person", "name": "Maria Souza", "document": "529.982.247-25", "phones": ["+5511987654321"], "emails": ["maria@cliente.com.br"]}),
        )
        .await;
    let (s, p) = t
        .post(
            "/api/v1/proposals",
            Some(&owner.token),
            json!({"customer_id": customer["id"], "title": "Bolos para o casamento",
                   "items": [{"description": "Bolo de três andares", "quantity": 1, "unit_price_cents": 180000}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let id = p["id"].as_str().unwrap();
    let (s, sent) = t.post(&format!("/api/v1/proposals/{id}/send"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{sent}");
    let public_url = sent["public_url"].as_str().unwrap().to_string();
    let mut bot = settings(None);
    bot["menu"]
        .as_array_mut()
        .unwrap()
        .insert(2, json!({"label": "Minhas propostas", "action": "proposals"}));
    let (s, b) = t.call(reqwest::Method::PUT, "/api/v1/bot/settings", Some(&owner.token), Some(bot)).await;
    assert_eq!(s, StatusCode::OK, "{b}");

    deliver(&t, &hook, "wamid.P1", "5511987654321", "oi, e a minha proposta?").await;
    let replies = bot_replies(&thread(&t, &owner).await.1);
    assert!(replies[0].contains("digite o CPF ou CNPJ") && !replies[0].contains("PROP-"), "{}", replies[0]);
    deliver(&t, &hook, "wamid.P2", "5511987654321", "52998224725").await;
    let replies = bot_replies(&thread(&t, &owner).await.1);
    let answer = &replies[1];
    assert!(answer.contains("PROP-0001 — Bolos para o casamento"), "{answer}");
    assert!(answer.contains("R$ 1.800,00") && answer.contains("(ainda não aberta)"), "{answer}");
    assert!(
        answer.contains(&format!("Veja, aceite ou recuse aqui: {public_url}")),
        "the live link: {answer}"
    );
}

#[tokio::test]
async fn with_an_llm_a_question_in_other_words_gets_the_companys_own_faq_answer() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Doceria Beta").await;
    let fake = Providers::start().await;
    let hook = whatsapp_channel(&t, &owner, &fake).await;
    let (s, b) =
        t.call(reqwest::Method::PUT, "/api/v1/bot/settings", Some(&owner.token), Some(settings(None))).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // The model only points at an entry; it never writes the answer.
    let (base, seen) = fake_openai(json!({"entry": 1})).await;
    let llm = json!({"provider": "openai", "model": "gpt-4o-mini", "base_url": base, "api_key": "sk-test-abcd1234"});
    let (s, b) = t.call(reqwest::Method::PUT, "/api/v1/ai/settings", Some(&owner.token), Some(llm)).await;
    assert_eq!(s, StatusCode::OK, "{b}");

    deliver(&t, &hook, "wamid.F1", "5511987654321", "oi").await;
    deliver(&t, &hook, "wamid.F2", "5511987654321", "amanhã vocês abrem cedo? meu email é ana@x.com.br")
        .await;
    let replies = bot_replies(&thread(&t, &owner).await.1);
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert!(
        replies[1].starts_with("De segunda a sexta, das 8h às 18h."),
        "the company's answer: {}",
        replies[1]
    );
    let asked: Vec<serde_json::Value> = seen
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r["response_format"]["json_schema"]["name"] == "duvida")
        .cloned()
        .collect();
    assert_eq!(asked.len(), 1, "asked once, for the message it did not understand");
    let request = asked[0].to_string();
    assert!(request.contains("1 - Qual o horário de funcionamento?"), "{request}");
    assert!(!request.contains("ana@x.com.br"), "personal data masked before it leaves: {request}");
    let (_, usage) = t.get("/api/v1/ai/usage", &owner.token).await;
    assert!(
        usage["rows"].as_array().unwrap().iter().any(|r| r["feature"] == "bot_faq" && r["outcome"] == "ok"),
        "the call counts in the budget: {usage}"
    );
}

#[tokio::test]
async fn a_person_who_answers_silences_the_bot_and_a_web_chat_visitor_gets_no_billing_data() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = webchat(&t, &owner).await;
    let (s, _) =
        t.call(reqwest::Method::PUT, "/api/v1/bot/settings", Some(&owner.token), Some(settings(None))).await;
    assert_eq!(s, StatusCode::OK);

    let ticket = new_ticket(&t, &owner, &public, "Preciso da segunda via da fatura").await;
    let id = ticket["id"].as_str().unwrap();
    let (_, b) = t.get(&format!("/api/v1/tickets/{id}/messages"), &owner.token).await;
    let replies = bot_replies(b["items"].as_array().unwrap());
    assert_eq!(replies.len(), 1);
    assert!(
        replies[0].contains("dados de cobrança são enviados por um atendente")
            && !replies[0].contains("FAT-")
    );
    let (_, bot) = t.get(&format!("/api/v1/tickets/{id}/bot"), &owner.token).await;
    assert_eq!(bot["step"], "handed_over");

    // Another visitor: an agent answers first, so the bot never speaks.
    let token = common::webchat::visitor(&t, &public).await;
    let (s, _) = t.get("/api/v1/bot/settings", &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t
        .call(
            reqwest::Method::PUT,
            "/api/v1/bot/settings",
            Some(&owner.token),
            Some(json!({"enabled": false, "channels": ["webchat"], "greeting": "Oi", "menu": [{"label": "Atendente", "action": "human"}], "max_misunderstandings": 2})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    common::webchat::say(&t, &token, "m1", "Bom dia, vocês abrem no sábado?").await;
    let (_, page) = t.get("/api/v1/tickets?status=any&limit=100", &owner.token).await;
    let second = page["items"].as_array().unwrap().iter().find(|x| x["id"] != id).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, _) = t
        .post(
            &format!("/api/v1/tickets/{second}/messages"),
            Some(&owner.token),
            json!({"text": "Abrimos sim!"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) =
        t.call(reqwest::Method::PUT, "/api/v1/bot/settings", Some(&owner.token), Some(settings(None))).await;
    assert_eq!(s, StatusCode::OK);
    common::webchat::say(&t, &token, "m2", "Que horas?").await;
    let (_, b) = t.get(&format!("/api/v1/tickets/{second}/messages"), &owner.token).await;
    assert!(bot_replies(b["items"].as_array().unwrap()).is_empty(), "{b}");
    let (_, bot) = t.get(&format!("/api/v1/tickets/{second}/bot"), &owner.token).await;
    assert_eq!(bot["step"], "silent");
}

#[tokio::test]
async fn settings_are_checked_field_by_field_and_the_preview_changes_nothing() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let agent = t.add_user(&owner, "agent").await;
    let (s, b) = t.get("/api/v1/bot/settings", &owner.token).await;
    assert_eq!((s, b["enabled"].as_bool()), (StatusCode::OK, Some(false)), "off until switched on: {b}");
    let (s, _) = t.get("/api/v1/bot/settings", &agent.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    let bad = json!({"enabled": true, "channels": ["email"], "greeting": " ",
                     "menu": [{"label": "2ª via", "action": "invoices"}, {"label": "De novo", "action": "invoices"}],
                     "faq": [{"question": "", "answer": "x"}], "max_misunderstandings": 9});
    let (s, b) = t.call(reqwest::Method::PUT, "/api/v1/bot/settings", Some(&owner.token), Some(bad)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let mut fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    fields.sort();
    fields.dedup();
    assert_eq!(
        fields,
        ["channels", "faq[0].question", "greeting", "max_misunderstandings", "menu", "menu[1].action"]
    );

    let (s, p) = t
        .post(
            "/api/v1/bot/preview",
            Some(&owner.token),
            json!({"settings": settings(None), "messages": ["oi", "1", "2"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{p}");
    let turns = p["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 3);
    assert!(turns[1]["bot"].as_str().unwrap().contains("FAT-0001"), "{p}");
    assert!(turns[2]["bot"].as_str().unwrap().contains("Valor para pagar hoje"), "{p}");
    let (s, p) = t
        .post(
            "/api/v1/bot/preview",
            Some(&owner.token),
            json!({"messages": ["segunda via"], "channel": "webchat"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(p["turns"][0]["handover"].is_string(), "a visitor gets a person: {p}");
    let mut admin = t.db.admin().await;
    let stored: i64 =
        sqlx::query_scalar("select count(*) from bot_conversations").fetch_one(&mut admin).await.unwrap();
    assert_eq!(stored, 0);
    let (s, _) = t.post("/api/v1/bot/preview", Some(&owner.token), json!({"messages": []})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}
