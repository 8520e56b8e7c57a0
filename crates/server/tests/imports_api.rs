//! CSV import of customers: Brazilian spreadsheet files, mapping, matching
//! on CPF/CNPJ or e-mail, all-or-nothing unless bad rows are skipped.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Actor, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn upload(t: &TestApp, who: &Actor, bytes: Vec<u8>) -> (StatusCode, Value) {
    let res = t
        .http
        .post(t.url("/api/v1/customers/imports?filename=planilha.csv"))
        .bearer_auth(&who.token)
        .header("content-type", "text/csv")
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

/// "Nome;CPF/CNPJ;E-mail;Situação" in Windows-1252, as Excel saves it.
fn latin1_file() -> Vec<u8> {
    let mut f = b"Nome;CPF/CNPJ;E-mail;Situa\xe7\xe3o\r\n".to_vec();
    f.extend_from_slice(b"Jos\xe9 Concei\xe7\xe3o;;jose@exemplo.com.br;ativo\r\n");
    f.extend_from_slice(b"Jo\xe3o Ara\xfajo;529.982.247-25;joao.novo@exemplo.com.br;\r\n");
    f.extend_from_slice(b"Cliente Ruim;111.111.111-12;;\r\n");
    f
}

async fn run(t: &TestApp, who: &Actor, id: &str, skip_invalid: bool) -> Value {
    let mapping = json!({"name": "Nome", "document": "CPF/CNPJ", "email": "E-mail", "status": "Situação"});
    let (s, b) = t
        .post(
            &format!("/api/v1/customers/imports/{id}/start"),
            Some(&who.token),
            json!({"mapping": mapping, "skip_invalid": skip_invalid}),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{b}");
    assert_eq!(b["status"], "queued");
    t.drain_jobs().await;
    t.get(&format!("/api/v1/customers/imports/{id}"), &who.token).await.1
}

#[tokio::test]
async fn a_latin1_file_is_all_or_nothing_unless_bad_rows_are_skipped() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (_, existing) = t
        .post(
            "/api/v1/customers",
            Some(&owner.token),
            json!({"kind": "person", "name": "João Araújo", "document": "52998224725", "status": "active"}),
        )
        .await;
    let (s, up) = upload(&t, &owner, latin1_file()).await;
    assert_eq!(s, StatusCode::CREATED, "{up}");
    assert_eq!(up["encoding"], "latin-1");
    assert_eq!(up["delimiter"], ";");
    assert_eq!(up["total_rows"], 3);
    assert_eq!(up["columns"], json!(["Nome", "CPF/CNPJ", "E-mail", "Situação"]));
    assert_eq!(up["preview"][0][0], "José Conceição");
    assert_eq!(up["suggested_mapping"]["name"], "Nome");
    assert_eq!(up["suggested_mapping"]["document"], "CPF/CNPJ");
    assert_eq!(up["suggested_mapping"]["status"], "Situação");
    let failed = run(&t, &owner, up["id"].as_str().unwrap(), false).await;
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["errors"][0]["line"], 4);
    assert_eq!(failed["errors"][0]["field"], "document");
    let (_, list) = t.get("/api/v1/customers", &owner.token).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "nothing of the failed file was kept");
    let (_, up2) = upload(&t, &owner, latin1_file()).await;
    let done = run(&t, &owner, up2["id"].as_str().unwrap(), true).await;
    assert_eq!(done["status"], "done", "{done}");
    assert_eq!(
        (done["created_count"].as_i64(), done["updated_count"].as_i64(), done["skipped_count"].as_i64()),
        (Some(1), Some(1), Some(1))
    );
    let (_, joao) =
        t.get(&format!("/api/v1/customers/{}", existing["id"].as_str().unwrap()), &owner.token).await;
    assert_eq!(
        joao["emails"],
        json!(["joao.novo@exemplo.com.br"]),
        "matched on CPF and updated, not duplicated"
    );
    assert_eq!(joao["status"], "active", "an empty cell keeps the current value");
    let (_, found) = t.get("/api/v1/customers?q=jose%20conceicao", &owner.token).await;
    assert_eq!(found["items"][0]["name"], "José Conceição");
    assert_eq!(found["items"][0]["status"], "active");
}

