//! The CEP lookup as the address forms use it, against a local server that
//! answers in ViaCEP's documented format: the address of a CEP, a CEP that
//! does not exist, a malformed one, and a service that cannot be reached
//! (the person types the address: a clear 502, never a 500).
#![allow(clippy::unwrap_used)]

mod common;

use axum::Json;
use axum::extract::Path;
use axum::routing::get;
use common::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// ViaCEP's `/ws/<cep>/json/`: one known CEP, `{"erro": "true"}` for the rest.
async fn fake_viacep() -> String {
    async fn answer(Path(cep): Path<String>) -> Json<Value> {
        Json(if cep == "01001000" {
            json!({"cep": "01001-000", "logradouro": "Praça da Sé", "complemento": "lado ímpar", "unidade": "",
                   "bairro": "Sé", "localidade": "São Paulo", "uf": "SP", "estado": "São Paulo", "regiao": "Sudeste",
                   "ibge": "3550308", "gia": "1004", "ddd": "11", "siafi": "7107"})
        } else {
            json!({"erro": "true"})
        })
    }
    let router = axum::Router::new().route("/ws/{cep}/json/", get(answer));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_cep_fills_street_district_city_and_state() {
    let base = fake_viacep().await;
    let t = TestApp::spawn_with(|c| c.cep_api_url = base).await;
    let owner = t.signup("Alfa").await;
    let (s, b) = t.get("/api/v1/addresses/lookup?cep=01001-000", &owner.token).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(
        b,
        json!({"cep": "01001000", "street": "Praça da Sé", "district": "Sé", "city": "São Paulo", "state": "SP"})
    );

    let (s, _) = t.get("/api/v1/addresses/lookup?cep=99999999", &owner.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "a CEP that does not exist");
    let (s, b) = t.get("/api/v1/addresses/lookup?cep=0100100", &owner.token).await;
    assert_eq!((s, b["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("cep")));
    let (s, _) = t.call(reqwest::Method::GET, "/api/v1/addresses/lookup?cep=01001000", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn when_the_service_cannot_be_reached_the_form_is_told_to_type_the_address() {
    // Nothing listens there, and an internal address the operator did not list is refused anyway.
    let t = TestApp::spawn_with(|c| {
        c.cep_api_url = "http://127.0.0.1:9".into();
    })
    .await;
    let owner = t.signup("Alfa").await;
    let (s, b) = t.get("/api/v1/addresses/lookup?cep=01001000", &owner.token).await;
    assert_eq!(s, StatusCode::BAD_GATEWAY, "{b}");
    assert_eq!(b["detail"], "Não foi possível consultar o CEP agora. Preencha o endereço.");

    let refused = TestApp::spawn_with(|c| {
        c.cep_api_url = "http://10.0.0.1".into();
        c.egress_allow_hosts = egress::HostList::default();
    })
    .await;
    let owner = refused.signup("Beta").await;
    let (s, _) = refused.get("/api/v1/addresses/lookup?cep=01001000", &owner.token).await;
    assert_eq!(s, StatusCode::BAD_GATEWAY, "the egress policy refuses an internal address");
}
