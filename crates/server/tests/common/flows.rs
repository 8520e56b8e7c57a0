//! Automation flows as a company sets them up through the API.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{Actor, TestApp};

/// Creates the flow (a draft) and activates it.
pub async fn active_flow(t: &TestApp, owner: &Actor, body: Value) -> Value {
    let (s, flow) = t.post("/api/v1/automation/flows", Some(&owner.token), body).await;
    assert_eq!(s, StatusCode::CREATED, "{flow}");
    assert_eq!(flow["status"], "draft");
    let id = flow["id"].as_str().unwrap();
    let (s, flow) =
        t.post(&format!("/api/v1/automation/flows/{id}/activate"), Some(&owner.token), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{flow}");
    assert_eq!(flow["status"], "active");
    flow
}

/// The flow's latest runs, newest first.
pub async fn runs(t: &TestApp, owner: &Actor, flow: &Value) -> Vec<Value> {
    let (s, page) =
        t.get(&format!("/api/v1/automation/flows/{}/runs", flow["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}
