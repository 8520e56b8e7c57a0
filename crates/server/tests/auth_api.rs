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
async fn after_logout_the_same_access_token_is_refused_at_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (_, other) = t.login(&owner.email, PASSWORD).await;
    let other = t.actor(&owner.email, &other).await;
    let (s, _) = t.get("/api/v1/me", &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t.post("/api/v1/auth/logout", None, json!({"refresh_token": owner.refresh})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, b) = t.get("/api/v1/me", &owner.token).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{b}");
    assert_eq!(b["status"], 401);
    let (s, _) = t.get("/api/v1/me", &other.token).await;
    assert_eq!(s, StatusCode::OK, "another login of the same user goes on");
    // A token refreshed from a logged-out login is no way back in either.
    let (s, _) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": owner.refresh})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_password_change_ends_every_other_login_at_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (_, stolen) = t.login(&owner.email, PASSWORD).await;
    let stolen = t.actor(&owner.email, &stolen).await;
    let change = |current: &str| json!({"current_password": current, "new_password": "outra-senha-2026"});
    let (s, b) = t.post("/api/v1/me/password", Some(&owner.token), change("senha-errada-1")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(b["errors"][0]["field"], "current_password");
    let (s, _) = t.get("/api/v1/me", &stolen.token).await;
    assert_eq!(s, StatusCode::OK, "a refused change ends nothing");

    let (s, b) = t.post("/api/v1/me/password", Some(&owner.token), change(PASSWORD)).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
    let (s, _) = t.get("/api/v1/me", &stolen.token).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "the other login's access token ends at once");
    let (s, _) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": stolen.refresh})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = t.get("/api/v1/me", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "the login that changed it stays");
    let (s, _) = t.login(&owner.email, PASSWORD).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = t.login(&owner.email, "outra-senha-2026").await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn a_password_reset_ends_access_tokens_at_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, _) = t.post("/api/v1/auth/forgot-password", None, json!({"email": owner.email})).await;
    assert_eq!(s, StatusCode::ACCEPTED);
    t.drain_jobs().await;
    let token = t.last_link_token("/redefinir-senha/");
    let (s, _) = t
        .post("/api/v1/auth/reset-password", None, json!({"token": token, "password": "outra-senha-2026"}))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = t.get("/api/v1/me", &owner.token).await;
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
async fn signup_with_a_taken_email_answers_the_same_and_mails_the_owner_instead() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let fresh = format!("novo-{}@gama.com.br", uuid::Uuid::now_v7().simple());
    let signup = |email: &str, company: &str| json!({"company_name": company, "name": "B", "email": email, "password": "outra-senha-2026"});
    let (s_taken, b_taken) = t.post("/api/v1/auth/signup", None, signup(&owner.email, "Beta")).await;
    let (s_free, b_free) = t.post("/api/v1/auth/signup", None, signup(&fresh, "Gama")).await;
    assert_eq!((s_taken, s_free), (StatusCode::ACCEPTED, StatusCode::ACCEPTED));
    assert_eq!(b_taken, b_free, "the answer does not tell which address had an account");
    t.drain_jobs().await;
    let mails = t.outbox();
    let to_owner: Vec<_> =
        mails.iter().filter(|m| m.contains(&owner.email) && m.contains("Tentativa de cadastro")).collect();
    assert_eq!(to_owner.len(), 1, "the existing address is told, by e-mail only");
    assert!(!to_owner[0].contains("/confirmar-email/"));
    let mut admin = t.db.admin().await;
    let companies: i64 =
        sqlx::query_scalar("select count(*) from companies").fetch_one(&mut admin).await.unwrap();
    assert_eq!(companies, 2, "Alfa and Gama; no company for the taken address");
    let (s, _) = t.login(&owner.email, "outra-senha-2026").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "the existing account is untouched");
}

#[tokio::test]
async fn invitation_and_reset_links_never_rest_in_clear_in_the_job_queue() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let invitee = format!("convidado-{}@alfa.com.br", uuid::Uuid::now_v7().simple());
    let (s, b) =
        t.post("/api/v1/invitations", Some(&owner.token), json!({"email": invitee, "role": "agent"})).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (s, _) = t.post("/api/v1/auth/forgot-password", None, json!({"email": owner.email})).await;
    assert_eq!(s, StatusCode::ACCEPTED);
    // Read the queue before the jobs run (and again after): no payload
    // holds a token, though the mails do.
    let mut admin = t.db.admin().await;
    let payloads = |rows: Vec<String>| rows.join("\n");
    let before: Vec<String> =
        sqlx::query_scalar("select payload::text from jobs").fetch_all(&mut admin).await.unwrap();
    t.drain_jobs().await;
    let invitation = t.last_link_token("/convite/");
    let reset = t.last_link_token("/redefinir-senha/");
    let after: Vec<String> =
        sqlx::query_scalar("select payload::text from jobs").fetch_all(&mut admin).await.unwrap();
    for text in [payloads(before), payloads(after)] {
        for token in [&invitation, &reset] {
            let secret = token.rsplit('.').next().unwrap();
            assert!(!text.contains(secret), "a token rests in jobs.payload");
        }
        assert!(!text.contains("/convite/") && !text.contains("/redefinir-senha/"), "{text}");
    }
    let (s, _) = t
        .post("/api/v1/auth/reset-password", None, json!({"token": reset, "password": "outra-senha-2026"}))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "the mailed link still works");
}

