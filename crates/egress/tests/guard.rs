//! The policy against real sockets on 127.0.0.1: a listed fake provider
//! answers; an unlisted listener never sees a connection, however the call
//! is steered there (literal IP, a name, a redirect); answers are capped and
//! errors never quote what the other side said.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use egress::{Egress, Error, HostList, Scope};

const NOWHERE: Scope = Scope(&["api.example.com"]);

fn no_message(_: &[u8]) -> Option<String> {
    None
}

/// A listener that only counts the connections it receives.
async fn recorder() -> (u16, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(AtomicUsize::new(0));
    let count = seen.clone();
    tokio::spawn(async move {
        while let Ok((_socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
        }
    });
    (port, seen)
}

#[derive(Clone, Default)]
struct Fake {
    /// Where `/redirect` sends the client.
    target: String,
    hits: Arc<AtomicUsize>,
    authorization: Arc<std::sync::Mutex<Vec<Option<String>>>>,
}

async fn fake(target: String) -> (u16, Fake) {
    let fake = Fake { target, ..Fake::default() };
    let state = fake.clone();
    let router = axum::Router::new()
        .route("/ok", get(|| async { "{\"id\": 1}" }))
        .route(
            "/redirect",
            get(|axum::extract::State(f): axum::extract::State<Fake>| async move {
                (StatusCode::FOUND, [(header::LOCATION, f.target.clone())]).into_response()
            }),
        )
        .route(
            "/loop",
            get(|axum::extract::State(f): axum::extract::State<Fake>| async move {
                f.hits.fetch_add(1, Ordering::SeqCst);
                (StatusCode::FOUND, [(header::LOCATION, "/loop")]).into_response()
            }),
        )
        .route(
            "/who",
            get(|axum::extract::State(f): axum::extract::State<Fake>, headers: HeaderMap| async move {
                let auth = headers.get(header::AUTHORIZATION).map(|v| v.to_str().unwrap().to_owned());
                f.authorization.lock().unwrap().push(auth);
                "ok"
            }),
        )
        .route(
            "/limited",
            get(|| async {
                (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "7")], "{\"error\": \"slow down\"}")
                    .into_response()
            }),
        )
        .route("/big", get(|| async { vec![b'x'; 2 * 1024 * 1024] }))
        .route(
            "/big-chunked",
            get(|| async {
                // No Content-Length: the cap must act while the body streams.
                let chunks = (0..64).map(|_| Ok::<_, std::io::Error>(vec![b'x'; 32 * 1024]));
                Response::new(axum::body::Body::from_stream(futures::stream::iter(chunks)))
            }),
        )
        .route(
            "/error",
            get(|| async {
                (StatusCode::INTERNAL_SERVER_ERROR, "segredo interno: senha=123").into_response()
            }),
        )
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (port, fake)
}

fn egress(operator: &str) -> Egress {
    Egress::new(HostList::parse_csv(operator).unwrap()).unwrap()
}

#[tokio::test]
async fn literal_internal_addresses_get_no_connection() {
    let (port, seen) = recorder().await;
    let e = egress("");
    for url in [format!("http://127.0.0.1:{port}/"), format!("http://[::ffff:127.0.0.1]:{port}/")] {
        let err = e.send(e.get(&url), NOWHERE, no_message).await.unwrap_err();
        assert_eq!(err, Error::Refused, "{url}");
        assert_eq!(err.to_string(), "endereço não permitido");
    }
    assert_eq!(seen.load(Ordering::SeqCst), 0);
}

/// Providers are https: the client must dial an https URL and start a TLS
/// handshake (a client built without TLS refuses the scheme before
/// connecting, and every real provider call would fail).
#[tokio::test]
async fn https_urls_are_dialled_with_tls() {
    let (port, seen) = recorder().await;
    let e = egress(&format!("127.0.0.1:{port}"));
    let err = e.send(e.get(&format!("https://127.0.0.1:{port}/")), NOWHERE, no_message).await.unwrap_err();
    assert_ne!(err, Error::Refused);
    assert!(seen.load(Ordering::SeqCst) >= 1, "the https URL was never dialled: {err}");
}

