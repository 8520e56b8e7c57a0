use axum::http::StatusCode;
use kernel::error::{OnConstraint, Problem, Violations};
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{CannedFilter, CannedResponse, SaveCannedRequest};
use super::repo;
use crate::{SUPPORT_ADMINS, SUPPORT_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_canned, create_canned))
        .routes(routes!(update_canned, delete_canned))
}

fn check(b: &SaveCannedRequest) -> Result<()> {
    let mut v = Violations::new();
    let shortcut = b.shortcut.trim();
    if shortcut.is_empty()
        || shortcut.len() > 40
        || !shortcut.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        v.add("shortcut", "Atalho com letras minúsculas, números, - ou _ (até 40).");
    }
    if b.title.trim().is_empty() || b.title.chars().count() > 100 {
        v.add("title", "Título com até 100 caracteres.");
    }
    if b.body.trim().is_empty() || b.body.chars().count() > 5000 {
        v.add("body", "Texto com até 5000 caracteres.");
    }
    v.finish()
}

#[utoipa::path(get, path = "/canned-responses", tag = "support", security(("bearer" = [])), params(CannedFilter),
    responses((status = 200, body = Vec<CannedResponse>), (status = 403, body = Problem)))]
async fn list_canned(
    mut s: Session,
    ApiQuery(f): ApiQuery<CannedFilter>,
) -> Result<ApiJson<Vec<CannedResponse>>> {
    s.require(SUPPORT_ROLES)?;
    let like = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(kernel::search::contains_pattern);
    let rows = repo::list(&mut s.tx, s.user.tenant_id, like.as_deref()).await?;
    s.tx.commit().await?;
    Ok(ApiJson(rows))
}

#[utoipa::path(post, path = "/canned-responses", tag = "support", security(("bearer" = [])), request_body = SaveCannedRequest,
    responses((status = 201, body = CannedResponse), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_canned(
    mut s: Session,
    ApiJson(b): ApiJson<SaveCannedRequest>,
) -> Result<Created<CannedResponse>> {
    s.require(SUPPORT_ADMINS)?;
    check(&b)?;
    let c = repo::insert(&mut s.tx, s.user.tenant_id, &b)
        .await
        .on_constraint("canned_responses_shortcut_key", || {
            Error::conflict(Some("shortcut"), "Este atalho já existe.")
        })?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/canned-responses/{}", c.id), c))
}

#[utoipa::path(patch, path = "/canned-responses/{id}", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = SaveCannedRequest,
    responses((status = 200, body = CannedResponse), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_canned(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(b): ApiJson<SaveCannedRequest>,
) -> Result<ApiJson<CannedResponse>> {
    s.require(SUPPORT_ADMINS)?;
    check(&b)?;
    let c = repo::update(&mut s.tx, s.user.tenant_id, id, &b)
        .await
        .on_constraint("canned_responses_shortcut_key", || {
            Error::conflict(Some("shortcut"), "Este atalho já existe.")
        })?
        .ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(c))
}

#[utoipa::path(delete, path = "/canned-responses/{id}", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_canned(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(SUPPORT_ADMINS)?;
    let n = repo::delete(&mut s.tx, s.user.tenant_id, id).await?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
