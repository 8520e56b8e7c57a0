use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kernel::auth::Role;
use kernel::error::Problem;
use kernel::http::ApiJson;
use kernel::ids::new_id;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::model::{Company, UpdateCompanyRequest};
use super::repo;
use crate::plans;

/// Largest logo accepted.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

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

/// Content type declared by the client, checked against the file's magic bytes.
fn image_type(headers: &HeaderMap, bytes: &[u8]) -> Result<&'static str> {
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let ct = match declared.split(';').next().unwrap_or("").trim() {
        "image/png" => "image/png",
        "image/jpeg" => "image/jpeg",
        "image/webp" => "image/webp",
        _ => {
            return Err(Error::UnsupportedMediaType("Envie o logotipo como PNG, JPEG ou WebP.".into()));
        }
    };
    if kernel::storage::raster_image_type(bytes) != Some(ct) {
        return Err(Error::field("logo", "O arquivo não é uma imagem do tipo informado."));
    }
    Ok(ct)
}

/// Uploads the company logo (raw body, PNG/JPEG/WebP, up to 1 MiB).
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
    if body.is_empty() {
        return Err(Error::field("logo", "Arquivo vazio."));
    }
    if body.len() > MAX_LOGO_BYTES {
        return Err(Error::PayloadTooLarge("O logotipo deve ter no máximo 1 MB.".into()));
    }
    let content_type = image_type(&headers, &body)?;
    let tenant = s.user.tenant_id;
    plans::service::ensure_room_for_bytes(&mut s.tx, body.len() as i64).await?;
    let old = repo::logo(&mut s.tx, tenant).await?;
    let file_id = new_id();
    let key = format!("tenants/{tenant}/company/logo-{file_id}");
    repo::insert_file(&mut s.tx, tenant, file_id, &key, content_type, body.len() as i64, s.user.id).await?;
    repo::set_logo(&mut s.tx, tenant, Some(file_id)).await?;
    if let Some(old) = &old {
        repo::delete_file(&mut s.tx, tenant, old.id).await?;
    }
    // Object first, commit second: a failed commit leaves an orphan object,
    // never a row pointing at nothing.
    app.storage.put(&key, body).await?;
    let company = repo::get(&mut s.tx, tenant).await?;
    s.tx.emit(&events::CompanyUpdated { company_id: tenant, plan_code: None }).await?;
    s.tx.commit().await?;
    if let Some(old) = old
        && let Err(e) = app.storage.delete(&old.object_key).await
    {
        tracing::warn!(error = %e, "old logo object not deleted");
    }
    Ok(ApiJson(company))
}

#[utoipa::path(get, path = "/company/logo", tag = "company", security(("bearer" = [])),
    responses((status = 200, content_type = "image/png"), (status = 404, body = Problem)))]
async fn get_logo(State(app): State<App>, mut s: Session) -> Result<Response> {
    let file = repo::logo(&mut s.tx, s.user.tenant_id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    let bytes = app.storage.get(&file.object_key).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(ct) = HeaderValue::from_str(&file.content_type) {
        headers.insert(header::CONTENT_TYPE, ct);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=300"));
    Ok(response)
}

#[utoipa::path(delete, path = "/company/logo", tag = "company", security(("bearer" = [])),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn delete_logo(State(app): State<App>, mut s: Session) -> Result<StatusCode> {
    s.require(Role::ADMINS)?;
    let tenant = s.user.tenant_id;
    let file = repo::logo(&mut s.tx, tenant).await?.ok_or(Error::NotFound)?;
    repo::set_logo(&mut s.tx, tenant, None).await?;
    repo::delete_file(&mut s.tx, tenant, file.id).await?;
    s.tx.emit(&events::CompanyUpdated { company_id: tenant, plan_code: None }).await?;
    s.tx.commit().await?;
    if let Err(e) = app.storage.delete(&file.object_key).await {
        tracing::warn!(error = %e, "logo object not deleted");
    }
    Ok(StatusCode::NO_CONTENT)
}