#[tokio::test]
async fn a_listed_host_answers_and_its_other_ports_stay_closed() {
    let (other, seen) = recorder().await;
    let (port, _) = fake(String::new()).await;
    let e = egress(&format!("127.0.0.1:{port},localhost:{port}"));
    let answer = e.send(e.get(&format!("http://127.0.0.1:{port}/ok")), NOWHERE, no_message).await.unwrap();
    assert_eq!(answer.body, b"{\"id\": 1}");
    e.send(e.get(&format!("http://localhost:{port}/ok")), NOWHERE, no_message).await.unwrap();
    for url in [format!("http://127.0.0.1:{other}/"), format!("http://localhost:{other}/")] {
        assert_eq!(e.send(e.get(&url), NOWHERE, no_message).await.unwrap_err(), Error::Refused, "{url}");
    }
    assert_eq!(seen.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_redirect_from_a_listed_host_to_an_internal_one_is_refused() {
    let (port, seen) = recorder().await;
    for target in [
        format!("http://127.0.0.1:{port}/"),
        format!("http://localhost:{port}/"),
        format!("http://[::1]:{port}/"),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
    ] {
        let (fake_port, _) = fake(target.clone()).await;
        let e = egress(&format!("127.0.0.1:{fake_port}"));
        let err = e
            .send(e.get(&format!("http://127.0.0.1:{fake_port}/redirect")), NOWHERE, no_message)
            .await
            .unwrap_err();
        assert_eq!(err, Error::Refused, "{target}");
    }
    assert_eq!(seen.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn redirects_stop_after_three_hops() {
    let (port, fake) = fake(String::new()).await;
    let e = egress(&format!("127.0.0.1:{port}"));
    let err = e.send(e.get(&format!("http://127.0.0.1:{port}/loop")), NOWHERE, no_message).await.unwrap_err();
    assert_eq!(err, Error::Refused);
    assert_eq!(fake.hits.load(Ordering::SeqCst), 1 + egress::MAX_REDIRECTS);
}

#[tokio::test]
async fn credentials_are_dropped_when_a_redirect_changes_host() {
    let (storage, storage_fake) = fake(String::new()).await;
    let (api, api_fake) = fake(format!("http://127.0.0.1:{storage}/who")).await;
    let e = egress(&format!("127.0.0.1:{api},127.0.0.1:{storage}"));
    let request = e.get(&format!("http://127.0.0.1:{api}/redirect")).basic_auth("AC1", Some("token"));
    e.send(request, NOWHERE, no_message).await.unwrap();
    assert_eq!(*storage_fake.authorization.lock().unwrap(), vec![None]);
    // The same header does reach the host it was meant for.
    let request = e.get(&format!("http://127.0.0.1:{api}/who")).basic_auth("AC1", Some("token"));
    e.send(request, NOWHERE, no_message).await.unwrap();
    assert!(api_fake.authorization.lock().unwrap()[0].as_deref().unwrap().starts_with("Basic "));
}

#[tokio::test]
async fn oversized_answers_are_cut_off() {
    let (port, _) = fake(String::new()).await;
    let e = egress(&format!("127.0.0.1:{port}"));
    for path in ["big", "big-chunked"] {
        let err =
            e.send(e.get(&format!("http://127.0.0.1:{port}/{path}")), NOWHERE, no_message).await.unwrap_err();
        assert_eq!(err, Error::TooLarge, "{path}");
        assert_eq!(err.to_string(), "resposta grande demais");
        let err = e
            .download(e.get(&format!("http://127.0.0.1:{port}/{path}")), NOWHERE, 1000, no_message)
            .await
            .unwrap_err();
        assert_eq!(err, Error::TooLarge, "{path}");
    }
    let small = e.download(e.get(&format!("http://127.0.0.1:{port}/ok")), NOWHERE, 1000, no_message).await;
    assert_eq!(small.unwrap().body.len(), 9);
}

#[tokio::test]
async fn failures_name_their_class_and_never_quote_the_other_side() {
    let (port, _) = fake(String::new()).await;
    // A port that was just free: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let e = egress(&format!("127.0.0.1:{port},127.0.0.1:{closed}"));
    let err =
        e.send(e.get(&format!("http://127.0.0.1:{port}/error")), NOWHERE, no_message).await.unwrap_err();
    assert_eq!(err, Error::Status { status: 500, message: "Internal Server Error".into() });
    assert!(err.is_retryable());
    let err = e.send(e.get(&format!("http://127.0.0.1:{closed}/")), NOWHERE, no_message).await.unwrap_err();
    assert_eq!(err, Error::Unreachable);
    assert_eq!(err.to_string(), "o provedor não respondeu");
}

#[tokio::test]
async fn send_any_status_hands_back_an_error_answer_under_the_same_policy() {
    let (other, seen) = recorder().await;
    let (port, _) = fake(format!("http://127.0.0.1:{other}/")).await;
    let e = egress(&format!("127.0.0.1:{port}"));
    let answer =
        e.send_any_status(e.get(&format!("http://127.0.0.1:{port}/limited")), NOWHERE).await.unwrap();
    assert_eq!(answer.status, 429);
    assert_eq!(answer.headers[header::RETRY_AFTER], "7");
    assert_eq!(answer.body, b"{\"error\": \"slow down\"}");
    let ok = e.send_any_status(e.get(&format!("http://127.0.0.1:{port}/ok")), NOWHERE).await.unwrap();
    assert_eq!((ok.status, ok.body.as_slice()), (200, b"{\"id\": 1}".as_slice()));
    let big = e.send_any_status(e.get(&format!("http://127.0.0.1:{port}/big")), NOWHERE).await;
    assert_eq!(big.unwrap_err(), Error::TooLarge);
    let refused = e.send_any_status(e.get(&format!("http://127.0.0.1:{other}/")), NOWHERE).await;
    assert_eq!(refused.unwrap_err(), Error::Refused);
    // A redirect is not followed at all: the 3xx is the answer.
    let redirected =
        e.send_any_status(e.get(&format!("http://127.0.0.1:{port}/redirect")), NOWHERE).await.unwrap();
    assert!((300..400).contains(&redirected.status), "{}", redirected.status);
    assert_eq!(seen.load(Ordering::SeqCst), 0);
}
