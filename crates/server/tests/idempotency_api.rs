//! The same `Idempotency-Key` sent by several requests at the same moment
//! (a client retrying before the first answer arrived): the work is done
//! once and every request gets the same answer.
#![allow(clippy::unwrap_used)]

mod common;

use common::world::World;
use common::{Actor, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

const AT_ONCE: usize = 5;

/// `AT_ONCE` POSTs of `body` to `path` with one key, started together.
async fn at_once(t: &TestApp, who: &Actor, path: &str, body: Value) -> Vec<(StatusCode, Value)> {
    let key = format!("retry-{}", uuid::Uuid::now_v7());
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..AT_ONCE {
        let req =
            t.http.post(t.url(path)).bearer_auth(&who.token).header("idempotency-key", &key).json(&body);
        set.spawn(async move {
            let res = req.send().await.unwrap();
            let status = res.status();
            (status, res.json::<Value>().await.unwrap())
        });
    }
    set.join_all().await
}

fn one_answer(answers: &[(StatusCode, Value)], expected: StatusCode) -> Value {
    for (s, b) in answers {
        assert_eq!(*s, expected, "{b}");
        assert_eq!(b, &answers[0].1, "every retry gets the first answer");
    }
    answers[0].1.clone()
}

#[tokio::test]
async fn a_refund_retried_at_once_gives_the_money_back_once() {
    let t = TestApp::spawn().await;
    let w = World::build(&t, "Alfa").await;
    let payment = &w.ids["payment"];
    let answers = at_once(
        &t,
        &w.owner,
        &format!("/api/v1/payments/{payment}/refund"),
        json!({"reason": "Pago em dobro", "amount_cents": 300}),
    )
    .await;
    let refunded = one_answer(&answers, StatusCode::OK);
    assert_eq!(refunded["refunded_cents"], 300);
    let (_, now) = t.get(&format!("/api/v1/payments/{payment}"), &w.owner.token).await;
    assert_eq!(now["refunded_cents"], 300, "{now}");
}

#[tokio::test]
async fn an_invoice_sent_at_once_by_retries_is_mailed_once() {
    let t = TestApp::spawn().await;
    let w = World::build(&t, "Alfa").await;
    t.drain_jobs().await;
    let before = t.outbox().len();
    let answers =
        at_once(&t, &w.owner, &format!("/api/v1/invoices/{}/send", w.ids["invoice"]), json!({})).await;
    one_answer(&answers, StatusCode::OK);
    t.drain_jobs().await;
    let mails: Vec<String> =
        t.outbox().into_iter().skip(before).filter(|m| m.contains("compras@quimera.com.br")).collect();
    assert_eq!(mails.len(), 1, "one e-mail to the customer, not {}", mails.len());
}

#[tokio::test]
async fn a_reply_posted_at_once_by_retries_is_one_message() {
    let t = TestApp::spawn().await;
    let w = World::build(&t, "Alfa").await;
    let ticket = &w.ids["ticket"];
    let text = "Resposta enviada uma única vez";
    let answers =
        at_once(&t, &w.owner, &format!("/api/v1/tickets/{ticket}/messages"), json!({"text": text})).await;
    let message = one_answer(&answers, StatusCode::CREATED);
    let (_, list) = t.get(&format!("/api/v1/tickets/{ticket}/messages"), &w.owner.token).await;
    let copies: Vec<&Value> =
        list["items"].as_array().unwrap().iter().filter(|m| m["text"] == text).collect();
    assert_eq!(copies.len(), 1, "{list}");
    assert_eq!(copies[0]["id"], message["id"]);
}
