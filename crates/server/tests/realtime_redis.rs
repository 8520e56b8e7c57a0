//! Two nodes of one deployment (one database, Socket.IO through Redis at
//! `REDIS_URL`, default 127.0.0.1:6379): an event dispatched on one node
//! reaches a socket connected to the other, and only its own company's.
//! Speaks Engine.IO 4 long-polling with plain HTTP, as a socket.io client
//! does before it upgrades.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::TestApp;
use kernel::config::Secret;
use serde_json::{Value, json};

fn redis_url() -> String {
    std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

/// A Socket.IO client on the default namespace over long-polling.
struct Socket {
    http: reqwest::Client,
    url: String,
}

impl Socket {
    async fn connect(addr: std::net::SocketAddr, token: &str) -> Socket {
        let http = reqwest::Client::new();
        let base = format!("http://{addr}/socket.io/?EIO=4&transport=polling");
        let open = http.get(&base).send().await.unwrap().text().await.unwrap();
        let handshake: Value =
            serde_json::from_str(open.strip_prefix('0').expect("an Engine.IO open packet")).unwrap();
        let url = format!("{base}&sid={}", handshake["sid"].as_str().unwrap());
        let socket = Socket { http, url };
        socket.send(&format!("40{}", json!({"token": token}))).await;
        // The namespace's answer: 40{"sid"} when the token is accepted, 44 when not.
        for _ in 0..10 {
            for p in socket.poll().await {
                if p == "2" {
                    socket.send("3").await;
                } else if p.starts_with("40{") {
                    return socket;
                } else {
                    panic!("refused by the namespace: {p}");
                }
            }
        }
        panic!("no answer to the namespace connect");
    }

    async fn send(&self, packet: &str) {
        let res = self.http.post(&self.url).body(packet.to_string()).send().await.unwrap();
        assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    }

    /// One long-poll: the packets the server had for us.
    async fn poll(&self) -> Vec<String> {
        let body = self.http.get(&self.url).send().await.unwrap().text().await.unwrap();
        body.split('\u{1e}').map(str::to_string).collect()
    }

    /// The payload of the next `event`, answering pings meanwhile; None
    /// when nothing came within `wait`.
    async fn next_event(&self, event: &str, wait: Duration) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.checked_duration_since(tokio::time::Instant::now())?;
            let packets = tokio::time::timeout(left, self.poll()).await.ok()?;
            for p in packets {
                if p == "2" {
                    self.send("3").await;
                } else if let Some(data) = p.strip_prefix("42") {
                    let v: Value = serde_json::from_str(data).unwrap();
                    if v[0] == event {
                        return Some(v[1].clone());
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn an_event_dispatched_on_one_node_reaches_a_socket_on_the_other_through_redis() {
    let t = TestApp::spawn_with(|c| c.redis_url = Some(Secret::new(redis_url()))).await;
    let (_second, addr) = t.second_node(|c| c.redis_url = Some(Secret::new(redis_url()))).await;
    let alfa = t.signup("Alfa").await;
    let beta = t.signup("Beta").await;
    t.drain_jobs().await;
    let mine = Socket::connect(addr, &alfa.token).await;
    let theirs = Socket::connect(addr, &beta.token).await;

    // Changed and dispatched on the first node only.
    let (s, b) = t.patch("/api/v1/company", &alfa.token, json!({"name": "Alfa Multinó"})).await;
    assert_eq!(s, reqwest::StatusCode::OK, "{b}");
    t.drain_jobs().await;

    let payload = mine
        .next_event("CompanyUpdated", Duration::from_secs(10))
        .await
        .expect("CompanyUpdated reached the other node's socket through Redis");
    assert_eq!(payload["company_id"], alfa.tenant_id);
    assert!(payload.get("plan_code").is_none(), "a profile change, not a plan change: {payload}");
    assert_eq!(
        theirs.next_event("CompanyUpdated", Duration::from_secs(1)).await,
        None,
        "another company heard it"
    );
}
