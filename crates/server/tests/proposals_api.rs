//! Proposals and contracts: pricing on the server, sending with a PDF and a
//! public link, acceptance without login, versions, expiry, isolation.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Actor, TestApp, assert_isolated};
use reqwest::StatusCode;
use serde_json::{Value, json};

struct Deal {
    customer: String,
    opportunity: String,
    product: String,
    pipeline: Value,
}

async fn deal(t: &TestApp, who: &Actor) -> Deal {
    t.drain_jobs().await;
    let (_, pipelines) = t.get("/api/v1/pipelines", &who.token).await;
    let pipeline = pipelines[0].clone();
    let (_, c) = t
        .post("/api/v1/customers", Some(&who.token), json!({"kind": "company", "name": "Padaria Pão Quente", "document": "11.222.333/0001-81", "emails": ["compras@paoquente.com.br"]}))
        .await;
    let (_, o) = t
        .post("/api/v1/opportunities", Some(&who.token), json!({"customer_id": c["id"], "pipeline_id": pipeline["id"], "title": "Sistema de caixa", "value_cents": 500000}))
        .await;
    let (_, p) = t
        .post("/api/v1/products", Some(&who.token), json!({"sku": "SUP-M", "name": "Suporte mensal", "unit": "mês", "price_cents": 19990, "billing": "monthly"}))
        .await;
    Deal {
        customer: c["id"].as_str().unwrap().into(),
        opportunity: o["id"].as_str().unwrap().into(),
        product: p["id"].as_str().unwrap().into(),
        pipeline,
    }
}

fn proposal_body(d: &Deal) -> Value {
    json!({
        "customer_id": d.customer, "opportunity_id": d.opportunity, "title": "Implantação do sistema de caixa",
        "terms": "Pagamento em 15 dias.", "discount_bp": 500,
        "items": [
            {"description": "Implantação", "unit": "h", "quantity": 1.5, "unit_price_cents": 19999, "discount_bp": 1000},
            {"product_id": d.product, "quantity": 1}
        ]
    })
}

#[tokio::test]
async fn totals_are_computed_on_the_server_and_bad_lines_are_named() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let d = deal(&t, &owner).await;
    let (s, p) = t.post("/api/v1/proposals", Some(&owner.token), proposal_body(&d)).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    assert_eq!(p["number"], 1);
    assert_eq!(p["status"], "draft");
    assert_eq!(p["items"][0]["total_cents"], 26999);
    assert_eq!(p["items"][1]["description"], "Suporte mensal", "catalogue fills the line");
    assert_eq!(p["items"][1]["billing"], "monthly");
    assert_eq!(p["subtotal_cents"], 26999 + 19990);
    assert_eq!(p["one_time_cents"], 25649);
    assert_eq!(p["recurring_cents"], 18990);
    assert_eq!(p["total_cents"], 25649 + 18990);
    assert_eq!(p["recurrence"], "monthly");
    let (s, b) = t
        .post(
            "/api/v1/proposals",
            Some(&owner.token),
            json!({"customer_id": d.customer, "title": "", "discount_bp": 12000, "items": [
                {"description": "x", "quantity": -1, "unit_price_cents": 100},
                {"description": "y", "quantity": 1, "unit_price_cents": -5, "discount_bp": 20000},
                {"quantity": 1},
                {"product_id": d.product, "quantity": 1, "billing": "yearly"},
                {"product_id": d.product, "quantity": 1}
            ]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "discount_bp",
            "items.0.quantity",
            "items.1.discount_bp",
            "items.1.unit_price_cents",
            "items.2.description",
            "items.2.unit_price_cents",
            "items.4.billing",
            "title"
        ]
    );
    let (_, list) = t.get("/api/v1/proposals", &owner.token).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "the bad proposal wrote nothing");
}

