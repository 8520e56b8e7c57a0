//! Sign-up, login, token rotation, logout, password reset, bad input.
#![allow(clippy::unwrap_used)]

mod common;

use common::{PASSWORD, TestApp};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn signup_then_login_refresh_rotates_and_reuse_is_rejected() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Padaria Pão Quente").await;
    let (s, me) = t.get("/api/v1/me", &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["user"]["role"], "owner");
    assert_eq!(me["company"]["name"], "Padaria Pão Quente");
    assert_eq!(me["company"]["plan_code"], "starter");

    let (s, pair) = t.login(&owner.email.to_uppercase(), PASSWORD).await;
    assert_eq!(s, StatusCode::OK, "{pair}");
    assert_eq!(pair["token_type"], "Bearer");
    assert_eq!(pair["expires_in"], 900);

    let r1 = pair["refresh_token"].as_str().unwrap();
    let (s, pair2) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": r1})).await;
    assert_eq!(s, StatusCode::OK, "{pair2}");
    let r2 = pair2["refresh_token"].as_str().unwrap();
    assert_ne!(r1, r2);
    // Reusing the rotated token is theft: rejected, and the family dies.
    let (s, b) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": r1})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{b}");
    let (s, _) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": r2})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "the family is revoked after reuse");
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, _) = t.post("/api/v1/auth/logout", None, json!({"refresh_token": owner.refresh})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": owner.refresh})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn wrong_password_unknown_email_and_bad_tokens_are_401_problems() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    for (email, password) in
        [(owner.email.as_str(), "senha-errada-123"), ("ninguem@exemplo.com.br", PASSWORD)]
    {
        let (s, b) = t.login(email, password).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert_eq!(b["status"], 401);
        assert_eq!(b["detail"], "E-mail ou senha incorretos.");
    }
    let (s, b) = t.get("/api/v1/me", "not-a-jwt").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(b["type"], "https://conectcrm.com.br/problems/unauthorized");
    let (s, _) = t.call(reqwest::Method::GET, "/api/v1/me", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let tampered = format!("{}x", owner.token);
    let (s, _) = t.get("/api/v1/me", &tampered).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": "garbage"})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signup_validates_every_field_and_writes_nothing_on_error() {
    let t = TestApp::spawn().await;
    let (s, b) = t
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": "", "name": "", "email": "x", "password": "123"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["company_name", "name", "email", "password"]);
    // Unknown field, wrong type, malformed JSON, missing content type.
    let (s, b) = t
        .post("/api/v1/auth/signup", None, json!({"company_name": "A", "name": "B", "email": "a@b.com.br", "password": PASSWORD, "plan": "enterprise"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "plan");
    let (s, b) = t.post("/api/v1/auth/login", None, json!({"email": 42, "password": "x"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "email");
    let res = t
        .http
        .post(t.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let res = t.http.post(t.url("/api/v1/auth/login")).body("email=a").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = "x".repeat(3 * 1024 * 1024);
    let res = t
        .http
        .post(t.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(format!("{{\"email\": \"{huge}\", \"password\": \"x\"}}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let mut admin = t.db.admin().await;
    let companies: i64 =
        sqlx::query_scalar("select count(*) from companies").fetch_one(&mut admin).await.unwrap();
    assert_eq!(companies, 0, "a rejected signup left a company behind");
}

#[tokio::test]
async fn duplicate_email_is_a_409_on_the_email_field() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, b) = t
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": "Beta", "name": "B", "email": owner.email, "password": PASSWORD}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(b["errors"][0]["field"], "email");
}

#[tokio::test]
async fn forgot_and_reset_password_by_single_use_link() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, _) = t.post("/api/v1/auth/forgot-password", None, json!({"email": "naoexiste@x.com.br"})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "unknown e-mails get the same answer");
    let (s, _) = t.post("/api/v1/auth/forgot-password", None, json!({"email": owner.email})).await;
    assert_eq!(s, StatusCode::ACCEPTED);
    t.drain_jobs().await;
    assert_eq!(t.outbox().len(), 1, "only the real account got mail");
    let token = t.last_link_token("/redefinir-senha/");
    let (s, b) =
        t.post("/api/v1/auth/reset-password", None, json!({"token": token, "password": "fraca"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "password");
    let (s, _) = t
        .post("/api/v1/auth/reset-password", None, json!({"token": token, "password": "nova-senha-2027"}))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, b) = t
        .post("/api/v1/auth/reset-password", None, json!({"token": token, "password": "outra-senha-2028"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "the link works once: {b}");
    assert_eq!(b["errors"][0]["field"], "token");
    assert_eq!(t.login(&owner.email, PASSWORD).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(t.login(&owner.email, "nova-senha-2027").await.0, StatusCode::OK);
    // Sessions from before the reset are over.
    let (s, _) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": owner.refresh})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn login_is_rate_limited_with_retry_after() {
    let t = TestApp::spawn_with(|c| c.auth_rate_limit_per_minute = 3).await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let res = t
            .http
            .post(t.url("/api/v1/auth/login"))
            .json(&json!({"email": "a@b.com.br", "password": "x"}))
            .send()
            .await
            .unwrap();
        statuses.push(res.status());
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(res.headers().contains_key("retry-after"));
            let body: serde_json::Value = res.json().await.unwrap();
            assert_eq!(body["status"], 429);
        }
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count(), 3);
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(), 2);
}

#[tokio::test]
async fn service_endpoints_answer() {
    let t = TestApp::spawn().await;
    assert_eq!(t.http.get(t.url("/health/live")).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(t.http.get(t.url("/health/ready")).send().await.unwrap().status(), StatusCode::OK);
    let doc: serde_json::Value =
        t.http.get(t.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/api/v1/auth/login"].is_object());
    let res = t.http.get(t.url("/api/v1/nothing-here")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = t.http.put(t.url("/api/v1/auth/login")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let res = t.http.get(t.url("/api/docs/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the API docs page");
    let res = t.http.get(t.url("/health/live")).send().await.unwrap();
    assert!(res.headers().contains_key("x-request-id"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}
