use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kernel::auth::Role;
use kernel::error::Problem;
use kernel::http::ApiJson;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::model::{Company, UpdateCompanyRequest};
use super::repo;
use crate::images::{self, ImageKind};

const LOGO: ImageKind = ImageKind { field: "logo", noun: "o logotipo" };

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(get_company, update_company)).routes(routes!(
        get_logo,
        put_logo,
        delete_logo
    ))
}

/// The signed-in user's company.
#[utoipa::path(get, path = "/company", tag = "company", security(("bearer" = [])),
    responses((status = 200, body = Company), (status = 401, body = Problem)))]
async fn get_company(mut s: Session) -> Result<ApiJson<Company>> {
    let company = repo::get(&mut s.tx, s.user.tenant_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(company))
}

/// Updates company settings (owner/admin). Every invalid field is reported.
#[utoipa::path(patch, path = "/company", tag = "company", security(("bearer" = [])),
    request_body = UpdateCompanyRequest,
    responses((status = 200, body = Company), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_company(
    mut s: Session,
    ApiJson(body): ApiJson<UpdateCompanyRequest>,
) -> Result<ApiJson<Company>> {
    s.require(Role::ADMINS)?;
    let change = body.check()?;
    let tenant = s.user.tenant_id;
    repo::update(&mut s.tx, tenant, &change).await?;
    let company = repo::get(&mut s.tx, tenant).await?;
    s.tx.emit(&events::CompanyUpdated { company_id: tenant, plan_code: None }).await?;
    s.tx.commit().await?;
    Ok(ApiJson(company))
}

#[utoipa::path(put, path = "/company/logo", tag = "company", security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "image/png"),
    responses((status = 200, body = Company), (status = 403, body = Problem), (status = 413, body = Problem),
              (status = 415, body = Problem), (status = 422, body = Problem)))]
async fn put_logo(
    State(app): State<App>,
    mut s: Session,
    headers: HeaderMap,
    body: Bytes,
) -> Result<ApiJson<Company>> {
    s.require(Role::ADMINS)?;
    let tenant = s.user.tenant_id;
    let upload = images::accept(&mut s.tx, &LOGO, "company/logo", s.user.id, &headers, body).await?;
    let old = repo::logo(&mut s.tx, tenant).await?;
    repo::set_logo(&mut s.tx, tenant, Some(upload.file_id)).await?;
    if let Some(old) = &old {
        images::drop_row(&mut s.tx, old).await?;
    }
    upload.put(&app).await?;
    let company = repo::get(&mut s.tx, tenant).await?;
    s.tx.emit(&events::CompanyUpdated { company_id: tenant, plan_code: None }).await?;
    s.tx.commit().await?;
    images::forget_object(&app, old).await;
    Ok(ApiJson(company))
}

#[utoipa::path(get, path = "/company/logo", tag = "company", security(("bearer" = [])),
    responses((status = 200, content_type = "image/png"), (status = 404, body = Problem)))]
async fn get_logo(State(app): State<App>, mut s: Session) -> Result<Response> {
    let file = repo::logo(&mut s.tx, s.user.tenant_id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    images::serve(&app, &file).await
}

#[utoipa::path(delete, path = "/company/logo", tag = "company", security(("bearer" = [])),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn delete_logo(State(app): State<App>, mut s: Session) -> Result<StatusCode> {
    s.require(Role::ADMINS)?;
    let tenant = s.user.tenant_id;
    let file = repo::logo(&mut s.tx, tenant).await?.ok_or(Error::NotFound)?;
    repo::set_logo(&mut s.tx, tenant, None).await?;
    images::drop_row(&mut s.tx, &file).await?;
    s.tx.emit(&events::CompanyUpdated { company_id: tenant, plan_code: None }).await?;
    s.tx.commit().await?;
    images::forget_object(&app, Some(file)).await;
    Ok(StatusCode::NO_CONTENT)
}
