//! AI triage through the HTTP API: every inbound message is triaged offline
//! (rules, the company's own model, the built-in one), stored with its
//! confidence, engine and reason, announced as `TicketTriaged`, filterable
//! in the inbox; agents' corrections train the company's model and count
//! against the accuracy figure; the preview stores nothing.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::webchat::{new_ticket, say, visitor, webchat};
use common::{Actor, TestApp, fake_openai};
use serde_json::{Value, json};

async fn triages(t: &TestApp, who: &Actor, ticket: &Value) -> Vec<Value> {
    let (s, b) =
        t.get(&format!("/api/v1/tickets/{}/triage", ticket["id"].as_str().unwrap()), &who.token).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b.as_array().unwrap().clone()
}

#[tokio::test]
async fn an_inbound_message_is_triaged_offline_stored_and_announced() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = webchat(&t, &owner).await;
    let token = visitor(&t, &public).await;
    say(&t, &token, "m1", "Quero cancelar meu plano, o sistema está fora do ar e vou reclamar no Procon")
        .await;
    let (_, page) = t.get("/api/v1/tickets", &owner.token).await;
    let ticket = page["items"][0].clone();
    assert_eq!(ticket["intent"], "cancelar", "{ticket}");
    assert_eq!(ticket["priority"], "urgent", "a legal threat makes it urgent: {ticket}");

    let first = triages(&t, &owner, &ticket).await;
    assert_eq!(first.len(), 1);
    let tr = &first[0];
    assert_eq!(tr["initial"], true);
    assert_eq!(tr["engine"], "starter_model");
    assert_eq!(tr["language"], "pt");
    let cues: Vec<&str> = tr["cues"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert!(cues.contains(&"ameaça jurídica") && cues.contains(&"serviço parado"), "{cues:?}");
    assert!(tr["intent_confidence"].as_f64().unwrap() > 0.0);
    assert!(tr["reason"].as_str().unwrap().contains("cancelar"), "{}", tr["reason"]);

    // A later message moves only the ticket's tone, and is announced since it did.
    say(&t, &token, "m2", "Muito obrigado!!! Vocês são ótimos, resolveram tudo, excelente atendimento 😀")
        .await;
    let (_, ticket) =
        t.get(&format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(ticket["intent"], "cancelar", "the first message's intent stays");
    assert!(
        matches!(ticket["sentiment"].as_str(), Some("positive" | "very_positive")),
        "{}",
        ticket["sentiment"]
    );
    let all = triages(&t, &owner, &ticket).await;
    assert_eq!(all.len(), 2);
    assert_eq!(
        (&all[0]["initial"], &all[1]["initial"]),
        (&json!(true), &json!(false)),
        "the first one leads"
    );

    let mut admin = t.db.admin().await;
    let announced: Vec<(bool, String)> = sqlx::query_as(
        "select (payload->>'initial')::boolean, payload->>'sentiment' from outbox_events
          where kind = 'TicketTriaged' order by id",
    )
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert_eq!(announced.len(), 2, "{announced:?}");
    assert!(announced[0].0 && !announced[1].0);

    // The inbox filters by intent and by tone.
    let (_, page) = t.get("/api/v1/tickets?intent=cancelar", &owner.token).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    let (_, page) = t.get("/api/v1/tickets?intent=comprar", &owner.token).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 0);
    let (_, page) = t.get("/api/v1/tickets?sentiment=positive", &owner.token).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "positive includes very positive");
    let (_, page) = t.get("/api/v1/tickets?sentiment=negative", &owner.token).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 0);
    let (s, _) = t.get("/api/v1/tickets?intent=vender", &owner.token).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    // Another company sees neither the ticket's triage nor its counts.
    let other = t.signup("Beta").await;
    let (s, _) =
        t.get(&format!("/api/v1/tickets/{}/triage", ticket["id"].as_str().unwrap()), &other.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, acc) = t.get("/api/v1/ai/triage/accuracy", &other.token).await;
    assert_eq!(acc["triaged"], 0);
}

