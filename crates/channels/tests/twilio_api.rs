//! The Twilio client against a local server that speaks Twilio's Messages
//! API: HTTP Basic with the account SID and auth token, form bodies, Twilio's
//! JSON answers and errors.
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
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use channels::Error;
use channels::twilio::{Client, outside_window_error};
use serde_json::json;

const SID: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "f00dbabe0123456789abcdef01234567";

type Shared = Arc<Mutex<Vec<(String, Vec<(String, String)>)>>>;

fn twilio_error(status: StatusCode, code: u64, message: &str) -> Response {
    let body = json!({
        "code": code, "message": message,
        "more_info": format!("https://www.twilio.com/docs/errors/{code}"), "status": status.as_u16()
    });
    (status, axum::Json(body)).into_response()
}

fn authorised(headers: &HeaderMap) -> bool {
    let expected = format!("Basic {}", STANDARD.encode(format!("{SID}:{TOKEN}")));
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(expected.as_str())
}

async fn messages(
    State(seen): State<Shared>,
    Path(sid): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !authorised(&headers) || sid != SID {
        return twilio_error(StatusCode::UNAUTHORIZED, 20003, "Authenticate");
    }
    assert_eq!(headers.get("content-type").unwrap(), "application/x-www-form-urlencoded");
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap();
    let n = {
        let mut seen = seen.lock().unwrap();
        seen.push((format!("/2010-04-01/Accounts/{sid}/Messages.json"), form.clone()));
        seen.len()
    };
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    match field("To").as_deref() {
        Some("+5500000") => {
            return twilio_error(StatusCode::BAD_REQUEST, 21211, "Invalid 'To' Phone Number: +55000XXXX");
        }
        Some("whatsapp:+5511900000000") => {
            return twilio_error(
                StatusCode::BAD_REQUEST,
                63016,
                "Failed to send freeform message because you are outside the allowed window.",
            );
        }
        Some("+5511500500500") => {
            return (StatusCode::SERVICE_UNAVAILABLE, "<html>busy</html>").into_response();
        }
        _ => {}
    }
    let body = json!({
        "account_sid": SID, "api_version": "2010-04-01", "body": field("Body"),
        "from": field("From"), "to": field("To"), "num_media": "0", "num_segments": "1",
        "sid": format!("SM{n:032x}"), "status": "queued", "direction": "outbound-api",
        "uri": format!("/2010-04-01/Accounts/{SID}/Messages/SM{n:032x}.json")
    });
    (StatusCode::CREATED, axum::Json(body)).into_response()
}

async fn account(Path(file): Path<String>, headers: HeaderMap) -> Response {
    if !authorised(&headers) || file != format!("{SID}.json") {
        return twilio_error(StatusCode::UNAUTHORIZED, 20003, "Authenticate");
    }
    axum::Json(json!({"sid": SID, "friendly_name": "ConectCRM", "status": "active", "type": "Full"}))
        .into_response()
}

/// Twilio serves media by redirecting to storage on another host.
async fn media(headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return twilio_error(StatusCode::UNAUTHORIZED, 20003, "Authenticate");
    }
    (StatusCode::TEMPORARY_REDIRECT, [("location", "/storage/ME111.jpg")]).into_response()
}

async fn storage() -> Response {
    ([("content-type", "image/jpeg")], b"\xFF\xD8\xFFphoto".to_vec()).into_response()
}

async fn spawn() -> (String, Shared) {
    let seen = Shared::default();
    let app = Router::new()
        .route("/2010-04-01/Accounts/{sid}/Messages/{message}/Media/{media}", get(media))
        .route("/storage/ME111.jpg", get(storage))
        .route("/2010-04-01/Accounts/{sid}/Messages.json", post(messages))
        .route("/2010-04-01/Accounts/{file}", get(account))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, seen)
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[tokio::test]
async fn send_posts_the_form_with_basic_auth_and_returns_the_sid() {
    let (base, seen) = spawn().await;
    let client = Client::new(&egress(), &format!("{base}/"), SID, TOKEN);
    let sid = client
        .send(
            "whatsapp:+14155238886",
            "whatsapp:+5511987654321",
            "Olá Ana, sua fatura FAT-0042 vence amanhã.",
            Some("https://files.conectcrm.com.br/s/fatura-42.pdf"),
            Some("https://app.conectcrm.com.br/hooks/twilio/status"),
        )
        .await
        .unwrap();
    assert_eq!(sid, format!("SM{:032x}", 1));
    let (path, form) = seen.lock().unwrap()[0].clone();
    assert_eq!(path, format!("/2010-04-01/Accounts/{SID}/Messages.json"));
    assert_eq!(
        pairs(&form),
        [
            ("From", "whatsapp:+14155238886"),
            ("To", "whatsapp:+5511987654321"),
            ("Body", "Olá Ana, sua fatura FAT-0042 vence amanhã."),
            ("MediaUrl", "https://files.conectcrm.com.br/s/fatura-42.pdf"),
            ("StatusCallback", "https://app.conectcrm.com.br/hooks/twilio/status"),
        ]
    );

    client.send("+551140028922", "+5511987654321", "SMS simples", None, None).await.unwrap();
    let (_, form) = seen.lock().unwrap()[1].clone();
    assert_eq!(pairs(&form), [("From", "+551140028922"), ("To", "+5511987654321"), ("Body", "SMS simples")]);
}

