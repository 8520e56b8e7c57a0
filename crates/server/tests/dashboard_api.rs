//! The dashboard: numbers from rollups that the events keep current, equal
//! to what a rebuild from the records gives, shown per role, never across
//! companies.
#![allow(clippy::unwrap_used)]

mod common;

use common::webchat::{new_ticket, webchat};
use common::{Actor, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn all_rollups(t: &TestApp, who: &Actor) -> Vec<String> {
    let tenant: uuid::Uuid = who.tenant_id.parse().unwrap();
    let mut tx = kernel::tenant::TenantTx::begin(&t.app.db, tenant).await.unwrap();
    let rows = analytics::dashboard::repo::all_rolled(&mut tx, tenant).await.unwrap();
    tx.commit().await.unwrap();
    rows.into_iter()
        .map(|(r, subject)| format!("{} {} {subject} {} n={} total={}", r.metric, r.day, r.dim, r.n, r.total))
        .collect()
}

fn stage(pipeline: &Value, name: &str) -> String {
    pipeline["stages"].as_array().unwrap().iter().find(|s| s["name"] == name).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A morning's work of a company: conversations answered, resolved (one
/// reopened), rated; a deal from a chat won, one lost, one moved back; a
/// proposal sent; an invoice issued and paid by PIX, another cancelled.
struct Morning {
    first_ticket: String,
    won_deal: String,
    payment: String,
}

async fn a_morning(t: &TestApp, owner: &Actor) -> Morning {
    let public = webchat(t, owner).await;
    let first = new_ticket(t, owner, &public, "Quero comprar o plano anual").await;
    let second = new_ticket(t, owner, &public, "O sistema caiu de novo, estou muito irritado").await;
    let first_id = first["id"].as_str().unwrap().to_string();
    let second_id = second["id"].as_str().unwrap().to_string();
    let customer = first["customer_id"].as_str().unwrap().to_string();
    for id in [&first_id, &second_id] {
        let (s, b) = t
            .post(
                &format!("/api/v1/tickets/{id}/messages"),
                Some(&owner.token),
                json!({"text": "Olá! Já vejo."}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let (s, b) =
            t.patch(&format!("/api/v1/tickets/{id}"), &owner.token, json!({"status": "resolved"})).await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }
    // A person files the first one under another category.
    let (s, b) =
        t.patch(&format!("/api/v1/tickets/{first_id}"), &owner.token, json!({"category": "Vendas"})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // Reopened by a person: it no longer counts as resolved.
    let (s, b) =
        t.patch(&format!("/api/v1/tickets/{second_id}"), &owner.token, json!({"status": "open"})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    t.drain_jobs().await;

    t.drain_jobs().await;
    let (_, pipelines) = t.get("/api/v1/pipelines", &owner.token).await;
    let p = &pipelines[0];
    let deal = |title: &str, value: i64, ticket: Option<&str>| {
        t.post(
            "/api/v1/opportunities",
            Some(&owner.token),
            json!({"customer_id": customer, "pipeline_id": p["id"], "title": title, "value_cents": value,
                   "ticket_id": ticket}),
        )
    };
    let (s, won) = deal("Plano anual", 120_000, Some(&first_id)).await;
    assert_eq!(s, StatusCode::CREATED, "{won}");
    let (_, lost) = deal("Consultoria", 50_000, None).await;
    let (_, back) = deal("Treinamento", 30_000, None).await;
    let mv = |id: &Value, body: Value| {
        let path = format!("/api/v1/opportunities/{}/move", id.as_str().unwrap());
        async move { t.post(&path, Some(&owner.token), body).await }
    };
    let (s, b) = mv(&won["id"], json!({"stage_id": stage(p, "Ganho")})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = mv(&lost["id"], json!({"stage_id": stage(p, "Perdido"), "lost_reason": "Preço"})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    mv(&back["id"], json!({"stage_id": stage(p, "Ganho")})).await;
    let (s, b) = mv(&back["id"], json!({"stage_id": stage(p, "Qualificado")})).await;
    assert_eq!(s, StatusCode::OK, "won by mistake, moved back: {b}");

    let (s, prop) = t
        .post(
            "/api/v1/proposals",
            Some(&owner.token),
            json!({"customer_id": customer, "title": "Plano anual",
                   "items": [{"description": "Plano", "quantity": 1, "unit_price_cents": 120000}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{prop}");
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{first_id}/proposals"),
            Some(&owner.token),
            json!({"proposal_id": prop["id"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");

    // The company's day (São Paulo), as the dashboard counts it: from 21:00 there
    // UTC's date is already tomorrow's.
    let today = chrono::Utc::now().with_timezone(&chrono_tz::America::Sao_Paulo).date_naive();
    let invoice = |cents: i64| {
        t.post(
            "/api/v1/invoices",
            Some(&owner.token),
            json!({"customer_id": customer, "issue_date": today, "due_date": today + chrono::Duration::days(5),
                   "description": "Serviços", "items": [{"description": "Plano", "quantity": 1, "unit_price_cents": cents}]}),
        )
    };
    let (s, paid) = invoice(120_000).await;
    assert_eq!(s, StatusCode::CREATED, "{paid}");
    let (_, cancelled) = invoice(9_900).await;
    let (s, b) = t
        .post(
            &format!("/api/v1/invoices/{}/cancel", cancelled["id"].as_str().unwrap()),
            Some(&owner.token),
            json!({"reason": "Emitida em duplicidade"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, payment) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [paid["id"]], "method": "pix", "amount_cents": 120_000}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{payment}");
    t.drain_jobs().await;
    t.drain_jobs().await;
    let id = |v: &Value| v["id"].as_str().unwrap().to_string();
    Morning { first_ticket: first_id, won_deal: id(&won), payment: id(&payment) }
}

#[tokio::test]
async fn the_rollups_count_a_morning_and_a_rebuild_from_the_records_finds_the_same() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let morning = a_morning(&t, &owner).await;

    let (s, support) = t.get("/api/v1/dashboard/support?period=7d", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{support}");
    assert_eq!(support["scope"], "company");
    assert_eq!(support["opened"]["current"], 2);
    assert_eq!(support["resolved"]["current"], 1, "the reopened one left the count: {support}");
    assert_eq!(support["first_response"]["count"], 2);
    assert!(support["first_response"]["median_secs"].as_i64().is_some(), "{support}");
    assert_eq!(support["by_channel"][0]["key"], "webchat");
    assert_eq!(support["by_channel"][0]["label"], "chat do site");
    assert_eq!(support["by_channel"][0]["count"], 2);
    let backlog: i64 =
        support["backlog"].as_array().unwrap().iter().map(|b| b["open"].as_i64().unwrap()).sum();
    assert_eq!(backlog, 1, "the reopened ticket is open now");
    assert_eq!(support["daily"].as_array().unwrap().len(), 7);
    let vendas = support["by_category"].as_array().unwrap().iter().find(|c| c["key"] == "Vendas");
    assert_eq!(vendas.map(|c| c["count"].clone()), Some(json!(1)), "{support}");

    let (s, sales) = t.get("/api/v1/dashboard/sales?period=today", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{sales}");
    assert_eq!(sales["created"]["current"], 3);
    assert_eq!(sales["created_cents"]["current"], 200_000);
    assert_eq!(sales["from_chat"]["current"], 1);
    assert_eq!(sales["conversations"]["current"], 2);
    assert_eq!(sales["won"]["current"], 1, "moved back out of Ganho: {sales}");
    assert_eq!(sales["won_cents"]["current"], 120_000);
    assert_eq!(sales["lost"]["current"], 1);
    assert_eq!(sales["win_rate"]["yes"], 1);
    assert_eq!(sales["win_rate"]["total"], 2);
    assert_eq!(sales["proposals_sent"]["current"], 1);
    assert_eq!(sales["open_value_cents"], 30_000, "only the deal moved back is open");

    let (s, finance) = t.get("/api/v1/dashboard/finance?period=month", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{finance}");
    assert_eq!(finance["issued"]["current"], 1, "the cancelled invoice does not count: {finance}");
    assert_eq!(finance["issued_cents"]["current"], 120_000);
    assert_eq!(finance["received_cents"]["current"], 120_000);
    assert_eq!(finance["received_by_method"][0]["key"], "pix");
    assert_eq!(finance["received_by_method"][0]["label"], "PIX");

    // Delivered again, the events change nothing.
    let incremental = all_rollups(&t, &owner).await;
    assert!(!incremental.is_empty());
    for (kind, field, value) in [
        ("TicketResolved", "ticket_id", &morning.first_ticket),
        ("OpportunityWon", "opportunity_id", &morning.won_deal),
        ("PaymentReceived", "payment_id", &morning.payment),
    ] {
        t.redeliver(analytics::dashboard::rollup::JOB, kind, field, value).await;
    }
    t.drain_jobs().await;
    assert_eq!(all_rollups(&t, &owner).await, incremental, "a redelivery counted twice");

    // A rebuild from the records finds exactly what the events built.
    let rebuilt = server::ops::rebuild_analytics(&t.app, Some(&owner.tenant_id)).await.unwrap();
    assert!(rebuilt[0].1 >= 9, "{rebuilt:?}");
    assert_eq!(all_rollups(&t, &owner).await, incremental);
}

#[tokio::test]
async fn each_role_sees_its_own_section_and_numbers_and_no_company_sees_another() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    t.set_plan(&owner, "pro").await;
    let agent = t.add_user(&owner, "agent").await;
    let sales = t.add_user(&owner, "sales").await;
    let finance = t.add_user(&owner, "finance").await;
    let first = a_morning(&t, &owner).await.first_ticket;
    // One conversation is the agent's.
    let (s, b) = t
        .post(
            &format!("/api/v1/tickets/{first}/transfer"),
            Some(&owner.token),
            json!({"assignee_id": agent.user_id}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    t.drain_jobs().await;

    let (s, mine) = t.get("/api/v1/dashboard/support", &agent.token).await;
    assert_eq!(s, StatusCode::OK, "{mine}");
    assert_eq!(mine["scope"], "own");
    assert_eq!(mine["opened"]["current"], 1, "only the agent's ticket: {mine}");
    let (_, all) = t.get("/api/v1/dashboard/support", &owner.token).await;
    assert_eq!(all["opened"]["current"], 2);

    let (s, own_sales) = t.get("/api/v1/dashboard/sales", &sales.token).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(own_sales["scope"], "own");
    assert_eq!(own_sales["created"]["current"], 0, "the owner's deals are not the salesperson's");

    for (who, path, status) in [
        (&agent, "/api/v1/dashboard/sales", StatusCode::FORBIDDEN),
        (&agent, "/api/v1/dashboard/finance", StatusCode::FORBIDDEN),
        (&agent, "/api/v1/dashboard/agents", StatusCode::FORBIDDEN),
        (&sales, "/api/v1/dashboard/support", StatusCode::FORBIDDEN),
        (&sales, "/api/v1/dashboard/finance", StatusCode::FORBIDDEN),
        (&finance, "/api/v1/dashboard/support", StatusCode::FORBIDDEN),
        (&finance, "/api/v1/dashboard/sales", StatusCode::FORBIDDEN),
        (&finance, "/api/v1/dashboard/finance", StatusCode::OK),
        (&owner, "/api/v1/dashboard/agents", StatusCode::OK),
    ] {
        let (s, b) = t.get(path, &who.token).await;
        assert_eq!(s, status, "{} {path}: {b}", who.email);
    }
    let (_, board) = t.get("/api/v1/dashboard/agents?period=7d", &owner.token).await;
    let names: Vec<&str> =
        board["agents"].as_array().unwrap().iter().map(|a| a["user_id"].as_str().unwrap()).collect();
    assert!(names.contains(&agent.user_id.as_str()), "{board}");

    // Another company starts from zero.
    let beta = t.signup("Beta").await;
    let (_, theirs) = t.get("/api/v1/dashboard/support", &beta.token).await;
    assert_eq!(theirs["opened"]["current"], 0, "{theirs}");
    let (_, theirs) = t.get("/api/v1/dashboard/finance", &beta.token).await;
    assert_eq!(theirs["received_cents"]["current"], 0);
}

#[tokio::test]
async fn a_bad_period_is_refused_field_by_field() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, b) = t.get("/api/v1/dashboard/support?period=custom", &owner.token).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["from", "to"]);
    let (s, b) =
        t.get("/api/v1/dashboard/support?period=custom&from=2026-12-05&to=2026-12-01", &owner.token).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "to");
    let (s, b) = t.get("/api/v1/dashboard/support?period=ano", &owner.token).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let (s, b) =
        t.get("/api/v1/dashboard/sales?period=custom&from=2026-11-01&to=2026-11-30", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["range"]["previous_from"], "2026-10-02");
    assert_eq!(b["daily"].as_array().unwrap().len(), 30);
}

#[tokio::test]
async fn the_dashboard_reads_on_the_read_connection_which_refuses_writes() {
    // DATABASE_READ_URL names the same database here; its sessions are read-only, as a replica's are.
    let t = TestApp::spawn_with(|c| c.database_read_url = Some(c.database_url.clone())).await;
    let owner = t.signup("Alfa").await;
    let public = webchat(&t, &owner).await;
    new_ticket(&t, &owner, &public, "Bom dia, preciso de ajuda").await;
    t.drain_jobs().await;
    for section in ["support", "sales", "finance", "agents"] {
        let (s, b) = t.get(&format!("/api/v1/dashboard/{section}"), &owner.token).await;
        assert_eq!(s, StatusCode::OK, "{section}: {b}");
    }
    let (_, support) = t.get("/api/v1/dashboard/support", &owner.token).await;
    assert_eq!(support["opened"]["current"], 1);
    let tenant: uuid::Uuid = owner.tenant_id.parse().unwrap();
    let mut tx = kernel::tenant::TenantTx::begin(&t.app.read_db, tenant).await.unwrap();
    let write = sqlx::query("delete from analytics_daily").execute(&mut *tx).await;
    assert!(write.unwrap_err().to_string().contains("read-only"), "the read pool cannot write");
}
