//! CRM: customers, contacts, custom fields, products, pipelines,
//! opportunities and the timeline — behaviour, bad input and isolation.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Actor, TestApp, assert_isolated};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn customer(t: &TestApp, who: &Actor, body: Value) -> Value {
    let (s, b) = t.post("/api/v1/customers", Some(&who.token), body).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    b
}

async fn default_pipeline(t: &TestApp, who: &Actor) -> Value {
    t.drain_jobs().await;
    let (s, list) = t.get("/api/v1/pipelines", &who.token).await;
    assert_eq!(s, StatusCode::OK);
    list[0].clone()
}

fn stage(p: &Value, name: &str) -> String {
    p["stages"].as_array().unwrap().iter().find(|s| s["name"] == name).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_new_company_gets_a_default_pipeline_from_its_signup_event() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let p = default_pipeline(&t, &owner).await;
    assert_eq!(p["name"], "Funil de vendas");
    let kinds: Vec<&str> =
        p["stages"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["open", "open", "open", "open", "won", "lost"]);
    // Redelivery of the event does not create a second one.
    let mut admin = t.db.admin().await;
    sqlx::query("update jobs set done_at = null, dedupe_key = null where kind = 'crm.default_pipeline'")
        .execute(&mut admin)
        .await
        .unwrap();
    t.drain_jobs().await;
    let (_, list) = t.get("/api/v1/pipelines", &owner.token).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn customers_are_validated_normalised_and_duplicates_are_flagged() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, b) = t
        .post(
            "/api/v1/customers",
            Some(&owner.token),
            json!({"kind": "person", "name": "", "document": "529.982.247-24", "emails": ["x"], "phones": ["12"],
                   "address": {"cep": "1", "street": "R", "number": "1", "district": "C", "city": "S", "state": "ZZ"}}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "document", "emails.0", "phones.0", "address.cep", "address.state"]);
    let (s, b) = t
        .post(
            "/api/v1/customers",
            Some(&owner.token),
            json!({"kind": "company", "name": "X", "document": "529.982.247-25"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a CPF is not a CNPJ: {b}");
    let joao = customer(
        &t,
        &owner,
        json!({"kind": "person", "name": "João Araújo", "document": "529.982.247-25",
               "emails": ["Joao@Exemplo.com.br"], "phones": ["(11) 98765-4321"], "tags": ["VIP", "vip"]}),
    )
    .await;
    assert_eq!(joao["document"], "52998224725");
    assert_eq!(joao["emails"][0], "joao@exemplo.com.br");
    assert_eq!(joao["phones"][0], "+5511987654321");
    assert_eq!(joao["tags"], json!(["vip"]));
    assert_eq!(joao["status"], "lead");
    assert_eq!(joao["duplicates"], json!([]));
    let twin =
        customer(&t, &owner, json!({"kind": "person", "name": "J. Araujo", "phones": ["+55 11 98765-4321"]}))
            .await;
    assert_eq!(twin["duplicates"][0]["customer_id"], joao["id"]);
    assert_eq!(twin["duplicates"][0]["field"], "phones");
    let (_, hints) = t.get("/api/v1/customers/duplicates?document=52998224725", &owner.token).await;
    assert_eq!(hints[0]["customer_id"], joao["id"]);
    let acme = customer(
        &t,
        &owner,
        json!({"kind": "company", "name": "ACME Indústria", "document": "12.ABC.345/01DE-35"}),
    )
    .await;
    assert_eq!(acme["document"], "12ABC34501DE35");
}

#[tokio::test]
async fn search_ignores_accents_and_filters_sort_and_paginate() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    customer(
        &t,
        &owner,
        json!({"kind": "person", "name": "João da Silva", "status": "active", "tags": ["vip"]}),
    )
    .await;
    customer(&t, &owner, json!({"kind": "person", "name": "Ana Lúcia", "emails": ["ana@lucia.com.br"]}))
        .await;
    customer(
        &t,
        &owner,
        json!({"kind": "company", "name": "Padaria Pão Quente", "phones": ["11 3456-7890"]}),
    )
    .await;
    let names = |v: &Value| -> Vec<String> {
        v["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
    };
    let (_, r) = t.get("/api/v1/customers?q=joao", &owner.token).await;
    assert_eq!(names(&r), ["João da Silva"]);
    let (_, r) = t.get("/api/v1/customers?q=PAO%20quen", &owner.token).await;
    assert_eq!(names(&r), ["Padaria Pão Quente"]);
    let (_, r) = t.get("/api/v1/customers?q=ana%40lucia", &owner.token).await;
    assert_eq!(names(&r), ["Ana Lúcia"]);
    let (_, r) = t.get("/api/v1/customers?q=3456", &owner.token).await;
    assert_eq!(names(&r), ["Padaria Pão Quente"]);
    let (_, r) = t.get("/api/v1/customers?status=active", &owner.token).await;
    assert_eq!(names(&r), ["João da Silva"]);
    let (_, r) = t.get("/api/v1/customers?tag=VIP", &owner.token).await;
    assert_eq!(names(&r), ["João da Silva"]);
    let (_, p1) = t.get("/api/v1/customers?sort=name&limit=2", &owner.token).await;
    assert_eq!(names(&p1), ["Ana Lúcia", "João da Silva"]);
    let cursor = p1["next_cursor"].as_str().unwrap();
    let (_, p2) = t.get(&format!("/api/v1/customers?sort=name&limit=2&cursor={cursor}"), &owner.token).await;
    assert_eq!(names(&p2), ["Padaria Pão Quente"]);
    assert!(p2["next_cursor"].is_null());
    let (_, recent) = t.get("/api/v1/customers", &owner.token).await;
    assert_eq!(names(&recent)[0], "Padaria Pão Quente", "newest first by default");
    let (s, _) = t.get("/api/v1/customers?sort=price", &owner.token).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let res = t
        .http
        .get(t.url("/api/v1/customers/export.csv?q=joao"))
        .bearer_auth(&owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[0].starts_with("id;tipo;nome"));
    assert!(lines[1].contains("João da Silva"));
}

#[tokio::test]
async fn custom_fields_are_validated_on_write_and_filterable() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, _) = t
        .post("/api/v1/custom-fields", Some(&owner.token), json!({"key": "segmento", "label": "Segmento", "field_type": "select", "options": ["varejo", "serviços"], "required": true}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, b) = t
        .post(
            "/api/v1/custom-fields",
            Some(&owner.token),
            json!({"key": "Segmento!", "label": "", "field_type": "select"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"].as_array().unwrap().len(), 3);
    let (s, b) = t
        .post("/api/v1/customers", Some(&owner.token), json!({"kind": "person", "name": "Sem segmento"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "custom_fields.segmento");
    let (s, b) = t
        .post(
            "/api/v1/customers",
            Some(&owner.token),
            json!({"kind": "person", "name": "X", "custom_fields": {"segmento": "indústria"}}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    customer(&t, &owner, json!({"kind": "person", "name": "Loja", "custom_fields": {"segmento": "varejo"}}))
        .await;
    customer(
        &t,
        &owner,
        json!({"kind": "person", "name": "Consultoria", "custom_fields": {"segmento": "serviços"}}),
    )
    .await;
    let (_, r) = t.get("/api/v1/customers?field=segmento:varejo", &owner.token).await;
    assert_eq!(r["items"].as_array().unwrap().len(), 1);
    assert_eq!(r["items"][0]["name"], "Loja");
}

#[tokio::test]
async fn concurrent_edits_are_refused_with_409() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, json!({"kind": "person", "name": "Maria"})).await;
    let path = format!("/api/v1/customers/{}", c["id"].as_str().unwrap());
    let res = t.http.get(t.url(&path)).bearer_auth(&owner.token).send().await.unwrap();
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(etag, "\"1\"");
    let patch = |name: &str| {
        t.http
            .patch(t.url(&path))
            .bearer_auth(&owner.token)
            .header("if-match", &etag)
            .json(&json!({"name": name}))
            .send()
    };
    let first = patch("Maria Souza").await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["etag"], "\"2\"");
    let second = patch("Maria Santos").await.unwrap();
    assert_eq!(second.status(), StatusCode::CONFLICT);
    let (_, now) = t.get(&path, &owner.token).await;
    assert_eq!(now["name"], "Maria Souza", "the losing edit wrote nothing");
}

#[tokio::test]
async fn merge_moves_everything_to_the_survivor_and_records_it() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let pipeline = default_pipeline(&t, &owner).await;
    let a = customer(
        &t,
        &owner,
        json!({"kind": "company", "name": "ACME", "emails": ["a@acme.com.br"], "tags": ["x"]}),
    )
    .await;
    let b = customer(&t, &owner, json!({"kind": "company", "name": "ACME Ltda", "document": "11.222.333/0001-81", "emails": ["b@acme.com.br"], "tags": ["y"]})).await;
    let (a_id, b_id) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    t.post(
        &format!("/api/v1/customers/{b_id}/contacts"),
        Some(&owner.token),
        json!({"name": "Rita", "email": "rita@acme.com.br"}),
    )
    .await;
    let (_, opp) = t
        .post("/api/v1/opportunities", Some(&owner.token), json!({"customer_id": b_id, "pipeline_id": pipeline["id"], "title": "Licenças", "value_cents": 500000}))
        .await;
    let (s, merged) = t
        .post(&format!("/api/v1/customers/{a_id}/merge"), Some(&owner.token), json!({"merge_id": b_id}))
        .await;
    assert_eq!(s, StatusCode::OK, "{merged}");
    assert_eq!(merged["emails"], json!(["a@acme.com.br", "b@acme.com.br"]));
    assert_eq!(merged["document"], "11222333000181");
    assert_eq!(merged["tags"], json!(["x", "y"]));
    let (s, _) = t.get(&format!("/api/v1/customers/{b_id}"), &owner.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "the merged customer is gone");
    let (_, o) = t.get(&format!("/api/v1/opportunities/{}", opp["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(o["customer_id"], a_id);
    let (_, contacts) = t.get(&format!("/api/v1/customers/{a_id}/contacts"), &owner.token).await;
    assert_eq!(contacts[0]["name"], "Rita");
    let (_, timeline) = t.get(&format!("/api/v1/customers/{a_id}/timeline"), &owner.token).await;
    let kinds: Vec<&str> =
        timeline["items"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"customer.merged"), "{kinds:?}");
    assert!(kinds.contains(&"opportunity.created"), "the merged customer's history moved too: {kinds:?}");
    let (s, _) = t
        .post(&format!("/api/v1/customers/{a_id}/merge"), Some(&owner.token), json!({"merge_id": a_id}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn kanban_moves_are_recorded_and_lost_deals_need_a_reason() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let p = default_pipeline(&t, &owner).await;
    let c = customer(&t, &owner, json!({"kind": "person", "name": "Carla"})).await;
    let new = |title: &str| {
        t.post(
            "/api/v1/opportunities",
            Some(&owner.token),
            json!({"customer_id": c["id"], "pipeline_id": p["id"], "title": title, "value_cents": 150000}),
        )
    };
    let (s, o1) = new("Site").await;
    assert_eq!(s, StatusCode::CREATED, "{o1}");
    assert_eq!(o1["stage_id"], stage(&p, "Novo"));
    assert_eq!(o1["status"], "open");
    let (_, o2) = new("Loja virtual").await;
    let o1_id = o1["id"].as_str().unwrap();
    let qualified = stage(&p, "Qualificado");
    let (s, moved) = t
        .post(
            &format!("/api/v1/opportunities/{o1_id}/move"),
            Some(&owner.token),
            json!({"stage_id": qualified}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{moved}");
    assert_eq!(moved["stage_id"], qualified.as_str());
    // Place o2 after o1 in the same column.
    let (_, m2) = t
        .post(
            &format!("/api/v1/opportunities/{}/move", o2["id"].as_str().unwrap()),
            Some(&owner.token),
            json!({"stage_id": qualified, "after_id": o1_id}),
        )
        .await;
    assert!(m2["position"].as_f64().unwrap() > moved["position"].as_f64().unwrap());
    let (_, board) =
        t.get(&format!("/api/v1/pipelines/{}/board", p["id"].as_str().unwrap()), &owner.token).await;
    let col =
        board["columns"].as_array().unwrap().iter().find(|c| c["stage"]["id"] == qualified.as_str()).unwrap();
    assert_eq!(col["count"], 2);
    assert_eq!(col["total_cents"], 300000);
    assert_eq!(col["opportunities"][0]["id"], o1_id);
    let lost = stage(&p, "Perdido");
    let (s, b) = t
        .post(&format!("/api/v1/opportunities/{o1_id}/move"), Some(&owner.token), json!({"stage_id": lost}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "lost_reason");
    let (s, l) = t
        .post(
            &format!("/api/v1/opportunities/{o1_id}/move"),
            Some(&owner.token),
            json!({"stage_id": lost, "lost_reason": "Preço"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(l["status"], "lost");
    let (_, timeline) =
        t.get(&format!("/api/v1/customers/{}/timeline", c["id"].as_str().unwrap()), &owner.token).await;
    let changes: Vec<&Value> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "opportunity.stage_changed")
        .collect();
    assert_eq!(changes.len(), 3);
    assert!(changes[0]["data"]["seconds_in_previous_stage"].is_number());
    // Events for the live boards were committed with each move.
    let mut admin = t.db.admin().await;
    let moves: i64 = sqlx::query_scalar("select count(*) from outbox_events where kind = 'OpportunityMoved'")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(moves, 3);
    // Another pipeline's stage is refused.
    let (_, other) = t
        .post(
            "/api/v1/pipelines",
            Some(&owner.token),
            json!({"name": "Renovações", "stages": [
            {"name": "A renovar", "probability": 50}, {"name": "Renovado", "probability": 100, "kind": "won"},
            {"name": "Cancelado", "probability": 0, "kind": "lost"}]}),
        )
        .await;
    let foreign = other["stages"][0]["id"].as_str().unwrap();
    let (s, _) = t
        .post(
            &format!("/api/v1/opportunities/{o1_id}/move"),
            Some(&owner.token),
            json!({"stage_id": foreign}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn bad_pipelines_products_and_opportunities_are_refused() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, b) = t
        .post(
            "/api/v1/pipelines",
            Some(&owner.token),
            json!({"name": "X", "stages": [{"name": "Só", "probability": 120}]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"stages.0.probability") && fields.contains(&"stages"), "{fields:?}");
    let (s, p) = t
        .post(
            "/api/v1/products",
            Some(&owner.token),
            json!({"sku": "SITE-01", "name": "Site institucional", "price_cents": 350000}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(p["billing"], "one_time");
    assert_eq!(p["currency"], "BRL");
    let (s, b) = t
        .post(
            "/api/v1/products",
            Some(&owner.token),
            json!({"sku": "SITE-01", "name": "Outro", "price_cents": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(b["errors"][0]["field"], "sku");
    let (s, b) = t
        .post("/api/v1/products", Some(&owner.token), json!({"sku": "X", "name": "Y", "price_cents": -5}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "price_cents");
    let (s, _) = t
        .patch(
            &format!("/api/v1/products/{}", p["id"].as_str().unwrap()),
            &owner.token,
            json!({"price_cents": 1.5}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "money is integer cents");
    let (s, _) = t.delete(&format!("/api/v1/products/{}", p["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, active) = t.get("/api/v1/products?active=true", &owner.token).await;
    assert!(active["items"].as_array().unwrap().is_empty());
    let (s, b) = t
        .post("/api/v1/opportunities", Some(&owner.token), json!({"customer_id": uuid::Uuid::now_v7(), "pipeline_id": uuid::Uuid::now_v7(), "title": "", "value_cents": -1}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "value_cents", "customer_id", "pipeline_id"]);
}

#[tokio::test]
async fn roles_outside_sales_cannot_use_the_crm() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let agent = t.add_user(&owner, "agent").await;
    for path in ["/api/v1/products", "/api/v1/pipelines", "/api/v1/opportunities"] {
        let (s, _) = t.get(path, &agent.token).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{path}");
    }
    // Support agents read customers (the inbox shows who writes) but do not edit them.
    let (s, _) = t.get("/api/v1/customers", &agent.token).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) =
        t.post("/api/v1/customers", Some(&agent.token), json!({"kind": "person", "name": "Novo"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "agents do not create customers");
    let sales = t.add_user(&owner, "sales").await;
    let (s, _) = t.get("/api/v1/customers", &sales.token).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t
        .post("/api/v1/products", Some(&sales.token), json!({"sku": "A", "name": "B", "price_cents": 1}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "sales people do not edit the catalogue");
}

#[tokio::test]
async fn another_company_gets_404_for_every_crm_object() {
    let t = TestApp::spawn().await;
    let a = t.signup("Alfa").await;
    let b = t.signup("Beta").await;
    let p = default_pipeline(&t, &a).await;
    let c = customer(
        &t,
        &a,
        json!({"kind": "person", "name": "Cliente Secreto", "emails": ["segredo@alfa.com.br"]}),
    )
    .await;
    let cid = c["id"].as_str().unwrap();
    assert_isolated(
        &t,
        &b,
        &format!("/api/v1/customers/{cid}"),
        Some("/api/v1/customers"),
        cid,
        Some(json!({"name": "x"})),
        true,
    )
    .await;
    let (_, r) = t.get("/api/v1/customers?q=secreto", &b.token).await;
    assert!(r["items"].as_array().unwrap().is_empty());
    let (_, dups) = t.get("/api/v1/customers/duplicates?email=segredo@alfa.com.br", &b.token).await;
    assert_eq!(dups, json!([]), "duplicate hints never cross companies");
    let (s, _) = t.get(&format!("/api/v1/customers/{cid}/timeline"), &b.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) =
        t.post(&format!("/api/v1/customers/{cid}/timeline"), Some(&b.token), json!({"text": "oi"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = t
        .post(&format!("/api/v1/customers/{cid}/contacts"), Some(&b.token), json!({"name": "Intruso"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let own = customer(&t, &b, json!({"kind": "person", "name": "Meu"})).await;
    let (s, _) = t
        .post(
            &format!("/api/v1/customers/{}/merge", own["id"].as_str().unwrap()),
            Some(&b.token),
            json!({"merge_id": cid}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "cannot swallow another company's customer");
    let (_, contact) =
        t.post(&format!("/api/v1/customers/{cid}/contacts"), Some(&a.token), json!({"name": "Rita"})).await;
    let contact_id = contact["id"].as_str().unwrap();
    assert_isolated(
        &t,
        &b,
        &format!("/api/v1/contacts/{contact_id}"),
        None,
        contact_id,
        Some(json!({"name": "x"})),
        true,
    )
    .await;
    let (_, prod) = t
        .post("/api/v1/products", Some(&a.token), json!({"sku": "S1", "name": "Segredo", "price_cents": 1}))
        .await;
    let prod_id = prod["id"].as_str().unwrap();
    assert_isolated(
        &t,
        &b,
        &format!("/api/v1/products/{prod_id}"),
        Some("/api/v1/products"),
        prod_id,
        Some(json!({"name": "x"})),
        true,
    )
    .await;
    let pid = p["id"].as_str().unwrap();
    let body = json!({"name": "x", "stages": [{"name": "a", "probability": 1}, {"name": "w", "probability": 100, "kind": "won"}, {"name": "l", "probability": 0, "kind": "lost"}]});
    assert_isolated(&t, &b, &format!("/api/v1/pipelines/{pid}"), None, pid, Some(body), true).await;
    let (s, _) = t.get(&format!("/api/v1/pipelines/{pid}/board"), &b.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, opp) = t
        .post(
            "/api/v1/opportunities",
            Some(&a.token),
            json!({"customer_id": cid, "pipeline_id": pid, "title": "Deal"}),
        )
        .await;
    let oid = opp["id"].as_str().unwrap();
    assert_isolated(
        &t,
        &b,
        &format!("/api/v1/opportunities/{oid}"),
        Some("/api/v1/opportunities"),
        oid,
        Some(json!({"title": "x"})),
        true,
    )
    .await;
    let (s, _) = t
        .post(
            &format!("/api/v1/opportunities/{oid}/move"),
            Some(&b.token),
            json!({"stage_id": p["stages"][1]["id"]}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, b_opp) = t
        .post(
            "/api/v1/opportunities",
            Some(&b.token),
            json!({"customer_id": cid, "pipeline_id": pid, "title": "Roubo"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "B cannot open a deal on A's customer: {b_opp}");
    let (_, field) = t
        .post(
            "/api/v1/custom-fields",
            Some(&a.token),
            json!({"key": "cor", "label": "Cor", "field_type": "text"}),
        )
        .await;
    let (s, _) =
        t.delete(&format!("/api/v1/custom-fields/{}", field["id"].as_str().unwrap()), &b.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, fields_b) = t.get("/api/v1/custom-fields", &b.token).await;
    assert_eq!(fields_b, json!([]));
}

#[tokio::test]
async fn events_naming_a_customer_land_on_its_timeline_once() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let c = customer(&t, &owner, json!({"kind": "person", "name": "Bruno"})).await;
    let cid: uuid::Uuid = c["id"].as_str().unwrap().parse().unwrap();
    let tenant: uuid::Uuid = owner.tenant_id.parse().unwrap();
    // As finance or support will: an event with a `timeline` hint.
    let mut tx = kernel::tenant::TenantTx::begin(&t.app.db, tenant).await.unwrap();
    let invoice_id = uuid::Uuid::now_v7();
    tx.emit(&events::InvoicePaid {
        invoice_id,
        customer_id: cid,
        paid_cents: 9900,
        ticket_id: None,
        timeline: events::Timeline {
            customer_id: cid,
            summary: "Fatura #12 paga".into(),
            links: events::TimelineLinks { invoice_id: Some(invoice_id), ..Default::default() },
        },
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    t.drain_jobs().await;
    // Redeliver the same event: still one entry.
    let mut admin = t.db.admin().await;
    sqlx::query("update outbox_events set dispatched_at = null where kind = 'InvoicePaid'")
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query("delete from jobs where kind = 'crm.timeline_from_event'").execute(&mut admin).await.unwrap();
    t.drain_jobs().await;
    let (_, timeline) = t.get(&format!("/api/v1/customers/{cid}/timeline"), &owner.token).await;
    let paid: Vec<&Value> =
        timeline["items"].as_array().unwrap().iter().filter(|e| e["kind"] == "InvoicePaid").collect();
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0]["summary"], "Fatura #12 paga");
    let _ = Method::GET;
}

#[tokio::test]
async fn a_customer_named_like_a_formula_exports_as_text() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    customer(
        &t,
        &owner,
        json!({"kind": "person", "name": "=HYPERLINK(\"http://x\",\"y\")", "tags": ["@vip"]}),
    )
    .await;
    let res =
        t.http.get(t.url("/api/v1/customers/export.csv")).bearer_auth(&owner.token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    let mut reader =
        csv::ReaderBuilder::new().delimiter(b';').from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| row.get(headers.iter().position(|h| h == name).unwrap()).unwrap().to_string();
    assert_eq!(cell("nome"), "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(cell("etiquetas"), "'@vip");
}
