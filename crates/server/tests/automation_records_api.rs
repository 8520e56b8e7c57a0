//! Automation beyond the ticket: flows that read the customer, the invoice
//! and the company's hours as they are now, and act on them — an e-mail to
//! the customer, a custom field, a deal opened or moved, an invoice sent —
//! and a wait until business hours.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::flows::{active_flow, runs};
use common::{Actor, TestApp};
use serde_json::{Value, json};

async fn customer(t: &TestApp, owner: &Actor, body: Value) -> Value {
    let (s, c) = t.post("/api/v1/customers", Some(&owner.token), body).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    t.drain_jobs().await;
    c
}

async fn default_pipeline(t: &TestApp, owner: &Actor) -> Value {
    t.drain_jobs().await;
    let (s, list) = t.get("/api/v1/pipelines", &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    list[0].clone()
}

fn stage_id(pipeline: &Value, name: &str) -> String {
    let stages = pipeline["stages"].as_array().unwrap();
    stages.iter().find(|s| s["name"] == name).unwrap()["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_new_customer_is_welcomed_by_e_mail_gets_a_custom_field_and_a_deal() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, b) = t
        .post(
            "/api/v1/custom-fields",
            Some(&owner.token),
            json!({"key": "jornada", "label": "Jornada", "field_type": "text"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let pipeline = default_pipeline(&t, &owner).await;
    let flow = active_flow(
        &t,
        &owner,
        json!({
            "name": "Boas-vindas",
            "trigger_kind": "CustomerCreated",
            "conditions": {"all": [{"field": "customer.email", "op": "is_not_empty"}]},
            "actions": [
                {"type": "email_customer", "subject": "Boas-vindas, {{cliente.nome}}!",
                 "text": "Ola, {{cliente.nome}}. Seu e-mail: {{customer.email}}"},
                {"type": "set_custom_field", "key": "jornada", "value": "boas-vindas enviada"},
                {"type": "create_opportunity", "pipeline_id": pipeline["id"],
                 "title": "Primeira compra de {{cliente.nome}}", "value_cents": 50000}
            ]
        }),
    )
    .await;

    let maria = customer(
        &t,
        &owner,
        json!({"kind": "person", "name": "Maria Souza", "emails": ["maria@exemplo.com.br"]}),
    )
    .await;
    let mails = t.outbox();
    assert!(
        mails.iter().any(|m| m.contains("Boas-vindas, Maria Souza!") && m.contains("maria@exemplo.com.br")),
        "{mails:?}"
    );
    let (_, m) = t.get(&format!("/api/v1/customers/{}", maria["id"].as_str().unwrap()), &owner.token).await;
    let m = if m.get("customer").is_some() { m["customer"].clone() } else { m };
    assert_eq!(m["custom_fields"]["jornada"], "boas-vindas enviada", "{m}");
    let (_, deals) = t
        .get(&format!("/api/v1/opportunities?customer_id={}", maria["id"].as_str().unwrap()), &owner.token)
        .await;
    let deals = deals["items"].as_array().unwrap();
    assert_eq!(deals.len(), 1, "{deals:?}");
    assert_eq!(deals[0]["title"], "Primeira compra de Maria Souza");
    assert_eq!(deals[0]["value_cents"], 50000);
    assert!(deals[0]["owner_id"].is_null(), "an automation owns no deal");
    let r = runs(&t, &owner, &flow).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["status"], "succeeded", "{}", r[0]);
    assert!(r[0]["steps"].to_string().contains("Oportunidade criada: Primeira compra de Maria Souza"));

    // No e-mail: the condition on the customer as it is now does not hold.
    let before = t.outbox().len();
    customer(&t, &owner, json!({"kind": "person", "name": "Sem Email"})).await;
    let r = runs(&t, &owner, &flow).await;
    assert_eq!(r.len(), 2);
    assert!(r.iter().any(|x| x["status"] == "skipped"), "{r:?}");
    assert_eq!(t.outbox().len(), before);
}

#[tokio::test]
async fn a_step_on_the_customer_fails_with_the_reason_and_writes_nothing() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let flow = active_flow(
        &t,
        &owner,
        json!({
            "name": "Campo inexistente",
            "trigger_kind": "CustomerCreated",
            "actions": [
                {"type": "set_custom_field", "key": "nao_existe", "value": 3},
                {"type": "email_customer", "subject": "Nunca", "text": "Nunca"}
            ]
        }),
    )
    .await;
    customer(&t, &owner, json!({"kind": "person", "name": "Ana", "emails": ["ana@exemplo.com.br"]})).await;
    let r = runs(&t, &owner, &flow).await;
    assert_eq!(r[0]["status"], "failed", "{}", r[0]);
    assert!(r[0]["error"].as_str().unwrap().starts_with("Ação 1:"), "{}", r[0]);
    assert_eq!(r[0]["steps"][1]["outcome"], "not_run");
    assert!(t.outbox().iter().all(|m| !m.contains("Nunca")));
}

#[tokio::test]
async fn an_issued_invoice_is_sent_with_its_link_and_amount_and_whatsapp_needs_a_conversation() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(
        &t,
        &owner,
        json!({"kind": "person", "name": "Padaria Pao Quente", "emails": ["padaria@exemplo.com.br"]}),
    )
    .await;
    let by_mail = active_flow(
        &t,
        &owner,
        json!({
            "name": "Fatura emitida",
            "trigger_kind": "InvoiceIssued",
            "actions": [
                {"type": "send_invoice", "via": "email"},
                {"type": "email_customer", "subject": "Sua fatura {{fatura.label}}",
                 "text": "Valor {{fatura.valor}}, pague em {{fatura.link}}"}
            ]
        }),
    )
    .await;
    let on_whatsapp = active_flow(
        &t,
        &owner,
        json!({"name": "Fatura no WhatsApp", "trigger_kind": "InvoiceIssued",
               "actions": [{"type": "send_invoice", "via": "whatsapp"}]}),
    )
    .await;
    let today = chrono::Utc::now().date_naive();
    let (s, inv) = t
        .post(
            "/api/v1/invoices",
            Some(&owner.token),
            json!({"customer_id": c["id"], "issue_date": today, "due_date": today + chrono::Duration::days(10),
                   "draft": true, "description": "Servicos", "items": [{"description": "Consultoria", "quantity": 1, "unit_price_cents": 12345}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    let id = inv["id"].as_str().unwrap();
    let (s, inv) = t.post(&format!("/api/v1/invoices/{id}/issue"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{inv}");
    t.drain_jobs().await;

    let label = inv["label"].as_str().unwrap();
    let r = runs(&t, &owner, &by_mail).await;
    assert_eq!(r[0]["status"], "succeeded", "{}", r[0]);
    let mails = t.outbox();
    assert!(mails.iter().any(|m| m.contains(&format!("Fatura {label}")) && m.contains(".pdf")), "{mails:?}");
    let ours = mails.iter().find(|m| m.contains(&format!("Sua fatura {label}"))).unwrap();
    assert!(ours.contains("R$") && ours.contains("123,45"), "{ours}");
    assert!(ours.contains("/pagar/") || ours.contains("/p/") || ours.contains("http"), "{ours}");

    let r = runs(&t, &owner, &on_whatsapp).await;
    assert_eq!(r[0]["status"], "failed", "{}", r[0]);
    assert!(r[0]["error"].as_str().unwrap().contains("não tem conversa no WhatsApp"), "{}", r[0]);
}

#[tokio::test]
async fn a_new_deal_is_moved_to_the_stage_the_flow_names() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let pipeline = default_pipeline(&t, &owner).await;
    let qualified = stage_id(&pipeline, "Qualificado");
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Grandes vão para qualificado", "trigger_kind": "OpportunityCreated",
               "conditions": {"all": [{"field": "value_cents", "op": "greater_than", "value": 100000}]},
               "actions": [{"type": "move_opportunity", "stage_id": qualified}]}),
    )
    .await;
    let c = customer(&t, &owner, json!({"kind": "person", "name": "Cliente Grande"})).await;
    let mut ids = Vec::new();
    for value in [500_000, 1_000] {
        let (s, o) = t
            .post(
                "/api/v1/opportunities",
                Some(&owner.token),
                json!({"customer_id": c["id"], "pipeline_id": pipeline["id"], "title": format!("Deal {value}"), "value_cents": value}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{o}");
        ids.push(o["id"].as_str().unwrap().to_owned());
    }
    t.drain_jobs().await;
    let (_, big) = t.get(&format!("/api/v1/opportunities/{}", ids[0]), &owner.token).await;
    assert_eq!(big["stage_id"], qualified.as_str(), "{big}");
    let (_, small) = t.get(&format!("/api/v1/opportunities/{}", ids[1]), &owner.token).await;
    assert_ne!(small["stage_id"], qualified.as_str());
    let r = runs(&t, &owner, &flow).await;
    assert!(
        r.iter().any(|x| x["steps"].to_string().contains("Oportunidade movida para Qualificado")),
        "{r:?}"
    );
}

#[tokio::test]
async fn outside_business_hours_a_flow_knows_it_and_waits_for_the_opening() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    t.closed_now(&owner).await;
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Fora do horário", "trigger_kind": "CustomerCreated",
               "conditions": {"all": [{"field": "now.business_hours", "op": "equals", "value": false}]},
               "actions": [{"type": "wait_business_hours"},
                           {"type": "email_customer", "subject": "Bom dia, {{cliente.nome}}", "text": "Abrimos."}]}),
    )
    .await;
    customer(&t, &owner, json!({"kind": "person", "name": "Noturno", "emails": ["noite@exemplo.com.br"]}))
        .await;
    let r = runs(&t, &owner, &flow).await;
    assert_eq!(r[0]["status"], "waiting", "{}", r[0]);
    let resume_at = chrono::DateTime::parse_from_rfc3339(r[0]["resume_at"].as_str().unwrap()).unwrap();
    assert!(
        resume_at > chrono::Utc::now() + chrono::Duration::hours(12),
        "opens in a day or two: {resume_at}"
    );
    assert!(r[0]["steps"].to_string().contains("Esperando o horário comercial"), "{}", r[0]);
    assert!(t.outbox().iter().all(|m| !m.contains("Bom dia, Noturno")), "nothing before the opening");

    // The opening comes: the conditions are read again (now open, so
    // `now.business_hours equals false` no longer holds): cancelled.
    let mut admin = t.db.admin().await;
    sqlx::query("update companies set business_hours = '[]'::jsonb").execute(&mut admin).await.unwrap();
    sqlx::query("update jobs set run_at = now() where run_at > now()").execute(&mut admin).await.unwrap();
    drop(admin);
    t.drain_jobs().await;
    let r = runs(&t, &owner, &flow).await;
    assert_eq!(r[0]["status"], "cancelled", "{}", r[0]);
}

#[tokio::test]
async fn a_flow_waits_until_a_clock_time_in_the_companys_zone_then_goes_on() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Às 3h", "trigger_kind": "CustomerCreated",
               "actions": [{"type": "wait_until", "time": "03:00"},
                           {"type": "email_customer", "subject": "Bom dia cedo, {{cliente.nome}}", "text": "Oi"}]}),
    )
    .await;
    customer(&t, &owner, json!({"kind": "person", "name": "Madrugador", "emails": ["cedo@exemplo.com.br"]}))
        .await;
    let r = runs(&t, &owner, &flow).await;
    assert_eq!(r[0]["status"], "waiting", "{}", r[0]);
    let resume_at: chrono::DateTime<chrono::Utc> = r[0]["resume_at"].as_str().unwrap().parse().unwrap();
    let local = resume_at.with_timezone(&chrono_tz::America::Sao_Paulo);
    assert_eq!(local.format("%H:%M").to_string(), "03:00", "3 a.m. in the company's zone: {resume_at}");
    let wait = resume_at - chrono::Utc::now();
    assert!(
        wait > chrono::Duration::zero() && wait <= chrono::Duration::hours(24),
        "the next one: {resume_at}"
    );
    assert!(r[0]["steps"].to_string().contains("Esperando até"), "{}", r[0]);
    assert!(t.outbox().iter().all(|m| !m.contains("Bom dia cedo")), "nothing before the time");

    let mut admin = t.db.admin().await;
    sqlx::query("update jobs set run_at = now() where run_at > now()").execute(&mut admin).await.unwrap();
    drop(admin);
    t.drain_jobs().await;
    let r = runs(&t, &owner, &flow).await;
    assert_eq!(r[0]["status"], "succeeded", "{}", r[0]);
    assert!(t.outbox().iter().any(|m| m.contains("Bom dia cedo, Madrugador")));

    let (s, p) = t
        .post(
            "/api/v1/automation/flows",
            Some(&owner.token),
            json!({"name": "Hora ruim", "trigger_kind": "CustomerCreated",
                   "actions": [{"type": "wait_until", "time": "9h"}]}),
        )
        .await;
    assert_eq!(
        (s, p["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("actions[0].time")),
        "{p}"
    );
}

#[tokio::test]
async fn within_business_hours_the_wait_goes_on_at_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, b) = t.patch("/api/v1/company", &owner.token, json!({"business_hours": []})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "No horário", "trigger_kind": "CustomerCreated",
               "actions": [{"type": "wait_business_hours"},
                           {"type": "email_customer", "subject": "Atendimento aberto", "text": "Oi {{cliente.nome}}"}]}),
    )
    .await;
    customer(&t, &owner, json!({"kind": "person", "name": "Diurno", "emails": ["dia@exemplo.com.br"]})).await;
    let r = runs(&t, &owner, &flow).await;
    assert_eq!(r[0]["status"], "succeeded", "{}", r[0]);
    assert!(t.outbox().iter().any(|m| m.contains("Atendimento aberto")));
}

