//! The WhatsApp client against a local server that speaks the Graph API:
//! Bearer tokens, `/v21.0/{phone-number-id}/messages`, Meta's response and
//! error JSON.
#![allow(clippy::unwrap_used)]

/// The fake provider runs on 127.0.0.1, which the operator allow-list must name.
fn egress() -> egress::Egress {
    egress::Egress::new(egress::HostList::parse(&["127.0.0.1"]).unwrap()).unwrap()
}

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use channels::whatsapp::{Client, outside_window_error};
use channels::{Error, MediaKind};
use serde_json::{Value, json};

const TOKEN: &str = "EAAGm0PX4ZCpsBAKZCConectCRM";
const PHONE_NUMBER_ID: &str = "106540352242922";

#[derive(Default)]
struct Fake {
    /// (path, JSON body) of each POST.
    seen: Vec<(String, Value)>,
    base: String,
}

type Shared = Arc<Mutex<Fake>>;

fn graph_error(status: StatusCode, code: u64, message: &str, details: Option<&str>) -> Response {
    let mut error =
        json!({"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbCdEf123"});
    if let Some(details) = details {
        error["error_data"] = json!({"messaging_product": "whatsapp", "details": details});
    }
    (status, axum::Json(json!({"error": error}))).into_response()
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {TOKEN}"))
}

fn unauthorised() -> Response {
    graph_error(StatusCode::UNAUTHORIZED, 190, "Invalid OAuth access token - Cannot parse access token", None)
}

async fn messages(
    State(fake): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !authorised(&headers) {
        return unauthorised();
    }
    let body: Value = serde_json::from_slice(&body).unwrap();
    let n = {
        let mut fake = fake.lock().unwrap();
        fake.seen.push((format!("/v21.0/{id}/messages"), body.clone()));
        fake.seen.len()
    };
    if id != PHONE_NUMBER_ID {
        return graph_error(StatusCode::BAD_REQUEST, 100, "Unsupported post request.", None);
    }
    match body["text"]["body"].as_str() {
        Some("late") => {
            return graph_error(
                StatusCode::BAD_REQUEST,
                131047,
                "(#131047) Re-engagement message",
                Some(
                    "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
                ),
            );
        }
        Some("explode") => {
            return graph_error(StatusCode::INTERNAL_SERVER_ERROR, 131000, "Something went wrong", None);
        }
        Some("slow down") => {
            return graph_error(StatusCode::TOO_MANY_REQUESTS, 130429, "Rate limit hit", None);
        }
        _ => {}
    }
    axum::Json(json!({
        "messaging_product": "whatsapp",
        "contacts": [{"input": body["to"], "wa_id": body["to"]}],
        "messages": [{"id": format!("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEj{n}"), "message_status": "accepted"}]
    }))
    .into_response()
}

async fn node(State(fake): State<Shared>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return unauthorised();
    }
    let base = fake.lock().unwrap().base.clone();
    match id.as_str() {
        PHONE_NUMBER_ID => axum::Json(json!({
            "verified_name": "ConectCRM Demo", "display_phone_number": "+55 11 4002-8922",
            "id": PHONE_NUMBER_ID, "quality_rating": "GREEN"
        }))
        .into_response(),
        "1003383421387256" => axum::Json(json!({
            "messaging_product": "whatsapp",
            "url": format!("{base}/lookaside/whatsapp_business/attachments/?mid=1003383421387256&ext=1732791600&hash=ATt"),
            "mime_type": "image/jpeg",
            "sha256": "1dc7b1d7",
            "file_size": "11",
            "id": "1003383421387256"
        }))
        .into_response(),
        _ => graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "Unsupported get request. Object with ID does not exist",
            None,
        ),
    }
}

async fn lookaside(headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return (StatusCode::UNAUTHORIZED, "").into_response();
    }
    ([("content-type", "image/jpeg")], b"\xFF\xD8\xFFjpegdata".to_vec()).into_response()
}

async fn spawn() -> (String, Shared) {
    let fake = Shared::default();
    let app = Router::new()
        .route("/v21.0/{id}/messages", post(messages))
        .route("/v21.0/{id}", get(node))
        .route("/lookaside/whatsapp_business/attachments/", get(lookaside))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    fake.lock().unwrap().base = base.clone();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, fake)
}

fn last(fake: &Shared) -> (String, Value) {
    fake.lock().unwrap().seen.last().cloned().unwrap()
}

#[tokio::test]
async fn text_goes_to_the_numbers_messages_edge_with_digits_only() {
    let (base, fake) = spawn().await;
    let client = Client::new(&egress(), &format!("{base}/"), TOKEN, PHONE_NUMBER_ID);
    let wamid = client.send_text("+55 11 98765-4321", "Sua fatura está disponível.", None).await.unwrap();
    assert_eq!(wamid, "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEj1");
    let (path, body) = last(&fake);
    assert_eq!(path, format!("/v21.0/{PHONE_NUMBER_ID}/messages"));
    assert_eq!(
        body,
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "5511987654321",
            "type": "text",
            "text": {"body": "Sua fatura está disponível.", "preview_url": false}
        })
    );

    client.send_text("+5511987654321", "Respondendo", Some("wamid.customer")).await.unwrap();
    assert_eq!(last(&fake).1["context"], json!({"message_id": "wamid.customer"}));
}