#[tokio::test]
async fn a_company_rule_wins_for_what_it_sets_and_says_which_word() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = webchat(&t, &owner).await;
    let (s, _) = t
        .call(
            reqwest::Method::PUT,
            "/api/v1/triage-rules",
            Some(&owner.token),
            Some(json!([{"keywords": ["boleto"], "category": "financeiro"}])),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let ticket = new_ticket(&t, &owner, &public, "Pode mandar a segunda via do boleto?").await;
    assert_eq!(ticket["category"], "financeiro");
    let tr = &triages(&t, &owner, &ticket).await[0];
    assert_eq!((tr["engine"].as_str(), tr["category_confidence"].as_f64()), (Some("rule"), Some(1.0)));
    assert!(tr["reason"].as_str().unwrap().contains("“boleto”"), "{}", tr["reason"]);
    assert_eq!(tr["intent"], "segunda_via", "the models still fill what the rule does not set");

    // An agent's category is a short label; an empty one clears it.
    let url = format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap());
    let (s, b) = t.patch(&url, &owner.token, json!({"category": "x".repeat(101)})).await;
    assert_eq!((s, &b["errors"][0]["field"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("category")), "{b}");
    let (s, b) = t.patch(&url, &owner.token, json!({"category": "  "})).await;
    assert_eq!((s, &b["category"]), (StatusCode::OK, &Value::Null), "{b}");
    let tr = &triages(&t, &owner, &ticket).await[0];
    assert_eq!(tr["corrected"], json!(["category"]));
}

#[tokio::test]
async fn agents_corrections_train_the_companys_own_model_and_count_against_accuracy() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let agent = t.add_user(&owner, "agent").await;
    let public = webchat(&t, &owner).await;
    let (_, acc) = t.get("/api/v1/ai/triage/accuracy", &owner.token).await;
    assert_eq!((acc["triaged"].as_i64(), &acc["accuracy"]), (Some(0), &Value::Null));

    let scheduling = [
        "Quero agendar a instalação da fibra para sábado",
        "O técnico pode vir amanhã instalar o roteador?",
        "Preciso remarcar a visita técnica de quinta",
        "Qual o horário disponível para instalação na minha rua?",
        "Vou mudar de endereço, como agendo a transferência da instalação?",
        "Dá para marcar a visita do técnico de manhã?",
    ];
    let billing = [
        "Meu boleto venceu ontem, como pago?",
        "A fatura deste mês veio com valor errado",
        "Preciso da segunda via da conta de internet",
        "Paguei a fatura e ainda aparece em aberto",
        "Qual a chave PIX para pagar a mensalidade?",
        "Quero trocar a data de vencimento do boleto",
    ];
    // Agents fix each ticket's category; once ten examples are in, the
    // company's model is trained and starts getting some right by itself.
    let mut corrected = 0;
    let mut learnt_alone = 0;
    for (texts, category) in [(&scheduling, "agendamento"), (&billing, "financeiro")] {
        for text in texts.iter() {
            let ticket = new_ticket(&t, &owner, &public, text).await;
            if ticket["category"] == category {
                learnt_alone += 1;
                continue;
            }
            let (s, b) = t
                .patch(
                    &format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap()),
                    &agent.token,
                    json!({"category": category}),
                )
                .await;
            assert_eq!(s, StatusCode::OK, "{b}");
            corrected += 1;
            let tr = &triages(&t, &owner, &ticket).await[0];
            assert_eq!(tr["corrected"], json!(["category"]));
        }
    }
    assert!(corrected >= 10, "the first ten tickets had no category to get right");
    t.drain_jobs().await;
    let (_, acc) = t.get("/api/v1/ai/triage/accuracy", &owner.token).await;
    assert_eq!((acc["triaged"].as_i64(), acc["corrected"].as_i64()), (Some(12), Some(corrected)), "{acc}");
    assert!((acc["accuracy"].as_f64().unwrap() - learnt_alone as f64 / 12.0).abs() < 1e-9, "{acc}");
    assert_eq!(acc["examples"], corrected);
    assert!(acc["model_examples"].as_i64().unwrap() >= 10, "the training job ran: {acc}");

    // The company's model now names its own categories.
    let ticket = new_ticket(&t, &owner, &public, "Gostaria de agendar a instalação com o técnico").await;
    assert_eq!(ticket["category"], "agendamento", "{ticket}");
    let tr = &triages(&t, &owner, &ticket).await[0];
    assert_eq!(tr["engine"], "local_model");
    let ticket = new_ticket(&t, &owner, &public, "A fatura do boleto veio errada").await;
    assert_eq!(ticket["category"], "financeiro");

    // The model's own answers count as right until an agent changes them.
    let (_, acc) = t.get("/api/v1/ai/triage/accuracy?days=7", &owner.token).await;
    assert_eq!((acc["triaged"].as_i64(), acc["corrected"].as_i64()), (Some(14), Some(corrected)));
    let by_engine = acc["by_engine"].as_array().unwrap();
    let local = by_engine.iter().find(|r| r["key"] == "local_model").unwrap();
    let (triaged, fixed) = (local["triaged"].as_i64().unwrap(), local["corrected"].as_i64().unwrap());
    assert!(triaged >= 2 + learnt_alone && fixed <= triaged - 2 - learnt_alone, "{local}");

    let (s, b) = t.get("/api/v1/ai/triage/accuracy?days=0", &owner.token).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "days", "{b}");
    let (s, _) = t.get("/api/v1/ai/triage/accuracy", &agent.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "accuracy is for those who configure triage");
}

