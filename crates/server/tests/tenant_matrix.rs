//! Another company against every route of the OpenAPI document: with the
//! first company's ids in the path it gets 404, with them in a body it is
//! refused, its lists, searches, reports and exports never show the first
//! company's data, and afterwards every row of the first company is as it
//! was. The routes come from the document, so a new route with an id is
//! walked without anyone remembering to add it.
#![allow(clippy::unwrap_used)]

mod common;

use common::surface::{self, Body, Who};
use common::world::{TERM, World};
use common::{Actor, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::Value;

async fn call(
    t: &TestApp,
    w: &World,
    method: &str,
    path: &str,
    body: &Body,
    who: &Actor,
) -> (StatusCode, Value) {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    match body {
        Body::None => t.call(method, path, Some(&who.token), None).await,
        Body::Json(text) => {
            let value = serde_json::from_str(&w.fill(text)).unwrap();
            t.call(method, path, Some(&who.token), Some(value)).await
        }
        Body::Raw(content_type, bytes) => {
            t.send_bytes(method, path, Some(&who.token), content_type, bytes.to_vec()).await
        }
    }
}

/// Every row of every tenant table that belongs to `tenant`, read past RLS
/// by the superuser connection: (table, rows as sorted JSON lines).
async fn snapshot(t: &TestApp, tenant: &str) -> Vec<(String, String)> {
    let mut admin = t.db.admin().await;
    let tables: Vec<String> = sqlx::query_scalar(
        "select c.table_name::text from information_schema.columns c
           join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
          order by 1",
    )
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert!(tables.len() > 20, "tenant tables: {tables:?}");
    let mut out = Vec::new();
    for table in tables {
        let rows: String = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "select coalesce(string_agg(x, E'\\n' order by x), '')
               from (select to_jsonb(r)::text as x from {table} r where tenant_id = $1::uuid) s"
        )))
        .bind(tenant)
        .fetch_one(&mut admin)
        .await
        .unwrap();
        out.push((table, rows));
    }
    out
}

/// How many results a list (JSON `items` or an array) or a CSV export
/// (lines after the header) holds; None for anything else.
fn found(v: &Value) -> Option<usize> {
    if let Some(csv) = v.as_str() {
        return Some(csv.lines().filter(|l| !l.trim().is_empty()).count().saturating_sub(1));
    }
    v.get("items").and_then(Value::as_array).or_else(|| v.as_array()).map(Vec::len)
}

#[tokio::test]
async fn another_company_gets_404_for_every_id_sees_none_of_it_and_changes_nothing() {
    let t = TestApp::spawn().await;
    let a = World::build(&t, "Alfa").await;
    let b = t.signup("Beta").await;
    let before = snapshot(&t, &a.owner.tenant_id).await;
    let leaks = |text: &str| -> Option<String> {
        if text.contains(TERM) {
            return Some(format!("the word {TERM}"));
        }
        a.ids
            .iter()
            .find(|(_, id)| id.len() > 8 && text.contains(id.as_str()))
            .map(|(n, id)| format!("{n} {id}"))
    };

    let mut problems = Vec::new();
    let mut with_id = 0;
    for op in surface::operations() {
        let Some(row) = surface::lookup(&op.method, &op.path) else {
            problems.push(format!("{} {}: no row in common/surface.rs", op.method, op.path));
            continue;
        };
        if matches!(row.who, Who::Public) {
            continue;
        }
        let route = format!("{} {}", op.method, op.path);
        // A route that names the first company's objects in its path (or,
        // for a per-case row, in its query): none of them is the other's.
        if op.has_path_parameter() || matches!(row.who, Who::Cases(_)) {
            let calls = match surface::calls(row, &op.path, &a) {
                Ok(c) => c,
                Err(e) => {
                    problems.push(format!("{route}: {e}"));
                    continue;
                }
            };
            for (path, _) in calls {
                with_id += 1;
                let (s, body) = call(&t, &a, &op.method, &path, &row.body, &b).await;
                if s != StatusCode::NOT_FOUND {
                    problems.push(format!(
                        "{route} ({path}) with the other company's ids: {s}, expected 404: {body}"
                    ));
                } else if body["status"] != 404 {
                    problems.push(format!("{route}: 404 without a problem+json body: {body}"));
                }
            }
        } else if let Body::Json(text) = row.body
            && text.contains('<')
        {
            // The other company's ids in the body: not found or invalid, never done.
            let (s, body) = call(&t, &a, &op.method, &op.path, &row.body, &b).await;
            if s != StatusCode::NOT_FOUND && s != StatusCode::UNPROCESSABLE_ENTITY {
                problems.push(format!(
                    "{route} with the other company's ids in the body: {s}, expected 404 or 422: {body}"
                ));
            }
        } else if op.method == "GET" {
            // Lists, reports and exports of the other company.
            let (s, body) = call(&t, &a, &op.method, &op.path, &row.body, &b).await;
            if s.is_server_error() || s == StatusCode::FORBIDDEN || s == StatusCode::UNAUTHORIZED {
                problems.push(format!("{route} for its owner: {s}: {body}"));
            }
            if let Some(what) = leaks(&body.to_string()) {
                problems.push(format!("{route} shows the other company's {what}"));
            }
        }
    }
    assert!(with_id > 60, "only {with_id} routes with an id walked: is the document empty?");

    let after = snapshot(&t, &a.owner.tenant_id).await;
    for ((table, was), (_, is)) in before.iter().zip(&after) {
        if was != is {
            problems.push(format!("the first company's {table} changed:\nbefore: {was}\nafter:  {is}"));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// Every list that takes `q`: the word is in the first company's data (its
/// own search finds it), and the other company's search answers 200 with
/// nothing.
#[tokio::test]
async fn searching_for_another_companys_word_finds_nothing() {
    let t = TestApp::spawn().await;
    let a = World::build(&t, "Alfa").await;
    let b = t.signup("Beta").await;
    let mut problems = Vec::new();
    let mut searched = 0;
    for op in surface::operations() {
        if op.method != "GET" || op.has_path_parameter() || !op.secured || !op.query.iter().any(|q| q == "q")
        {
            continue;
        }
        searched += 1;
        // The members' names are "Pessoa <role>"; everything else is named after TERM.
        let term = if op.path.ends_with("/users") { "Pessoa" } else { TERM };
        let path = format!("{}?q={term}", op.path);
        let (s, mine) = t.get(&path, &a.owner.token).await;
        if s != StatusCode::OK || found(&mine).is_none_or(|n| n == 0) {
            problems.push(format!(
                "GET {path} as its own company: {s}, found nothing, so the search proves nothing: {mine}"
            ));
        }
        let (s, theirs) = t.get(&path, &b.token).await;
        if s != StatusCode::OK {
            problems.push(format!("GET {path} as another company: {s}: {theirs}"));
        } else if found(&theirs) != Some(0) {
            problems.push(format!("GET {path} as another company finds: {theirs}"));
        }
    }
    assert!(searched >= 5, "only {searched} searchable lists in the document");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