#[tokio::test]
async fn template_carries_name_language_and_body_parameters() {
    let (base, fake) = spawn().await;
    let client = Client::new(&egress(), &base, TOKEN, PHONE_NUMBER_ID);
    let params = ["Ana".to_owned(), "FAT-0042".to_owned(), "R$ 129,90".to_owned()];
    client.send_template("+5511987654321", "lembrete_fatura", "pt_BR", &params).await.unwrap();
    let (_, body) = last(&fake);
    assert_eq!(body["type"], "template");
    assert_eq!(
        body["template"],
        json!({
            "name": "lembrete_fatura",
            "language": {"code": "pt_BR"},
            "components": [{"type": "body", "parameters": [
                {"type": "text", "text": "Ana"},
                {"type": "text", "text": "FAT-0042"},
                {"type": "text", "text": "R$ 129,90"}
            ]}]
        })
    );

    client.send_template("+5511987654321", "hello_world", "en_US", &[]).await.unwrap();
    assert_eq!(last(&fake).1["template"], json!({"name": "hello_world", "language": {"code": "en_US"}}));
}

#[tokio::test]
async fn media_goes_by_link_with_caption_and_filename_where_allowed() {
    let (base, fake) = spawn().await;
    let client = Client::new(&egress(), &base, TOKEN, PHONE_NUMBER_ID);
    let link = "https://files.conectcrm.com.br/s/fatura-42.pdf?sig=abc";
    client
        .send_media("+5511987654321", MediaKind::Document, link, Some("Sua fatura"), Some("fatura-42.pdf"))
        .await
        .unwrap();
    let (_, body) = last(&fake);
    assert_eq!(body["type"], "document");
    assert_eq!(body["document"], json!({"link": link, "caption": "Sua fatura", "filename": "fatura-42.pdf"}));

    client.send_media("+5511987654321", MediaKind::Image, link, Some("Foto"), Some("x.jpg")).await.unwrap();
    assert_eq!(last(&fake).1["image"], json!({"link": link, "caption": "Foto"}));

    client.send_media("+5511987654321", MediaKind::Audio, link, Some("ignored"), None).await.unwrap();
    let (_, body) = last(&fake);
    assert_eq!(body["type"], "audio");
    assert_eq!(body["audio"], json!({"link": link}));
}

#[tokio::test]
async fn received_media_is_resolved_then_downloaded_with_the_token() {
    let (base, _) = spawn().await;
    let client = Client::new(&egress(), &base, TOKEN, PHONE_NUMBER_ID);
    let (url, mime) = client.media_url("1003383421387256").await.unwrap();
    assert!(url.starts_with(&format!("{base}/lookaside/")));
    assert_eq!(mime.as_deref(), Some("image/jpeg"));
    assert_eq!(client.download(&url, 1024).await.unwrap(), b"\xFF\xD8\xFFjpegdata");
    let e = client.download(&url, 4).await.unwrap_err();
    assert!(matches!(e, Error::Egress(egress::Error::TooLarge)), "{e:?}");

    let missing = client.media_url("999").await.unwrap_err();
    assert!(
        matches!(&missing, Error::Provider { status: 400, message } if message.starts_with("(#100) Unsupported get request"))
    );
}

#[tokio::test]
async fn closed_window_is_recognised_and_not_retryable() {
    let (base, _) = spawn().await;
    let client = Client::new(&egress(), &base, TOKEN, PHONE_NUMBER_ID);
    let e = client.send_text("+5511987654321", "late", None).await.unwrap_err();
    assert!(outside_window_error(&e), "{e}");
    assert!(!e.is_retryable());
    assert_eq!(e.provider_code(), Some(131047));
    match &e {
        Error::Provider { status, message } => {
            assert_eq!(*status, 400);
            assert_eq!(
                message,
                "(#131047) Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number."
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn outages_and_rate_limits_are_retryable() {
    let (base, _) = spawn().await;
    let client = Client::new(&egress(), &base, TOKEN, PHONE_NUMBER_ID);
    let e = client.send_text("+5511987654321", "explode", None).await.unwrap_err();
    assert!(matches!(e, Error::Provider { status: 500, .. }));
    assert!(e.is_retryable());
    assert!(!outside_window_error(&e));
    let e = client.send_text("+5511987654321", "slow down", None).await.unwrap_err();
    assert!(matches!(e, Error::Provider { status: 429, .. }) && e.is_retryable());

    // Nothing listens on a closed port: no answer, retryable.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let e = Client::new(&egress(), &dead, TOKEN, PHONE_NUMBER_ID).check().await.unwrap_err();
    assert!(matches!(e, Error::Egress(egress::Error::Unreachable)) && e.is_retryable(), "{e:?}");
}

#[tokio::test]
async fn check_proves_the_token_and_number() {
    let (base, _) = spawn().await;
    Client::new(&egress(), &base, TOKEN, PHONE_NUMBER_ID).check().await.unwrap();
    let e = Client::new(&egress(), &base, "wrong", PHONE_NUMBER_ID).check().await.unwrap_err();
    assert!(matches!(&e, Error::Provider { status: 401, message } if message.starts_with("(#190)")));
    assert!(Client::new(&egress(), &base, TOKEN, "000").check().await.is_err());
}

#[test]
fn debug_hides_the_token() {
    let shown = format!("{:?}", Client::new(&egress(), "https://graph.facebook.com", TOKEN, PHONE_NUMBER_ID));
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(shown.contains(PHONE_NUMBER_ID));
}

#[tokio::test]
async fn the_token_goes_only_to_the_graph_host_and_meta_media() {
    let (base, _) = spawn().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let elsewhere = format!("http://{}/lookaside/x", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = seen.clone();
    tokio::spawn(async move {
        while listener.accept().await.is_ok() {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    // Even a host the operator allows gets no token unless the Graph API
    // is there: a media URL elsewhere is refused without a connection.
    let e =
        Client::new(&egress(), &base, TOKEN, PHONE_NUMBER_ID).download(&elsewhere, 1024).await.unwrap_err();
    assert!(matches!(e, Error::Egress(egress::Error::Refused)), "{e:?}");
    assert_eq!(e.to_string(), "endereço não permitido");
    assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 0);
}
