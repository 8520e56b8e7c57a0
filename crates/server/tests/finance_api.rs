//! Finance through the HTTP API: contracts issue invoices and
//! subscriptions, payments settle them (by hand and from signed gateway
//! webhooks), refunds, credit, late fees, PIX, dunning, isolation.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::fakes::{ASAAS_KEY, Providers, STRIPE_KEY};
use common::{Actor, TestApp, assert_isolated};
use serde_json::{Value, json};

fn today() -> chrono::NaiveDate {
    Utc::now().with_timezone(&chrono_tz::America::Sao_Paulo).date_naive()
}

async fn customer(t: &TestApp, who: &Actor, name: &str) -> String {
    let (s, c) = t
        .post(
            "/api/v1/customers",
            Some(&who.token),
            json!({"kind": "person", "name": name, "document": "529.982.247-25", "emails": ["cliente@exemplo.com.br"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c["id"].as_str().unwrap().to_string()
}

async fn invoice(
    t: &TestApp,
    who: &Actor,
    customer: &str,
    cents: i64,
    issue: chrono::NaiveDate,
    due: chrono::NaiveDate,
) -> Value {
    let (s, inv) = t
        .post(
            "/api/v1/invoices",
            Some(&who.token),
            json!({"customer_id": customer, "issue_date": issue, "due_date": due, "description": "Serviços",
                   "items": [{"description": "Consultoria", "quantity": 1, "unit_price_cents": cents}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    inv
}

fn fields(b: &Value) -> Vec<String> {
    let mut f: Vec<String> = b["errors"]
        .as_array()
        .map(|a| a.iter().map(|e| e["field"].as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    f.sort();
    f
}

#[tokio::test]
async fn a_signed_contract_issues_its_one_time_invoice_and_a_subscription_that_catches_up() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, "Padaria Pão Quente").await;
    // Started three months ago: the subscription bills the three missed periods and this one.
    let start = today().checked_sub_months(chrono::Months::new(3)).unwrap();
    let (s, k) = t
        .post(
            "/api/v1/contracts",
            Some(&owner.token),
            json!({"customer_id": c, "title": "Sistema de caixa", "start_date": start,
                   "items": [{"description": "Implantação", "quantity": 1, "unit_price_cents": 150000, "billing": "one_time"},
                             {"description": "Licença mensal", "quantity": 2, "unit_price_cents": 9990, "billing": "monthly"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    let id = k["id"].as_str().unwrap();
    let (s, _) = t.post(&format!("/api/v1/contracts/{id}/sign"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    // Redelivering the event changes nothing.
    let mut admin = t.db.admin().await;
    sqlx::query("update outbox_events set dispatched_at = null where kind = 'ContractSigned'")
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query("delete from jobs where kind = 'finance.bill_signed_contract'")
        .execute(&mut admin)
        .await
        .unwrap();
    t.drain_jobs().await;

    let (_, list) = t.get(&format!("/api/v1/invoices?contract_id={id}&limit=50"), &owner.token).await;
    let items = list["items"].as_array().unwrap();
    let once: Vec<&Value> = items.iter().filter(|i| i["subscription_id"].is_null()).collect();
    assert_eq!(once.len(), 1, "one once-only invoice: {list}");
    assert_eq!(once[0]["total_cents"], 150000);
    let periodic: Vec<&Value> = items.iter().filter(|i| !i["subscription_id"].is_null()).collect();
    assert_eq!(periodic.len(), 4, "three missed periods and the current one");
    assert!(periodic.iter().all(|i| i["total_cents"] == 19980));
    let mut numbers: Vec<i64> = items.iter().map(|i| i["number"].as_i64().unwrap()).collect();
    numbers.sort();
    assert_eq!(numbers, (1..=5).collect::<Vec<_>>(), "gapless numbering");
    let mut starts: Vec<&str> = periodic.iter().map(|i| i["period_start"].as_str().unwrap()).collect();
    starts.sort();
    starts.dedup();
    assert_eq!(starts.len(), 4, "never a period twice");

    let (_, subs) = t.get("/api/v1/subscriptions?status=active", &owner.token).await;
    let sub = &subs["items"][0];
    assert_eq!(sub["contract_id"], id);
    assert_eq!(sub["mrr_cents"], 19980);
    // Billing again does nothing new.
    let sub_id = sub["id"].as_str().unwrap().to_string();
    sqlx::query("update jobs set run_at = now() where kind = 'finance.bill_subscription'")
        .execute(&mut admin)
        .await
        .unwrap();
    t.drain_jobs().await;
    let (_, again) = t.get(&format!("/api/v1/invoices?subscription_id={sub_id}"), &owner.token).await;
    assert_eq!(again["items"].as_array().unwrap().len(), 4);

    // Cancelling the contract stops the subscription.
    let (s, _) = t
        .post(
            &format!("/api/v1/contracts/{id}/cancel"),
            Some(&owner.token),
            json!({"reason": "Fechou a loja"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let (_, sub) = t.get(&format!("/api/v1/subscriptions/{sub_id}"), &owner.token).await;
    assert_eq!(sub["status"], "cancelled");
    let (_, summary) = t.get("/api/v1/finance/summary", &owner.token).await;
    assert_eq!(summary["mrr_cents"], 0);
    assert_eq!(summary["churned_mrr_cents"], 19980);

    // The customer's timeline tells the story.
    let (_, timeline) = t.get(&format!("/api/v1/customers/{c}/timeline"), &owner.token).await;
    let text = timeline.to_string();
    assert!(text.contains("Fatura FAT-0001 emitida"), "{timeline}");
    assert!(text.contains("Assinatura iniciada"));
}

#[tokio::test]
async fn payments_partial_over_credit_refund_and_their_bad_input() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, "Maria").await;
    let inv = invoice(&t, &owner, &c, 10000, today(), today() + Duration::days(10)).await;
    let id = inv["id"].as_str().unwrap();
    assert_eq!(inv["status"], "open");
    assert_eq!(inv["amount_due_cents"], 10000);

    let (s, b) = t
        .post("/api/v1/payments", Some(&owner.token), json!({"invoice_ids": [id], "method": "pix", "amount_cents": 0, "received_on": today() + Duration::days(1)}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&b), ["amount_cents", "received_on"]);

    let (s, p1) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [id], "method": "pix", "amount_cents": 4000}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p1}");
    let (_, inv) = t.get(&format!("/api/v1/invoices/{id}"), &owner.token).await;
    assert_eq!(
        (inv["status"].as_str(), inv["amount_due_cents"].as_i64()),
        (Some("partially_paid"), Some(6000))
    );
    let (s, p2) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"customer_id": c, "method": "transfer", "amount_cents": 8000}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p2}");
    assert_eq!(p2["credited_cents"], 2000, "overpayment becomes credit");
    let (_, inv) = t.get(&format!("/api/v1/invoices/{id}"), &owner.token).await;
    assert_eq!(inv["status"], "paid");
    assert_eq!(inv["paid_cents"], 10000);
    let (_, credit) = t.get(&format!("/api/v1/customers/{c}/credit"), &owner.token).await;
    assert_eq!(credit["balance_cents"], 2000);
    // A receipt for the money received.
    let res = t
        .http
        .get(t.url(&format!("/api/v1/payments/{}/receipt", p2["id"].as_str().unwrap())))
        .bearer_auth(&owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let text = common::pdf_text(&res.bytes().await.unwrap());
    common::assert_contains_all("the receipt PDF", &text, &["Maria", &common::brl(8000)]);

    // Paying a paid invoice, or cancelling it, is a conflict.
    let (s, _) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [id], "method": "cash", "amount_cents": 100}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) =
        t.post(&format!("/api/v1/invoices/{id}/cancel"), Some(&owner.token), json!({"reason": "erro"})).await;
    assert_eq!(s, StatusCode::CONFLICT);

    // Refunds: never above what is left; credit goes first, then the invoice.
    let p2id = p2["id"].as_str().unwrap();
    let (s, b) = t
        .post(
            &format!("/api/v1/payments/{p2id}/refund"),
            Some(&owner.token),
            json!({"amount_cents": 8001, "reason": "devolução"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let (s, p2) = t
        .post(
            &format!("/api/v1/payments/{p2id}/refund"),
            Some(&owner.token),
            json!({"amount_cents": 3000, "reason": "devolução"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{p2}");
    assert_eq!(p2["refunded_cents"], 3000);
    let (_, credit) = t.get(&format!("/api/v1/customers/{c}/credit"), &owner.token).await;
    assert_eq!(credit["balance_cents"], 0);
    let (_, inv) = t.get(&format!("/api/v1/invoices/{id}"), &owner.token).await;
    assert_eq!(inv["refunded_cents"], 1000);
    let (s, _) = t
        .post(&format!("/api/v1/payments/{p2id}/refund"), Some(&owner.token), json!({"reason": "resto"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let p1id = p1["id"].as_str().unwrap();
    let (s, _) = t
        .post(&format!("/api/v1/payments/{p1id}/refund"), Some(&owner.token), json!({"reason": "tudo"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, inv) = t.get(&format!("/api/v1/invoices/{id}"), &owner.token).await;
    assert_eq!(inv["status"], "refunded");

    // A cancelled invoice takes no money.
    let other = invoice(&t, &owner, &c, 5000, today(), today()).await;
    let oid = other["id"].as_str().unwrap();
    let (s, _) = t
        .post(&format!("/api/v1/invoices/{oid}/cancel"), Some(&owner.token), json!({"reason": "duplicada"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, b) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [oid], "method": "pix", "amount_cents": 5000}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert!(b["detail"].as_str().unwrap().contains("cancelada"));
}

#[tokio::test]
async fn two_people_registering_the_same_payment_at_once_count_it_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, "João").await;
    let inv = invoice(&t, &owner, &c, 25000, today(), today() + Duration::days(3)).await;
    let id = inv["id"].as_str().unwrap();
    let body = json!({"invoice_ids": [id], "method": "pix", "amount_cents": 25000});
    let (a, b) = tokio::join!(
        t.post("/api/v1/payments", Some(&owner.token), body.clone()),
        t.post("/api/v1/payments", Some(&owner.token), body.clone())
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT], "{} / {}", a.1, b.1);
    let (_, inv) = t.get(&format!("/api/v1/invoices/{id}"), &owner.token).await;
    assert_eq!(inv["paid_cents"], 25000);
    // The same Idempotency-Key replays the first answer instead of paying twice.
    let inv2 = invoice(&t, &owner, &c, 1000, today(), today()).await;
    let body = json!({"invoice_ids": [inv2["id"]], "method": "cash", "amount_cents": 1000});
    let send = || {
        t.http
            .post(t.url("/api/v1/payments"))
            .bearer_auth(&owner.token)
            .header("Idempotency-Key", "pag-1")
            .json(&body)
            .send()
    };
    let first = send().await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let second = send().await.unwrap();
    assert_eq!(second.headers().get("idempotent-replayed").unwrap(), "true");
    let (_, pays) =
        t.get(&format!("/api/v1/payments?invoice_id={}", inv2["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(pays["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn late_fees_follow_the_policy_and_never_pass_the_legal_caps() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, "Ana").await;
    let (s, b) = t
        .patch(
            "/api/v1/finance/settings",
            &owner.token,
            json!({"fine_bp": 500, "interest_bp_month": 101, "pix_key": "123"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&b), ["fine_bp", "interest_bp_month", "pix_key"]);
    // 15 days late on R$ 1.000,00: 2 % fine + 0,5 % interest.
    let inv =
        invoice(&t, &owner, &c, 100000, today() - Duration::days(30), today() - Duration::days(15)).await;
    assert_eq!(inv["status"], "overdue");
    assert_eq!(inv["fees_due_cents"], 2500);
    assert_eq!(inv["amount_due_cents"], 102500);
    let (_, list) = t.get("/api/v1/invoices?status=overdue", &owner.token).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let (_, r) = t.get("/api/v1/finance/receivables", &owner.token).await;
    assert_eq!(r["overdue_1_30"]["total_cents"], 100000, "{r}");
    // A company can charge less, not more.
    let (s, _) = t
        .patch("/api/v1/finance/settings", &owner.token, json!({"fine_bp": 100, "interest_bp_month": 0}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, inv) = t.get(&format!("/api/v1/invoices/{}", inv["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(inv["amount_due_cents"], 101000);
    // Paying what is due today settles it, fees included.
    let (s, _) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [inv["id"]], "method": "pix", "amount_cents": 101000}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, inv) = t.get(&format!("/api/v1/invoices/{}", inv["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!((inv["status"].as_str(), inv["late_fee_cents"].as_i64()), (Some("paid"), Some(1000)));
}

#[tokio::test]
async fn pix_code_public_page_and_links_of_other_companies() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa Ltda").await;
    let c = customer(&t, &owner, "Ana").await;
    let inv = invoice(&t, &owner, &c, 12990, today(), today() + Duration::days(5)).await;
    let id = inv["id"].as_str().unwrap();
    let (s, _) = t.get(&format!("/api/v1/invoices/{id}/pix"), &owner.token).await;
    assert_eq!(s, StatusCode::CONFLICT, "no PIX key yet");
    let (s, cfg) = t
        .patch(
            "/api/v1/finance/settings",
            &owner.token,
            json!({"pix_key": "529.982.247-25", "merchant_city": "São Paulo"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{cfg}");
    assert_eq!((cfg["pix_key"].as_str(), cfg["pix_key_kind"].as_str()), (Some("52998224725"), Some("cpf")));
    let (s, pix) = t.get(&format!("/api/v1/invoices/{id}/pix"), &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{pix}");
    let decoded = payments::pix::decode(pix["payload"].as_str().unwrap()).unwrap();
    assert_eq!(decoded.amount_cents, Some(12990));
    assert_eq!(decoded.key, "52998224725");
    assert!(pix["qr_svg"].as_str().unwrap().contains("<svg"));

    let (_, link) = t.get(&format!("/api/v1/invoices/{id}/link"), &owner.token).await;
    let link = link["link"].as_str().unwrap();
    let token = link.rsplit('/').next().unwrap();
    let (s, page) =
        t.call(reqwest::Method::GET, &format!("/api/v1/public/invoices/{token}"), None, None).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    assert_eq!(page["pix"]["payload"], pix["payload"]);
    assert_eq!(page["card_available"], false);
    let res = t.http.get(t.url(&format!("/api/v1/public/invoices/{token}/pdf"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let text = common::pdf_text(&res.bytes().await.unwrap());
    let number = inv["label"].as_str().unwrap();
    common::assert_contains_all(
        "the invoice PDF",
        &text,
        &[number, "Alfa Ltda", "Ana", "Consultoria", "R$ 129,90"],
    );
    // A tampered tag, or this invoice under another company's id, is 404.
    let other = t.signup("Beta").await;
    let mut bad = token.to_string();
    bad.replace_range(bad.len() - 1.., if bad.ends_with('0') { "1" } else { "0" });
    let swapped = token.replacen(&owner.tenant_id, &other.tenant_id, 1);
    for tok in [bad.as_str(), swapped.as_str(), "x.y.z"] {
        let (s, _) =
            t.call(reqwest::Method::GET, &format!("/api/v1/public/invoices/{tok}"), None, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{tok}");
    }
}

#[tokio::test]
async fn stripe_checkout_and_signed_webhooks_settle_once_and_refuse_forgeries() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let fake = Providers::start().await;
    let base = fake.base.clone();
    let (s, gw) = t
        .post(
            "/api/v1/finance/gateways",
            Some(&owner.token),
            json!({"provider": "stripe", "api_key": STRIPE_KEY, "base_url": base}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "Stripe needs its signing secret: {gw}");
    let secret = "whsec_test_secret_123";
    let (s, gw) = t
        .post(
            "/api/v1/finance/gateways",
            Some(&owner.token),
            json!({"provider": "stripe", "api_key": STRIPE_KEY, "webhook_secret": secret, "base_url": base}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{gw}");
    assert_eq!(gw["key_hint"], "p7dc");
    assert!(gw.get("api_key").is_none());
    let gid = gw["id"].as_str().unwrap();
    // Sealed at rest: the key is not in the row in clear.
    let mut admin = t.db.admin().await;
    let raw: Vec<u8> =
        sqlx::query_scalar("select credentials from payment_gateways").fetch_one(&mut admin).await.unwrap();
    assert!(!String::from_utf8_lossy(&raw).contains("sk_test"));
    let (_, test) =
        t.post(&format!("/api/v1/finance/gateways/{gid}/test"), Some(&owner.token), json!({})).await;
    assert_eq!(test["ok"], true, "{test}");

    let c = customer(&t, &owner, "Cliente Cartão").await;
    let inv = invoice(&t, &owner, &c, 12990, today(), today() + Duration::days(5)).await;
    let id = inv["id"].as_str().unwrap();
    let (s, charged) =
        t.post(&format!("/api/v1/invoices/{id}/charge"), Some(&owner.token), json!({"method": "card"})).await;
    assert_eq!(s, StatusCode::OK, "{charged}");
    assert_eq!(charged["card_url"], "https://checkout.stripe.com/c/pay/cs_test_1");
    {
        let seen = fake.to("/v1/checkout/sessions");
        let (key, body) = (&seen[0].idempotency_key, &seen[0].body);
        assert!(!key.is_empty(), "an Idempotency-Key is sent");
        assert!(body.contains("unit_amount%5D=12990") || body.contains("unit_amount]=12990"), "{body}");
        assert!(body.contains(id), "the invoice id travels in the metadata: {body}");
    }

    let hook = format!("/hooks/stripe/{}.{gid}", owner.tenant_id);
    let event = |evt: &str, kind: &str, object: Value| {
        json!({"id": evt, "object": "event", "type": kind, "created": Utc::now().timestamp(), "data": {"object": object}}).to_string()
    };
    let succeeded = event(
        "evt_1",
        "payment_intent.succeeded",
        json!({"id": "pi_test_1", "object": "payment_intent", "amount": 12990, "amount_received": 12990, "metadata": {"invoice_id": id}}),
    );
    let sign = |body: &str, ts: i64| payments::stripe::signature_header(body.as_bytes(), secret, ts);
    // Forged or stale: 401 and nothing stored.
    let (s, _) = t
        .post_raw_json(
            &hook,
            &[(
                "stripe-signature",
                payments::stripe::signature_header(
                    succeeded.as_bytes(),
                    "whsec_wrong",
                    Utc::now().timestamp(),
                ),
            )],
            &succeeded,
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = t.post_raw_json(&hook, &[], &succeeded).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = t
        .post_raw_json(
            &hook,
            &[("stripe-signature", sign(&succeeded, Utc::now().timestamp() - 3600))],
            &succeeded,
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let stored: i64 =
        sqlx::query_scalar("select count(*) from inbox_events").fetch_one(&mut admin).await.unwrap();
    assert_eq!(stored, 0);
    // Delivered twice: one payment.
    for _ in 0..2 {
        let (s, body) = t
            .post_raw_json(
                &hook,
                &[("stripe-signature", sign(&succeeded, Utc::now().timestamp()))],
                &succeeded,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{body}");
    }
    t.drain_jobs().await;
    let (_, inv) = t.get(&format!("/api/v1/invoices/{id}"), &owner.token).await;
    assert_eq!(inv["status"], "paid");
    let (_, pays) = t.get(&format!("/api/v1/payments?invoice_id={id}"), &owner.token).await;
    assert_eq!(pays["items"].as_array().unwrap().len(), 1);
    assert_eq!(pays["items"][0]["method"], "card");

    // A refund event carries the running total: replays and older totals change nothing.
    let refunded = |evt: &str, total: i64| {
        event(
            evt,
            "charge.refunded",
            json!({"id": "ch_1", "object": "charge", "payment_intent": "pi_test_1", "amount": 12990, "amount_refunded": total, "metadata": {"invoice_id": id}}),
        )
    };
    for (evt, total) in [("evt_r1", 2990), ("evt_r1", 2990), ("evt_r2", 12990), ("evt_r0", 1000)] {
        let body = refunded(evt, total);
        let (s, _) =
            t.post_raw_json(&hook, &[("stripe-signature", sign(&body, Utc::now().timestamp()))], &body).await;
        assert_eq!(s, StatusCode::OK);
    }
    t.drain_jobs().await;
    let (_, inv) = t.get(&format!("/api/v1/invoices/{id}"), &owner.token).await;
    assert_eq!((inv["status"].as_str(), inv["refunded_cents"].as_i64()), (Some("refunded"), Some(12990)));

    // A payment that does not match what is due is held for a person.
    let inv2 = invoice(&t, &owner, &c, 5000, today(), today() + Duration::days(5)).await;
    let id2 = inv2["id"].as_str().unwrap();
    let short = event(
        "evt_2",
        "payment_intent.succeeded",
        json!({"id": "pi_2", "object": "payment_intent", "amount": 4000, "amount_received": 4000, "metadata": {"invoice_id": id2}}),
    );
    let (s, _) =
        t.post_raw_json(&hook, &[("stripe-signature", sign(&short, Utc::now().timestamp()))], &short).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let (_, inv2) = t.get(&format!("/api/v1/invoices/{id2}"), &owner.token).await;
    assert_eq!(inv2["status"], "open");
    let (_, review) = t.get("/api/v1/payments?status=review", &owner.token).await;
    let held = &review["items"][0];
    assert!(held["review_reason"].as_str().unwrap().contains("diferente"), "{review}");
    let (s, accepted) = t
        .post(
            &format!("/api/v1/payments/{}/accept", held["id"].as_str().unwrap()),
            Some(&owner.token),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{accepted}");
    let (_, inv2) = t.get(&format!("/api/v1/invoices/{id2}"), &owner.token).await;
    assert_eq!(
        (inv2["status"].as_str(), inv2["amount_due_cents"].as_i64()),
        (Some("partially_paid"), Some(1000))
    );

    // Unreadable but signed: kept with the reason, 200, visible in the log.
    let junk = "{not json";
    let (s, _) =
        t.post_raw_json(&hook, &[("stripe-signature", sign(junk, Utc::now().timestamp()))], junk).await;
    assert_eq!(s, StatusCode::OK);
    let (_, log) = t.get(&format!("/api/v1/inbox?source=gateway:{gid}&status=failed"), &owner.token).await;
    assert_eq!(log["items"].as_array().unwrap().len(), 1, "{log}");
}

#[tokio::test]
async fn asaas_charge_and_webhooks_with_the_access_token_deduplicated_by_event_id() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let fake = Providers::start().await;
    let base = fake.base.clone();
    let (s, gw) = t
        .post(
            "/api/v1/finance/gateways",
            Some(&owner.token),
            json!({"provider": "asaas", "api_key": ASAAS_KEY, "base_url": base}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{gw}");
    let token = gw["webhook_secret"].as_str().expect("generated token shown once").to_string();
    let (_, list) = t.get("/api/v1/finance/gateways", &owner.token).await;
    assert!(list[0]["webhook_secret"].is_null(), "never shown again");
    let gid = gw["id"].as_str().unwrap();
    let c = customer(&t, &owner, "Cliente Boleto").await;
    let inv = invoice(&t, &owner, &c, 12990, today(), today() + Duration::days(5)).await;
    let id = inv["id"].as_str().unwrap();
    let (s, charged) = t
        .post(&format!("/api/v1/invoices/{id}/charge"), Some(&owner.token), json!({"method": "pix_boleto"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{charged}");
    assert_eq!(charged["boleto_line"], "00190000090275928800021932978170187890000005000");
    {
        let seen = fake.to("/v3/payments");
        let body = &seen[0].body;
        let body: Value = serde_json::from_str(body).unwrap();
        assert_eq!(body["billingType"], "UNDEFINED");
        assert_eq!(body["value"], 129.9);
        assert_eq!(body["externalReference"], id);
    }
    // The public page shows the gateway's PIX code for this charge.
    let (_, link) = t.get(&format!("/api/v1/invoices/{id}/link"), &owner.token).await;
    let tok = link["link"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let (_, page) = t.call(reqwest::Method::GET, &format!("/api/v1/public/invoices/{tok}"), None, None).await;
    assert_eq!(page["pix"]["source"], "gateway", "{page}");

    let hook = format!("/hooks/asaas/{}.{gid}", owner.tenant_id);
    let received = json!({"id": "evt_05b708f961d739ea7eba7e4db318f621&368604920", "event": "PAYMENT_RECEIVED", "dateCreated": "2026-11-29 10:00:00",
        "payment": {"id": "pay_080225913252", "value": 129.9, "netValue": 127.9, "status": "RECEIVED", "billingType": "PIX", "externalReference": id}}).to_string();
    let (s, _) = t.post_raw_json(&hook, &[("asaas-access-token", "errado".into())], &received).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    for _ in 0..3 {
        let (s, _) = t.post_raw_json(&hook, &[("asaas-access-token", token.clone())], &received).await;
        assert_eq!(s, StatusCode::OK);
    }
    // The same payment confirmed under another event id is still one payment.
    let confirmed = received.replace("PAYMENT_RECEIVED", "PAYMENT_CONFIRMED").replace("&368604920", "&1");
    let (s, _) = t.post_raw_json(&hook, &[("asaas-access-token", token.clone())], &confirmed).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let (_, inv) = t.get(&format!("/api/v1/invoices/{id}"), &owner.token).await;
    assert_eq!(inv["status"], "paid");
    let (_, pays) = t.get(&format!("/api/v1/payments?invoice_id={id}"), &owner.token).await;
    assert_eq!(pays["items"].as_array().unwrap().len(), 1);
    let (_, timeline) = t.get(&format!("/api/v1/customers/{c}/timeline"), &owner.token).await;
    assert!(timeline.to_string().contains("paga"), "{timeline}");
}

#[tokio::test]
async fn dunning_sends_the_due_reminder_once_and_not_for_paid_invoices() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, "Devedor").await;
    // Due four days ago: the "3 days late" step (yesterday 09:00) is due; the
    // earlier ones are stale and the 10-day one is in the future.
    let late = invoice(&t, &owner, &c, 5000, today() - Duration::days(10), today() - Duration::days(4)).await;
    let paid = invoice(&t, &owner, &c, 7000, today() - Duration::days(10), today() - Duration::days(4)).await;
    let (_, due) = t.get(&format!("/api/v1/invoices/{}", paid["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(due["amount_due_cents"], 7000 + 140 + 9, "2 % fine and 4 days of 1 % a month");
    let (s, _) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [paid["id"]], "method": "pix", "amount_cents": 7149}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    t.drain_jobs().await;
    t.drain_jobs().await;
    let reminders: Vec<String> = t.outbox().into_iter().filter(|m| m.contains("Lembrete")).collect();
    assert_eq!(reminders.len(), 1, "{reminders:?}");
    let label = late["label"].as_str().unwrap();
    assert!(reminders[0].contains(label));
}

/// The day after its due date an unpaid invoice announces `InvoiceOverdue`
/// (what automation's "fatura vencida" rules react to); a paid one does not.
#[tokio::test]
async fn an_unpaid_invoice_announces_it_is_overdue_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, "Devedor").await;
    let late = invoice(&t, &owner, &c, 5000, today() - Duration::days(10), today() - Duration::days(4)).await;
    let paid = invoice(&t, &owner, &c, 7000, today() - Duration::days(10), today() - Duration::days(4)).await;
    let (s, _) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [paid["id"]], "method": "pix", "amount_cents": 7149}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    t.drain_jobs().await;
    t.drain_jobs().await;
    let mut admin = t.db.admin().await;
    let overdue: Vec<Value> =
        sqlx::query_scalar("select payload from outbox_events where kind = 'InvoiceOverdue'")
            .fetch_all(&mut admin)
            .await
            .unwrap();
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert_eq!(overdue[0]["invoice_id"], late["id"]);
    let (_, now) = t.get(&format!("/api/v1/invoices/{}", late["id"].as_str().unwrap()), &owner.token).await;
    assert!(now["amount_due_cents"].as_i64().unwrap() > 5000, "late fees apply: {now}");
    assert_eq!(
        overdue[0]["amount_due_cents"], now["amount_due_cents"],
        "the amount due today, fees included"
    );
}

/// Issue 9.13: a company signed up with someone else's address mails no
/// reminder to anyone until the owner confirms it; once confirmed, the next
/// step is sent.
#[tokio::test]
async fn an_unconfirmed_company_sends_no_dunning_reminders() {
    let t = TestApp::spawn().await;
    let email = t.signup_unconfirmed("Alfa").await;
    let (s, pair) = t.login(&email, common::PASSWORD).await;
    assert_eq!(s, StatusCode::OK, "{pair}");
    let owner = t.actor(&email, &pair).await;
    let c = customer(&t, &owner, "Vítima").await;
    invoice(&t, &owner, &c, 5000, today() - Duration::days(10), today() - Duration::days(4)).await;
    t.drain_jobs().await;
    t.drain_jobs().await;
    assert!(!t.outbox().iter().any(|m| m.contains("Lembrete")), "a reminder went out before confirmation");
    let events: i64 =
        sqlx::query_scalar("select count(*) from outbox_events where kind = 'InvoiceReminderDue'")
            .fetch_one(&mut t.db.admin().await)
            .await
            .unwrap();
    assert_eq!(events, 0, "no WhatsApp reminder either");

    // Confirmed, the due step of a new invoice goes out.
    let token = t.last_link_token("/confirmar-email/");
    let (s, _) = t.post("/api/v1/auth/confirm-email", None, json!({"token": token})).await;
    assert_eq!(s, StatusCode::OK);
    let late = invoice(&t, &owner, &c, 6000, today() - Duration::days(10), today() - Duration::days(4)).await;
    t.drain_jobs().await;
    t.drain_jobs().await;
    let reminders: Vec<String> = t.outbox().into_iter().filter(|m| m.contains("Lembrete")).collect();
    assert_eq!(reminders.len(), 1, "{reminders:?}");
    assert!(reminders[0].contains(late["label"].as_str().unwrap()));
}

#[tokio::test]
async fn subscriptions_prorate_plan_changes_pause_and_resume() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, "Assinante").await;
    let (s, b) = t
        .post(
            "/api/v1/subscriptions",
            Some(&owner.token),
            json!({"customer_id": c, "description": "", "amount_cents": 0, "interval_months": 2}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&b), ["amount_cents", "description", "interval_months"]);
    let (s, sub) = t.post("/api/v1/subscriptions", Some(&owner.token), json!({"customer_id": c, "description": "Plano Básico", "amount_cents": 10000, "interval_months": 1})).await;
    assert_eq!(s, StatusCode::CREATED, "{sub}");
    let id = sub["id"].as_str().unwrap();
    let (_, invs) = t.get(&format!("/api/v1/invoices?subscription_id={id}"), &owner.token).await;
    assert_eq!(invs["items"].as_array().unwrap().len(), 1, "the first period is billed at once");
    let next: chrono::NaiveDate = sub["next_billing_date"].as_str().unwrap().parse().unwrap();
    let start: chrono::NaiveDate = invs["items"][0]["period_start"].as_str().unwrap().parse().unwrap();
    let (s, changed) = t
        .patch(
            &format!("/api/v1/subscriptions/{id}"),
            &owner.token,
            json!({"amount_cents": 20000, "description": "Plano Pro"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{changed}");
    let remaining = (next - today()).num_days();
    let length = (next - start).num_days();
    let expected = (10000 * remaining * 2 + length) / (2 * length);
    assert_eq!(changed["pending_adjustment_cents"], expected);
    assert_eq!(changed["mrr_cents"], 20000);
    let (s, _) = t.post(&format!("/api/v1/subscriptions/{id}/resume"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, p) = t.post(&format!("/api/v1/subscriptions/{id}/pause"), Some(&owner.token), json!({})).await;
    assert_eq!((s, p["status"].as_str()), (StatusCode::OK, Some("paused")));
    let (s, p) = t.post(&format!("/api/v1/subscriptions/{id}/resume"), Some(&owner.token), json!({})).await;
    assert_eq!((s, p["status"].as_str()), (StatusCode::OK, Some("active")));
    let (s, _) = t
        .post(&format!("/api/v1/subscriptions/{id}/cancel"), Some(&owner.token), json!({"reason": ""}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn another_company_and_other_roles_cannot_reach_finance() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let other = t.signup("Beta").await;
    let c = customer(&t, &owner, "Cliente").await;
    let inv = invoice(&t, &owner, &c, 5000, today(), today() + Duration::days(5)).await;
    let id = inv["id"].as_str().unwrap();
    let (_, pay) = t
        .post(
            "/api/v1/payments",
            Some(&owner.token),
            json!({"invoice_ids": [id], "method": "pix", "amount_cents": 1000}),
        )
        .await;
    let pid = pay["id"].as_str().unwrap();
    let (_, sub) = t
        .post(
            "/api/v1/subscriptions",
            Some(&owner.token),
            json!({"customer_id": c, "description": "Plano", "amount_cents": 1000, "interval_months": 1}),
        )
        .await;
    let sid = sub["id"].as_str().unwrap();
    let (_, gw) = t
        .post(
            "/api/v1/finance/gateways",
            Some(&owner.token),
            json!({"provider": "asaas", "api_key": "$aact_chave_de_teste_1234"}),
        )
        .await;
    let gid = gw["id"].as_str().unwrap();

    assert_isolated(&t, &other, &format!("/api/v1/invoices/{id}"), Some("/api/v1/invoices"), id, None, false)
        .await;
    assert_isolated(
        &t,
        &other,
        &format!("/api/v1/payments/{pid}"),
        Some("/api/v1/payments"),
        pid,
        None,
        false,
    )
    .await;
    assert_isolated(
        &t,
        &other,
        &format!("/api/v1/subscriptions/{sid}"),
        Some("/api/v1/subscriptions"),
        sid,
        Some(json!({"amount_cents": 5})),
        false,
    )
    .await;
    let (_, list) = t.get("/api/v1/finance/gateways", &other.token).await;
    assert_eq!(list, json!([]));
    for (path, body) in [
        (format!("/api/v1/invoices/{id}/cancel"), json!({"reason": "x"})),
        (format!("/api/v1/invoices/{id}/issue"), json!({})),
        (format!("/api/v1/invoices/{id}/send"), json!({})),
        (format!("/api/v1/invoices/{id}/charge"), json!({"method": "card"})),
        (format!("/api/v1/invoices/{id}/apply-credit"), json!({})),
        (format!("/api/v1/payments/{pid}/refund"), json!({"reason": "x"})),
        (format!("/api/v1/payments/{pid}/accept"), json!({})),
        (format!("/api/v1/subscriptions/{sid}/pause"), json!({})),
        (format!("/api/v1/subscriptions/{sid}/resume"), json!({})),
        (format!("/api/v1/subscriptions/{sid}/cancel"), json!({"reason": "x"})),
        (format!("/api/v1/finance/gateways/{gid}/test"), json!({})),
        ("/api/v1/payments".to_string(), json!({"invoice_ids": [id], "method": "pix", "amount_cents": 100})),
    ] {
        let (s, b) = t.post(&path, Some(&other.token), body).await;
        assert!(
            s == StatusCode::NOT_FOUND || s == StatusCode::UNPROCESSABLE_ENTITY,
            "POST {path} by another company: {s} {b}"
        );
    }
    for path in [
        format!("/api/v1/invoices/{id}/pdf"),
        format!("/api/v1/invoices/{id}/pix"),
        format!("/api/v1/invoices/{id}/link"),
        format!("/api/v1/customers/{c}/credit"),
        format!("/api/v1/payments/{pid}/receipt"),
        format!("/api/v1/inbox?source=gateway:{gid}"),
    ] {
        let (s, _) = t.get(&path, &other.token).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "GET {path} by another company");
    }
    let (s, _) = t.delete(&format!("/api/v1/finance/gateways/{gid}"), &other.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Another company's webhook URL with this gateway id is not this gateway.
    let (s, _) = t.post_raw_json(&format!("/hooks/asaas/{}.{gid}", other.tenant_id), &[], "{}").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Sales and support agents do not see money.
    let agent = t.add_user(&owner, "agent").await;
    let (s, _) = t.get("/api/v1/invoices", &agent.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let manager = t.add_user(&owner, "manager").await;
    let (s, _) = t.get("/api/v1/invoices", &manager.token).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t.get("/api/v1/finance/gateways", &manager.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "only admins and finance touch gateway keys");
}

#[tokio::test]
async fn a_refund_that_overtakes_its_payment_waits_for_it_and_applies_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let secret = "whsec_ordem";
    let (_, gw) = t
        .post(
            "/api/v1/finance/gateways",
            Some(&owner.token),
            json!({"provider": "stripe", "api_key": "sk_test_ordem_12345678", "webhook_secret": secret}),
        )
        .await;
    let hook = format!("/hooks/stripe/{}.{}", owner.tenant_id, gw["id"].as_str().unwrap());
    let c = customer(&t, &owner, "Cliente").await;
    let inv = invoice(&t, &owner, &c, 20000, today(), today() + Duration::days(5)).await;
    let id = inv["id"].as_str().unwrap();
    let t = &t;
    let send = |evt: &str, kind: &str, object: Value| {
        let body = json!({"id": evt, "object": "event", "type": kind, "created": Utc::now().timestamp(), "data": {"object": object}}).to_string();
        let sig = payments::stripe::signature_header(body.as_bytes(), secret, Utc::now().timestamp());
        let hook = hook.clone();
        async move { t.post_raw_json(&hook, &[("stripe-signature", sig)], &body).await }
    };
    let (s, _) = send("evt_ref", "charge.refunded", json!({"id": "ch_9", "object": "charge", "payment_intent": "pi_9", "amount": 20000, "amount_refunded": 5000})).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    let (s, _) = send("evt_pay", "payment_intent.succeeded", json!({"id": "pi_9", "object": "payment_intent", "amount": 20000, "amount_received": 20000, "metadata": {"invoice_id": id}})).await;
    assert_eq!(s, StatusCode::OK);
    t.drain_jobs().await;
    // The refund's job was put back for later; its time comes.
    let mut admin = t.db.admin().await;
    sqlx::query("update jobs set run_at = now() where kind = 'finance.process_webhook' and done_at is null")
        .execute(&mut admin)
        .await
        .unwrap();
    t.drain_jobs().await;
    let (_, pays) = t.get(&format!("/api/v1/payments?invoice_id={id}"), &owner.token).await;
    assert_eq!(pays["items"].as_array().unwrap().len(), 1);
    assert_eq!(pays["items"][0]["refunded_cents"], 5000);
    let (_, inv) = t.get(&format!("/api/v1/invoices/{id}"), &owner.token).await;
    assert_eq!((inv["status"].as_str(), inv["refunded_cents"].as_i64()), (Some("paid"), Some(5000)));
}

/// Issue 9, SSRF: a gateway's base URL is a tenant admin's input and the
/// server sends the company's API key there. An internal listener the
/// operator did not allow is refused when saved, and a row stored before
/// the allow-list existed does not reach it on "Testar conexão", whose
/// answer names the failure class only.
#[tokio::test]
async fn a_tenant_cannot_point_a_gateway_at_an_internal_address() {
    use std::sync::atomic::Ordering;
    let (internal, seen) = common::recorder().await;
    let fake = Providers::start().await;
    let base = fake.base.clone();
    let t = TestApp::spawn_allowing_only(&base).await;
    let owner = t.signup("Alfa").await;
    let asaas = |base_url: &str| json!({"provider": "asaas", "api_key": "$aact_YTU5YTE0M2M2N2I4MTliNzk0YTI5N2U5MzdjNWZmNDQ6OjAwMDAwMDAwMDAwMDAwMDAwMDA6OiRhYWNoXzRlNTU", "base_url": base_url});
    let localhost = internal.replace("127.0.0.1", "localhost");
    for url in [
        internal.as_str(),
        localhost.as_str(),
        "http://[::ffff:127.0.0.1]:9",
        "https://api.asaas.com.evil.com",
    ] {
        let (s, b) = t.post("/api/v1/finance/gateways", Some(&owner.token), asaas(url)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{url}: {b}");
        assert_eq!(b["errors"][0]["field"], "base_url", "{b}");
        assert!(b["errors"][0]["message"].as_str().unwrap().starts_with("Endereço não permitido"), "{b}");
    }
    let (s, gw) = t.post("/api/v1/finance/gateways", Some(&owner.token), asaas(&base)).await;
    assert_eq!(s, StatusCode::CREATED, "{gw}");
    let gid = gw["id"].as_str().unwrap();

    let mut admin = t.db.admin().await;
    sqlx::query("update payment_gateways set base_url = $1 where id = $2::uuid")
        .bind(&internal)
        .bind(gid)
        .execute(&mut admin)
        .await
        .unwrap();
    let (s, b) = t.post(&format!("/api/v1/finance/gateways/{gid}/test"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["ok"], false);
    assert_eq!(b["message"], "Falhou: endereço não permitido");

    assert_eq!(seen.load(Ordering::SeqCst), 0, "the internal listener was contacted");
}

#[tokio::test]
async fn the_invoice_export_keeps_amounts_numeric_and_customer_formulas_inert() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, "-2+3+cmd|' /C calc'!A0").await;
    invoice(&t, &owner, &c, 12345, today(), today() + Duration::days(10)).await;
    let res =
        t.http.get(t.url("/api/v1/invoices/export.csv")).bearer_auth(&owner.token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| row.get(headers.iter().position(|h| h == name).unwrap()).unwrap().to_string();
    assert_eq!(cell("cliente"), "'-2+3+cmd|' /C calc'!A0");
    assert_eq!(cell("total"), "123.45", "amounts are numbers, not text");
    assert!(cell("a_pagar_hoje").parse::<f64>().is_ok());
}

#[tokio::test]
async fn testing_a_gateway_asks_the_provider_with_the_saved_key() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let fake = Providers::start().await;
    for (provider, right, wrong) in [
        ("stripe", STRIPE_KEY, "sk_test_chave_errada_00000000"),
        ("asaas", ASAAS_KEY, "$aact_chave_errada_00000000"),
    ] {
        let save = |key: &str| json!({"provider": provider, "api_key": key, "webhook_secret": "whsec_test_secret_123", "base_url": fake.base});
        let (s, gw) = t.post("/api/v1/finance/gateways", Some(&owner.token), save(wrong)).await;
        assert_eq!(s, StatusCode::CREATED, "{gw}");
        let test = format!("/api/v1/finance/gateways/{}/test", gw["id"].as_str().unwrap());
        let (s, answer) = t.post(&test, Some(&owner.token), json!({})).await;
        assert_eq!(s, StatusCode::OK, "{answer}");
        assert_eq!(answer["ok"], false, "{provider} with a wrong key: {answer}");
        assert!(!answer.to_string().contains(wrong), "the key is not echoed: {answer}");
        let (s, _) = t.post("/api/v1/finance/gateways", Some(&owner.token), save(right)).await;
        assert_eq!(s, StatusCode::CREATED);
        let (_, answer) = t.post(&test, Some(&owner.token), json!({})).await;
        assert_eq!(answer["ok"], true, "{provider} with its key: {answer}");
    }
}

#[tokio::test]
async fn an_asaas_webhook_without_its_access_token_is_refused_and_stores_nothing() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (_, gw) = t
        .post(
            "/api/v1/finance/gateways",
            Some(&owner.token),
            json!({"provider": "asaas", "api_key": ASAAS_KEY}),
        )
        .await;
    let hook = format!("/hooks/asaas/{}.{}", owner.tenant_id, gw["id"].as_str().unwrap());
    let body =
        json!({"id": "evt_sem_token", "event": "PAYMENT_RECEIVED", "payment": {"id": "pay_1", "value": 1.0}})
            .to_string();
    let (s, _) = t.post_raw_json(&hook, &[], &body).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = t.post_raw_json(&hook, &[("asaas-access-token", String::new())], &body).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let stored: i64 = sqlx::query_scalar("select count(*) from inbox_events")
        .fetch_one(&mut t.db.admin().await)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

/// Issue 13: with "e-mail on issue" on, an invoice goes to the customer
/// with its PDF as soon as it is issued; off (the default), only by hand.
#[tokio::test]
async fn an_invoice_is_emailed_on_issue_only_when_the_company_asks_for_it() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, "Rita Oliveira").await;
    let quiet = invoice(&t, &owner, &c, 5000, today(), today() + Duration::days(5)).await;
    t.drain_jobs().await;
    let to_customer = || -> Vec<String> {
        t.outbox().into_iter().filter(|m| m.contains("cliente@exemplo.com.br")).collect()
    };
    assert!(to_customer().is_empty(), "off by default");
    let (s, b) = t.patch("/api/v1/finance/settings", &owner.token, json!({"email_on_issue": true})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["email_on_issue"], true);
    let sent = invoice(&t, &owner, &c, 7000, today(), today() + Duration::days(5)).await;
    t.drain_jobs().await;
    t.drain_jobs().await;
    let mails = to_customer();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].contains(sent["label"].as_str().unwrap()), "the new invoice");
    assert!(!mails[0].contains(quiet["label"].as_str().unwrap()));
    assert!(mails[0].contains("application/pdf"), "with its PDF");
}
