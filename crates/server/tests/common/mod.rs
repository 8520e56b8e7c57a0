//! Test harness: a fresh database per test, cloned from a migrated
//! template (fast), the real server on a random port, real HTTP.
#![allow(dead_code, clippy::unwrap_used)]

pub mod fakes;
pub mod flows;
pub mod surface;
pub mod webchat;
pub mod world;

use std::net::SocketAddr;
use std::path::PathBuf;

use kernel::App;
use kernel::config::Config;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::{Connection, Executor, PgConnection};

pub fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// One migrated template per version of the migrations.
async fn template() -> String {
    // Keyed by the migrations compiled into this binary, so a template is
    // never reused across different schemas.
    let mut hasher = Sha256::new();
    for m in kernel::db::MIGRATOR.iter() {
        hasher.update(m.version.to_le_bytes());
        hasher.update(&*m.checksum);
    }
    let name = format!("conectcrm_tmpl_{}", &hex::encode(hasher.finalize())[..16]);
    let mut conn = PgConnection::connect(&admin_url()).await.unwrap();
    conn.execute("select pg_advisory_lock(4242)").await.unwrap();
    let exists: bool = sqlx::query_scalar("select exists(select 1 from pg_database where datname = $1)")
        .bind(&name)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    if !exists {
        let building = format!("{name}_building");
        conn.execute(sqlx::AssertSqlSafe(format!("drop database if exists {building} with (force)")))
            .await
            .unwrap();
        conn.execute(sqlx::AssertSqlSafe(format!("create database {building}"))).await.unwrap();
        kernel::db::migrate(&kernel::db::with_database(&admin_url(), &building).unwrap()).await.unwrap();
        conn.execute(sqlx::AssertSqlSafe(format!("alter database {building} rename to {name}")))
            .await
            .unwrap();
    }
    conn.execute("select pg_advisory_unlock(4242)").await.unwrap();
    name
}

/// A database of its own, dropped when the test ends.
pub struct TestDb {
    pub name: String,
    pub url: String,
}

impl TestDb {
    pub async fn new() -> Self {
        let tmpl = template().await;
        let name = format!("conectcrm_test_{}", uuid::Uuid::now_v7().simple());
        let mut conn = PgConnection::connect(&admin_url()).await.unwrap();
        conn.execute(sqlx::AssertSqlSafe(format!("create database {name} template {tmpl}"))).await.unwrap();
        let url = kernel::db::with_database(&admin_url(), &name).unwrap();
        Self { name, url }
    }

    /// An empty database (no migrations), for migration tests.
    pub async fn empty() -> Self {
        let name = format!("conectcrm_test_{}", uuid::Uuid::now_v7().simple());
        let mut conn = PgConnection::connect(&admin_url()).await.unwrap();
        conn.execute(sqlx::AssertSqlSafe(format!("create database {name}"))).await.unwrap();
        let url = kernel::db::with_database(&admin_url(), &name).unwrap();
        Self { name, url }
    }

    /// A superuser connection (bypasses RLS): for assertions only.
    pub async fn admin(&self) -> PgConnection {
        PgConnection::connect(&self.url).await.unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async {
                if let Ok(mut conn) = PgConnection::connect(&admin_url()).await {
                    let _ = conn
                        .execute(sqlx::AssertSqlSafe(format!("drop database if exists {name} with (force)")))
                        .await;
                }
            });
        })
        .join();
    }
}