#[tokio::test]
async fn twilio_errors_keep_their_code() {
    let (base, _) = spawn().await;
    let e = Client::new(&egress(), &base, SID, "wrong-token")
        .send("+551140028922", "+5511987654321", "x", None, None)
        .await
        .unwrap_err();
    match &e {
        Error::Provider { status, message } => {
            assert_eq!(*status, 401);
            assert_eq!(message, "(#20003) Authenticate");
        }
        other => panic!("{other:?}"),
    }
    assert!(!e.is_retryable());

    let client = Client::new(&egress(), &base, SID, TOKEN);
    let e = client.send("+551140028922", "+5500000", "x", None, None).await.unwrap_err();
    assert_eq!(e.provider_code(), Some(21211));
    assert!(!outside_window_error(&e));
    let e =
        client.send("whatsapp:+14155238886", "whatsapp:+5511900000000", "x", None, None).await.unwrap_err();
    assert!(outside_window_error(&e));
    let e = client.send("+551140028922", "+5511500500500", "x", None, None).await.unwrap_err();
    // A body that is not Twilio's error JSON is never quoted back.
    assert!(
        matches!(&e, Error::Provider { status: 503, message } if message == "Service Unavailable"),
        "{e:?}"
    );
    assert!(e.is_retryable());
}

#[tokio::test]
async fn check_reads_the_account() {
    let (base, _) = spawn().await;
    Client::new(&egress(), &base, SID, TOKEN).check().await.unwrap();
    let e = Client::new(&egress(), &base, SID, "nope").check().await.unwrap_err();
    assert!(matches!(e, Error::Provider { status: 401, .. }));
}

#[tokio::test]
async fn received_media_is_downloaded_with_the_account_credentials() {
    let (base, _) = spawn().await;
    let url = format!("{base}/2010-04-01/Accounts/{SID}/Messages/MM9f/Media/ME111");
    assert_eq!(
        Client::new(&egress(), &base, SID, TOKEN).download(&url, 1024).await.unwrap(),
        b"\xFF\xD8\xFFphoto"
    );
    let e = Client::new(&egress(), &base, SID, "nope").download(&url, 1024).await.unwrap_err();
    assert!(matches!(e, Error::Provider { status: 401, .. }));
}

/// Storage on another host, recording the Authorization header it gets.
async fn storage_elsewhere() -> (String, Arc<Mutex<Vec<Option<String>>>>) {
    let seen: Arc<Mutex<Vec<Option<String>>>> = Arc::default();
    let record = seen.clone();
    let app = Router::new().route(
        "/ME111.jpg",
        get(move |headers: HeaderMap| async move {
            record.lock().unwrap().push(headers.get("authorization").map(|v| v.to_str().unwrap().to_owned()));
            ([("content-type", "image/jpeg")], b"\xFF\xD8\xFFphoto".to_vec()).into_response()
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/ME111.jpg", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

#[tokio::test]
async fn media_credentials_stay_with_the_api_host() {
    let (storage, storage_seen) = storage_elsewhere().await;
    let location = storage.clone();
    let api = Router::new().route(
        "/2010-04-01/Accounts/{sid}/Messages/{message}/Media/{media}",
        get(move |headers: HeaderMap| async move {
            if !authorised(&headers) {
                return twilio_error(StatusCode::UNAUTHORIZED, 20003, "Authenticate");
            }
            (StatusCode::TEMPORARY_REDIRECT, [("location", location)]).into_response()
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, api).await.unwrap() });
    let client = Client::new(&egress(), &base, SID, TOKEN);

    // Basic auth reaches the API host (which checks it), and the redirect to
    // storage on another port goes without it.
    let url = format!("{base}/2010-04-01/Accounts/{SID}/Messages/MM9f/Media/ME111");
    assert_eq!(client.download(&url, 1024).await.unwrap(), b"\xFF\xD8\xFFphoto");
    assert_eq!(*storage_seen.lock().unwrap(), vec![None]);

    // A MediaUrl naming another host directly is refused before any request,
    // even when the operator's list would allow that host.
    let e = client.download(&storage, 1024).await.unwrap_err();
    assert!(matches!(e, Error::Egress(egress::Error::Refused)), "{e:?}");
    assert_eq!(storage_seen.lock().unwrap().len(), 1);
}

#[test]
fn debug_hides_the_auth_token() {
    let shown = format!("{:?}", Client::new(&egress(), "https://api.twilio.com", SID, TOKEN));
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(shown.contains(SID));
}