#[tokio::test]
async fn bad_files_and_mappings_are_explained() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let (s, b) = upload(&t, &owner, b"Nome;Email\r\n".to_vec()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["errors"][0]["field"], "file");
    let (s, _) = upload(&t, &owner, Vec::new()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, up) = upload(&t, &owner, latin1_file()).await;
    let id = up["id"].as_str().unwrap();
    let (s, b) = t
        .post(
            &format!("/api/v1/customers/imports/{id}/start"),
            Some(&owner.token),
            json!({"mapping": {"email": "Celular", "cor": "Nome"}}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields: Vec<&str> =
        b["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    fields.sort();
    assert_eq!(fields, ["mapping.cor", "mapping.email", "mapping.name"]);
    let ok = json!({"mapping": {"name": "Nome"}});
    let (s, _) =
        t.post(&format!("/api/v1/customers/imports/{id}/start"), Some(&owner.token), ok.clone()).await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let (s, _) = t.post(&format!("/api/v1/customers/imports/{id}/start"), Some(&owner.token), ok).await;
    assert_eq!(s, StatusCode::CONFLICT, "an import runs once");
}

#[tokio::test]
async fn a_large_comma_separated_file_imports_with_progress_counts() {
    let t = TestApp::spawn().await;
    let owner = t.signup("Alfa").await;
    let mut csv = String::from("\u{feff}nome,email,telefone,tags\n");
    for i in 0..1500 {
        csv.push_str(&format!(
            "Cliente {i},cliente{i}@exemplo.com.br,(11) 9{:04}-{:04},\"atacado,sp\"\n",
            i % 10000,
            i
        ));
    }
    // The same customer twice in one file: the second line updates the first.
    csv.push_str("Cliente Zero,cliente0@exemplo.com.br,,varejo\n");
    let (s, up) = upload(&t, &owner, csv.into_bytes()).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(up["encoding"], "utf-8");
    let id = up["id"].as_str().unwrap();
    let mapping = up["suggested_mapping"].clone();
    assert_eq!(mapping, json!({"email": "email", "name": "nome", "phone": "telefone", "tags": "tags"}));
    t.post(&format!("/api/v1/customers/imports/{id}/start"), Some(&owner.token), json!({"mapping": mapping}))
        .await;
    t.drain_jobs().await;
    let (_, done) = t.get(&format!("/api/v1/customers/imports/{id}"), &owner.token).await;
    assert_eq!(done["status"], "done", "{done}");
    assert_eq!(done["created_count"], 1500);
    assert_eq!(done["updated_count"], 1);
    assert_eq!(done["processed_rows"], 1501);
    let (_, zero) = t.get("/api/v1/customers?q=cliente0%40exemplo.com.br", &owner.token).await;
    assert_eq!(zero["items"].as_array().unwrap().len(), 1);
    assert_eq!(zero["items"][0]["tags"], json!(["atacado", "sp", "varejo"]));
    let (_, vip) = t.get("/api/v1/customers?tag=atacado&limit=200", &owner.token).await;
    assert_eq!(vip["items"].as_array().unwrap().len(), 200);
}

#[tokio::test]
async fn another_company_cannot_see_or_start_an_import() {
    let t = TestApp::spawn().await;
    let a = t.signup("Alfa").await;
    let b = t.signup("Beta").await;
    let (_, up) = upload(&t, &a, latin1_file()).await;
    let id = up["id"].as_str().unwrap();
    let (s, _) = t.get(&format!("/api/v1/customers/imports/{id}"), &b.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = t
        .post(
            &format!("/api/v1/customers/imports/{id}/start"),
            Some(&b.token),
            json!({"mapping": {"name": "Nome"}}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = t.get("/api/v1/customers/imports", &b.token).await;
    assert_eq!(list, json!([]));
}
