use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{NewEntry, NoteRequest, TimelinePage};
use super::repo;
use crate::CRM_ROLES;
use crate::customers::repo as customers;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(customer_timeline, add_note))
}

/// Everything linked to the customer, newest first.
#[utoipa::path(get, path = "/customers/{id}/timeline", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path), PageParams),
    responses((status = 200, body = TimelinePage), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn customer_timeline(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<PageParams>,
) -> Result<ApiJson<TimelinePage>> {
    s.require(crate::CUSTOMER_READERS)?;
    let page = params.parse()?;
    let tenant = s.user.tenant_id;
    customers::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let rows = repo::list(&mut s.tx, tenant, id, &page).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |e| e.id);
    Ok(ApiJson(TimelinePage { items, next_cursor }))
}

#[utoipa::path(post, path = "/customers/{id}/timeline", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = NoteRequest,
    responses((status = 201), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn add_note(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<NoteRequest>,
) -> Result<Created<serde_json::Value>> {
    s.require(CRM_ROLES)?;
    let text = body.text.trim();
    if text.is_empty() || text.chars().count() > 5000 {
        return Err(Error::field("text", "Escreva a nota (até 5000 caracteres)."));
    }
    let tenant = s.user.tenant_id;
    customers::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let entry = NewEntry {
        customer_id: id,
        opportunity_id: None,
        kind: "note",
        summary: text.to_string(),
        data: json!({}),
        actor_id: Some(s.user.id),
        event_id: None,
        occurred_at: None,
    };
    repo::insert(&mut s.tx, tenant, entry).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/customers/{id}/timeline"), json!({ "ok": true })))
}
