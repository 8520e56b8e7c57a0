//! Every operation of the OpenAPI document, called as every role, a
//! deactivated user and nobody, against the one declared table in
//! `common/surface.rs`: allowed roles are never refused, the others get
//! 403, a deactivated user and a missing token get 401. A route that is
//! not in the table, or a row whose route is gone, fails here.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;

use common::surface::{self, Body, Who};
use common::world::World;
use common::{Actor, TestApp};
use kernel::auth::Role;
use reqwest::{Method, StatusCode};
use serde_json::Value;

async fn call(
    t: &TestApp,
    w: &World,
    method: &str,
    path: &str,
    body: &Body,
    token: Option<&str>,
) -> (StatusCode, Value) {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    match body {
        Body::None => t.call(method, path, token, None).await,
        Body::Json(text) => {
            let value = serde_json::from_str(&w.fill(text)).unwrap();
            t.call(method, path, token, Some(value)).await
        }
        Body::Raw(content_type, bytes) => {
            t.send_bytes(method, path, token, content_type, bytes.to_vec()).await
        }
    }
}

#[test]
fn every_documented_route_has_exactly_one_row_and_public_rows_are_the_unsecured_ones() {
    let ops = surface::operations();
    let mut problems = Vec::new();
    let mut documented = BTreeSet::new();
    for op in &ops {
        documented.insert((op.method.clone(), op.path.trim_start_matches("/api/v1").to_string()));
        match surface::lookup(&op.method, &op.path) {
            None => problems
                .push(format!("{} {}: no row in common/surface.rs — who may call it?", op.method, op.path)),
            Some(row) => match (&row.who, op.secured) {
                (Who::Public, true) => {
                    problems.push(format!("{} {}: row says public, document says bearer", op.method, op.path))
                }
                (Who::Roles(_) | Who::Cases(_), false) => problems
                    .push(format!("{} {}: row names roles, document says no login", op.method, op.path)),
                _ => {}
            },
        }
    }
    let mut seen = BTreeSet::new();
    for row in surface::ROUTES {
        let key = (row.method.to_string(), row.path.to_string());
        if !documented.contains(&key) {
            problems.push(format!("{} {}: row for a route the router no longer has", row.method, row.path));
        }
        if !seen.insert(key) {
            problems.push(format!("{} {}: two rows", row.method, row.path));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn every_route_answers_each_role_as_the_permission_table_says() {
    let t = TestApp::spawn().await;
    let w = World::build(&t, "Alfa").await;
    let mut actors: Vec<(Role, &Actor)> = vec![(Role::Owner, &w.owner)];
    for (name, actor) in &w.members {
        actors.push((name.parse().unwrap(), actor));
    }
    let mut problems = Vec::new();
    let mut walked = 0;
    for op in surface::operations() {
        let Some(row) = surface::lookup(&op.method, &op.path) else { continue };
        let calls = match surface::calls(row, &op.path, &w) {
            Ok(c) => c,
            Err(e) => {
                problems.push(format!("{} {}: {e}", op.method, op.path));
                continue;
            }
        };
        for (path, allowed) in calls {
            walked += 1;
            let route = format!("{} {}", op.method, path);
            for (who, token) in [("no token", None), ("deactivated user", Some(w.deactivated.token.as_str()))]
            {
                let (s, b) = call(&t, &w, &op.method, &path, &row.body, token).await;
                if s != StatusCode::UNAUTHORIZED {
                    problems.push(format!("{route} as {who}: {s}, expected 401: {b}"));
                }
            }
            // Refused roles first: a refused call changes nothing, so the
            // allowed calls after it still find the fixture as it was built.
            let (refused, permitted): (Vec<_>, Vec<_>) =
                actors.iter().partition(|(role, _)| !allowed.contains(role));
            for &(role, actor) in refused.into_iter().chain(permitted) {
                let role = &role;
                let (s, b) = call(&t, &w, &op.method, &path, &row.body, Some(&actor.token)).await;
                let ok = if allowed.contains(role) {
                    s != StatusCode::UNAUTHORIZED
                        && s != StatusCode::FORBIDDEN
                        && s != StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    s == StatusCode::FORBIDDEN
                };
                if !ok {
                    let expected = if allowed.contains(role) { "allowed" } else { "403" };
                    problems.push(format!("{route} as {}: {s}, expected {expected}: {b}", role.as_str()));
                }
            }
        }
    }
    assert!(walked > 100, "only {walked} routes walked: is the document empty?");
    assert!(problems.is_empty(), "{} mismatches:\n{}", problems.len(), problems.join("\n"));
}
