//! Socket.IO with a real client per role: a socket hears only the events
//! its user could read through the REST API, joins a ticket's room only if
//! it may read the ticket, and is closed when its login ends.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::{Actor, TestApp, TestSocket};
use serde_json::json;

/// A web-chat visitor writes: a real ticket with a message preview.
async fn ticket_from_web_chat(t: &TestApp, owner: &Actor) -> String {
    let (s, ch) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            json!({"kind": "webchat", "name": "Site", "config": {}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ch}");
    let public = ch["public_id"].as_str().unwrap();
    let (s, session) =
        t.post(&format!("/api/v1/public/webchat/{public}/sessions"), None, json!({"name": "Ana"})).await;
    assert_eq!(s, StatusCode::CREATED, "{session}");
    let res = t
        .http
        .post(t.url("/api/v1/public/webchat/messages"))
        .header("x-visitor-token", session["token"].as_str().unwrap())
        .json(&json!({"client_id": "c1", "text": "Meu CPF é 123.456.789-09"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    t.drain_jobs().await;
    let (_, list) = t.get("/api/v1/tickets", &owner.token).await;
    list["items"][0]["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn each_role_hears_only_the_events_its_endpoints_would_show_it() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    t.set_plan(&owner, "pro").await;
    let agent = t.add_user(&owner, "agent").await;
    let sales = t.add_user(&owner, "sales").await;
    let finance = t.add_user(&owner, "finance").await;
    let mut sockets = Vec::new();
    for who in [&owner, &agent, &sales, &finance] {
        sockets.push(TestSocket::connect(&t, &who.token).await.expect("socket accepted"));
    }

    let ticket = ticket_from_web_chat(&t, &owner).await;
    // Finance and CRM events through the same outbox the domains write to.
    let tenant: uuid::Uuid = owner.tenant_id.parse().unwrap();
    let mut tx = kernel::tenant::TenantTx::begin(&t.app.db, tenant).await.unwrap();
    let (id, customer) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
    let timeline = events::Timeline {
        customer_id: customer,
        summary: "Fatura FAT-0001".into(),
        links: Default::default(),
    };
    let due_date = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let invoice = events::InvoiceIssued {
        invoice_id: id,
        number: 1,
        customer_id: customer,
        total_cents: 990,
        due_date,
        timeline,
    };
    tx.emit(&invoice).await.unwrap();
    tx.emit(&events::ProposalSent { proposal_id: id, customer_id: customer }).await.unwrap();
    tx.emit(&events::CustomerCreated { customer_id: customer, name: "Cliente".into() }).await.unwrap();
    tx.commit().await.unwrap();
    t.drain_jobs().await;

    for s in sockets.iter_mut() {
        s.collect(Duration::from_millis(800)).await;
    }
    let [o, a, s, f] =
        [0, 1, 2, 3].map(|i| sockets[i].kinds().into_iter().map(String::from).collect::<Vec<_>>());
    let has = |k: &Vec<String>, e: &str| k.iter().any(|x| x == e);
    assert!(
        has(&o, "MessageReceived") && has(&o, "InvoiceIssued") && has(&o, "ProposalSent"),
        "owner: {o:?}"
    );
    assert!(has(&a, "MessageReceived") && has(&a, "TicketCreated"), "agent: {a:?}");
    assert!(!has(&a, "InvoiceIssued") && !has(&a, "ProposalSent"), "agent: {a:?}");
    assert!(has(&s, "ProposalSent"), "sales: {s:?}");
    assert!(
        !has(&s, "MessageReceived") && !has(&s, "TicketCreated") && !has(&s, "InvoiceIssued"),
        "sales: {s:?}"
    );
    assert!(has(&f, "InvoiceIssued"), "finance: {f:?}");
    assert!(!has(&f, "MessageReceived") && !has(&f, "ProposalSent"), "finance: {f:?}");
    for k in [&o, &a, &s, &f] {
        assert!(has(k, "CustomerCreated"), "every role reads customers: {k:?}");
    }

    // A ticket's room: only who may read the ticket.
    let room = format!("ticket:{ticket}");
    assert!(sockets[1].join(&room).await, "the agent reads tickets");
    assert!(sockets[0].join(&room).await, "the owner reads tickets");
    assert!(!sockets[2].join(&room).await, "a salesperson may not read tickets");
    assert!(!sockets[3].join(&room).await, "finance may not read tickets");
    assert!(!sockets[2].join(&format!("tenant:{tenant}:support")).await, "area rooms are not joinable");
    let other = t.signup("Beta").await;
    let mut outsider = TestSocket::connect(&t, &other.token).await.unwrap();
    assert!(!outsider.join(&room).await, "another company's ticket");
}

#[tokio::test]
async fn logout_and_password_change_close_that_logins_sockets() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (_, second) = t.login(&owner.email, common::PASSWORD).await;
    let second = t.actor(&owner.email, &second).await;
    let (_, third) = t.login(&owner.email, common::PASSWORD).await;
    let third = t.actor(&owner.email, &third).await;
    let mut first_socket = TestSocket::connect(&t, &owner.token).await.unwrap();
    let mut second_socket = TestSocket::connect(&t, &second.token).await.unwrap();
    let mut third_socket = TestSocket::connect(&t, &third.token).await.unwrap();

    let (s, _) = t.post("/api/v1/auth/logout", None, json!({"refresh_token": owner.refresh})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    first_socket.collect(Duration::from_secs(2)).await;
    assert!(first_socket.closed, "the logged-out login's socket is closed");
    second_socket.collect(Duration::from_millis(300)).await;
    assert!(!second_socket.closed, "other logins keep their sockets");
    assert!(TestSocket::connect(&t, &owner.token).await.is_none(), "a logged-out token cannot connect");

    let (s, b) = t
        .post(
            "/api/v1/me/password",
            Some(&third.token),
            json!({"current_password": common::PASSWORD, "new_password": "outra-senha-2026"}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
    second_socket.collect(Duration::from_secs(2)).await;
    assert!(second_socket.closed, "a password change closes the other logins' sockets");
    third_socket.collect(Duration::from_millis(300)).await;
    assert!(!third_socket.closed, "the login that changed the password stays");
}
