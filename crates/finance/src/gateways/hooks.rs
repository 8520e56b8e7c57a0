//! `/hooks/{provider}/{tenant}.{gateway}`: the provider's webhook. It is
//! verified (401 otherwise, and nothing is stored), stored raw, queued and
//! acknowledged; a job does the rest. A body we cannot read is still
//! stored, as failed with the reason, and answered 200: a provider retries
//! an error forever, and a person can replay it from the event log.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use kernel::http::ApiPath;
use kernel::inbox::{self, SourceKind, SourceRef};
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use payments::{asaas, stripe};
use serde_json::json;
use uuid::Uuid;

use super::charges::credentials;
use super::model::GatewayProvider;
use super::repo;
use super::webhooks::ProcessWebhook;

/// Stripe's own default tolerance for the signed timestamp.
const STRIPE_TOLERANCE_SECS: i64 = 300;

pub fn router() -> Router<App> {
    Router::new()
        .route("/hooks/stripe/{account}", post(stripe_hook))
        .route("/hooks/asaas/{account}", post(asaas_hook))
}

fn parse_account(account: &str) -> Result<(Uuid, Uuid)> {
    let (t, g) = account.split_once('.').ok_or(Error::NotFound)?;
    Ok((t.parse().map_err(|_| Error::NotFound)?, g.parse().map_err(|_| Error::NotFound)?))
}

struct Parsed {
    event_id: String,
    kind: String,
    unreadable: Option<String>,
}

async fn accept(
    app: &App,
    account: &str,
    provider: GatewayProvider,
    body: &Bytes,
    verify: impl FnOnce(&str) -> std::result::Result<(), String>,
    parse: impl FnOnce(&[u8]) -> std::result::Result<(String, String), String>,
) -> Result<(StatusCode, axum::Json<serde_json::Value>)> {
    let (tenant, gateway_id) = parse_account(account)?;
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let row = repo::find(&mut tx, tenant, gateway_id).await?.ok_or(Error::NotFound)?;
    if row.provider != provider.as_str() {
        return Err(Error::NotFound);
    }
    let creds = credentials(app, tenant, &row)?;
    if let Err(why) = verify(&creds.webhook_secret) {
        tracing::warn!(provider = provider.as_str(), %gateway_id, reason = %why, "webhook refused: bad signature");
        metrics::counter!("finance_webhooks_refused_total", "provider" => provider.as_str()).increment(1);
        return Err(Error::Unauthorized(format!("Assinatura do webhook inválida: {why}")));
    }
    let parsed = match parse(body) {
        Ok((event_id, kind)) => Parsed { event_id, kind, unreadable: None },
        // Keyed by the body's digest, so the same unreadable body is kept once.
        Err(why) => {
            Parsed { event_id: inbox::unreadable_key(body), kind: String::new(), unreadable: Some(why) }
        }
    };
    let text = String::from_utf8_lossy(body);
    let stored = inbox::store::<ProcessWebhook>(
        &mut tx,
        tenant,
        &inbox::NewEvent {
            source: SourceRef { kind: SourceKind::Gateway, id: gateway_id },
            provider: provider.as_str(),
            event_id: &parsed.event_id,
            kind: &parsed.kind,
            body: &text,
            content_type: "application/json",
            unreadable: parsed.unreadable.as_deref(),
        },
    )
    .await?
    .is_some();
    tx.commit().await?;
    metrics::counter!("finance_webhooks_accepted_total", "provider" => provider.as_str()).increment(1);
    Ok((StatusCode::OK, axum::Json(json!({ "received": true, "duplicate": !stored }))))
}

async fn stripe_hook(
    State(app): State<App>,
    ApiPath(account): ApiPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, axum::Json<serde_json::Value>)> {
    let header = headers.get("stripe-signature").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let now = chrono::Utc::now().timestamp();
    let for_verify = body.clone();
    accept(
        &app,
        &account,
        GatewayProvider::Stripe,
        &body,
        |secret| {
            stripe::verify_signature(&header, &for_verify, secret, now, STRIPE_TOLERANCE_SECS)
                .map_err(|e| e.to_string())
        },
        |b| stripe::parse_event(b).map(|e| (e.id, e.kind)).map_err(|e| e.to_string()),
    )
    .await
}

async fn asaas_hook(
    State(app): State<App>,
    ApiPath(account): ApiPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, axum::Json<serde_json::Value>)> {
    let token = headers.get("asaas-access-token").and_then(|v| v.to_str().ok()).map(str::to_string);
    accept(
        &app,
        &account,
        GatewayProvider::Asaas,
        &body,
        |secret| {
            if asaas::verify_token(token.as_deref(), secret) {
                Ok(())
            } else {
                Err("cabeçalho asaas-access-token ausente ou diferente".into())
            }
        },
        |b| asaas::parse_event(b).map(|e| (e.id, e.kind)).map_err(|e| e.to_string()),
    )
    .await
}
