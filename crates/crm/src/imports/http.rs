use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::ids::new_id;
use kernel::jobs::{self, EnqueueOptions};
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::csv_file::{self, FIELDS};
use super::model::{CustomerImport, StartImportRequest, UploadParams, UploadedImport};
use super::repo;
use super::service::RunImport;
use crate::CRM_ROLES;

/// Largest CSV accepted (about 200,000 customer lines).
pub const MAX_IMPORT_BYTES: usize = 40 * 1024 * 1024;
const PREVIEW_ROWS: usize = 10;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_imports, upload_import))
        .routes(routes!(get_import))
        .routes(routes!(start_import))
        .layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES))
}

/// Uploads a CSV (UTF-8 or Latin-1, `;` or `,`): answers the columns, a
/// preview and a suggested mapping. Nothing is imported yet.
#[utoipa::path(post, path = "/customers/imports", tag = "crm", security(("bearer" = [])), params(UploadParams),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 201, body = UploadedImport), (status = 413, body = Problem), (status = 422, body = Problem)))]
async fn upload_import(
    State(app): State<App>,
    mut s: Session,
    ApiQuery(params): ApiQuery<UploadParams>,
    body: Bytes,
) -> Result<Created<UploadedImport>> {
    s.require(CRM_ROLES)?;
    if body.len() > MAX_IMPORT_BYTES {
        return Err(Error::PayloadTooLarge("O arquivo deve ter no máximo 40 MB.".into()));
    }
    let file = csv_file::read(&body).map_err(|e| Error::field("file", e))?;
    if file.rows.is_empty() {
        return Err(Error::field("file", "O arquivo não tem linhas de clientes abaixo do cabeçalho."));
    }
    let tenant = s.user.tenant_id;
    let id = new_id();
    let key = format!("tenants/{tenant}/imports/{id}.csv");
    let filename =
        params.filename.unwrap_or_else(|| "clientes.csv".into()).chars().take(200).collect::<String>();
    let delimiter = (file.delimiter as char).to_string();
    repo::insert(
        &mut s.tx,
        tenant,
        id,
        &filename,
        &key,
        file.encoding,
        &delimiter,
        &file.columns,
        file.rows.len() as i32,
        s.user.id,
    )
    .await?;
    app.storage.put(&key, body).await?;
    let import = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(Created(
        format!("/api/v1/customers/imports/{id}"),
        UploadedImport {
            import,
            preview: file.rows.iter().take(PREVIEW_ROWS).cloned().collect(),
            suggested_mapping: csv_file::suggest_mapping(&file.columns),
            fields: FIELDS.iter().map(|f| f.to_string()).collect(),
        },
    ))
}

#[utoipa::path(get, path = "/customers/imports", tag = "crm", security(("bearer" = [])),
    responses((status = 200, body = Vec<CustomerImport>)))]
async fn list_imports(mut s: Session) -> Result<ApiJson<Vec<CustomerImport>>> {
    s.require(CRM_ROLES)?;
    let list = repo::recent(&mut s.tx, s.user.tenant_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(list))
}

/// Status, progress, counts and the rows that failed.
#[utoipa::path(get, path = "/customers/imports/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = CustomerImport), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_import(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<CustomerImport>> {
    s.require(CRM_ROLES)?;
    let import = repo::find(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(import))
}

/// Starts the import with a column mapping (runs as a job).
#[utoipa::path(post, path = "/customers/imports/{id}/start", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = StartImportRequest,
    responses((status = 202, body = CustomerImport), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn start_import(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<StartImportRequest>,
) -> Result<(StatusCode, ApiJson<CustomerImport>)> {
    s.require(CRM_ROLES)?;
    let tenant = s.user.tenant_id;
    let import = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let mut v = Violations::new();
    for (field, column) in &body.mapping {
        if !FIELDS.contains(&field.as_str()) {
            v.add(&format!("mapping.{field}"), "Campo desconhecido.");
        } else if !import.columns.contains(column) {
            v.add(
                &format!("mapping.{field}"),
                format!("A coluna \u{201c}{column}\u{201d} não existe no arquivo."),
            );
        }
    }
    if !body.mapping.contains_key("name") {
        v.add("mapping.name", "Escolha a coluna com o nome do cliente.");
    }
    v.finish()?;
    if !repo::queue(&mut s.tx, tenant, id, &body.mapping, body.skip_invalid).await? {
        return Err(Error::conflict(None, "Esta importação já foi iniciada."));
    }
    jobs::enqueue(
        &mut s.tx,
        Some(tenant),
        &RunImport { import_id: id, user_id: s.user.id },
        EnqueueOptions::default(),
    )
    .await?;
    let import = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok((StatusCode::ACCEPTED, ApiJson(import)))
}
