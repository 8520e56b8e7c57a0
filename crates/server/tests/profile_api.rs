//! "Meu perfil": name, signature, photo and the logins a person can end.

#![allow(clippy::unwrap_used)]

mod common;

use common::world::PNG;
use common::{PASSWORD, TestApp, assert_isolated};
use reqwest::StatusCode;
use serde_json::{Value, json};

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

async fn login_from(t: &TestApp, email: &str, user_agent: &str) -> Value {
    let res = t
        .http
        .post(t.url("/api/v1/auth/login"))
        .header("user-agent", user_agent)
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

#[tokio::test]
async fn a_person_changes_their_name_and_signature_and_bad_input_names_the_field() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Perfil").await;
    let agent = t.add_user(&owner, "agent").await;

    let (s, me) = t
        .patch(
            "/api/v1/me",
            &agent.token,
            json!({"name": "  Ana Lima ", "signature": "Ana Lima\r\nSuporte\n\n"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{me}");
    assert_eq!(me["user"]["name"], "Ana Lima");
    assert_eq!(me["signature"], "Ana Lima\nSuporte");
    let (_, again) = t.get("/api/v1/me", &agent.token).await;
    assert_eq!(again["signature"], "Ana Lima\nSuporte");
    // The team sees the new name.
    let (_, user) = t.get(&format!("/api/v1/users/{}", agent.user_id), &owner.token).await;
    assert_eq!(user["name"], "Ana Lima");

    let (s, problem) =
        t.patch("/api/v1/me", &agent.token, json!({"name": " ", "signature": "x".repeat(2001)})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "signature"], "{problem}");
    let (_, unchanged) = t.get("/api/v1/me", &agent.token).await;
    assert_eq!(unchanged["user"]["name"], "Ana Lima", "nothing of a refused change is saved");

    let (s, problem) = t.patch("/api/v1/me", &agent.token, json!({"role": "owner"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "nobody promotes themselves: {problem}");
    let (s, _) = t.patch("/api/v1/me", &agent.token, json!({"signature": ""})).await;
    assert_eq!(s, StatusCode::OK);
    let (_, cleared) = t.get("/api/v1/me", &agent.token).await;
    assert_eq!(cleared["signature"], "");
}

#[tokio::test]
async fn a_photo_is_checked_shown_to_colleagues_replaced_and_removed() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Foto").await;
    let agent = t.add_user(&owner, "agent").await;

    let (s, p) =
        t.put_bytes("/api/v1/me/avatar", &agent.token, "image/png", b"<svg onload=alert(1)>".to_vec()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "an SVG named PNG is refused: {p}");
    let (s, p) = t.put_bytes("/api/v1/me/avatar", &agent.token, "image/svg+xml", b"<svg/>".to_vec()).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{p}");
    assert!(p["detail"].as_str().unwrap().contains("a foto"), "{p}");
    let (s, p) = t.put_bytes("/api/v1/me/avatar", &agent.token, "image/png", vec![0; 1024 * 1024 + 1]).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{p}");

    let (s, me) = t.put_bytes("/api/v1/me/avatar", &agent.token, "image/png", PNG.to_vec()).await;
    assert_eq!(s, StatusCode::OK, "{me}");
    let first = me["user"]["avatar_id"].as_str().unwrap().to_string();
    let res = t
        .http
        .get(t.url(&format!("/api/v1/users/{}/avatar", agent.user_id)))
        .bearer_auth(&owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);

    // A new photo is a new version, listed with the user.
    let (_, me) = t.put_bytes("/api/v1/me/avatar", &agent.token, "image/png", PNG.to_vec()).await;
    let second = me["user"]["avatar_id"].as_str().unwrap();
    assert_ne!(second, first);
    let (_, users) = t.get("/api/v1/users", &owner.token).await;
    let listed =
        users["items"].as_array().unwrap().iter().find(|u| u["id"] == agent.user_id.as_str()).unwrap();
    assert_eq!(listed["avatar_id"], second);
    let (_, plan) = t.get("/api/v1/company/plan", &owner.token).await;
    assert!(plan["usage"]["storage_mb"].as_i64().unwrap() >= 1, "the photo counts in storage: {plan}");

    let outsider = t.signup("Outra").await;
    assert_isolated(&t, &outsider, &format!("/api/v1/users/{}/avatar", agent.user_id), None, "", None, false)
        .await;

    let (s, _) = t.delete("/api/v1/me/avatar", &agent.token).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = t.get(&format!("/api/v1/users/{}/avatar", agent.user_id), &owner.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = t.delete("/api/v1/me/avatar", &agent.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "nothing left to remove");
    let (_, me) = t.get("/api/v1/me", &agent.token).await;
    assert_eq!(me["user"]["avatar_id"], Value::Null);
}

#[tokio::test]
async fn a_person_sees_their_logins_and_ends_the_others_at_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Sessoes").await;
    let agent = t.add_user(&owner, "agent").await;
    let laptop = login_from(&t, &agent.email, FIREFOX).await;
    let laptop_token = laptop["access_token"].as_str().unwrap();
    let phone = login_from(&t, &agent.email, "ConectCRM-Teste/1.0 (iPhone)").await;
    let phone_token = phone["access_token"].as_str().unwrap();

    let (s, list) = t.get("/api/v1/me/sessions", laptop_token).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "the invitation's login and two more: {list}");
    assert_eq!(items[0]["current"], true, "this device first: {list}");
    assert_eq!(items[0]["user_agent"], FIREFOX);
    assert_eq!(items[0]["ip"], "127.0.0.1");
    assert_eq!(items.iter().filter(|i| i["current"] == true).count(), 1);

    // A renewal keeps the login (same id) and says when it was last used.
    let (s, renewed) =
        t.post("/api/v1/auth/refresh", None, json!({"refresh_token": phone["refresh_token"]})).await;
    assert_eq!(s, StatusCode::OK, "{renewed}");
    let (_, after) = t.get("/api/v1/me/sessions", laptop_token).await;
    assert_eq!(after["items"].as_array().unwrap().len(), 3, "{after}");

    // Another person's login is not theirs to end.
    let (_, owners) = t.get("/api/v1/me/sessions", &owner.token).await;
    let owners_login = owners["items"][0]["id"].as_str().unwrap();
    let (s, p) = t.delete(&format!("/api/v1/me/sessions/{owners_login}"), laptop_token).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{p}");
    let (s, _) = t.get("/api/v1/me", &owner.token).await;
    assert_eq!(s, StatusCode::OK);

    // "Sair de todos os outros": the phone and the first login end now.
    let (s, ended) = t.call(reqwest::Method::DELETE, "/api/v1/me/sessions", Some(laptop_token), None).await;
    assert_eq!(s, StatusCode::OK, "{ended}");
    assert_eq!(ended["ended"], 2);
    for token in [renewed["access_token"].as_str().unwrap(), phone_token, agent.token.as_str()] {
        let (s, _) = t.get("/api/v1/me", token).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "an ended login's access token stops at once");
    }
    let (s, _) =
        t.post("/api/v1/auth/refresh", None, json!({"refresh_token": renewed["refresh_token"]})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "and cannot be renewed");
    let (_, left) = t.get("/api/v1/me/sessions", laptop_token).await;
    assert_eq!(left["items"].as_array().unwrap().len(), 1, "{left}");

    // Ending this one is signing out.
    let current = left["items"][0]["id"].as_str().unwrap();
    let (s, _) = t.delete(&format!("/api/v1/me/sessions/{current}"), laptop_token).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = t.get("/api/v1/me", laptop_token).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}
