use axum::http::HeaderMap;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{
    CancelContractRequest, Contract, ContractFilter, ContractPage, ContractStatus, CreateContractRequest,
    UpdateContractRequest,
};
use super::{repo, service};
use crate::CRM_ROLES;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_contracts, create_contract))
        .routes(routes!(get_contract, update_contract))
        .routes(routes!(sign_contract))
        .routes(routes!(cancel_contract))
        .routes(routes!(suspend_contract))
        .routes(routes!(resume_contract))
        .routes(routes!(end_contract))
}

#[utoipa::path(get, path = "/contracts", tag = "crm", security(("bearer" = [])), params(ContractFilter),
    responses((status = 200, body = ContractPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_contracts(
    mut s: Session,
    ApiQuery(f): ApiQuery<ContractFilter>,
) -> Result<ApiJson<ContractPage>> {
    s.require(CRM_ROLES)?;
    let page = PageParams { limit: f.limit, cursor: f.cursor.clone(), q: f.q.clone() }.parse()?;
    let rows = repo::list(&mut s.tx, s.user.tenant_id, &page, &f).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |k| k.id);
    Ok(ApiJson(ContractPage { items, next_cursor }))
}

/// A contract typed by hand (draft until signed).
#[utoipa::path(post, path = "/contracts", tag = "crm", security(("bearer" = [])), request_body = CreateContractRequest,
    responses((status = 201, body = Contract), (status = 422, body = Problem)))]
async fn create_contract(
    mut s: Session,
    ApiJson(body): ApiJson<CreateContractRequest>,
) -> Result<Created<Contract>> {
    s.require(CRM_ROLES)?;
    let k = service::create(&mut s.tx, &body).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/contracts/{}", k.id), k))
}

#[utoipa::path(get, path = "/contracts/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Contract), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_contract(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Contract>> {
    s.require(CRM_ROLES)?;
    let k = repo::find(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(k))
}

/// Edits a draft (title, dates, billing day, items); signed contracts do not change.
#[utoipa::path(patch, path = "/contracts/{id}", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "version being edited")),
    request_body = UpdateContractRequest,
    responses((status = 200, body = Contract), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn update_contract(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<UpdateContractRequest>,
) -> Result<ApiJson<Contract>> {
    s.require(CRM_ROLES)?;
    let k = service::update(&mut s.tx, id, &body, kernel::http::if_match(&headers)?).await?;
    s.tx.commit().await?;
    Ok(ApiJson(k))
}

/// Draft → active; emits `ContractSigned`.
#[utoipa::path(post, path = "/contracts/{id}/sign", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Contract), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn sign_contract(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Contract>> {
    s.require(CRM_ROLES)?;
    let k = service::sign(&mut s.tx, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(k))
}

/// Emits `ContractCancelled`: finance stops future invoices.
#[utoipa::path(post, path = "/contracts/{id}/cancel", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CancelContractRequest,
    responses((status = 200, body = Contract), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn cancel_contract(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CancelContractRequest>,
) -> Result<ApiJson<Contract>> {
    s.require(CRM_ROLES)?;
    let k = service::cancel(&mut s.tx, id, &body.reason).await?;
    s.tx.commit().await?;
    Ok(ApiJson(k))
}

async fn change(mut s: Session, id: Uuid, to: ContractStatus) -> Result<ApiJson<Contract>> {
    s.require(CRM_ROLES)?;
    let k = service::change_status(&mut s.tx, id, to).await?;
    s.tx.commit().await?;
    Ok(ApiJson(k))
}

#[utoipa::path(post, path = "/contracts/{id}/suspend", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Contract), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn suspend_contract(s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Contract>> {
    change(s, id, ContractStatus::Suspended).await
}

#[utoipa::path(post, path = "/contracts/{id}/resume", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Contract), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn resume_contract(s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Contract>> {
    change(s, id, ContractStatus::Active).await
}

#[utoipa::path(post, path = "/contracts/{id}/end", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Contract), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn end_contract(s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Contract>> {
    change(s, id, ContractStatus::Ended).await
}
