use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath};
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::UpdateProfileRequest;
use crate::auth::model::Me;
use crate::images::{self, ImageKind};
use crate::{company, users};

const AVATAR: ImageKind = ImageKind { field: "avatar", noun: "a foto" };

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(update_profile))
        .routes(routes!(put_avatar, delete_avatar))
        .routes(routes!(get_avatar))
}

/// Changes the signed-in person's name and e-mail signature.
#[utoipa::path(patch, path = "/me", tag = "auth", security(("bearer" = [])),
    request_body = UpdateProfileRequest,
    responses((status = 200, body = Me), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn update_profile(mut s: Session, ApiJson(body): ApiJson<UpdateProfileRequest>) -> Result<ApiJson<Me>> {
    let change = body.check()?;
    let (tenant, id) = (s.user.tenant_id, s.user.id);
    users::repo::update_profile(&mut s.tx, tenant, id, change.name.as_deref(), change.signature.as_deref())
        .await?;
    current(s).await
}

/// Sets the signed-in person's photo (raw body, PNG/JPEG/WebP, up to 1 MiB,
/// counted in the plan's storage).
#[utoipa::path(put, path = "/me/avatar", tag = "auth", security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "image/png"),
    responses((status = 200, body = Me), (status = 401, body = Problem),
              (status = 403, body = Problem, description = "The plan's storage is full"), (status = 413, body = Problem),
              (status = 415, body = Problem), (status = 422, body = Problem)))]
async fn put_avatar(
    State(app): State<App>,
    mut s: Session,
    headers: HeaderMap,
    body: Bytes,
) -> Result<ApiJson<Me>> {
    let (tenant, id) = (s.user.tenant_id, s.user.id);
    let prefix = format!("users/{id}/avatar");
    let upload = images::accept(&mut s.tx, &AVATAR, &prefix, id, &headers, body).await?;
    let old = users::repo::avatar(&mut s.tx, tenant, id).await?;
    users::repo::set_avatar(&mut s.tx, tenant, id, Some(upload.file_id)).await?;
    if let Some(old) = &old {
        images::drop_row(&mut s.tx, old).await?;
    }
    upload.put(&app).await?;
    let me = current(s).await?;
    images::forget_object(&app, old).await;
    Ok(me)
}

/// Removes the signed-in person's photo.
#[utoipa::path(delete, path = "/me/avatar", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = Problem), (status = 404, body = Problem)))]
async fn delete_avatar(State(app): State<App>, mut s: Session) -> Result<StatusCode> {
    let (tenant, id) = (s.user.tenant_id, s.user.id);
    let file = users::repo::avatar(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    users::repo::set_avatar(&mut s.tx, tenant, id, None).await?;
    images::drop_row(&mut s.tx, &file).await?;
    s.tx.commit().await?;
    images::forget_object(&app, Some(file)).await;
    Ok(StatusCode::NO_CONTENT)
}

/// A colleague's photo (anyone of the company sees it, as the user list).
#[utoipa::path(get, path = "/users/{id}/avatar", tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "image/png"), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem)))]
async fn get_avatar(State(app): State<App>, mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<Response> {
    let file = users::repo::avatar(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    images::serve(&app, &file).await
}

/// The profile as `GET /me` shows it, read in the request's transaction, which it commits.
pub(crate) async fn current(mut s: Session) -> Result<ApiJson<Me>> {
    let tenant = s.user.tenant_id;
    let (user, signature) =
        users::repo::profile(&mut s.tx, tenant, s.user.id).await?.ok_or(Error::NotFound)?;
    let company = company::repo::summary(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    Ok(ApiJson(Me { user, company, signature }))
}
