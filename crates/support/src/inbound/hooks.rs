//! `/hooks/{whatsapp,twilio,email}/{tenant}.{channel}`. Verified (401 and
//! nothing stored otherwise), stored, acknowledged. A body we cannot read
//! is stored as failed with the reason and answered 200 — a provider
//! retries errors forever; a person can replay it from the channel's log.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use kernel::http::{ApiPath, ApiQuery};
use kernel::inbox::unreadable_key;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::channels::model::ChannelKind;
use crate::channels::repo::{self as channel_repo, ChannelRow};

pub fn router() -> Router<App> {
    Router::new()
        .route("/hooks/whatsapp/{account}", get(whatsapp_verify).post(whatsapp_event))
        .route("/hooks/twilio/{account}", post(twilio_event))
        .route("/hooks/email/{account}", post(email_event))
}

fn parse_account(account: &str) -> Result<(Uuid, Uuid)> {
    let (t, c) = account.split_once('.').ok_or(Error::NotFound)?;
    Ok((t.parse().map_err(|_| Error::NotFound)?, c.parse().map_err(|_| Error::NotFound)?))
}

async fn open(app: &App, account: &str, kinds: &[ChannelKind]) -> Result<(TenantTx, ChannelRow)> {
    let (tenant, channel_id) = parse_account(account)?;
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let row = channel_repo::find(&mut tx, tenant, channel_id).await?.ok_or(Error::NotFound)?;
    if !kinds.contains(&row.kind()?) || !row.enabled {
        return Err(Error::NotFound);
    }
    Ok((tx, row))
}

fn refuse(kind: &str, why: &str) -> Error {
    tracing::warn!(channel = kind, reason = why, "webhook refused: not authenticated");
    metrics::counter!("support_webhooks_refused_total", "channel" => kind.to_string()).increment(1);
    Error::Unauthorized(format!("Webhook não autenticado: {why}"))
}

/// Stores each item (provider ids) in the inbox, which queues the intake
/// of the new ones.
async fn store_items(
    tx: &mut TenantTx,
    channel: &ChannelRow,
    keys: &[String],
    body: &str,
    content_type: &str,
    unreadable: Option<&str>,
) -> Result<usize> {
    let tenant = tx.tenant_id();
    let mut stored = 0;
    for key in keys {
        if super::store(tx, tenant, channel, key, body, content_type, unreadable).await? {
            stored += 1;
        }
    }
    metrics::counter!("support_webhooks_accepted_total").increment(keys.len() as u64);
    Ok(stored)
}