#[tokio::test]
async fn another_companys_pipeline_or_stage_is_refused_when_the_step_runs() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let other = t.signup("Beta").await;
    let theirs = default_pipeline(&t, &other).await;
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Funil alheio", "trigger_kind": "CustomerCreated",
               "actions": [{"type": "create_opportunity", "pipeline_id": theirs["id"], "title": "Roubo"}]}),
    )
    .await;
    customer(&t, &owner, json!({"kind": "person", "name": "Alguém"})).await;
    let r = runs(&t, &owner, &flow).await;
    assert_eq!(r[0]["status"], "failed", "{}", r[0]);
    assert!(r[0]["error"].as_str().unwrap().contains("Funil não encontrado"), "{}", r[0]);
    let (_, deals) = t.get("/api/v1/opportunities", &other.token).await;
    assert!(deals["items"].as_array().unwrap().iter().all(|d| d["title"] != "Roubo"));
}

#[tokio::test]
async fn the_janitor_drops_skipped_runs_after_30_days_and_keeps_runs_that_acted() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let other = t.signup("Beta").await;
    let body = json!({"name": "Só VIP", "trigger_kind": "CustomerCreated",
        "conditions": {"all": [{"field": "customer.tags", "op": "contains", "value": "vip"}]},
        "actions": [{"type": "webhook", "url": "http://10.0.0.1/x"}]});
    let flow = active_flow(&t, &owner, body.clone()).await;
    let theirs = active_flow(&t, &other, body).await;
    for (who, name) in [(&owner, "Comum"), (&owner, "Especial"), (&other, "Deles")] {
        let tags = if name == "Especial" { json!(["vip"]) } else { json!([]) };
        customer(&t, who, json!({"kind": "person", "name": name, "tags": tags})).await;
    }
    assert_eq!(runs(&t, &owner, &flow).await.len(), 2);
    let mut admin = t.db.admin().await;
    sqlx::query("update automation_runs set finished_at = now() - interval '31 days'")
        .execute(&mut admin)
        .await
        .unwrap();
    drop(admin);
    server::ops::janitor(&t.app).await.unwrap();
    let left = runs(&t, &owner, &flow).await;
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["status"], "failed", "the run that acted stays");
    assert!(runs(&t, &other, &theirs).await.is_empty(), "every company's old skipped runs go");
}