/// A TCP listener on 127.0.0.1 that only counts the connections it gets:
/// proof that nothing was sent to an address a tenant chose.
pub async fn recorder() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = seen.clone();
    tokio::spawn(async move {
        while listener.accept().await.is_ok() {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    (url, seen)
}

pub struct TestApp {
    pub app: App,
    pub addr: SocketAddr,
    pub db: TestDb,
    pub data_dir: PathBuf,
    pub http: reqwest::Client,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// A server whose egress allow-list names only `base` (a fake
    /// provider's `http://127.0.0.1:port`), so any other local address is
    /// internal and refused — as in production, where nothing local is listed.
    pub async fn spawn_allowing_only(base: &str) -> Self {
        let host = base.trim_start_matches("http://").to_string();
        Self::spawn_with(|c| c.egress_allow_hosts = egress::HostList::parse(&[host]).unwrap()).await
    }

    pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> Self {
        let db = TestDb::new().await;
        let data_dir = std::env::temp_dir().join(format!("conectcrm-test-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&data_dir).unwrap();
        let mut config = Config::for_tests(&db.url, &data_dir);
        // The fake providers listen on 127.0.0.1 (random ports): the
        // operator's allow-list names that host, as a staging install would
        // name its sandbox. Tests of the egress policy narrow it in `tweak`.
        config.egress_allow_hosts = egress::HostList::parse(&["127.0.0.1"]).unwrap();
        tweak(&mut config);
        let app = server::build_app(config).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = server::routes::router(app.clone()).await.unwrap();
        tokio::spawn(async move {
            axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
        });
        Self { app, addr, db, data_dir, http: reqwest::Client::new() }
    }

    /// Another node of the same deployment: its own server and `App` on this
    /// test's database and data folder (its worker is not run, as on a
    /// web-only node).
    pub async fn second_node(&self, tweak: impl FnOnce(&mut Config)) -> (App, SocketAddr) {
        let mut config = Config::for_tests(&self.db.url, &self.data_dir);
        tweak(&mut config);
        let app = server::build_app(config).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = server::routes::router(app.clone()).await.unwrap();
        tokio::spawn(async move {
            axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
        });
        (app, addr)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    /// A request with a body that is not JSON (uploads, images, CSV).
    pub async fn send_bytes(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
    ) -> (StatusCode, Value) {
        let mut req =
            self.http.request(method, self.url(path)).header("content-type", content_type).body(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    pub async fn put_bytes(
        &self,
        path: &str,
        token: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> (StatusCode, Value) {
        self.send_bytes(Method::PUT, path, Some(token), content_type, body).await
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }
    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, token, Some(body)).await
    }
    /// A body as a provider sends it (its own bytes and content type, with
    /// its signature headers), not JSON a client of ours builds.
    pub async fn post_raw(
        &self,
        path: &str,
        headers: &[(&str, String)],
        content_type: &str,
        body: impl AsRef<[u8]>,
    ) -> (StatusCode, String) {
        let mut req =
            self.http.post(self.url(path)).body(body.as_ref().to_vec()).header("content-type", content_type);
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        let res = req.send().await.unwrap();
        (res.status(), res.text().await.unwrap())
    }

    /// [`Self::post_raw`] of a JSON body (Stripe, Asaas, WhatsApp).
    pub async fn post_raw_json(
        &self,
        path: &str,
        headers: &[(&str, String)],
        body: impl AsRef<[u8]>,
    ) -> (StatusCode, String) {
        self.post_raw(path, headers, "application/json", body).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, path, Some(token), Some(body)).await
    }
    pub async fn delete(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, Some(token), None).await
    }

    /// Signs up a company and confirms its e-mail with the mailed link;
    /// returns its owner, signed in by the confirmation.
    pub async fn signup(&self, company: &str) -> Actor {
        let email = self.signup_unconfirmed(company).await;
        self.drain_jobs().await;
        let token = self.last_link_token("/confirmar-email/");
        let (status, pair) = self.post("/api/v1/auth/confirm-email", None, json!({"token": token})).await;
        assert_eq!(status, StatusCode::OK, "{pair}");
        self.actor(&email, &pair).await
    }

    /// Signs up a company and leaves its e-mail unconfirmed; returns the
    /// owner's e-mail (sign in with [`PASSWORD`]).
    pub async fn signup_unconfirmed(&self, company: &str) -> String {
        let email = format!(
            "dono-{}@{}.com.br",
            uuid::Uuid::now_v7().simple(),
            company.to_lowercase().replace(' ', "")
        );
        let (status, body) = self
            .post(
                "/api/v1/auth/signup",
                None,
                json!({"company_name": company, "name": "Dono", "email": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
        email
    }

    pub async fn actor(&self, email: &str, pair: &Value) -> Actor {
        let token = pair["access_token"].as_str().unwrap().to_string();
        let (_, me) = self.get("/api/v1/me", &token).await;
        Actor {
            email: email.to_string(),
            token,
            refresh: pair["refresh_token"].as_str().unwrap().to_string(),
            user_id: me["user"]["id"].as_str().unwrap().to_string(),
            tenant_id: me["company"]["id"].as_str().unwrap().to_string(),
        }
    }

    pub async fn login(&self, email: &str, password: &str) -> (StatusCode, Value) {
        self.post("/api/v1/auth/login", None, json!({"email": email, "password": password})).await
    }

    /// Dispatches committed events and runs queued jobs (e-mail, event
    /// subscribers…) until nothing is left to do.
    pub async fn drain_jobs(&self) {
        loop {
            let events = kernel::outbox::dispatch_pending(&self.app).await.unwrap();
            let mut jobs = 0;
            while kernel::jobs::work_once(&self.app).await.unwrap() {
                jobs += 1;
            }
            if events == 0 && jobs == 0 {
                break;
            }
        }
    }

    /// Hands a stored event to a subscriber job again, as a retried
    /// dispatch or a restarted worker would: the event of `kind` whose
    /// payload's `field` is `value`.
    pub async fn redeliver(&self, job_kind: &str, kind: &str, field: &str, value: &str) {
        let mut admin = self.db.admin().await;
        let (event_id, tenant_id, version, payload): (uuid::Uuid, uuid::Uuid, i16, Value) = sqlx::query_as(
            "select event_id, tenant_id, version, payload from outbox_events where kind = $1 and payload->>$2 = $3",
        )
        .bind(kind)
        .bind(field)
        .bind(value)
        .fetch_one(&mut admin)
        .await
        .unwrap();
        // Event consumers take a company's batch of a dispatch (`Registry::on_batch`).
        let stored = json!({"events": [{"event_id": event_id, "tenant_id": tenant_id, "kind": kind, "version": version,
                                        "payload": payload, "occurred_at": chrono::Utc::now()}]});
        kernel::jobs::enqueue_raw(&mut admin, job_kind, Some(tenant_id), stored, Default::default())
            .await
            .unwrap();
        self.drain_jobs().await;
    }

    /// A week whose only open day is two days from now (São Paulo): the
    /// company is closed now.
    pub async fn closed_now(&self, owner: &Actor) {
        use chrono::Datelike;
        let today =
            chrono::Utc::now().with_timezone(&chrono_tz::America::Sao_Paulo).weekday().number_from_monday();
        let open_day = (today + 1) % 7 + 1;
        let (s, b) = self
            .patch(
                "/api/v1/company",
                &owner.token,
                json!({"business_hours": [{"weekday": open_day, "opens": "09:00", "closes": "18:00"}]}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }

    /// Runs now the queued jobs of `kind` that wait for a later time.
    pub async fn hurry_jobs(&self, kind: &str) {
        let mut admin = self.db.admin().await;
        sqlx::query("update jobs set run_at = now() where kind = $1 and run_at > now() and done_at is null")
            .bind(kind)
            .execute(&mut admin)
            .await
            .unwrap();
        self.drain_jobs().await;
    }

    /// Every e-mail written to the outbox folder, as raw text.
    pub fn outbox(&self) -> Vec<String> {
        let dir = self.data_dir.join("outbox");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| {
                d.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "eml")).collect()
            })
            .unwrap_or_default();
        files.sort();
        files.into_iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
    }

    /// The token of the last link to `path_prefix` in the outbox. Mail
    /// bodies may be quoted-printable: undo soft line breaks first.
    pub fn last_link_token(&self, path_prefix: &str) -> String {
        let mails = self.outbox();
        let mail = mails
            .iter()
            .rev()
            .find(|m| m.contains(path_prefix) || m.replace("=\r\n", "").contains(path_prefix))
            .expect("mail with link");
        let text = mail.replace("=\r\n", "").replace("=3D", "=");
        let start = text.find(path_prefix).unwrap() + path_prefix.len();
        text[start..].split(|c: char| c.is_whitespace()).next().unwrap().to_string()
    }

    /// Queues, for `who`'s company, a job of a kind no worker knows: it
    /// fails on every attempt and dies after `max_attempts`.
    pub async fn enqueue_failing_job(&self, who: &Actor, max_attempts: i32) {
        let tenant: uuid::Uuid = who.tenant_id.parse().unwrap();
        let mut conn = self.app.db.acquire().await.unwrap();
        kernel::jobs::enqueue_raw(
            &mut conn,
            "no.such.kind",
            Some(tenant),
            json!({}),
            kernel::jobs::EnqueueOptions { max_attempts: Some(max_attempts), ..Default::default() },
        )
        .await
        .unwrap();
    }

    /// Moves the actor's company to `plan` as an operator would (`conectcrm plan set`).
    pub async fn set_plan(&self, who: &Actor, plan: &str) {
        server::ops::set_plan(&self.app, &who.tenant_id, plan).await.unwrap();
    }

    /// Invites and accepts a user with `role`; returns the new user.
    pub async fn add_user(&self, admin: &Actor, role: &str) -> Actor {
        let email = format!("{role}-{}@equipe.com.br", uuid::Uuid::now_v7().simple());
        let (s, b) =
            self.post("/api/v1/invitations", Some(&admin.token), json!({"email": email, "role": role})).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        self.drain_jobs().await;
        let token = self.last_link_token("/convite/");
        let (s, pair) = self
            .post(
                "/api/v1/auth/invitations/accept",
                None,
                json!({"token": token, "name": format!("Pessoa {role}"), "password": PASSWORD}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{pair}");
        self.actor(&email, &pair).await
    }
}

pub const PASSWORD: &str = "senha-segura-2026";

#[derive(Debug, Clone)]
pub struct Actor {
    pub email: String,
    pub token: String,
    pub refresh: String,
    pub user_id: String,
    pub tenant_id: String,
}

/// The cross-tenant check every endpoint test uses: `outsider` (another
/// company) gets 404 on read, update and delete of `owner`'s object, and
/// never sees it in the list. Searches are checked for every searchable
/// list at once in `tenant_matrix.rs`, with a word that exists in the
/// owner's data (a search for the object's uuid matched nothing by
/// construction, so it could not fail).
pub async fn assert_isolated(
    t: &TestApp,
    outsider: &Actor,
    item_path: &str,
    list_path: Option<&str>,
    object_id: &str,
    patch_body: Option<Value>,
    can_delete: bool,
) {
    let (s, b) = t.get(item_path, &outsider.token).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "GET {item_path} by another company: {b}");
    assert_eq!(b["status"], 404);
    if let Some(body) = patch_body {
        let (s, b) = t.patch(item_path, &outsider.token, body).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "PATCH {item_path} by another company: {b}");
    }
    if can_delete {
        let (s, b) = t.delete(item_path, &outsider.token).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "DELETE {item_path} by another company: {b}");
    }
    if let Some(list) = list_path {
        let (s, b) = t.get(list, &outsider.token).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        let found = b["items"].as_array().unwrap().iter().any(|i| i["id"] == object_id);
        assert!(!found, "{list} of another company lists {object_id}");
    }
}

/// A Socket.IO v4 client over a plain WebSocket (Engine.IO v4 framing),
/// enough to connect with a token, join rooms and watch what arrives.
pub struct TestSocket {
    ws: tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
    next_ack: u64,
    /// Events received while waiting for something else.
    pub events: Vec<(String, Value)>,
    pub closed: bool,
}

impl TestSocket {
    /// Connects to the main namespace; `None` when the server refuses.
    pub async fn connect(t: &TestApp, token: &str) -> Option<Self> {
        use futures::{SinkExt, StreamExt};
        use tokio_tungstenite::tungstenite::Message;
        let url = format!("ws://{}/socket.io/?EIO=4&transport=websocket", t.addr);
        let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let open = ws.next().await.unwrap().unwrap();
        assert!(open.to_text().unwrap().starts_with('0'), "engine.io open: {open:?}");
        ws.send(Message::text(format!("40{}", json!({ "token": token })))).await.unwrap();
        let mut socket = Self { ws, next_ack: 1, events: vec![], closed: false };
        loop {
            // Socket.IO packet types: 0 CONNECT (accepted), 4 CONNECT_ERROR.
            let text = socket.next_text(std::time::Duration::from_secs(5)).await?;
            if text.starts_with('0') {
                return Some(socket);
            }
            if text.starts_with('4') {
                return None;
            }
        }
    }

    /// The next Socket.IO packet, answering pings; `None` on close or timeout.
    async fn next_text(&mut self, within: std::time::Duration) -> Option<String> {
        use futures::{SinkExt, StreamExt};
        use tokio_tungstenite::tungstenite::Message;
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let msg = match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => return None,
                Ok(None) | Ok(Some(Err(_))) | Ok(Some(Ok(Message::Close(_)))) => {
                    self.closed = true;
                    return None;
                }
                Ok(Some(Ok(m))) => m,
            };
            let Ok(text) = msg.to_text() else { continue };
            match text {
                "2" => {
                    let _ = self.ws.send(Message::text("3")).await;
                }
                "1" | "41" => {
                    self.closed = true;
                    return None;
                }
                t if t.starts_with('4') => return Some(t[1..].to_string()),
                _ => {}
            }
        }
    }

    /// `join` with an acknowledgement: whether the server let us in.
    pub async fn join(&mut self, room: &str) -> bool {
        use futures::SinkExt;
        use tokio_tungstenite::tungstenite::Message;
        let id = self.next_ack;
        self.next_ack += 1;
        let packet = format!("42{id}{}", json!(["join", { "room": room }]));
        self.ws.send(Message::text(packet)).await.unwrap();
        let prefix = format!("3{id}");
        while let Some(text) = self.next_text(std::time::Duration::from_secs(5)).await {
            if let Some(rest) = text.strip_prefix(&prefix) {
                let answer: Value = serde_json::from_str(rest).unwrap();
                return answer[0]["ok"] == true;
            }
            self.record(&text);
        }
        false
    }

    fn record(&mut self, text: &str) {
        if let Some(rest) = text.strip_prefix('2')
            && let Ok(Value::Array(parts)) = serde_json::from_str::<Value>(rest)
            && let Some(kind) = parts.first().and_then(Value::as_str)
        {
            self.events.push((kind.to_string(), parts.get(1).cloned().unwrap_or(Value::Null)));
        }
    }

    /// Collects events for `within`; returns every event seen so far.
    pub async fn collect(&mut self, within: std::time::Duration) -> &[(String, Value)] {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                break;
            }
            match self.next_text(left).await {
                Some(text) => self.record(&text),
                None => break,
            }
        }
        &self.events
    }

    pub fn kinds(&self) -> Vec<&str> {
        self.events.iter().map(|(k, _)| k.as_str()).collect()
    }
}

/// The text of a PDF as a reader would copy it, runs of white space made
/// one space (line breaks fall where the layout puts them).
pub fn pdf_text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF: {:?}", &pdf[..pdf.len().min(20)]);
    let text = pdf_extract::extract_text_from_mem(pdf).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An amount as the documents print it (`R$ 1.299,90`), written here
/// independently of the code under test.
pub fn brl(cents: i64) -> String {
    let reais = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in reais.chars().enumerate() {
        if i > 0 && (reais.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("R$ {grouped},{:02}", cents % 100)
}

/// Fails naming what is missing when `text` lacks any of `expected`.
pub fn assert_contains_all(what: &str, text: &str, expected: &[&str]) {
    let missing: Vec<_> = expected.iter().filter(|e| !text.contains(**e)).collect();
    assert!(missing.is_empty(), "{what} lacks {missing:?}: {text}");
}

/// A local server speaking OpenAI's Chat Completions format: answers every
/// call with `answer` as the JSON content, and keeps the requests.
pub async fn fake_openai(
    answer: serde_json::Value,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<serde_json::Value>>>) {
    use axum::routing::post;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let keep = seen.clone();
    let app = axum::Router::new().route(
        "/v1/chat/completions",
        post(move |axum::Json(body): axum::Json<serde_json::Value>| {
            let keep = keep.clone();
            let answer = answer.clone();
            async move {
                keep.lock().unwrap().push(body);
                axum::Json(serde_json::json!({
                    "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini-2024-07-18",
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": answer.to_string(), "refusal": null}}],
                    "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150}
                }))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, seen)
}