#[derive(serde::Deserialize)]
struct VerifyQuery {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

/// Meta's subscription check: echo the challenge when the token matches.
async fn whatsapp_verify(
    State(app): State<App>,
    ApiPath(account): ApiPath<String>,
    ApiQuery(q): ApiQuery<VerifyQuery>,
) -> Result<Response> {
    let (tx, row) = open(&app, &account, &[ChannelKind::Whatsapp]).await?;
    let expected = row.inbound_secret(&app, tx.tenant_id())?.unwrap_or_default();
    tx.commit().await?;
    match channels::whatsapp::verify_subscription(
        q.mode.as_deref(),
        q.token.as_deref(),
        q.challenge.as_deref(),
        &expected,
    ) {
        Some(challenge) => Ok((StatusCode::OK, challenge).into_response()),
        None => Err(Error::Forbidden("Token de verificação incorreto.".into())),
    }
}

async fn whatsapp_event(
    State(app): State<App>,
    ApiPath(account): ApiPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode> {
    let (mut tx, row) = open(&app, &account, &[ChannelKind::Whatsapp]).await?;
    let secrets = row.secrets(&app, tx.tenant_id())?;
    let app_secret = secrets.get("app_secret").map(String::as_str).unwrap_or("");
    let signature = headers.get("x-hub-signature-256").and_then(|v| v.to_str().ok());
    if app_secret.is_empty() || !channels::whatsapp::verify_signature(signature, &body, app_secret) {
        return Err(refuse("whatsapp", "X-Hub-Signature-256 ausente ou inválida"));
    }
    let text = String::from_utf8_lossy(&body).to_string();
    match channels::whatsapp::parse_webhook(&body) {
        Ok(n) => {
            let mut keys: Vec<String> =
                n.messages.iter().map(|m| format!("msg:{}", m.provider_message_id)).collect();
            keys.extend(n.statuses.iter().map(|s| format!("status:{}:{:?}", s.provider_message_id, s.state)));
            store_items(&mut tx, &row, &keys, &text, "application/json", None).await?;
        }
        Err(e) => {
            store_items(
                &mut tx,
                &row,
                &[unreadable_key(&body)],
                &text,
                "application/json",
                Some(&e.to_string()),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(StatusCode::OK)
}

/// The URL Twilio signed: our public address of this endpoint, with its query.
fn twilio_url(app: &App, account: &str, query: Option<&str>) -> String {
    let base = format!("{}/hooks/twilio/{account}", app.config.frontend_url);
    match query {
        Some(q) if !q.is_empty() => format!("{base}?{q}"),
        _ => base,
    }
}

async fn twilio_event(
    State(app): State<App>,
    ApiPath(account): ApiPath<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response> {
    let (mut tx, row) = open(&app, &account, &[ChannelKind::TwilioSms, ChannelKind::TwilioWhatsapp]).await?;
    let secrets = row.secrets(&app, tx.tenant_id())?;
    let token = secrets.get("auth_token").map(String::as_str).unwrap_or("");
    let params: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let signature = headers.get("x-twilio-signature").and_then(|v| v.to_str().ok());
    let url = twilio_url(&app, &account, query.as_deref());
    if token.is_empty() || !channels::twilio::verify_signature(signature, token, &url, &params) {
        return Err(refuse("twilio", "X-Twilio-Signature ausente ou inválida"));
    }
    let text = String::from_utf8_lossy(&body).to_string();
    let content_type = "application/x-www-form-urlencoded";
    match channels::twilio::parse_webhook(&params) {
        Ok(channels::twilio::Event::Message(m)) => {
            store_items(
                &mut tx,
                &row,
                &[format!("msg:{}", m.provider_message_id)],
                &text,
                content_type,
                None,
            )
            .await?;
        }
        Ok(channels::twilio::Event::Status(s)) => {
            let key = format!("status:{}:{:?}", s.provider_message_id, s.state);
            store_items(&mut tx, &row, &[key], &text, content_type, None).await?;
        }
        Err(e) => {
            store_items(&mut tx, &row, &[unreadable_key(&body)], &text, content_type, Some(&e.to_string()))
                .await?;
        }
    }
    tx.commit().await?;
    Ok(([(header::CONTENT_TYPE, "text/xml")], "<Response></Response>").into_response())
}

#[derive(serde::Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

/// Raw MIME (`message/rfc822`, from any forwarder) or SendGrid Inbound
/// Parse (`multipart/form-data`); authenticated by the channel's inbound
/// token, as `?token=` (SendGrid cannot send headers) or a bearer header.
async fn email_event(
    State(app): State<App>,
    ApiPath(account): ApiPath<String>,
    ApiQuery(q): ApiQuery<TokenQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode> {
    let (mut tx, row) = open(&app, &account, &[ChannelKind::Email]).await?;
    let expected = row.inbound_secret(&app, tx.tenant_id())?.unwrap_or_default();
    let given = q.token.or_else(|| {
        headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_string)
    });
    let ok = !expected.is_empty()
        && given.is_some_and(|g| Sha256::digest(g.as_bytes()) == Sha256::digest(expected.as_bytes()));
    if !ok {
        return Err(refuse("email", "token de entrada ausente ou incorreto"));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("message/rfc822")
        .to_string();
    let parsed = if content_type.starts_with("multipart/form-data") {
        channels::sendgrid::parse_inbound_multipart(&content_type, &body)
    } else {
        channels::email::parse_mime(&body)
    };
    // MIME may be 8-bit or binary: kept exactly, as base64.
    let stored = base64::engine::general_purpose::STANDARD.encode(&body);
    match parsed {
        Ok(m) => {
            store_items(
                &mut tx,
                &row,
                &[format!("msg:{}", m.provider_message_id)],
                &stored,
                &content_type,
                None,
            )
            .await?;
        }
        Err(e) => {
            store_items(
                &mut tx,
                &row,
                &[unreadable_key(&body)],
                &stored,
                &content_type,
                Some(&e.to_string()),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(StatusCode::OK)
}
