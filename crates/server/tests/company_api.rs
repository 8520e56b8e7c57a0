//! Company settings, logo storage, plans, and the job queue behind e-mail.
#![allow(clippy::unwrap_used)]

mod common;

use common::{TestApp, assert_isolated};
use reqwest::StatusCode;
use serde_json::json;

const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R'];

#[tokio::test]
async fn company_settings_validate_and_persist() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, c) = t.get("/api/v1/company", &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(c["timezone"], "America/Sao_Paulo");
    assert_eq!(c["business_hours"].as_array().unwrap().len(), 5);
    let (s, b) = t
        .patch(
            "/api/v1/company",
            &owner.token,
            json!({"cnpj": "11.222.333/0001-82", "email": "x", "timezone": "Lua/Base"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["cnpj", "email", "timezone"]);
    let (s, c) = t
        .patch(
            "/api/v1/company",
            &owner.token,
            json!({
                "trade_name": "Alfa Store",
                "cnpj": "12.ABC.345/01DE-35",
                "phone": "(21) 99876-5432",
                "address": {"cep": "20040-020", "street": "Rua da Assembleia", "number": "10",
                            "district": "Centro", "city": "Rio de Janeiro", "state": "rj"},
                "business_hours": [{"weekday": 6, "opens": "09:00", "closes": "13:00"}]
            }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(c["cnpj"], "12ABC34501DE35");
    assert_eq!(c["phone"], "+5521998765432");
    assert_eq!(c["address"]["cep"], "20040020");
    assert_eq!(c["address"]["state"], "RJ");
    // null clears; absent keeps.
    let (_, c) = t.patch("/api/v1/company", &owner.token, json!({"trade_name": null})).await;
    assert!(c["trade_name"].is_null());
    assert_eq!(c["cnpj"], "12ABC34501DE35");
}

#[tokio::test]
async fn logo_upload_is_checked_stored_and_private_to_the_company() {
    let t = TestApp::spawn().await;
    let a = t.signup("Alfa").await;
    let b = t.signup("Beta").await;
    let put = |token: &str, ct: &str, body: Vec<u8>| {
        t.http
            .put(t.url("/api/v1/company/logo"))
            .bearer_auth(token.to_string())
            .header("content-type", ct.to_string())
            .body(body)
            .send()
    };
    let res = put(&a.token, "image/png", b"not a png at all".to_vec()).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = put(&a.token, "application/pdf", PNG.to_vec()).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let mut big = PNG.to_vec();
    big.resize(1024 * 1024 + 10, 0);
    let res = put(&a.token, "image/png", big).await.unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let res = put(&a.token, "image/png", PNG.to_vec()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let company: serde_json::Value = res.json().await.unwrap();
    assert_eq!(company["has_logo"], true);
    let res = t.http.get(t.url("/api/v1/company/logo")).bearer_auth(&a.token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);
    let res = t.http.get(t.url("/api/v1/company/logo")).bearer_auth(&b.token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "another company has no logo, and never sees A's");
    let (_, plan) = t.get("/api/v1/company/plan", &a.token).await;
    assert_eq!(plan["usage"]["storage_mb"], 1);
    let (s, _) = t.delete("/api/v1/company/logo", &a.token).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, plan) = t.get("/api/v1/company/plan", &a.token).await;
    assert_eq!(plan["usage"]["storage_mb"], 0);
}

#[tokio::test]
async fn each_company_reads_and_changes_only_its_own_settings() {
    let t = TestApp::spawn().await;
    let a = t.signup("Alfa").await;
    let b = t.signup("Beta").await;
    t.patch("/api/v1/company", &b.token, json!({"name": "Beta Renomeada"})).await;
    let (_, ca) = t.get("/api/v1/company", &a.token).await;
    assert_eq!(ca["name"], "Alfa");
    assert_eq!(ca["id"], a.tenant_id.as_str());
    // A user id of company A is 404 for B (reads, writes), see also team tests.
    assert_isolated(
        &t,
        &b,
        &format!("/api/v1/users/{}", a.user_id),
        None,
        &a.user_id,
        Some(json!({"name": "x"})),
        false,
    )
    .await;
}

#[tokio::test]
async fn plans_are_listed_and_only_an_operator_changes_them() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, plans) = t.call(reqwest::Method::GET, "/api/v1/plans", None, None).await;
    assert_eq!(s, StatusCode::OK);
    let codes: Vec<&str> = plans.as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["starter", "pro", "enterprise"]);
    assert_eq!(plans[0]["currency"], "BRL");
    // No plan is billed yet: not even the owner may pick one through the API.
    let (s, b) = t
        .call(
            reqwest::Method::PUT,
            "/api/v1/company/plan",
            Some(&owner.token),
            Some(json!({"plan_code": "enterprise"})),
        )
        .await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED, "{b}");
    let (_, plan) = t.get("/api/v1/company/plan", &owner.token).await;
    assert_eq!(plan["plan"]["code"], "starter");
    // An operator may, by id or by CNPJ; an unknown plan is refused.
    t.set_plan(&owner, "pro").await;
    let (_, plan) = t.get("/api/v1/company/plan", &owner.token).await;
    assert_eq!(plan["plan"]["code"], "pro");
    let (s, b) = t.patch("/api/v1/company", &owner.token, json!({"cnpj": "11.222.333/0001-81"})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    server::ops::set_plan(&t.app, "11.222.333/0001-81", "enterprise").await.unwrap();
    let (_, plan) = t.get("/api/v1/company/plan", &owner.token).await;
    assert_eq!(plan["plan"]["code"], "enterprise");
    let err = server::ops::set_plan(&t.app, &owner.tenant_id, "ouro").await.unwrap_err();
    assert!(err.to_string().contains("Plano inexistente"), "{err}");
}

#[tokio::test]
async fn failed_jobs_retry_then_die_visible_to_admins_only_of_their_company() {
    let t = TestApp::spawn().await;
    let a = t.signup("Alfa").await;
    let b = t.signup("Beta").await;
    t.enqueue_failing_job(&a, 2).await;
    t.drain_jobs().await; // first attempt fails, retry is scheduled later
    sqlx::query("update jobs set run_at = now() where dead_at is null and done_at is null")
        .execute(&mut t.db.admin().await)
        .await
        .unwrap();
    t.drain_jobs().await; // second attempt fails: dead
    let (s, dead) = t.get("/api/v1/jobs/dead", &a.token).await;
    assert_eq!(s, StatusCode::OK);
    let items = dead["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["attempts"], 2);
    assert!(items[0]["last_error"].as_str().unwrap().contains("no handler"));
    let (_, other) = t.get("/api/v1/jobs/dead", &b.token).await;
    assert!(other["items"].as_array().unwrap().is_empty());
    let id = items[0]["id"].as_i64().unwrap();
    let (s, _) = t.post(&format!("/api/v1/jobs/{id}/retry"), Some(&b.token), json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = t.post(&format!("/api/v1/jobs/{id}/retry"), Some(&a.token), json!({})).await;
    assert_eq!(s, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn two_workers_never_run_the_same_job_twice() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    for _ in 0..20 {
        t.post("/api/v1/auth/forgot-password", None, json!({"email": owner.email})).await;
    }
    let (w1, w2) = (t.app.clone(), t.app.clone());
    let run = |app: kernel::App| async move { while kernel::jobs::work_once(&app).await.unwrap() {} };
    tokio::join!(run(w1), run(w2));
    let resets = t.outbox().into_iter().filter(|m| m.contains("/redefinir-senha/")).count();
    assert_eq!(resets, 20, "each e-mail job ran exactly once");
    let mut admin = t.db.admin().await;
    let pending: i64 = sqlx::query_scalar("select count(*) from jobs where done_at is null")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(pending, 0);
}

#[tokio::test]
async fn domain_events_are_written_with_the_change_and_dispatched_after_commit() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    t.patch("/api/v1/company", &owner.token, json!({"name": "Alfa Nova"})).await;
    // A rejected change records no event.
    t.patch("/api/v1/company", &owner.token, json!({"cnpj": "1"})).await;
    let mut admin = t.db.admin().await;
    let kinds: Vec<String> =
        sqlx::query_scalar("select kind from outbox_events order by id").fetch_all(&mut admin).await.unwrap();
    assert_eq!(kinds, ["CompanyCreated", "CompanyUpdated"]);
    while kernel::outbox::dispatch_pending(&t.app).await.unwrap() > 0 {}
    let pending: i64 = sqlx::query_scalar("select count(*) from outbox_events where dispatched_at is null")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(pending, 0);
}

#[tokio::test]
async fn channels_switched_on_are_counted_and_capped_by_the_plan() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    for name in ["Site", "Loja"] {
        let (s, c) =
            t.post("/api/v1/channels", Some(&owner.token), json!({"kind": "webchat", "name": name})).await;
        assert_eq!(s, StatusCode::CREATED, "{c}");
    }
    let (_, plan) = t.get("/api/v1/company/plan", &owner.token).await;
    assert_eq!(plan["usage"]["channels"], 2, "{plan}");
    let (s, b) =
        t.post("/api/v1/channels", Some(&owner.token), json!({"kind": "webchat", "name": "Blog"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    assert_eq!(b["limit"], "channels");
    assert_eq!(b["max"], 2);
    // A channel created switched off does not count; switching it on does.
    let (s, off) = t
        .post(
            "/api/v1/channels",
            Some(&owner.token),
            json!({"kind": "webchat", "name": "Blog", "enabled": false}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{off}");
    let (s, b) = t
        .patch(
            &format!("/api/v1/channels/{}", off["id"].as_str().unwrap()),
            &owner.token,
            json!({"kind": "webchat", "name": "Blog", "enabled": true}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    t.set_plan(&owner, "pro").await;
    let (s, b) = t
        .patch(
            &format!("/api/v1/channels/{}", off["id"].as_str().unwrap()),
            &owner.token,
            json!({"kind": "webchat", "name": "Blog", "enabled": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (_, plan) = t.get("/api/v1/company/plan", &owner.token).await;
    assert_eq!(plan["usage"]["channels"], 3);
}