#[tokio::test]
async fn inviting_an_address_of_another_company_answers_as_usual_and_sends_no_link() {
    let t = TestApp::spawn().await;
    let alfa = t.signup("Alfa").await;
    let beta = t.signup("Beta").await;
    let (s, b) =
        t.post("/api/v1/invitations", Some(&alfa.token), json!({"email": beta.email, "role": "agent"})).await;
    assert_eq!(s, StatusCode::CREATED, "the answer does not tell that the address exists: {b}");
    let fresh = format!("livre-{}@alfa.com.br", uuid::Uuid::now_v7().simple());
    let (s, _) =
        t.post("/api/v1/invitations", Some(&alfa.token), json!({"email": fresh, "role": "agent"})).await;
    assert_eq!(s, StatusCode::CREATED);
    t.drain_jobs().await;
    let to_beta: Vec<_> =
        t.outbox().into_iter().filter(|m| m.contains(&beta.email) && m.contains("Convite")).collect();
    assert_eq!(to_beta.len(), 1);
    assert!(!to_beta[0].replace("=\r\n", "").contains("/convite/"), "no link for an address in use");
    let (s, b) =
        t.post("/api/v1/invitations", Some(&alfa.token), json!({"email": alfa.email, "role": "agent"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "our own users may be named: {b}");
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
    let resets = t.outbox().into_iter().filter(|m| m.contains("/redefinir-senha/")).count();
    assert_eq!(resets, 1, "only the real account got mail");
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

async fn login_statuses(t: &TestApp, forwarded_for: &[&str]) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for xff in forwarded_for {
        let res = t
            .http
            .post(t.url("/api/v1/auth/login"))
            .header("x-forwarded-for", *xff)
            .json(&json!({"email": "a@b.com.br", "password": "x"}))
            .send()
            .await
            .unwrap();
        statuses.push(res.status());
    }
    statuses
}

#[tokio::test]
async fn a_forged_forwarded_for_does_not_escape_the_rate_limit() {
    let t = TestApp::spawn_with(|c| c.auth_rate_limit_per_minute = 2).await;
    let statuses = login_statuses(&t, &["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"]).await;
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(), 2, "{statuses:?}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_limit_and_cannot_forge_another() {
    let t = TestApp::spawn_with(|c| {
        c.auth_rate_limit_per_minute = 2;
        c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    // Two clients behind our proxy (the test's own address): two quotas.
    let statuses =
        login_statuses(&t, &["198.51.100.1", "198.51.100.1", "198.51.100.2", "198.51.100.2"]).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{statuses:?}");
    // The first client prepends made-up hops: the proxy's entry (the
    // rightmost untrusted one) still names it, so it stays limited.
    let statuses = login_statuses(&t, &["9.9.9.9, 198.51.100.1", "8.8.8.8, 198.51.100.1"]).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
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
async fn reloading_the_app_never_uses_up_the_sign_in_attempts() {
    let t = TestApp::spawn_with(|c| c.auth_rate_limit_per_minute = 3).await;
    let owner = t.signup("Alfa").await;
    // A dozen reloads (each renews the login) from the same address…
    let mut refresh = owner.refresh.clone();
    for _ in 0..12 {
        let (s, pair) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": refresh})).await;
        assert_eq!(s, StatusCode::OK, "{pair}");
        refresh = pair["refresh_token"].as_str().unwrap().to_owned();
    }
    // …and a person can still sign in there.
    let res = t
        .http
        .post(t.url("/api/v1/auth/login"))
        .json(&json!({"email": "nobody@exemplo.com.br", "password": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // Renewing has a limit of its own (20× the sign-in one here: 60 a minute).
    let mut limited = false;
    for _ in 0..60 {
        let (s, _) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": "garbage"})).await;
        if s == StatusCode::TOO_MANY_REQUESTS {
            limited = true;
            break;
        }
    }
    assert!(limited, "guessing refresh tokens is limited too");
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

#[tokio::test]
async fn every_response_carries_a_csp_and_production_adds_hsts() {
    let t = TestApp::spawn().await;
    let csp = |res: &reqwest::Response| {
        res.headers()
            .get("content-security-policy")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    for path in ["/", "/entrar", "/widget.js"] {
        let res = t.http.get(t.url(path)).send().await.unwrap();
        let policy = csp(&res);
        assert!(policy.contains("script-src 'self'"), "{path}: {policy}");
        assert!(policy.contains("connect-src 'self' ws://127.0.0.1:3001;"), "{path}: {policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{path}: {policy}");
        assert!(!res.headers().contains_key("strict-transport-security"), "no HSTS in development");
    }
    for path in ["/api/v1/plans", "/api/v1/nothing-here", "/hooks/stripe/x", "/api/v1/me"] {
        let res = t.http.get(t.url(path)).send().await.unwrap();
        assert!(csp(&res).starts_with("default-src 'none'"), "{path}: {}", csp(&res));
    }
    // The widget's public endpoints still answer other origins.
    let res = t
        .http
        .request(reqwest::Method::OPTIONS, t.url("/api/v1/public/webchat/messages"))
        .header("origin", "https://loja.example.com.br")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "x-visitor-token,content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["access-control-allow-origin"], "https://loja.example.com.br");

    let t = TestApp::spawn_with(|c| c.production = true).await;
    for path in ["/", "/api/v1/plans"] {
        let res = t.http.get(t.url(path)).send().await.unwrap();
        assert_eq!(
            res.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
}
