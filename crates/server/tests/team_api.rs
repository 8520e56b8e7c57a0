//! Team: invitations, roles, deactivation, plan limits, tenant isolation.
#![allow(clippy::unwrap_used)]

mod common;

use common::{PASSWORD, TestApp, assert_isolated};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn invited_agent_accepts_logs_in_and_is_refused_admin_actions() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let agent = t.add_user(&owner, "agent").await;
    let (_, me) = t.get("/api/v1/me", &agent.token).await;
    assert_eq!(me["user"]["role"], "agent");
    assert_eq!(me["company"]["id"], owner.tenant_id.as_str());
    assert_eq!(t.login(&agent.email, PASSWORD).await.0, StatusCode::OK);
    // The link works once.
    let token = t.last_link_token("/convite/");
    let (s, _) = t.call(reqwest::Method::GET, &format!("/api/v1/auth/invitations/{token}"), None, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // An agent may not manage the team or the company.
    let (s, b) = t
        .post("/api/v1/invitations", Some(&agent.token), json!({"email": "x@y.com.br", "role": "agent"}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    let (s, _) =
        t.patch(&format!("/api/v1/users/{}", owner.user_id), &agent.token, json!({"role": "agent"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = t.patch("/api/v1/company", &agent.token, json!({"name": "Hack"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = t.get("/api/v1/invitations", &agent.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn invitation_preview_shows_company_and_bad_links_are_404() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Clínica Sorriso").await;
    let (s, inv) = t
        .post(
            "/api/v1/invitations",
            Some(&owner.token),
            json!({"email": "Bia@Sorriso.com.br", "role": "sales"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(inv["email"], "bia@sorriso.com.br");
    t.drain_jobs().await;
    let token = t.last_link_token("/convite/");
    let (s, p) = t.call(reqwest::Method::GET, &format!("/api/v1/auth/invitations/{token}"), None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(p["company_name"], "Clínica Sorriso");
    assert_eq!(p["role"], "sales");
    let mut tampered = token.clone();
    tampered.pop();
    tampered.push(if token.ends_with('A') { 'B' } else { 'A' });
    for bad in [tampered.as_str(), "nonsense"] {
        let (s, _) =
            t.call(reqwest::Method::GET, &format!("/api/v1/auth/invitations/{bad}"), None, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
    // Revoked invitations stop working.
    let (s, _) =
        t.delete(&format!("/api/v1/invitations/{}", inv["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = t
        .post(
            "/api/v1/auth/invitations/accept",
            None,
            json!({"token": token, "name": "Bia", "password": PASSWORD}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn deactivated_user_is_locked_out_at_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let agent = t.add_user(&owner, "agent").await;
    let (s, u) =
        t.patch(&format!("/api/v1/users/{}", agent.user_id), &owner.token, json!({"active": false})).await;
    assert_eq!(s, StatusCode::OK, "{u}");
    assert_eq!(u["active"], false);
    let (s, _) = t.get("/api/v1/me", &agent.token).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "a still-valid access token stops working");
    let (s, _) = t.post("/api/v1/auth/refresh", None, json!({"refresh_token": agent.refresh})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(t.login(&agent.email, PASSWORD).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn role_changes_apply_and_the_last_owner_is_protected() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let admin = t.add_user(&owner, "admin").await;
    let (s, u) =
        t.patch(&format!("/api/v1/users/{}", admin.user_id), &owner.token, json!({"role": "finance"})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(u["role"], "finance");
    let (_, me) = t.get("/api/v1/me", &admin.token).await;
    assert_eq!(me["user"]["role"], "finance", "the role comes from the database, not the old token");
    let (s, b) =
        t.patch(&format!("/api/v1/users/{}", owner.user_id), &owner.token, json!({"role": "admin"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    let (s, _) =
        t.patch(&format!("/api/v1/users/{}", owner.user_id), &owner.token, json!({"active": false})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, b) =
        t.patch(&format!("/api/v1/users/{}", owner.user_id), &owner.token, json!({"role": "chefe"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "role");
}

#[tokio::test]
async fn plan_user_limit_names_the_limit() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await; // starter: 3 users
    t.add_user(&owner, "agent").await;
    let (s, _) = t
        .post("/api/v1/invitations", Some(&owner.token), json!({"email": "c@alfa.com.br", "role": "sales"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, b) = t
        .post("/api/v1/invitations", Some(&owner.token), json!({"email": "d@alfa.com.br", "role": "sales"}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    assert_eq!(b["limit"], "users");
    assert_eq!(b["max"], 3);
    assert_eq!(b["plan"], "starter");
    let (s, p) = t.get("/api/v1/company/plan", &owner.token).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(p["usage"]["users"], 2);
    // Upgrading (by an operator) makes room.
    t.set_plan(&owner, "pro").await;
    let (s, _) = t
        .post("/api/v1/invitations", Some(&owner.token), json!({"email": "d@alfa.com.br", "role": "sales"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
}

#[tokio::test]
async fn duplicate_invitations_and_existing_users_conflict() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, _) = t
        .post("/api/v1/invitations", Some(&owner.token), json!({"email": "x@alfa.com.br", "role": "agent"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, b) = t
        .post("/api/v1/invitations", Some(&owner.token), json!({"email": "x@alfa.com.br", "role": "agent"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(b["errors"][0]["field"], "email");
    let (s, _) = t
        .post("/api/v1/invitations", Some(&owner.token), json!({"email": owner.email, "role": "agent"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, b) = t
        .post("/api/v1/invitations", Some(&owner.token), json!({"email": "y@alfa.com.br", "role": "owner"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "role");
}

#[tokio::test]
async fn another_company_cannot_see_or_touch_users_or_invitations() {
    let t = TestApp::spawn().await;
    let a = t.signup("Alfa").await;
    let b = t.signup("Beta").await;
    let agent = t.add_user(&a, "agent").await;
    assert_isolated(
        &t,
        &b,
        &format!("/api/v1/users/{}", agent.user_id),
        Some("/api/v1/users"),
        &agent.user_id,
        Some(json!({"active": false})),
        false,
    )
    .await;
    let (_, inv) = t
        .post("/api/v1/invitations", Some(&a.token), json!({"email": "z@alfa.com.br", "role": "agent"}))
        .await;
    let inv_id = inv["id"].as_str().unwrap();
    let (s, _) = t.delete(&format!("/api/v1/invitations/{inv_id}"), &b.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = t.get("/api/v1/invitations", &b.token).await;
    assert!(list["items"].as_array().unwrap().iter().all(|i| i["id"] != inv_id));
    // Still pending for its own company.
    let (_, list) = t.get("/api/v1/invitations", &a.token).await;
    assert!(list["items"].as_array().unwrap().iter().any(|i| i["id"] == inv_id));
}

#[tokio::test]
async fn users_list_paginates_and_searches_without_accents() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    t.set_plan(&owner, "pro").await;
    let joao = t.add_user(&owner, "sales").await;
    t.patch(&format!("/api/v1/users/{}", joao.user_id), &owner.token, json!({"name": "João Araújo"})).await;
    t.add_user(&owner, "agent").await;
    let (_, page1) = t.get("/api/v1/users?limit=2", &owner.token).await;
    assert_eq!(page1["items"].as_array().unwrap().len(), 2);
    let cursor = page1["next_cursor"].as_str().unwrap();
    let (_, page2) = t.get(&format!("/api/v1/users?limit=2&cursor={cursor}"), &owner.token).await;
    assert_eq!(page2["items"].as_array().unwrap().len(), 1);
    assert!(page2["next_cursor"].is_null());
    let (_, found) = t.get("/api/v1/users?q=joao", &owner.token).await;
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    assert_eq!(found["items"][0]["name"], "João Araújo");
    let (s, b) = t.get("/api/v1/users?limit=999", &owner.token).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "limit");
    let (s, _) = t.get("/api/v1/users?cursor=@@@", &owner.token).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_retried_invitation_with_the_same_idempotency_key_is_made_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let invite = || {
        t.http
            .post(t.url("/api/v1/invitations"))
            .bearer_auth(&owner.token)
            .header("idempotency-key", "convite-bia")
            .json(&json!({"email": "bia@alfa.com.br", "role": "agent"}))
            .send()
    };
    let first = invite().await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: serde_json::Value = first.json().await.unwrap();
    let again = invite().await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    let again: serde_json::Value = again.json().await.unwrap();
    assert_eq!(again["id"], first["id"]);
    t.drain_jobs().await;
    let invitations = t.outbox().into_iter().filter(|m| m.contains("bia@alfa.com.br")).count();
    assert_eq!(invitations, 1, "one e-mail");
    // Without a key, the same request is a conflict, not a second invitation.
    let (s, _) = t
        .post("/api/v1/invitations", Some(&owner.token), json!({"email": "bia@alfa.com.br", "role": "agent"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    // Keys are per company: another company's same key is a new request.
    let other = t.signup("Beta").await;
    let res = t
        .http
        .post(t.url("/api/v1/invitations"))
        .bearer_auth(&other.token)
        .header("idempotency-key", "convite-bia")
        .json(&json!({"email": "bia2@beta.com.br", "role": "agent"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert!(res.headers().get("idempotent-replayed").is_none());
}
