//! The webhook inbox's one log and replay API, for every source the
//! domains registered ([`sources`]): a support channel's events and a
//! payment gateway's. Who may read a log is the source's own rule (those
//! who configure channels, those who configure gateways), so one route
//! answers 403 to a finance user for a channel and to a manager for a
//! gateway, exactly as the per-domain routes it replaces did.

use axum::extract::State;
use axum::http::StatusCode;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery};
use kernel::inbox::{self, InboxEntry, InboxStatus, SourceRef, Sources};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

/// Every source of the inbox, from the modules that own them.
pub fn sources() -> Sources {
    Sources::default().with(support::inbound::inbox_source()).with(finance::gateways::inbox_source())
}

/// The status filter's enum, which utoipa does not collect from query parameters.
#[derive(utoipa::OpenApi)]
#[openapi(components(schemas(InboxStatus)))]
struct FilterSchemas;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::with_openapi(<FilterSchemas as utoipa::OpenApi>::openapi())
        .routes(routes!(inbox_log))
        .routes(routes!(replay_event))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxFilter {
    /// Whose log: `channel:<id>` or `gateway:<id>`.
    pub source: String,
    pub status: Option<InboxStatus>,
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InboxPage {
    pub items: Vec<InboxEntry>,
    pub next_cursor: Option<String>,
}

/// A source's webhook log, newest first: what arrived and what became of it.
#[utoipa::path(get, path = "/inbox", tag = "inbox", security(("bearer" = [])), params(InboxFilter),
    responses((status = 200, body = InboxPage), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem)))]
async fn inbox_log(
    State(app): State<App>,
    mut s: Session,
    ApiQuery(f): ApiQuery<InboxFilter>,
) -> Result<ApiJson<InboxPage>> {
    let source = SourceRef::parse(&f.source)
        .ok_or_else(|| Error::field("source", "Informe a origem como channel:<id> ou gateway:<id>."))?;
    let registered = app.inbox.get(source.kind)?;
    s.require(registered.readers)?;
    let tenant = s.user.tenant_id;
    // Another company's channel or gateway is no source of this one.
    if !registered.exists(&mut s.tx, tenant, source.id).await? {
        return Err(Error::NotFound);
    }
    let page = PageParams { limit: f.limit, cursor: f.cursor.clone(), q: None }.parse()?;
    let rows = inbox::list(&mut s.tx, tenant, source, &page, f.status).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |e| e.id);
    Ok(ApiJson(InboxPage { items, next_cursor }))
}

/// Processes a stored event again, after fixing what made it fail: its
/// source's job runs once more.
#[utoipa::path(post, path = "/inbox/{id}/replay", tag = "inbox", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 202), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn replay_event(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode> {
    let tenant = s.user.tenant_id;
    let event = inbox::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let kind = inbox::SourceKind::parse(&event.source_kind)
        .ok_or_else(|| Error::internal(format!("inbox source kind {}", event.source_kind)))?;
    let registered = app.inbox.get(kind)?;
    s.require(registered.readers)?;
    inbox::replay(&mut s.tx, tenant, registered, &event).await?;
    s.tx.commit().await?;
    Ok(StatusCode::ACCEPTED)
}
