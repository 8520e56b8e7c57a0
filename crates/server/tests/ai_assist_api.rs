//! What AI does for the agent beyond triage, through the HTTP API: the
//! conversation's summary (offline always, the LLM's on request, carried
//! by a transfer), a reply drafted by the LLM from the customer's open
//! invoices with their real links, and the customer insights — risk of
//! leaving with its reasons, and the topics customers write about more.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::webchat::{new_ticket, say, visitor, webchat};
use common::{Actor, TestApp, fake_openai};
use serde_json::{Value, json};

async fn reply(t: &TestApp, who: &Actor, ticket: &str, text: &str) {
    let (s, b) =
        t.post(&format!("/api/v1/tickets/{ticket}/messages"), Some(&who.token), json!({"text": text})).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    t.drain_jobs().await;
}

async fn use_llm(t: &TestApp, owner: &Actor, base: &str) {
    let settings = json!({"provider": "openai", "model": "gpt-4o-mini", "base_url": base, "api_key": "sk-test-abcd1234"});
    let (s, b) =
        t.call(reqwest::Method::PUT, "/api/v1/ai/settings", Some(&owner.token), Some(settings)).await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

#[tokio::test]
async fn the_offline_summary_keeps_the_request_and_a_transfer_can_carry_it() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let agent = t.add_user(&owner, "agent").await;
    let public = webchat(&t, &owner).await;
    let token = visitor(&t, &public).await;
    say(
        &t,
        &token,
        "m1",
        "Bom dia! A internet da loja caiu ontem à noite e o roteador fica com a luz vermelha piscando.",
    )
    .await;
    let (_, page) = t.get("/api/v1/tickets", &owner.token).await;
    let id = page["items"][0]["id"].as_str().unwrap().to_string();
    reply(&t, &owner, &id, "Bom dia! Pode desligar o roteador da tomada por 30 segundos e ligar de novo?")
        .await;
    say(&t, &token, "m2", "Desliguei o roteador e liguei de novo, a luz vermelha continua piscando.").await;

    let (s, sum) = t.get(&format!("/api/v1/tickets/{id}/summary"), &agent.token).await;
    assert_eq!(s, StatusCode::OK, "{sum}");
    assert_eq!(sum["messages"], 3);
    assert_eq!(sum["llm_available"], false);
    assert!(sum["llm"].is_null());
    let request = sum["offline"]["request"].as_str().unwrap();
    assert!(request.contains("internet da loja caiu") && !request.contains("Bom dia"), "{sum}");
    assert!(sum["offline"]["text"].as_str().unwrap().starts_with("Pedido do cliente: "), "{sum}");

    // No LLM: asking for one is a clear 409, and nothing is counted.
    let (s, b) = t.post(&format!("/api/v1/tickets/{id}/summary"), Some(&agent.token), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert!(b["detail"].as_str().unwrap().contains("Configurações → IA"), "{b}");
    let (s, b) =
        t.post(&format!("/api/v1/tickets/{id}/suggestions/draft"), Some(&agent.token), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");

    // A transfer with the summary leaves it in the internal note.
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{id}/transfer"),
            Some(&owner.token),
            json!({"assignee_id": agent.user_id, "note": "Técnico de campo", "include_summary": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (_, messages) = t.get(&format!("/api/v1/tickets/{id}/messages"), &agent.token).await;
    let note = messages["items"]
        .as_array()
        .unwrap_or_else(|| messages.as_array().unwrap())
        .iter()
        .find(|m| m["direction"] == "note")
        .cloned()
        .unwrap_or(Value::Null);
    let text = note["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("Transferência: Técnico de campo"), "{messages}");
    assert!(text.contains("Resumo da conversa:\nPedido do cliente: ") && text.contains("roteador"), "{text}");
}

#[tokio::test]
async fn the_llm_drafts_from_open_invoices_with_real_links_and_its_summary_goes_stale() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = webchat(&t, &owner).await;
    let ticket =
        new_ticket(&t, &owner, &public, "Preciso da segunda via da fatura, meu CPF é 123.456.789-09").await;
    let id = ticket["id"].as_str().unwrap();
    let today = chrono::Utc::now().date_naive();
    let (s, inv) = t
        .post(
            "/api/v1/invoices",
            Some(&owner.token),
            json!({"customer_id": ticket["customer_id"], "issue_date": today, "due_date": today + chrono::Days::new(10),
                   "description": "Mensalidade", "items": [{"description": "Plano", "quantity": 1, "unit_price_cents": 12990}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    let label = inv["label"].as_str().unwrap().to_string();

    let (base, seen) =
        fake_openai(json!({"reply": format!("Olá! Segue a {label}: [link {label}]. Valor R$ 129,90."),
                                          "summary": "Cliente pede a segunda via da fatura."}))
        .await;
    use_llm(&t, &owner, &base).await;

    let (s, draft) =
        t.post(&format!("/api/v1/tickets/{id}/suggestions/draft"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{draft}");
    let text = draft["text"].as_str().unwrap();
    assert!(
        text.contains("/fatura/") && !text.contains("[link"),
        "the placeholder became the real link: {text}"
    );
    assert_eq!(draft["grounded_on"][0], json!({"kind": "invoice", "label": label}));
    let asked = seen.lock().unwrap().last().unwrap().to_string();
    assert!(asked.contains(&label) && asked.contains(&format!("[link {label}]")), "{asked}");
    assert!(asked.contains("R$ 129,90"), "what is due today: {asked}");
    assert!(!asked.contains("/fatura/"), "links never go to the model");
    assert!(!asked.contains("123.456.789-09") && asked.contains("[cpf]"), "personal data masked: {asked}");

    let (s, llm) = t.post(&format!("/api/v1/tickets/{id}/summary"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{llm}");
    assert_eq!(
        (llm["text"].as_str(), llm["stale"].as_bool()),
        (Some("Cliente pede a segunda via da fatura."), Some(false))
    );
    let (_, sum) = t.get(&format!("/api/v1/tickets/{id}/summary"), &owner.token).await;
    assert_eq!(sum["llm"]["engine"], "openai");
    assert_eq!(sum["llm_available"], true);

    // A new message makes the kept summary stale.
    reply(&t, &owner, id, "Enviei o link da segunda via.").await;
    let (_, sum) = t.get(&format!("/api/v1/tickets/{id}/summary"), &owner.token).await;
    assert_eq!(sum["llm"]["stale"], true, "{sum}");

    // Both calls are on the usage page.
    let (_, usage) = t.get("/api/v1/ai/usage", &owner.token).await;
    let features: Vec<&str> =
        usage["rows"].as_array().unwrap().iter().map(|r| r["feature"].as_str().unwrap()).collect();
    assert!(features.contains(&"reply") && features.contains(&"summary"), "{usage}");
}

#[tokio::test]
async fn a_customer_at_risk_shows_its_reasons_and_finance_only_to_those_who_see_it() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let agent = t.add_user(&owner, "agent").await;
    let sales = t.add_user(&owner, "sales").await;
    let public = webchat(&t, &owner).await;
    let unhappy = new_ticket(
        &t,
        &owner,
        &public,
        "Péssimo atendimento, estou muito insatisfeito, isso é um absurdo e vou cancelar tudo!",
    )
    .await;
    let calm = new_ticket(&t, &owner, &public, "Vocês abrem no sábado?").await;
    let customer = unhappy["customer_id"].as_str().unwrap();
    let today = chrono::Utc::now().date_naive();
    let (s, inv) = t
        .post(
            "/api/v1/invoices",
            Some(&owner.token),
            json!({"customer_id": customer, "issue_date": today, "due_date": today,
                   "items": [{"description": "Plano", "quantity": 1, "unit_price_cents": 25000}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    // Due a month ago.
    let mut admin = t.db.admin().await;
    sqlx::query(
        "update invoices set issue_date = issue_date - 30, due_date = due_date - 30 where id = $1::uuid",
    )
    .bind(inv["id"].as_str().unwrap())
    .execute(&mut admin)
    .await
    .unwrap();

    let (s, risk) = t.get(&format!("/api/v1/customers/{customer}/insights"), &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{risk}");
    let kinds: Vec<&str> =
        risk["reasons"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert!(
        kinds.contains(&"sentiment")
            && kinds.contains(&"overdue_invoices")
            && kinds.contains(&"open_tickets"),
        "{risk}"
    );
    let points: u64 = risk["reasons"].as_array().unwrap().iter().map(|r| r["points"].as_u64().unwrap()).sum();
    assert_eq!(risk["score"].as_u64().unwrap(), points.min(100), "the reasons add up to the score");
    assert!(risk["reasons"].to_string().contains("R$ 250,00"), "{risk}");
    assert_eq!(risk["finance_hidden"], false);

    // An agent sees the customer's risk without its invoices.
    let (s, seen_by_agent) = t.get(&format!("/api/v1/customers/{customer}/insights"), &agent.token).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(seen_by_agent["finance_hidden"], true);
    assert!(!seen_by_agent.to_string().contains("fatura"), "{seen_by_agent}");
    assert!(seen_by_agent["score"].as_u64() < risk["score"].as_u64());

    // The list: the unhappy customer, not the calm one; agents have no list.
    let (s, list) = t.get("/api/v1/insights/customers-at-risk?level=low", &sales.token).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let ids: Vec<&str> =
        list["items"].as_array().unwrap().iter().map(|c| c["customer_id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], customer, "highest score first: {list}");
    let (_, high) = t.get("/api/v1/insights/customers-at-risk?level=high", &owner.token).await;
    assert!(high["items"].as_array().unwrap().iter().all(|c| c["level"] == "high"), "{high}");
    let calm_id = calm["customer_id"].as_str().unwrap();
    let (_, calm_risk) = t.get(&format!("/api/v1/customers/{calm_id}/insights"), &owner.token).await;
    assert!(calm_risk["score"].as_u64().unwrap() < 30, "{calm_risk}");
    let (s, _) = t.get("/api/v1/insights/customers-at-risk", &agent.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, b) = t.get("/api/v1/insights/customers-at-risk?limit=0", &owner.token).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("limit")));
    let (s, b) = t.get("/api/v1/insights/customers-at-risk?limit=1&level=low", &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    let next = b["next_cursor"].as_str().unwrap();
    let (_, rest) = t
        .get(&format!("/api/v1/insights/customers-at-risk?limit=1&level=low&cursor={next}"), &owner.token)
        .await;
    assert_ne!(
        rest["items"][0]["customer_id"], b["items"][0]["customer_id"],
        "the next page goes on: {rest}"
    );

    // Another company's customer is not found.
    let other = t.signup("Beta").await;
    let (s, _) = t.get(&format!("/api/v1/customers/{customer}/insights"), &other.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn topic_trends_count_each_week_per_category_and_name_the_rising_words() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = webchat(&t, &owner).await;
    for text in [
        "A cobrança veio em dobro no cartão",
        "Recebi duas cobranças iguais este mês",
        "Cobrança duplicada de novo no meu cartão",
    ] {
        let token = visitor(&t, &public).await;
        say(&t, &token, "m1", text).await;
    }
    // One ticket of the week before.
    let old = new_ticket(&t, &owner, &public, "O boleto não abre no celular").await;
    let mut admin = t.db.admin().await;
    sqlx::query("update tickets set created_at = now() - interval '10 days' where id = $1::uuid")
        .bind(old["id"].as_str().unwrap())
        .execute(&mut admin)
        .await
        .unwrap();

    let (s, b) = t.get("/api/v1/insights/topics", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["days"], 7);
    let current: i64 =
        b["categories"].as_array().unwrap().iter().map(|c| c["current"].as_i64().unwrap()).sum();
    let previous: i64 =
        b["categories"].as_array().unwrap().iter().map(|c| c["previous"].as_i64().unwrap()).sum();
    assert_eq!((current, previous), (3, 1), "{b}");
    let terms: Vec<&str> = b["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["rising"].as_array().unwrap().iter().map(|r| r["term"].as_str().unwrap()))
        .collect();
    assert!(terms.contains(&"cobrança") || terms.contains(&"cartão"), "{b}");
    let (s, b) = t.get("/api/v1/insights/topics?days=0", &owner.token).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("days")));
}