/// An invoice of `customer` due on `due`, issued or kept as a draft.
async fn issued_invoice(
    t: &TestApp,
    who: &Actor,
    customer: &Value,
    due: chrono::NaiveDate,
    issue: bool,
) -> Value {
    let (s, inv) = t
        .post(
            "/api/v1/invoices",
            Some(&who.token),
            json!({"customer_id": customer["id"], "issue_date": chrono::Utc::now().date_naive(), "due_date": due,
                   "draft": !issue, "description": "Mensalidade",
                   "items": [{"description": "Plano", "quantity": 1, "unit_price_cents": 9900}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    inv
}

#[tokio::test]
async fn a_schedule_over_invoices_runs_once_per_open_invoice_due_on_the_days_it_names() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let other = t.signup("Beta").await;
    let flow = active_flow(
        &t,
        &owner,
        json!({"name": "Lembrete antes do vencimento", "trigger_kind": "FlowInvoiceDue", "schedule": "0 9 * * *",
               "conditions": {"all": [{"field": "days_to_due", "op": "in", "value": [3, 10]}]},
               "actions": [{"type": "email_customer", "subject": "Fatura {{fatura.label}} vence em {{days_to_due}} dias",
                            "text": "Pague em {{fatura.link}}"}]}),
    )
    .await;
    // The firing's day, in the company's timezone (São Paulo).
    let mut admin = t.db.admin().await;
    let at: String =
        sqlx::query_scalar("select payload->>'at' from jobs where kind = 'automation.schedule_tick' and tenant_id = $1::text::uuid")
            .bind(&owner.tenant_id)
            .fetch_one(&mut admin)
            .await
            .unwrap();
    let day = chrono::DateTime::parse_from_rfc3339(&at)
        .unwrap()
        .with_timezone(&chrono_tz::America::Sao_Paulo)
        .date_naive();
    let in_3 = day + chrono::Duration::days(3);

    let c = customer(
        &t,
        &owner,
        json!({"kind": "person", "name": "Cliente Fiel", "emails": ["fiel@exemplo.com.br"]}),
    )
    .await;
    // More than a page due in three days, written directly (as a year of billing would).
    sqlx::query(
        "insert into invoices (tenant_id, id, number, customer_id, status, issue_date, due_date, subtotal_cents, total_cents, paid_cents)
         select $1::text::uuid, gen_random_uuid(), 1000 + i, $2::text::uuid, 'open', current_date, $3, 5000, 5000, 0
           from generate_series(1, 520) i",
    )
    .bind(&owner.tenant_id)
    .bind(c["id"].as_str().unwrap())
    .bind(in_3)
    .execute(&mut admin)
    .await
    .unwrap();
    drop(admin);
    issued_invoice(&t, &owner, &c, day + chrono::Duration::days(10), true).await;
    issued_invoice(&t, &owner, &c, day + chrono::Duration::days(4), true).await;
    issued_invoice(&t, &owner, &c, in_3, false).await; // a draft is not due
    let theirs =
        customer(&t, &other, json!({"kind": "person", "name": "Deles", "emails": ["deles@exemplo.com.br"]}))
            .await;
    issued_invoice(&t, &other, &theirs, in_3, true).await;
    let before = t.outbox().len();

    // The time comes.
    let mut admin = t.db.admin().await;
    sqlx::query("update jobs set run_at = now() where kind = 'automation.schedule_tick'")
        .execute(&mut admin)
        .await
        .unwrap();
    drop(admin);
    t.drain_jobs().await;

    let mails = t.outbox();
    let sent = &mails[before..];
    assert_eq!(sent.iter().filter(|m| m.contains("vence em 3 dias")).count(), 520);
    assert_eq!(sent.iter().filter(|m| m.contains("vence em 10 dias")).count(), 1);
    assert!(
        sent.iter().all(|m| !m.contains("deles@exemplo.com.br")),
        "another company's invoices are never read"
    );
    let (_, page) = t
        .get(
            &format!(
                "/api/v1/automation/flows/{}/runs?limit=200&status=succeeded",
                flow["id"].as_str().unwrap()
            ),
            &owner.token,
        )
        .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 200);
    let (_, f) =
        t.get(&format!("/api/v1/automation/flows/{}", flow["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(f["status"], "active");

    // A redelivered page emits nothing twice: each invoice has one run.
    let mut admin = t.db.admin().await;
    let events: i64 = sqlx::query_scalar("select count(*) from outbox_events where kind = 'FlowInvoiceDue'")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(events, 521);
    let runs: i64 =
        sqlx::query_scalar("select count(*) from automation_runs where event_kind = 'FlowInvoiceDue'")
            .fetch_one(&mut admin)
            .await
            .unwrap();
    assert_eq!(runs, 521);
}

#[tokio::test]
async fn a_flow_over_invoices_must_say_how_many_days_from_the_due_date() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, b) = t
        .post(
            "/api/v1/automation/flows",
            Some(&owner.token),
            json!({"name": "Sem dias", "trigger_kind": "FlowInvoiceDue",
                   "conditions": {"all": [{"field": "days_to_due", "op": "greater_than", "value": 3}]},
                   "actions": [{"type": "send_invoice", "via": "email"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["schedule", "conditions"], "{b}");
}

fn welcome(name: &str) -> Value {
    json!({"name": name, "trigger_kind": "CustomerCreated",
           "actions": [{"type": "email_customer", "subject": format!("{name}: oi {{{{cliente.nome}}}}"), "text": "Oi"}]})
}

#[tokio::test]
async fn the_plan_caps_flows_switched_on_and_runs_that_act_each_month() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    for i in 1..=5 {
        active_flow(&t, &owner, welcome(&format!("Fluxo {i}"))).await;
    }
    let (s, sixth) = t.post("/api/v1/automation/flows", Some(&owner.token), welcome("Fluxo 6")).await;
    assert_eq!(s, StatusCode::CREATED, "{sixth}");
    let activate = format!("/api/v1/automation/flows/{}/activate", sixth["id"].as_str().unwrap());
    let (s, b) = t.post(&activate, Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    assert_eq!(b["limit"], "active_flows");
    assert_eq!(b["max"], 5);
    assert!(b["detail"].as_str().unwrap().contains("5 fluxos ativos"), "{b}");
    // Publishing switches a flow on too: same limit.
    let publish = format!("/api/v1/automation/flows/{}/publish", sixth["id"].as_str().unwrap());
    let (s, b) = t.post(&publish, Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    t.set_plan(&owner, "pro").await;
    let (s, b) = t.post(&activate, Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{b}");

    // One run short of the month's 20,000: one flow acts, the other five are refused.
    let mut admin = t.db.admin().await;
    sqlx::query(
        "insert into automation_usage (tenant_id, month, runs)
         values ($1::text::uuid, date_trunc('month', now() at time zone 'UTC')::date, 19999)",
    )
    .bind(&owner.tenant_id)
    .execute(&mut admin)
    .await
    .unwrap();
    drop(admin);
    customer(&t, &owner, json!({"kind": "person", "name": "Lia", "emails": ["lia@exemplo.com.br"]})).await;
    let mails = t.outbox();
    assert_eq!(mails.iter().filter(|m| m.contains(": oi Lia")).count(), 1, "{mails:?}");
    assert_eq!(mails.iter().filter(|m| m.contains("20000")).count(), 1, "admins are told once");
    let (_, page) = t.get("/api/v1/automation/flows", &owner.token).await;
    let mut refused = 0;
    for flow in page.as_array().unwrap() {
        for run in runs(&t, &owner, flow).await {
            if run["status"] == "skipped" {
                assert!(run["error"].as_str().unwrap().contains("20000 execuções"), "{run}");
                refused += 1;
            }
        }
    }
    assert_eq!(refused, 5);
    // Next customer: every flow is refused, and nobody is mailed again.
    customer(&t, &owner, json!({"kind": "person", "name": "Rui", "emails": ["rui@exemplo.com.br"]})).await;
    let mails = t.outbox();
    assert!(mails.iter().all(|m| !m.contains(": oi Rui")));
    assert_eq!(mails.iter().filter(|m| m.contains("20000")).count(), 1);
}
