use axum::http::StatusCode;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, Created};
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{Board, BoardColumn, Pipeline, PipelineRequest};
use super::{repo, service};
use crate::opportunities::repo as opportunities;
use crate::{CRM_ADMINS, CRM_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_pipelines, create_pipeline))
        .routes(routes!(get_pipeline, update_pipeline, delete_pipeline))
        .routes(routes!(board))
}

#[utoipa::path(get, path = "/pipelines", tag = "crm", security(("bearer" = [])),
    responses((status = 200, body = Vec<Pipeline>), (status = 403, body = Problem)))]
async fn list_pipelines(mut s: Session) -> Result<ApiJson<Vec<Pipeline>>> {
    s.require(CRM_ROLES)?;
    let list = repo::list(&mut s.tx, s.user.tenant_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(list))
}

#[utoipa::path(post, path = "/pipelines", tag = "crm", security(("bearer" = [])), request_body = PipelineRequest,
    responses((status = 201, body = Pipeline), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_pipeline(
    mut s: Session,
    ApiJson(body): ApiJson<PipelineRequest>,
) -> Result<Created<Pipeline>> {
    s.require(CRM_ADMINS)?;
    let p = service::save(&mut s.tx, None, &body).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/pipelines/{}", p.id), p))
}

#[utoipa::path(get, path = "/pipelines/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Pipeline), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_pipeline(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Pipeline>> {
    s.require(CRM_ROLES)?;
    let p = repo::find(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(p))
}

/// Renames and reorders; stages sent with their `id` are kept, new ones
/// added, missing ones removed (only when empty).
#[utoipa::path(patch, path = "/pipelines/{id}", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = PipelineRequest,
    responses((status = 200, body = Pipeline), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn update_pipeline(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<PipelineRequest>,
) -> Result<ApiJson<Pipeline>> {
    s.require(CRM_ADMINS)?;
    let p = service::save(&mut s.tx, Some(id), &body).await?;
    s.tx.commit().await?;
    Ok(ApiJson(p))
}

#[utoipa::path(delete, path = "/pipelines/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn delete_pipeline(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(CRM_ADMINS)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if repo::has_opportunities(&mut s.tx, tenant, id).await? {
        return Err(Error::conflict(None, "O funil tem oportunidades: mova-as ou exclua-as antes."));
    }
    repo::delete(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The kanban: every stage with its opportunities, counts and totals.
#[utoipa::path(get, path = "/pipelines/{id}/board", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Board), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn board(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Board>> {
    s.require(CRM_ROLES)?;
    let tenant = s.user.tenant_id;
    let pipeline = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let cards = opportunities::board_cards(&mut s.tx, tenant, id, 200).await?;
    let totals = opportunities::stage_totals(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    let columns = pipeline
        .stages
        .iter()
        .map(|stage| {
            let (count, total_cents) =
                totals.iter().find(|t| t.0 == stage.id).map(|t| (t.1, t.2)).unwrap_or((0, 0));
            BoardColumn {
                stage: stage.clone(),
                opportunities: cards.iter().filter(|o| o.stage_id == stage.id).cloned().collect(),
                count,
                total_cents,
            }
        })
        .collect();
    Ok(ApiJson(Board { pipeline, columns }))
}
