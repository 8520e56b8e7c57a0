use axum::extract::State;
use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiPath, Created};
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{Visitor, token, verify};
use crate::channels::model::ChannelKind;
use crate::channels::repo::{self as channel_repo, ChannelRow};
use crate::inbound::intake::WebchatPayload;
use crate::tickets::model::Direction;
use crate::tickets::repo as tickets;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(widget_config))
        .routes(routes!(start_session))
        .routes(routes!(visitor_messages, visitor_send))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WidgetConfig {
    pub name: String,
    pub greeting: String,
    /// "#2563eb".
    pub color: String,
    /// Ask name and e-mail before the first message.
    pub prechat: bool,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartSessionRequest {
    pub name: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WebchatSession {
    /// Keep it (localStorage); send it as `X-Visitor-Token` and in the Socket.IO handshake.
    pub token: String,
    pub visitor_id: Uuid,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitorMessageRequest {
    /// The widget's own id for this message: a resend is not stored twice.
    pub client_id: String,
    pub text: String,
    pub name: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct VisitorMessage {
    pub id: Uuid,
    /// "in" (visitor) or "out" (agent).
    pub direction: String,
    pub text: String,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

async fn channel(app: &App, account: &str) -> Result<(TenantTx, ChannelRow)> {
    let (t, c) = account.split_once('.').ok_or(Error::NotFound)?;
    let (Ok(tenant), Ok(id)) = (t.parse::<Uuid>(), c.parse::<Uuid>()) else { return Err(Error::NotFound) };
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let row = channel_repo::find(&mut tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if row.kind()? != ChannelKind::Webchat || !row.enabled {
        return Err(Error::NotFound);
    }
    Ok((tx, row))
}

/// What the widget shows before anything is typed.
#[utoipa::path(get, path = "/public/webchat/{channel}", tag = "public", params(("channel" = String, Path)),
    responses((status = 200, body = WidgetConfig), (status = 404, body = Problem)))]
async fn widget_config(
    State(app): State<App>,
    ApiPath(account): ApiPath<String>,
) -> Result<ApiJson<WidgetConfig>> {
    let (tx, row) = channel(&app, &account).await?;
    tx.commit().await?;
    Ok(ApiJson(WidgetConfig {
        name: row.name.clone(),
        greeting: row.setting("greeting").unwrap_or_else(|| "Olá! Como podemos ajudar?".into()),
        color: row
            .setting("color")
            .filter(|c| c.starts_with('#') && c.len() <= 9)
            .unwrap_or_else(|| "#2563eb".into()),
        prechat: row.config.get("prechat").and_then(|p| p.as_bool()).unwrap_or(false),
    }))
}

/// A visitor token for this browser.
#[utoipa::path(post, path = "/public/webchat/{channel}/sessions", tag = "public", params(("channel" = String, Path)),
    request_body = StartSessionRequest,
    responses((status = 201, body = WebchatSession), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn start_session(
    State(app): State<App>,
    ApiPath(account): ApiPath<String>,
    ApiJson(body): ApiJson<StartSessionRequest>,
) -> Result<Created<WebchatSession>> {
    let (tx, row) = channel(&app, &account).await?;
    tx.commit().await?;
    check_contact(body.name.as_deref(), body.email.as_deref())?;
    let visitor = kernel::ids::new_id();
    let tenant: Uuid = account.split('.').next().and_then(|t| t.parse().ok()).ok_or(Error::NotFound)?;
    Ok(Created(
        format!("/api/v1/public/webchat/{account}/sessions/{visitor}"),
        WebchatSession { token: token(&app, tenant, row.id, visitor), visitor_id: visitor },
    ))
}

fn check_contact(name: Option<&str>, email: Option<&str>) -> Result<()> {
    let mut v = Violations::new();
    if name.is_some_and(|n| n.trim().chars().count() > 100) {
        v.add("name", "Nome com até 100 caracteres.");
    }
    if let Some(e) = email.map(str::trim).filter(|e| !e.is_empty())
        && kernel::email::Email::parse(e).is_err()
    {
        v.add("email", "E-mail inválido.");
    }
    v.finish()
}

fn visitor_of(app: &App, headers: &HeaderMap) -> Result<Visitor> {
    let token = headers
        .get("x-visitor-token")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| Error::Unauthorized("Sessão de chat ausente.".into()))?;
    verify(app, token)
}

/// The visitor's conversation on this channel (oldest first, last 200).
#[utoipa::path(get, path = "/public/webchat/messages", tag = "public",
    params(("X-Visitor-Token" = String, Header)),
    responses((status = 200, body = Vec<VisitorMessage>), (status = 401, body = Problem)))]
async fn visitor_messages(
    State(app): State<App>,
    headers: HeaderMap,
) -> Result<ApiJson<Vec<VisitorMessage>>> {
    let v = visitor_of(&app, &headers)?;
    let mut tx = TenantTx::begin(&app.db, v.tenant_id).await?;
    let address = format!("visitor:{}", v.visitor_id);
    let rows = tickets::visitor_history(&mut tx, v.tenant_id, v.channel_id, &address).await?;
    tx.commit().await?;
    Ok(ApiJson(
        rows.into_iter()
            .map(|m| VisitorMessage {
                id: m.id,
                direction: if m.direction == Direction::In { "in" } else { "out" }.into(),
                text: m.text,
                author_name: if m.direction == Direction::In { m.author_name } else { "Atendimento".into() },
                created_at: m.created_at,
            })
            .collect(),
    ))
}

/// A visitor's message: stored (once per `client_id`) and processed like any webhook.
#[utoipa::path(post, path = "/public/webchat/messages", tag = "public",
    params(("X-Visitor-Token" = String, Header)), request_body = VisitorMessageRequest,
    responses((status = 202), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn visitor_send(
    State(app): State<App>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<VisitorMessageRequest>,
) -> Result<axum::http::StatusCode> {
    let v = visitor_of(&app, &headers)?;
    let mut violations = Violations::new();
    let text = body.text.trim();
    if text.is_empty() || text.chars().count() > 5000 {
        violations.add("text", "Escreva a mensagem (até 5000 caracteres).");
    }
    if body.client_id.is_empty() || body.client_id.len() > 64 {
        violations.add("client_id", "Identificador da mensagem inválido.");
    }
    violations.finish()?;
    check_contact(body.name.as_deref(), body.email.as_deref())?;
    let mut tx = TenantTx::begin(&app.db, v.tenant_id).await?;
    let channel = channel_repo::find(&mut tx, v.tenant_id, v.channel_id)
        .await?
        .filter(|c| c.enabled)
        .ok_or(Error::NotFound)?;
    let payload = WebchatPayload {
        client_id: body.client_id.clone(),
        visitor_id: v.visitor_id,
        name: body.name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        email: body.email.map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()),
        text: text.to_string(),
    };
    let raw = serde_json::to_string(&payload).map_err(anyhow::Error::from)?;
    let key = format!("msg:{}:{}", v.visitor_id, body.client_id);
    crate::inbound::store(&mut tx, v.tenant_id, &channel, &key, &raw, "application/json", None).await?;
    tx.commit().await?;
    Ok(axum::http::StatusCode::ACCEPTED)
}
