//! The SendGrid client against a local server that speaks the v3 API:
//! Bearer keys, the Mail Send JSON, `202 Accepted` with `X-Message-Id`, and
//! SendGrid's error JSON.
#![allow(clippy::unwrap_used)]

/// The fake provider runs on 127.0.0.1, which the operator allow-list must name.
fn egress() -> egress::Egress {
    egress::Egress::new(egress::HostList::parse(&["127.0.0.1"]).unwrap()).unwrap()
}

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use channels::EmailAttachment;
use channels::Error;
use channels::email::Outbound;
use channels::sendgrid::Client;
use serde_json::{Value, json};

const KEY: &str = "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";

type Shared = Arc<Mutex<Vec<Value>>>;

fn sendgrid_error(status: StatusCode, message: &str, field: Option<&str>) -> Response {
    (status, axum::Json(json!({"errors": [{"message": message, "field": field, "help": null}]})))
        .into_response()
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {KEY}"))
}

async fn mail_send(State(seen): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    if !authorised(&headers) {
        return sendgrid_error(
            StatusCode::UNAUTHORIZED,
            "The provided authorization grant is invalid, expired, or revoked",
            None,
        );
    }
    let body: Value = serde_json::from_slice(&body).unwrap();
    seen.lock().unwrap().push(body.clone());
    if body["subject"] == "explode" {
        return sendgrid_error(StatusCode::INTERNAL_SERVER_ERROR, "internal error", None);
    }
    if body["from"]["email"] == "unverified@empresa.com.br" {
        return sendgrid_error(
            StatusCode::FORBIDDEN,
            "The from address does not match a verified Sender Identity.",
            Some("from"),
        );
    }
    (StatusCode::ACCEPTED, [("x-message-id", "W1a2B3c4D5e6F7g8H9i0Jk")]).into_response()
}

async fn scopes(headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return sendgrid_error(StatusCode::UNAUTHORIZED, "authorization required", None);
    }
    axum::Json(json!({"scopes": ["mail.send", "user.profile.read"]})).into_response()
}

async fn spawn() -> (String, Shared) {
    let seen = Shared::default();
    let app = Router::new()
        .route("/v3/mail/send", post(mail_send))
        .route("/v3/scopes", get(scopes))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, seen)
}

fn reply() -> Outbound {
    Outbound {
        from: "suporte@empresa.com.br".into(),
        to: "Ana Souza <ana.souza@example.com.br>".into(),
        reply_to: None,
        subject: "Re: [#1042] Dúvida sobre a fatura".into(),
        text: "Olá Ana, segue a fatura corrigida.".into(),
        html: Some("<p>Olá Ana, segue a fatura corrigida.</p>".into()),
        message_id: "0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.empresa.com.br".into(),
        in_reply_to: Some("<CAJ3kT9qW@mail.gmail.com>".into()),
        references: vec!["CAJ3kT9a-first@mail.gmail.com".into()],
        attachments: vec![EmailAttachment {
            filename: "fatura-FAT-0042.pdf".into(),
            content_type: "application/pdf".into(),
            content: b"%PDF-1.4 fatura".to_vec(),
        }],
    }
}

#[tokio::test]
async fn send_posts_the_mail_send_json_and_returns_the_message_id() {
    let (base, seen) = spawn().await;
    let client = Client::new(&egress(), &format!("{base}/"), KEY);
    let id = client.send(&reply(), Some("Suporte Empresa")).await.unwrap();
    assert_eq!(id.as_deref(), Some("W1a2B3c4D5e6F7g8H9i0Jk"));
    let body = seen.lock().unwrap()[0].clone();
    assert_eq!(
        body,
        json!({
            "personalizations": [{"to": [{"email": "ana.souza@example.com.br", "name": "Ana Souza"}]}],
            "from": {"email": "suporte@empresa.com.br", "name": "Suporte Empresa"},
            "subject": "Re: [#1042] Dúvida sobre a fatura",
            "content": [
                {"type": "text/plain", "value": "Olá Ana, segue a fatura corrigida."},
                {"type": "text/html", "value": "<p>Olá Ana, segue a fatura corrigida.</p>"}
            ],
            "headers": {
                "Message-ID": "<0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.empresa.com.br>",
                "In-Reply-To": "<CAJ3kT9qW@mail.gmail.com>",
                "References": "<CAJ3kT9a-first@mail.gmail.com> <CAJ3kT9qW@mail.gmail.com>"
            },
            "custom_args": {"message_id": "0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.empresa.com.br"},
            "attachments": [{
                "content": STANDARD.encode(b"%PDF-1.4 fatura"),
                "filename": "fatura-FAT-0042.pdf",
                "type": "application/pdf",
                "disposition": "attachment"
            }]
        })
    );
}

#[tokio::test]
async fn a_first_plain_message_sends_only_what_it_has() {
    let (base, seen) = spawn().await;
    let out = Outbound {
        from: "Empresa <suporte@empresa.com.br>".into(),
        html: None,
        in_reply_to: None,
        references: vec![],
        attachments: vec![],
        ..reply()
    };
    Client::new(&egress(), &base, KEY).send(&out, None).await.unwrap();
    let body = seen.lock().unwrap()[0].clone();
    assert_eq!(body["from"], json!({"email": "suporte@empresa.com.br", "name": "Empresa"}));
    assert_eq!(
        body["content"],
        json!([{"type": "text/plain", "value": "Olá Ana, segue a fatura corrigida."}])
    );
    assert_eq!(
        body["headers"],
        json!({"Message-ID": "<0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.empresa.com.br>"})
    );
    assert!(body.get("attachments").is_none());
}

#[tokio::test]
async fn sendgrid_errors_are_explained() {
    let (base, _) = spawn().await;
    let e = Client::new(&egress(), &base, "SG.wrong").send(&reply(), None).await.unwrap_err();
    assert!(
        matches!(&e, Error::Provider { status: 401, message } if message.contains("authorization grant"))
    );
    assert!(!e.is_retryable());

    let client = Client::new(&egress(), &base, KEY);
    let e = client
        .send(&Outbound { from: "unverified@empresa.com.br".into(), ..reply() }, None)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Provider { status: 403, message } if message == "from: The from address does not match a verified Sender Identity.")
    );
    let e = client.send(&Outbound { subject: "explode".into(), ..reply() }, None).await.unwrap_err();
    assert!(e.is_retryable());

    // Bad input is refused before anything is sent.
    let e = client.send(&Outbound { to: "nobody".into(), ..reply() }, None).await.unwrap_err();
    assert!(matches!(e, Error::Decode(_)));
}

#[tokio::test]
async fn check_lists_the_keys_scopes() {
    let (base, _) = spawn().await;
    Client::new(&egress(), &base, KEY).check().await.unwrap();
    assert!(matches!(
        Client::new(&egress(), &base, "SG.x").check().await,
        Err(Error::Provider { status: 401, .. })
    ));
}

#[test]
fn debug_hides_the_key() {
    let shown = format!("{:?}", Client::new(&egress(), "https://api.sendgrid.com", KEY));
    assert!(!shown.contains(KEY), "{shown}");
}
