use axum::http::StatusCode;
use kernel::error::{OnConstraint, Problem};
use kernel::http::{ApiJson, ApiPath, Created};
use kernel::ids::new_id;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{CreateCustomFieldRequest, CustomField};
use super::repo;
use crate::{CRM_ADMINS, CRM_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_custom_fields, create_custom_field))
        .routes(routes!(delete_custom_field))
}

#[utoipa::path(get, path = "/custom-fields", tag = "crm", security(("bearer" = [])),
    responses((status = 200, body = Vec<CustomField>), (status = 403, body = Problem)))]
async fn list_custom_fields(mut s: Session) -> Result<ApiJson<Vec<CustomField>>> {
    s.require(CRM_ROLES)?;
    let fields = repo::list(&mut s.tx, s.user.tenant_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(fields))
}

/// Adds a field to every customer of the company (owner, admin, manager).
#[utoipa::path(post, path = "/custom-fields", tag = "crm", security(("bearer" = [])),
    request_body = CreateCustomFieldRequest,
    responses((status = 201, body = CustomField), (status = 403, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn create_custom_field(
    mut s: Session,
    ApiJson(body): ApiJson<CreateCustomFieldRequest>,
) -> Result<Created<CustomField>> {
    s.require(CRM_ADMINS)?;
    body.check()?;
    let options: Vec<String> =
        body.options.iter().map(|o| o.trim().to_string()).filter(|o| !o.is_empty()).collect();
    let id = new_id();
    let field = repo::insert(
        &mut s.tx,
        s.user.tenant_id,
        id,
        &body.key,
        body.label.trim(),
        body.field_type,
        &options,
        body.required,
    )
    .await
    .on_constraint("custom_field_definitions_key_key", || {
        Error::conflict(Some("key"), "Já existe um campo com esta chave.")
    })?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/custom-fields/{id}"), field))
}

/// Removes the field and its values from every customer.
#[utoipa::path(delete, path = "/custom-fields/{id}", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_custom_field(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(CRM_ADMINS)?;
    if !repo::delete(&mut s.tx, s.user.tenant_id, id).await? {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
