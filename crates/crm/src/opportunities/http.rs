use axum::http::{HeaderMap, StatusCode};
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{
    CreateOpportunityRequest, MoveRequest, Opportunity, OpportunityFilter, OpportunityPage,
    UpdateOpportunityRequest,
};
use super::{repo, service};
use crate::CRM_ROLES;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_opportunities, create_opportunity))
        .routes(routes!(get_opportunity, update_opportunity, delete_opportunity))
        .routes(routes!(move_opportunity))
}

/// List view with filters.
#[utoipa::path(get, path = "/opportunities", tag = "crm", security(("bearer" = [])), params(OpportunityFilter),
    responses((status = 200, body = OpportunityPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_opportunities(
    mut s: Session,
    ApiQuery(f): ApiQuery<OpportunityFilter>,
) -> Result<ApiJson<OpportunityPage>> {
    s.require(CRM_ROLES)?;
    let page = PageParams { limit: f.limit, cursor: f.cursor.clone(), q: f.q.clone() }.parse()?;
    let rows = repo::list(&mut s.tx, s.user.tenant_id, &page, &f).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |o| o.id);
    Ok(ApiJson(OpportunityPage { items, next_cursor }))
}

#[utoipa::path(post, path = "/opportunities", tag = "crm", security(("bearer" = [])), request_body = CreateOpportunityRequest,
    responses((status = 201, body = Opportunity), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_opportunity(
    mut s: Session,
    ApiJson(body): ApiJson<CreateOpportunityRequest>,
) -> Result<Created<Opportunity>> {
    s.require(CRM_ROLES)?;
    let o = service::create(&mut s.tx, Some(&s.user), &body).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/opportunities/{}", o.id), o))
}

#[utoipa::path(get, path = "/opportunities/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Opportunity), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_opportunity(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Opportunity>> {
    s.require(CRM_ROLES)?;
    let o = repo::find(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(o))
}

#[utoipa::path(patch, path = "/opportunities/{id}", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "version being edited")),
    request_body = UpdateOpportunityRequest,
    responses((status = 200, body = Opportunity), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn update_opportunity(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<UpdateOpportunityRequest>,
) -> Result<ApiJson<Opportunity>> {
    s.require(CRM_ROLES)?;
    let o = service::update(&mut s.tx, id, &body, kernel::http::if_match(&headers)?).await?;
    s.tx.commit().await?;
    Ok(ApiJson(o))
}

#[utoipa::path(delete, path = "/opportunities/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_opportunity(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(CRM_ROLES)?;
    let tenant = s.user.tenant_id;
    let o = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    repo::delete(&mut s.tx, tenant, id).await?;
    s.tx.emit(&events::OpportunityDeleted { opportunity_id: id, pipeline_id: o.pipeline_id }).await?;
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves a card to a stage (and after a given card). Every open board of
/// the company receives `opportunity.moved`.
#[utoipa::path(post, path = "/opportunities/{id}/move", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = MoveRequest,
    responses((status = 200, body = Opportunity), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn move_opportunity(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<MoveRequest>,
) -> Result<ApiJson<Opportunity>> {
    s.require(CRM_ROLES)?;
    let o = service::move_to(&mut s.tx, Some(&s.user), id, &body).await?;
    s.tx.commit().await?;
    Ok(ApiJson(o))
}