#[tokio::test]
async fn send_view_accept_creates_a_signed_contract_and_wins_the_deal() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let d = deal(&t, &owner).await;
    let (_, p) = t.post("/api/v1/proposals", Some(&owner.token), proposal_body(&d)).await;
    let id = p["id"].as_str().unwrap();
    let res = t
        .http
        .get(t.url(&format!("/api/v1/proposals/{id}/pdf")))
        .bearer_auth(&owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let text = common::pdf_text(&res.bytes().await.unwrap());
    let total = common::brl(p["total_cents"].as_i64().unwrap());
    common::assert_contains_all(
        "the proposal PDF",
        &text,
        &[
            "Implantação do sistema de caixa",
            "Padaria Pão Quente",
            "Suporte mensal",
            "Pagamento em 15 dias.",
            &total,
        ],
    );
    let (s, sent) = t.post(&format!("/api/v1/proposals/{id}/send"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{sent}");
    assert_eq!(sent["proposal"]["status"], "sent");
    let url = sent["public_url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap().to_string();
    t.drain_jobs().await;
    let mail =
        t.outbox().into_iter().find(|m| m.contains("compras@paoquente.com.br")).expect("proposal e-mail");
    assert!(mail.contains("application/pdf") && mail.contains("PROP-0001.pdf"), "PDF attached");
    // The customer, without logging in.
    let (s, public) =
        t.call(reqwest::Method::GET, &format!("/api/v1/public/proposals/{token}"), None, None).await;
    assert_eq!(s, StatusCode::OK, "{public}");
    assert_eq!(public["status"], "viewed");
    assert_eq!(public["company_name"], "Alfa");
    assert_eq!(public["total_cents"], p["total_cents"]);
    let res = t.http.get(t.url(&format!("/api/v1/public/proposals/{token}/pdf"))).send().await.unwrap();
    let text = common::pdf_text(&res.bytes().await.unwrap());
    common::assert_contains_all("the public proposal PDF", &text, &["Padaria Pão Quente", &total]);
    let (s, b) =
        t.post(&format!("/api/v1/public/proposals/{token}/accept"), None, json!({"name": "Rita"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    // A forged X-Forwarded-For from a peer that is no proxy of ours is not
    // what gets recorded.
    let res = t
        .http
        .post(t.url(&format!("/api/v1/public/proposals/{token}/accept")))
        .header("x-forwarded-for", "203.0.113.66")
        .json(&json!({"name": "Rita Oliveira", "document": "529.982.247-25"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let (_, accepted) = t.get(&format!("/api/v1/proposals/{id}"), &owner.token).await;
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["accepted_name"], "Rita Oliveira");
    assert_eq!(accepted["accepted_document"], "52998224725");
    assert_eq!(accepted["accepted_ip"], "127.0.0.1");
    let (_, contracts) = t.get(&format!("/api/v1/contracts?customer_id={}", d.customer), &owner.token).await;
    let k = &contracts["items"][0];
    assert_eq!(accepted["contract_id"], k["id"]);
    let (_, by_number) = t.get("/api/v1/proposals?q=prop-0001", &owner.token).await;
    assert_eq!(by_number["items"][0]["id"], id);
    assert_eq!(k["status"], "active");
    assert_eq!(k["proposal_id"], id);
    assert_eq!(k["recurrence"], "monthly");
    assert_eq!(k["recurring_cents"], 18990);
    assert_eq!(k["one_time_cents"], 25649);
    let (_, o) = t.get(&format!("/api/v1/opportunities/{}", d.opportunity), &owner.token).await;
    assert_eq!(o["status"], "won");
    let won = d.pipeline["stages"].as_array().unwrap().iter().find(|s| s["kind"] == "won").unwrap();
    assert_eq!(o["stage_id"], won["id"]);
    let mut admin = t.db.admin().await;
    let signed: Value = sqlx::query_scalar("select payload from outbox_events where kind = 'ContractSigned'")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(signed["contract_id"], k["id"]);
    assert_eq!(signed["recurring_cents"], 18990);
    // A decided proposal cannot be decided again, nor edited.
    let (s, _) = t
        .post(
            &format!("/api/v1/public/proposals/{token}/accept"),
            None,
            json!({"name": "Rita Oliveira", "email": "rita@x.com.br"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = t
        .post(&format!("/api/v1/public/proposals/{token}/reject"), None, json!({"reason": "mudei de ideia"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = t.patch(&format!("/api/v1/proposals/{id}"), &owner.token, json!({"title": "Outra"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    t.drain_jobs().await;
    let (_, timeline) = t.get(&format!("/api/v1/customers/{}/timeline", d.customer), &owner.token).await;
    let kinds: Vec<&str> =
        timeline["items"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for k in ["proposal.created", "proposal.sent", "proposal.viewed", "proposal.accepted", "ContractSigned"] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
}

#[tokio::test]
async fn editing_a_sent_proposal_keeps_the_old_version_and_kills_the_old_link() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let d = deal(&t, &owner).await;
    let (_, p) = t.post("/api/v1/proposals", Some(&owner.token), proposal_body(&d)).await;
    let id = p["id"].as_str().unwrap();
    let (_, sent) = t
        .post(
            &format!("/api/v1/proposals/{id}/send"),
            Some(&owner.token),
            json!({"to": "outro@paoquente.com.br"}),
        )
        .await;
    let old_token = sent["public_url"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let (s, edited) =
        t.patch(&format!("/api/v1/proposals/{id}"), &owner.token, json!({"discount_bp": 0})).await;
    assert_eq!(s, StatusCode::OK, "{edited}");
    assert_eq!(edited["revision"], 2);
    assert_eq!(edited["status"], "draft");
    assert_eq!(edited["total_cents"], 26999 + 19990);
    let (_, versions) = t.get(&format!("/api/v1/proposals/{id}/versions"), &owner.token).await;
    assert_eq!(versions[0]["revision"], 1);
    assert_eq!(versions[0]["snapshot"]["discount_bp"], 500);
    let (s, _) =
        t.call(reqwest::Method::GET, &format!("/api/v1/public/proposals/{old_token}"), None, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "the link of the replaced version is dead");
}

#[tokio::test]
async fn wrong_tampered_or_other_company_tokens_are_404_and_expired_ones_cannot_be_accepted() {
    let t = TestApp::spawn().await;
    let a = t.signup("Alfa").await;
    let b = t.signup("Beta").await;
    let d = deal(&t, &a).await;
    let (_, p) = t.post("/api/v1/proposals", Some(&a.token), proposal_body(&d)).await;
    let id = p["id"].as_str().unwrap();
    let (_, sent) = t.post(&format!("/api/v1/proposals/{id}/send"), Some(&a.token), json!({})).await;
    let token = sent["public_url"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let parts: Vec<&str> = token.splitn(3, '.').collect();
    let mut tampered_secret = parts[2].to_string();
    tampered_secret.replace_range(0..1, if parts[2].starts_with('A') { "B" } else { "A" });
    let bad = [
        "nonsense".to_string(),
        format!("{}.{}.{}", parts[0], parts[1], tampered_secret),
        format!("{}.{}.{}", b.tenant_id, parts[1], parts[2]),
    ];
    for token in &bad {
        let (s, body) =
            t.call(reqwest::Method::GET, &format!("/api/v1/public/proposals/{token}"), None, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{token}: {body}");
        let (s, _) = t
            .post(
                &format!("/api/v1/public/proposals/{token}/accept"),
                None,
                json!({"name": "Fulano de Tal", "email": "f@x.com.br"}),
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
    // Past its validity the proposal expires and refuses acceptance.
    let mut admin = t.db.admin().await;
    sqlx::query("update proposals set valid_until = current_date - 2 where id = $1::uuid")
        .bind(id)
        .execute(&mut admin)
        .await
        .unwrap();
    let (s, b2) = t
        .post(
            &format!("/api/v1/public/proposals/{token}/accept"),
            None,
            json!({"name": "Fulano de Tal", "email": "f@x.com.br"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{b2}");
    let (_, p) = t.get(&format!("/api/v1/proposals/{id}"), &a.token).await;
    assert_eq!(p["status"], "expired");
    let (_, contracts) = t.get("/api/v1/contracts", &a.token).await;
    assert!(contracts["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn the_expiry_job_expires_unanswered_proposals() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let d = deal(&t, &owner).await;
    let (_, p) = t.post("/api/v1/proposals", Some(&owner.token), proposal_body(&d)).await;
    let id = p["id"].as_str().unwrap();
    t.post(&format!("/api/v1/proposals/{id}/send"), Some(&owner.token), json!({})).await;
    let mut admin = t.db.admin().await;
    sqlx::query("update proposals set valid_until = current_date - 2 where id = $1::uuid")
        .bind(id)
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query("update jobs set run_at = now() where kind = 'crm.expire_proposal'")
        .execute(&mut admin)
        .await
        .unwrap();
    t.drain_jobs().await;
    let (_, p) = t.get(&format!("/api/v1/proposals/{id}"), &owner.token).await;
    assert_eq!(p["status"], "expired");
}

#[tokio::test]
async fn contracts_by_hand_sign_and_cancel_with_events() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let d = deal(&t, &owner).await;
    let (s, b) = t
        .post("/api/v1/contracts", Some(&owner.token), json!({"customer_id": d.customer, "title": "", "start_date": "2026-12-01", "billing_day": 40, "term_months": 0, "items": []}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    fields.sort();
    assert_eq!(fields, ["billing_day", "items", "term_months", "title"]);
    let (s, k) = t
        .post("/api/v1/contracts", Some(&owner.token), json!({"customer_id": d.customer, "title": "Suporte 2027", "start_date": "2027-01-31", "term_months": 12, "items": [{"product_id": d.product, "quantity": 2}]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    assert_eq!(k["status"], "draft");
    assert_eq!(k["billing_day"], 31);
    assert_eq!(k["recurring_cents"], 39980);
    let id = k["id"].as_str().unwrap();
    let (s, b) = t.patch(&format!("/api/v1/contracts/{id}"), &owner.token, json!({"billing_day": 0})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "billing_day");
    let (s, k) = t
        .patch(&format!("/api/v1/contracts/{id}"), &owner.token, json!({"title": "Suporte 2027 (revisado)", "billing_day": 10, "items": [{"product_id": d.product, "quantity": 3}]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{k}");
    assert_eq!(k["billing_day"], 10);
    assert_eq!(k["recurring_cents"], 59970);
    let (s, k) = t.post(&format!("/api/v1/contracts/{id}/sign"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t.patch(&format!("/api/v1/contracts/{id}"), &owner.token, json!({"title": "Outro"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "a signed contract does not change");
    assert_eq!(k["status"], "active");
    assert!(k["signed_at"].is_string());
    let (s, _) = t.post(&format!("/api/v1/contracts/{id}/sign"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) =
        t.post(&format!("/api/v1/contracts/{id}/cancel"), Some(&owner.token), json!({"reason": ""})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, k) = t
        .post(
            &format!("/api/v1/contracts/{id}/cancel"),
            Some(&owner.token),
            json!({"reason": "Cliente fechou a loja"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(k["status"], "cancelled");
    let mut admin = t.db.admin().await;
    let kinds: Vec<String> = sqlx::query_scalar(
        "select kind from outbox_events where kind in ('ContractSigned', 'ContractCancelled') order by id",
    )
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert_eq!(kinds, ["ContractSigned", "ContractCancelled"]);
}

#[tokio::test]
async fn another_company_cannot_reach_proposals_or_contracts() {
    let t = TestApp::spawn().await;
    let a = t.signup("Alfa").await;
    let b = t.signup("Beta").await;
    let d = deal(&t, &a).await;
    let (_, p) = t.post("/api/v1/proposals", Some(&a.token), proposal_body(&d)).await;
    let pid = p["id"].as_str().unwrap();
    assert_isolated(
        &t,
        &b,
        &format!("/api/v1/proposals/{pid}"),
        Some("/api/v1/proposals"),
        pid,
        Some(json!({"title": "x"})),
        true,
    )
    .await;
    for path in [format!("/api/v1/proposals/{pid}/pdf"), format!("/api/v1/proposals/{pid}/versions")] {
        let (s, _) = t.get(&path, &b.token).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
    }
    let (s, _) = t.post(&format!("/api/v1/proposals/{pid}/send"), Some(&b.token), json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, body) = t.post("/api/v1/proposals", Some(&b.token), proposal_body(&d)).await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "B cannot propose to A's customer with A's product: {body}"
    );
    let (_, k) = t
        .post("/api/v1/contracts", Some(&a.token), json!({"customer_id": d.customer, "title": "Suporte", "start_date": "2027-01-01", "items": [{"description": "Suporte", "quantity": 1, "unit_price_cents": 100}]}))
        .await;
    let kid = k["id"].as_str().unwrap();
    assert_isolated(&t, &b, &format!("/api/v1/contracts/{kid}"), Some("/api/v1/contracts"), kid, None, false)
        .await;
    for action in ["sign", "cancel", "suspend", "resume", "end"] {
        let (s, _) = t
            .post(&format!("/api/v1/contracts/{kid}/{action}"), Some(&b.token), json!({"reason": "x"}))
            .await;
        assert!(s == StatusCode::NOT_FOUND || s == StatusCode::UNPROCESSABLE_ENTITY, "{action}: {s}");
        assert_ne!(s, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_retried_send_with_the_same_idempotency_key_sends_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let d = deal(&t, &owner).await;
    let (_, p) = t.post("/api/v1/proposals", Some(&owner.token), proposal_body(&d)).await;
    let id = p["id"].as_str().unwrap();
    let send = |key: &'static str, body: Value| {
        t.http
            .post(t.url(&format!("/api/v1/proposals/{id}/send")))
            .bearer_auth(&owner.token)
            .header("idempotency-key", key)
            .json(&body)
            .send()
    };
    let first = send("envio-1", json!({})).await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.unwrap();
    let again = send("envio-1", json!({})).await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["public_url"], first["public_url"], "the same link, not a new one");
    let other = send("envio-1", json!({"to": "outra@paoquente.com.br"})).await.unwrap();
    assert_eq!(other.status(), StatusCode::UNPROCESSABLE_ENTITY, "a key belongs to one request");
    t.drain_jobs().await;
    let mails = t.outbox().into_iter().filter(|m| m.contains("PROP-0001.pdf")).count();
    assert_eq!(mails, 1, "one e-mail for the retried send");
    // The first link still works: the retry did not replace it.
    let token = first["public_url"].as_str().unwrap().rsplit('/').next().unwrap();
    let (s, _) = t.call(reqwest::Method::GET, &format!("/api/v1/public/proposals/{token}"), None, None).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn a_company_sends_nothing_to_customers_before_the_owner_confirms_the_email() {
    let t = TestApp::spawn().await;
    let email = t.signup_unconfirmed("Alfa").await;
    let (s, pair) = t.login(&email, common::PASSWORD).await;
    assert_eq!(s, StatusCode::OK, "the owner may sign in and set things up");
    let owner = t.actor(&email, &pair).await;
    let d = deal(&t, &owner).await;
    let (s, p) = t.post("/api/v1/proposals", Some(&owner.token), proposal_body(&d)).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let send = format!("/api/v1/proposals/{}/send", p["id"].as_str().unwrap());
    let (s, b) = t.post(&send, Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    assert!(b["detail"].as_str().unwrap().contains("Confirme o e-mail"), "{b}");
    let random = uuid::Uuid::now_v7();
    let (s, _) = t.post(&format!("/api/v1/invoices/{random}/send"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "invoices wait for the confirmation too");

    let token = t.last_link_token("/confirmar-email/");
    let (s, _) = t.post("/api/v1/auth/confirm-email", None, json!({"token": token})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, b) = t.post(&send, Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "after the confirmation: {b}");
    let (s, _) = t.post("/api/v1/auth/confirm-email", None, json!({"token": token})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "the link works once");
}

#[tokio::test]
async fn a_sent_proposals_link_can_be_copied_and_shared_again_until_a_new_send_replaces_it() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let d = deal(&t, &owner).await;
    let (_, p) = t.post("/api/v1/proposals", Some(&owner.token), proposal_body(&d)).await;
    let id = p["id"].as_str().unwrap();
    let (s, b) = t.get(&format!("/api/v1/proposals/{id}/link"), &owner.token).await;
    assert_eq!(s, StatusCode::CONFLICT, "a draft has no link yet: {b}");

    let (_, sent) = t.post(&format!("/api/v1/proposals/{id}/send"), Some(&owner.token), json!({})).await;
    let first = sent["public_url"].as_str().unwrap().to_string();
    let (s, link) = t.get(&format!("/api/v1/proposals/{id}/link"), &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{link}");
    assert_eq!(link["public_url"], first.as_str(), "the same link, not a new one");
    assert!(link["whatsapp_url"].is_null(), "the customer has no phone");
    let token = first.rsplit('/').next().unwrap();
    let (s, _) = t.call(reqwest::Method::GET, &format!("/api/v1/public/proposals/{token}"), None, None).await;
    assert_eq!(s, StatusCode::OK, "copying did not replace it");

    // With a phone, a WhatsApp share link carrying the proposal's link.
    let (s, c) = t
        .patch(
            &format!("/api/v1/customers/{}", d.customer),
            &owner.token,
            json!({"phones": ["+5511987654321"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    let (_, link) = t.get(&format!("/api/v1/proposals/{id}/link"), &owner.token).await;
    let wa = link["whatsapp_url"].as_str().unwrap();
    assert!(wa.starts_with("https://wa.me/5511987654321?text="), "{wa}");
    assert!(wa.contains(&token.replace('.', "%2E")) || wa.contains(token), "{wa}");

    // Sending again replaces the link; the copy follows it.
    let (_, again) = t.post(&format!("/api/v1/proposals/{id}/send"), Some(&owner.token), json!({})).await;
    let (_, link) = t.get(&format!("/api/v1/proposals/{id}/link"), &owner.token).await;
    assert_eq!(link["public_url"], again["public_url"]);
    assert_ne!(link["public_url"], first.as_str());

    // Another company, and a role outside sales, get nothing.
    let other = t.signup("Beta").await;
    let (s, _) = t.get(&format!("/api/v1/proposals/{id}/link"), &other.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let agent = t.add_user(&owner, "agent").await;
    let (s, _) = t.get(&format!("/api/v1/proposals/{id}/link"), &agent.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
