//! The sale in one thread: a deal and a proposal made from a conversation
//! are linked to it, the proposal goes into the chat as a card with its
//! public link, and the customer's acceptance lands in the same thread.
#![allow(clippy::unwrap_used)]

mod common;

use common::fakes::{GRAPH_TOKEN, PHONE_NUMBER_ID, Providers};
use common::webchat::{new_ticket, webchat};
use common::{Actor, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A pipeline's id and a one-line proposal body for `customer`.
async fn pipeline(t: &TestApp, who: &Actor) -> String {
    t.drain_jobs().await;
    let (_, pipelines) = t.get("/api/v1/pipelines", &who.token).await;
    pipelines[0]["id"].as_str().unwrap().to_string()
}

fn proposal_body(customer: &str, extra: Value) -> Value {
    let mut body = json!({
        "customer_id": customer, "title": "Sistema de caixa",
        "items": [{"description": "Implantação", "unit": "h", "quantity": 10, "unit_price_cents": 15000}]
    });
    body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    body
}

async fn messages(t: &TestApp, who: &Actor, ticket: &str) -> Vec<Value> {
    let (s, page) = t.get(&format!("/api/v1/tickets/{ticket}/messages"), &who.token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let mut items = page["items"].as_array().unwrap().clone();
    items.sort_by_key(|m| m["created_at"].as_str().unwrap().to_string());
    items
}

#[tokio::test]
async fn a_deal_and_proposal_from_a_chat_go_back_into_it_and_the_acceptance_shows_there() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = webchat(&t, &owner).await;
    let ticket = new_ticket(&t, &owner, &public, "Quero um orçamento do sistema de caixa").await;
    let ticket_id = ticket["id"].as_str().unwrap();
    let customer = ticket["customer_id"].as_str().unwrap();
    let pipeline = pipeline(&t, &owner).await;

    // "Criar oportunidade" on the ticket.
    let (s, deal) = t
        .post(
            "/api/v1/opportunities",
            Some(&owner.token),
            json!({"customer_id": customer, "pipeline_id": pipeline, "title": "Sistema de caixa",
                   "value_cents": 150000, "ticket_id": ticket_id}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{deal}");
    assert_eq!(deal["ticket_id"], ticket_id);
    let (_, of_ticket) = t.get(&format!("/api/v1/opportunities?ticket_id={ticket_id}"), &owner.token).await;
    assert_eq!(of_ticket["items"].as_array().unwrap().len(), 1);
    assert_eq!(of_ticket["items"][0]["id"], deal["id"]);

    // "Nova proposta" from the deal: it takes the deal's conversation.
    let (s, p) = t
        .post(
            "/api/v1/proposals",
            Some(&owner.token),
            proposal_body(customer, json!({"opportunity_id": deal["id"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    assert_eq!(p["ticket_id"], ticket_id);
    let (_, of_ticket) = t.get(&format!("/api/v1/proposals?ticket_id={ticket_id}"), &owner.token).await;
    assert_eq!(of_ticket["items"][0]["id"], p["id"]);

    // "Enviar no chat".
    let (s, m) = t
        .post(
            &format!("/api/v1/tickets/{ticket_id}/proposals"),
            Some(&owner.token),
            json!({"proposal_id": p["id"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    assert_eq!(m["direction"], "out");
    assert_eq!(m["card"]["kind"], "proposal_sent");
    assert_eq!(m["card"]["label"], "PROP-0001");
    assert_eq!(m["card"]["amount_cents"], 150000);
    let url = m["card"]["url"].as_str().unwrap();
    assert!(m["text"].as_str().unwrap().contains(url), "the link goes in the text: {}", m["text"]);
    assert!(m["text"].as_str().unwrap().contains("R$ 1.500,00"), "{}", m["text"]);
    let (_, sent) = t.get(&format!("/api/v1/proposals/{}", p["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(sent["status"], "sent");
    t.drain_jobs().await;

    // The customer accepts on the public page; the agents see it in the thread.
    let token = url.rsplit('/').next().unwrap();
    let (s, b) = t
        .post(
            &format!("/api/v1/public/proposals/{token}/accept"),
            None,
            json!({"name": "Rita Oliveira", "document": "529.982.247-25"}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
    t.drain_jobs().await;
    t.drain_jobs().await;
    let thread = messages(&t, &owner, ticket_id).await;
    let accepted: Vec<&Value> = thread.iter().filter(|m| m["card"]["kind"] == "proposal_accepted").collect();
    assert_eq!(accepted.len(), 1, "{thread:#?}");
    assert_eq!(accepted[0]["direction"], "note", "only the agents see it");
    assert_eq!(accepted[0]["author_name"], "ConectCRM");
    assert!(accepted[0]["text"].as_str().unwrap().contains("PROP-0001"));
    let last = thread.last().unwrap();
    assert_eq!(last["id"], accepted[0]["id"], "after the proposal sent");

    // The signed contract's invoice belongs to the same conversation: paid,
    // it shows there without anyone sending it into the chat.
    let (_, invoices) = t.get(&format!("/api/v1/invoices?customer_id={customer}"), &owner.token).await;
    let invoice = &invoices["items"].as_array().unwrap()[0];
    assert_eq!(invoice["total_cents"], 150000, "{invoices}");
    let (s, b) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [invoice["id"]], "method": "pix", "amount_cents": invoice["total_cents"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    t.drain_jobs().await;
    t.drain_jobs().await;
    let thread = messages(&t, &owner, ticket_id).await;
    assert!(thread.iter().any(|m| m["card"]["kind"] == "invoice_paid"), "{thread:#?}");
}

#[tokio::test]
async fn a_proposal_of_another_customer_or_company_and_an_unknown_conversation_are_refused_by_field() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let other = t.signup("Beta").await;
    let public = webchat(&t, &owner).await;
    let ticket = new_ticket(&t, &owner, &public, "Preciso de uma proposta").await;
    let ticket_id = ticket["id"].as_str().unwrap();
    let (_, someone_else) = t
        .post("/api/v1/customers", Some(&owner.token), json!({"kind": "person", "name": "Outra Pessoa"}))
        .await;
    let (_, theirs) = t
        .post(
            "/api/v1/proposals",
            Some(&owner.token),
            proposal_body(someone_else["id"].as_str().unwrap(), json!({})),
        )
        .await;
    let path = format!("/api/v1/tickets/{ticket_id}/proposals");
    let (s, b) = t.post(&path, Some(&owner.token), json!({"proposal_id": theirs["id"]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["field"], "proposal_id", "{b}");
    let (_, after) =
        t.get(&format!("/api/v1/proposals/{}", theirs["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(after["status"], "draft", "nothing was sent");
    assert_eq!(after["ticket_id"], Value::Null, "nor linked");

    // Another company's proposal is not found; its ticket does not exist here.
    let (_, beta_customer) = t
        .post("/api/v1/customers", Some(&other.token), json!({"kind": "person", "name": "Cliente Beta"}))
        .await;
    let (_, beta_proposal) = t
        .post(
            "/api/v1/proposals",
            Some(&other.token),
            proposal_body(beta_customer["id"].as_str().unwrap(), json!({})),
        )
        .await;
    let (s, b) = t.post(&path, Some(&owner.token), json!({"proposal_id": beta_proposal["id"]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let (s, _) = t.post(&path, Some(&other.token), json!({"proposal_id": beta_proposal["id"]})).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "Beta cannot post into Alfa's conversation");
    let (s, b) = t
        .post(
            "/api/v1/opportunities",
            Some(&other.token),
            json!({"customer_id": beta_customer["id"], "pipeline_id": pipeline(&t, &other).await, "title": "X",
                   "ticket_id": ticket_id}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "Alfa's ticket is no conversation of Beta's: {b}");
    assert_eq!(b["errors"][0]["field"], "ticket_id", "{b}");
    let (s, b) = t
        .post(
            "/api/v1/proposals",
            Some(&owner.token),
            proposal_body(
                ticket["customer_id"].as_str().unwrap(),
                json!({"ticket_id": uuid::Uuid::now_v7()}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["field"], "ticket_id", "{b}");

    // An agent works the inbox but does not sell.
    let agent = t.add_user(&owner, "agent").await;
    let (_, mine) = t
        .post(
            "/api/v1/proposals",
            Some(&owner.token),
            proposal_body(ticket["customer_id"].as_str().unwrap(), json!({})),
        )
        .await;
    let (s, _) = t.post(&path, Some(&agent.token), json!({"proposal_id": mine["id"]})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_invoice_sent_in_the_chat_carries_its_page_and_pix_and_its_payment_shows_in_the_thread() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let public = webchat(&t, &owner).await;
    let ticket = new_ticket(&t, &owner, &public, "Pode mandar o boleto de novo?").await;
    let ticket_id = ticket["id"].as_str().unwrap();
    let customer = ticket["customer_id"].as_str().unwrap();
    let (s, cfg) = t
        .patch(
            "/api/v1/finance/settings",
            &owner.token,
            json!({"pix_key": "529.982.247-25", "merchant_city": "São Paulo"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{cfg}");
    let today = chrono::Utc::now().date_naive();
    let (s, inv) = t
        .post(
            "/api/v1/invoices",
            Some(&owner.token),
            json!({"customer_id": customer, "issue_date": today, "due_date": today + chrono::Duration::days(5),
                   "description": "Serviços", "items": [{"description": "Consultoria", "quantity": 1, "unit_price_cents": 25000}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    let invoice_id = inv["id"].as_str().unwrap();

    let path = format!("/api/v1/tickets/{ticket_id}/invoices");
    let (s, m) = t.post(&path, Some(&owner.token), json!({"invoice_id": invoice_id})).await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    assert_eq!(m["card"]["kind"], "invoice_sent");
    assert_eq!(m["card"]["label"], inv["label"]);
    assert_eq!(m["card"]["amount_cents"], 25000);
    let text = m["text"].as_str().unwrap();
    assert!(text.contains(m["card"]["url"].as_str().unwrap()), "{text}");
    assert!(text.contains("R$ 250,00") && text.contains("PIX copia e cola"), "{text}");
    let (_, pix) = t.get(&format!("/api/v1/invoices/{invoice_id}/pix"), &owner.token).await;
    assert!(text.contains(pix["payload"].as_str().unwrap()), "the same PIX the invoice page shows");

    // The money arrives (by hand here; a gateway's webhook takes the same path).
    let (s, p) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [invoice_id], "method": "pix", "amount_cents": 25000}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    t.drain_jobs().await;
    t.drain_jobs().await;
    let thread = messages(&t, &owner, ticket_id).await;
    let paid: Vec<&Value> = thread.iter().filter(|m| m["card"]["kind"] == "invoice_paid").collect();
    assert_eq!(paid.len(), 1, "{thread:#?}");
    assert_eq!(paid[0]["direction"], "note");
    assert!(paid[0]["text"].as_str().unwrap().contains("R$ 250,00"));

    // A paid invoice is no longer sent for payment; another company cannot use it.
    let (s, b) = t.post(&path, Some(&owner.token), json!({"invoice_id": invoice_id})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["field"], "invoice_id");
    let other = t.signup("Beta").await;
    let (s, _) = t.post(&path, Some(&other.token), json!({"invoice_id": invoice_id})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let finance = t.add_user(&owner, "finance").await;
    let (s, _) = t.post(&path, Some(&finance.token), json!({"invoice_id": invoice_id})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "finance does not work the inbox");
}

/// A customer writes on WhatsApp through a signed webhook: their ticket.
async fn whatsapp_ticket(t: &TestApp, owner: &Actor, ch: &Value, secret: &str) -> Value {
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "1", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": "Rita Oliveira"}, "wa_id": "5511987654321"}],
        "messages": [{"from": "5511987654321", "id": "wamid.venda.1", "timestamp": "1732870000", "type": "text",
                      "text": {"body": "Quero a proposta do plano anual"}}]}}]}]})
    .to_string()
    .into_bytes();
    let signed = channels::whatsapp::signature_header(&body, secret);
    let hook = format!("/hooks/whatsapp/{}", ch["public_id"].as_str().unwrap());
    let (s, _) = t.post_raw(&hook, &[("x-hub-signature-256", signed)], "application/json", body).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let (_, list) = t.get("/api/v1/tickets", &owner.token).await;
    list["items"][0].clone()
}

/// The customer last wrote 25 hours ago: WhatsApp takes only a template.
async fn outside_the_window(t: &TestApp, ticket_id: &str) {
    let mut admin = t.db.admin().await;
    sqlx::query("update tickets set last_inbound_at = now() - interval '25 hours' where id = $1::uuid")
        .bind(ticket_id)
        .execute(&mut admin)
        .await
        .unwrap();
}

#[tokio::test]
async fn after_whatsapps_window_the_proposal_goes_as_the_approved_template_the_channel_names() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let fake = Providers::start().await;
    const SECRET: &str = "app-secret-vendas";
    let channel = |templates: Value| {
        json!({"kind": "whatsapp", "name": "WhatsApp",
               "config": {"phone_number_id": PHONE_NUMBER_ID, "base_url": fake.base, "templates": templates},
               "secrets": {"access_token": GRAPH_TOKEN, "app_secret": SECRET}})
    };
    // A template is checked field by field.
    let (s, b) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            channel(json!({"proposal": {"name": "Proposta Enviada", "language": "pt_BR", "params": ["pix_code"]}})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["config.templates.proposal.name", "config.templates.proposal.params"]);
    let (s, ch) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            channel(json!({"proposal": {"name": "proposta_enviada", "language": "pt_BR",
                                        "params": ["customer_name", "label", "amount", "link"]}})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ch}");
    let ticket = whatsapp_ticket(&t, &owner, &ch, SECRET).await;
    let ticket_id = ticket["id"].as_str().unwrap();
    let (_, p) = t
        .post(
            "/api/v1/proposals",
            Some(&owner.token),
            proposal_body(ticket["customer_id"].as_str().unwrap(), json!({})),
        )
        .await;
    outside_the_window(&t, ticket_id).await;
    let path = format!("/api/v1/tickets/{ticket_id}/proposals");
    let (s, m) = t.post(&path, Some(&owner.token), json!({"proposal_id": p["id"]})).await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    assert_eq!(m["card"]["kind"], "proposal_sent");
    t.drain_jobs().await;
    let sent = fake.to(&format!("/{}/{PHONE_NUMBER_ID}/messages", channels::whatsapp::GRAPH_API_VERSION));
    let last: Value = serde_json::from_str(&sent.last().expect("sent to WhatsApp").body).unwrap();
    assert_eq!(last["type"], "template", "{last}");
    assert_eq!(last["template"]["name"], "proposta_enviada");
    let params: Vec<&str> = last["template"]["components"][0]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(params[..3], ["Rita Oliveira", "PROP-0001", "R$ 1.500,00"]);
    assert_eq!(params[3], m["card"]["url"].as_str().unwrap(), "the link the card shows");

    // With no template for invoices, an invoice is refused: nothing is sent.
    let today = chrono::Utc::now().date_naive();
    let (_, inv) = t
        .post(
            "/api/v1/invoices",
            Some(&owner.token),
            json!({"customer_id": ticket["customer_id"], "issue_date": today, "due_date": today + chrono::Duration::days(5),
                   "description": "Plano", "items": [{"description": "Plano", "quantity": 1, "unit_price_cents": 25000}]}),
        )
        .await;
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{ticket_id}/invoices"),
            Some(&owner.token),
            json!({"invoice_id": inv["id"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert!(b["detail"].as_str().unwrap().contains("modelo aprovado para faturas"), "{b}");
}

#[tokio::test]
async fn a_dunning_reminder_goes_into_the_whatsapp_conversation_once_when_the_channel_names_a_reminder_template()
 {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let fake = Providers::start().await;
    const SECRET: &str = "app-secret-cobranca";
    let (s, ch) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            json!({"kind": "whatsapp", "name": "WhatsApp",
                   "config": {"phone_number_id": PHONE_NUMBER_ID, "base_url": fake.base,
                              "templates": {"reminder": {"name": "lembrete_fatura", "language": "pt_BR",
                                                         "params": ["customer_name", "label", "amount", "link"]}}},
                   "secrets": {"access_token": GRAPH_TOKEN, "app_secret": SECRET}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ch}");
    let ticket = whatsapp_ticket(&t, &owner, &ch, SECRET).await;
    let ticket_id = ticket["id"].as_str().unwrap();
    let sends = || fake.to(&format!("/{}/{PHONE_NUMBER_ID}/messages", channels::whatsapp::GRAPH_API_VERSION));
    let before = sends().len();
    // Issued ten days ago and four days late: the "3 days after" step is due now.
    let today = chrono::Utc::now().date_naive();
    let late = |cents: i64| {
        t.post(
            "/api/v1/invoices",
            Some(&owner.token),
            json!({"customer_id": ticket["customer_id"], "issue_date": today - chrono::Duration::days(10),
                   "due_date": today - chrono::Duration::days(4), "description": "Plano",
                   "items": [{"description": "Plano", "quantity": 1, "unit_price_cents": cents}]}),
        )
    };
    let (s, inv) = late(25_000).await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    t.drain_jobs().await;
    t.drain_jobs().await;
    // Inside the window: the reminder is text, in the conversation, with its card.
    let thread = messages(&t, &owner, ticket_id).await;
    let reminders: Vec<&Value> =
        thread.iter().filter(|m| m["text"].as_str().unwrap_or_default().starts_with("Lembrete")).collect();
    assert_eq!(reminders.len(), 1, "{thread:#?}");
    assert_eq!(reminders[0]["card"]["label"], inv["label"]);
    assert!(reminders[0]["text"].as_str().unwrap().contains("venceu em"), "{}", reminders[0]["text"]);
    let text: Value = serde_json::from_str(&sends().last().unwrap().body).unwrap();
    assert_eq!(text["type"], "text", "{text}");
    assert_eq!(sends().len(), before + 1);

    // Delivered again, the event sends nothing more.
    t.redeliver(
        "support.whatsapp_invoice_reminder",
        "InvoiceReminderDue",
        "invoice_id",
        inv["id"].as_str().unwrap(),
    )
    .await;
    assert_eq!(sends().len(), before + 1, "a redelivery sent the reminder twice");

    // After the window, the approved template goes.
    outside_the_window(&t, ticket_id).await;
    let (_, second) = late(9_900).await;
    t.drain_jobs().await;
    t.drain_jobs().await;
    let sent: Value = serde_json::from_str(&sends().last().unwrap().body).unwrap();
    assert_eq!(sent["type"], "template", "{sent}");
    assert_eq!(sent["template"]["name"], "lembrete_fatura");
    assert_eq!(sent["template"]["components"][0]["parameters"][1]["text"], second["label"]);

    // The first invoice was linked to the conversation: its payment shows there.
    let (_, due) = t.get(&format!("/api/v1/invoices/{}", inv["id"].as_str().unwrap()), &owner.token).await;
    let (s, p) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [inv["id"]], "method": "pix", "amount_cents": due["amount_due_cents"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    t.drain_jobs().await;
    t.drain_jobs().await;
    let thread = messages(&t, &owner, ticket_id).await;
    assert!(thread.iter().any(|m| m["card"]["kind"] == "invoice_paid"), "{thread:#?}");
}
