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

use super::settings::{MAX_LENGTH, WebchatSettings, WidgetPosition};
use super::{Visitor, public_author, token, verify};
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
        .routes(routes!(visitor_seen))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WidgetConfig {
    /// The public title (the channel's `title`, else the company's name).
    pub title: String,
    pub greeting: String,
    /// "#2563eb".
    pub color: String,
    /// Ask name and e-mail before the first message.
    pub prechat: bool,
    pub position: WidgetPosition,
    /// Pixels from the side edge.
    pub offset_x: u16,
    /// Pixels from the bottom edge.
    pub offset_y: u16,
    /// The longest message accepted, in characters.
    pub max_length: u32,
    /// Within the business hours of the channel's team (else the company's).
    pub open_now: bool,
    /// When closed: the next opening.
    pub next_open: Option<DateTime<Utc>>,
    /// What to tell a visitor while closed.
    pub offline_message: String,
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
    /// The widget's sequence number of this message in the visitor's
    /// session. Messages take their place in the order the server receives
    /// them (send them one at a time); within one millisecond, by this.
    #[schema(minimum = 1)]
    pub seq: Option<u32>,
    pub text: String,
    pub name: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebchatSeenRequest {
    /// The newest message the visitor has seen.
    pub through: Uuid,
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
    let (mut tx, row) = channel(&app, &account).await?;
    let tenant = tx.tenant_id();
    let settings = WebchatSettings::of(&row.config);
    let title = super::public_title(&mut tx, tenant, &settings).await?;
    let (tz, hours) = crate::sla::hours_for(&mut tx, tenant, row.team_id).await?;
    tx.commit().await?;
    let now = Utc::now();
    let next = kernel::business_hours::next_open(now, tz, &hours);
    let open_now = !settings.offline_notice || next <= now + chrono::Duration::minutes(1);
    Ok(ApiJson(WidgetConfig {
        title,
        greeting: settings.greeting,
        color: settings.color,
        prechat: settings.prechat,
        position: settings.position,
        offset_x: settings.offset_x,
        offset_y: settings.offset_y,
        max_length: MAX_LENGTH as u32,
        open_now,
        next_open: (!open_now).then_some(next),
        offline_message: settings.offline_message,
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
    let channel = channel_repo::find(&mut tx, v.tenant_id, v.channel_id).await?.ok_or(Error::NotFound)?;
    let settings = WebchatSettings::of(&channel.config);
    let title = super::public_title(&mut tx, v.tenant_id, &settings).await?;
    let address = format!("visitor:{}", v.visitor_id);
    let rows = tickets::visitor_history(&mut tx, v.tenant_id, v.channel_id, &address).await?;
    tx.commit().await?;
    Ok(ApiJson(
        rows.into_iter()
            .map(|m| VisitorMessage {
                id: m.id,
                direction: if m.direction == Direction::In { "in" } else { "out" }.into(),
                author_name: if m.direction == Direction::In {
                    m.author_name
                } else {
                    public_author(&settings, &title, m.author_id, &m.author_name)
                },
                text: m.text,
                created_at: m.created_at,
            })
            .collect(),
    ))
}

/// The visitor has seen the conversation up to `through`: an agent reply
/// seen is never e-mailed to them.
#[utoipa::path(post, path = "/public/webchat/seen", tag = "public",
    params(("X-Visitor-Token" = String, Header)), request_body = WebchatSeenRequest,
    responses((status = 204), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn visitor_seen(
    State(app): State<App>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<WebchatSeenRequest>,
) -> Result<axum::http::StatusCode> {
    let v = visitor_of(&app, &headers)?;
    let mut tx = TenantTx::begin(&app.db, v.tenant_id).await?;
    let address = format!("visitor:{}", v.visitor_id);
    if !super::repo::mark_seen(&mut tx, v.tenant_id, v.channel_id, v.visitor_id, &address, body.through)
        .await?
    {
        return Err(Error::field("through", "Mensagem não encontrada nesta conversa."));
    }
    tx.commit().await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
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
    let length = text.chars().count();
    if text.is_empty() {
        violations.add("text", "Escreva a mensagem.");
    } else if length > MAX_LENGTH {
        let (length, max) =
            (kernel::money::thousands(length as u64), kernel::money::thousands(MAX_LENGTH as u64));
        violations.add("text", format!("A mensagem tem {length} caracteres; o limite é {max}."));
    }
    if body.seq == Some(0) {
        violations.add("seq", "A sequência começa em 1.");
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
    // Its place in the conversation is when it arrived: the intake jobs may
    // store a burst in any order, the visitor still reads it as typed.
    let seq = body.seq.map_or(0, |n| u16::try_from(n % 4096).unwrap_or(0));
    let payload = WebchatPayload {
        position: Some(kernel::ids::placed_at(Utc::now(), seq)),
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

/// The product's own chat page (`/webchat/<tenant>.<channel>`): the widget,
/// open, full page — where the e-mail digest's link (`#conversa=<token>`)
/// takes a visitor back to their conversation from any browser.
pub fn page_router() -> axum::Router<App> {
    axum::Router::new().route("/webchat/{channel}", axum::routing::get(chat_page))
}

async fn chat_page(
    State(app): State<App>,
    axum::extract::Path(account): axum::extract::Path<String>,
) -> Result<axum::response::Response> {
    use axum::response::IntoResponse;
    let (mut tx, row) = channel(&app, &account).await?;
    let tenant = tx.tenant_id();
    let settings = WebchatSettings::of(&row.config);
    let title = super::public_title(&mut tx, tenant, &settings).await?;
    tx.commit().await?;
    // Ids printed from their parsed form, the title escaped: nothing a
    // company typed becomes markup.
    let public = format!("{tenant}.{}", row.id);
    let title = ammonia::clean_text(&title);
    let page = format!(
        r#"<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Chat — {title}</title>
<style>body{{margin:0;font-family:system-ui,sans-serif;background:#f1f5f9;color:#0f172a}}main{{max-width:40rem;margin:0 auto;padding:2rem 1rem}}h1{{font-size:1.25rem}}</style>
</head>
<body>
<main><h1>{title}</h1><p>Sua conversa com {title} abre no canto da página.</p></main>
<script src="/widget.js" data-channel="{public}" data-open="true" data-session-from-hash="true" async></script>
</body>
</html>"#
    );
    Ok((
        [
            (axum::http::header::CACHE_CONTROL, "no-store"),
            (axum::http::header::REFERRER_POLICY, "no-referrer"),
        ],
        axum::response::Html(page),
    )
        .into_response())
}