#[tokio::test]
async fn the_preview_triages_without_storing_and_names_bad_fields() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let agent = t.add_user(&owner, "agent").await;
    let (s, b) = t
        .post(
            "/api/v1/ai/triage/preview",
            Some(&agent.token),
            json!({"text": "oi, preciso da segunda via do boleto"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!((b["intent"].as_str(), b["engine"].as_str()), (Some("segunda_via"), Some("starter_model")));
    for (body, field) in [
        (json!({"text": "   "}), "text"),
        (json!({"text": "a".repeat(10_001)}), "text"),
        (json!({"text": "oi", "subject": "x".repeat(201)}), "subject"),
    ] {
        let (s, b) = t.post("/api/v1/ai/triage/preview", Some(&agent.token), body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(b["errors"][0]["field"], field, "{b}");
    }
    let mut admin = t.db.admin().await;
    let stored: i64 =
        sqlx::query_scalar("select count(*) from ticket_triages").fetch_one(&mut admin).await.unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_configured_llm_refines_an_untaken_ticket_within_the_plan_and_sees_no_personal_data() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let manager = t.add_user(&owner, "manager").await;
    let public = webchat(&t, &owner).await;
    let (s, team) =
        t.post("/api/v1/teams", Some(&owner.token), json!({"name": "Cobrança", "members": []})).await;
    assert_eq!(s, StatusCode::CREATED, "{team}");
    let (s, _) = t
        .call(
            reqwest::Method::PUT,
            "/api/v1/triage-rules",
            Some(&owner.token),
            Some(json!([{"keywords": ["nota fiscal"], "category": "financeiro", "team_id": team["id"]}])),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (base, seen) = fake_openai(json!({
        "category": "financeiro", "intent": "segunda_via", "priority": "high", "sentiment": "negative",
        "reason": "Cliente pede a segunda via"
    }))
    .await;

    // Only owners and admins choose the LLM; a base URL must pass the egress policy.
    let settings = json!({"provider": "openai", "model": "gpt-4o-mini", "base_url": base, "api_key": "sk-test-abcd1234"});
    let (s, _) = t
        .call(reqwest::Method::PUT, "/api/v1/ai/settings", Some(&manager.token), Some(settings.clone()))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, b) = t
        .call(
            reqwest::Method::PUT,
            "/api/v1/ai/settings",
            Some(&owner.token),
            Some(json!({"provider": "openai", "base_url": "http://169.254.169.254/latest"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["field"], "base_url");
    let (s, b) =
        t.call(reqwest::Method::PUT, "/api/v1/ai/settings", Some(&owner.token), Some(settings)).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!((b["has_api_key"].as_bool(), b["api_key_hint"].as_str()), (Some(true), Some("1234")));
    assert!(!b.to_string().contains("sk-test"), "the key never comes back: {b}");

    let ticket = new_ticket(&t, &owner, &public, "Oi, meu CPF é 123.456.789-09, manda a conta do mês?").await;
    let (_, ticket) =
        t.get(&format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(
        (ticket["category"].as_str(), ticket["priority"].as_str(), ticket["team_id"].as_str()),
        (Some("financeiro"), Some("high"), team["id"].as_str()),
        "refined and moved to the category's team: {ticket}"
    );
    // Its SLA is counted again for the higher priority: the checks of the
    // offline priority's later due time stay, and find nothing due then.
    let mut admin = t.db.admin().await;
    let due: Vec<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar(
        "select run_at from jobs where kind = 'support.sla_check' and payload->>'ticket_id' = $1
            and payload->>'target' = 'first_response' and (payload->>'breach')::boolean order by run_at",
    )
    .bind(ticket["id"].as_str().unwrap())
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert_eq!(due.len(), 2, "{due:?}");
    let stored: chrono::DateTime<chrono::Utc> =
        ticket["first_response_due"].as_str().unwrap().parse().unwrap();
    assert_eq!(stored, due[0], "the earlier, high-priority due time is the ticket's");
    let all = triages(&t, &owner, &ticket).await;
    assert_eq!(all.len(), 2, "the offline triage stays as history");
    let first = all.iter().find(|x| x["initial"] == true).unwrap();
    assert_eq!(first["engine"], "openai");
    assert!(first["reason"].as_str().unwrap().contains("segunda via"));
    let sent = seen.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    let prompt = sent[0].to_string();
    assert!(
        !prompt.contains("123.456.789-09") && prompt.contains("[cpf]"),
        "masked before leaving: {prompt}"
    );
    assert!(prompt.contains("financeiro"), "the company's categories are offered");

    let (s, usage) = t.get("/api/v1/ai/usage", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{usage}");
    assert_eq!((usage["triages"].as_i64(), usage["tokens"].as_i64()), (Some(1), Some(150)));
    let row = &usage["rows"][0];
    assert_eq!(
        (row["outcome"].as_str(), row["model"].as_str()),
        (Some("ok"), Some("gpt-4o-mini-2024-07-18"))
    );
    assert!(row["estimated_cost_usd"].as_f64().unwrap() > 0.0);

    // Over the plan's monthly limit the offline answer stays and no call is made.
    let mut admin = t.db.admin().await;
    sqlx::query("update plans set max_ai_triages_per_month = 1").execute(&mut admin).await.unwrap();
    new_ticket(&t, &owner, &public, "Quero saber o valor do plano empresarial").await;
    assert_eq!(seen.lock().unwrap().len(), 1);
    let (_, usage) = t.get("/api/v1/ai/usage", &owner.token).await;
    let over: Vec<&Value> =
        usage["rows"].as_array().unwrap().iter().filter(|r| r["outcome"] == "over_limit").collect();
    assert_eq!(over.len(), 1, "{usage}");

    // Turned off, nothing is asked.
    let (s, b) = t
        .call(
            reqwest::Method::PUT,
            "/api/v1/ai/settings",
            Some(&owner.token),
            Some(json!({"provider": null})),
        )
        .await;
    assert_eq!((s, &b["provider"]), (StatusCode::OK, &Value::Null));
    let (s, b) = t.get("/api/v1/ai/usage?month=2026-13", &owner.token).await;
    assert_eq!((s, &b["errors"][0]["field"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("month")));
}

#[tokio::test]
async fn reply_suggestions_rank_canned_responses_and_past_answers_by_likeness() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = webchat(&t, &owner).await;
    for (shortcut, title, body) in [
        (
            "boleto",
            "Segunda via do boleto",
            "Olá, {{customer.first_name}}! Segue a segunda via do boleto atualizado.",
        ),
        ("roteador", "Reiniciar roteador", "Desligue o roteador da tomada por 30 segundos e ligue de novo."),
    ] {
        let (s, b) = t
            .post(
                "/api/v1/canned-responses",
                Some(&owner.token),
                json!({"shortcut": shortcut, "title": title, "body": body}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
    }
    // An earlier conversation about the same thing, answered and resolved.
    let old = new_ticket(&t, &owner, &public, "O boleto de março venceu, podem mandar outro?").await;
    let old_url = format!("/api/v1/tickets/{}", old["id"].as_str().unwrap());
    let (s, b) = t
        .post(
            &format!("{old_url}/messages"),
            Some(&owner.token),
            json!({"text": "Claro! Enviei o novo boleto por e-mail."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (s, _) = t.patch(&old_url, &owner.token, json!({"status": "resolved"})).await;
    assert_eq!(s, StatusCode::OK);

    let ticket = new_ticket(&t, &owner, &public, "Meu boleto venceu, preciso da segunda via").await;
    let (s, b) =
        t.get(&format!("/api/v1/tickets/{}/suggestions", ticket["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["message"], "Meu boleto venceu, preciso da segunda via");
    let items = b["items"].as_array().unwrap();
    assert_eq!(
        (items[0]["kind"].as_str(), items[0]["shortcut"].as_str()),
        (Some("canned"), Some("boleto")),
        "{b}"
    );
    assert!(items.iter().all(|i| i["shortcut"] != "roteador"), "unrelated canned responses stay out: {b}");
    let past = items.iter().find(|i| i["kind"] == "past_reply").expect("the earlier answer");
    assert_eq!(
        (past["text"].as_str(), &past["ticket_number"]),
        (Some("Claro! Enviei o novo boleto por e-mail."), &old["number"])
    );

    let other = t.signup("Beta").await;
    let (s, _) =
        t.get(&format!("/api/v1/tickets/{}/suggestions", ticket["id"].as_str().unwrap()), &other.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
