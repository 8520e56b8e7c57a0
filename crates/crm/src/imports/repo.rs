use std::collections::BTreeMap;

use kernel::Result;
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::model::{CustomerImport, RowError};
use crate::customers::model::parse_enum;

struct Row {
    id: Uuid,
    filename: String,
    encoding: String,
    delimiter: String,
    columns: Vec<String>,
    total_rows: i32,
    status: String,
    mapping: Option<Json<BTreeMap<String, String>>>,
    skip_invalid: bool,
    processed_rows: i32,
    created_count: i32,
    updated_count: i32,
    skipped_count: i32,
    errors: Json<Vec<RowError>>,
    created_at: chrono::DateTime<chrono::Utc>,
    finished_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl TryFrom<Row> for CustomerImport {
    type Error = kernel::Error;
    fn try_from(r: Row) -> Result<Self> {
        Ok(CustomerImport {
            id: r.id,
            filename: r.filename,
            encoding: r.encoding,
            delimiter: r.delimiter,
            columns: r.columns,
            total_rows: r.total_rows,
            status: parse_enum(&r.status)?,
            mapping: r.mapping.map(|m| m.0),
            skip_invalid: r.skip_invalid,
            processed_rows: r.processed_rows,
            created_count: r.created_count,
            updated_count: r.updated_count,
            skipped_count: r.skipped_count,
            errors: r.errors.0,
            created_at: r.created_at,
            finished_at: r.finished_at,
        })
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    filename: &str,
    object_key: &str,
    encoding: &str,
    delimiter: &str,
    columns: &[String],
    total_rows: i32,
    created_by: Uuid,
) -> Result<()> {
    sqlx::query!(
        "insert into customer_imports (tenant_id, id, filename, object_key, encoding, delimiter, columns, total_rows, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        tenant_id,
        id,
        filename,
        object_key,
        encoding,
        delimiter,
        columns,
        total_rows,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<CustomerImport>> {
    let row = sqlx::query_as!(
        Row,
        r#"select id, filename, encoding, delimiter, columns, total_rows, status,
                  mapping as "mapping: Json<BTreeMap<String, String>>", skip_invalid, processed_rows, created_count,
                  updated_count, skipped_count, errors as "errors!: Json<Vec<RowError>>", created_at, finished_at
             from customer_imports where tenant_id = $1 and id = $2"#,
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    row.map(CustomerImport::try_from).transpose()
}

pub async fn recent(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<CustomerImport>> {
    let rows = sqlx::query_as!(
        Row,
        r#"select id, filename, encoding, delimiter, columns, total_rows, status,
                  mapping as "mapping: Json<BTreeMap<String, String>>", skip_invalid, processed_rows, created_count,
                  updated_count, skipped_count, errors as "errors!: Json<Vec<RowError>>", created_at, finished_at
             from customer_imports where tenant_id = $1 order by id desc limit 20"#,
        tenant_id
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(CustomerImport::try_from).collect()
}

pub async fn object_key(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<String>> {
    Ok(sqlx::query_scalar!(
        "select object_key from customer_imports where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// Queues an uploaded import (once): false if it was not waiting to start.
pub async fn queue(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    mapping: &BTreeMap<String, String>,
    skip_invalid: bool,
) -> Result<bool> {
    Ok(sqlx::query!(
        "update customer_imports set status = 'queued', mapping = $3, skip_invalid = $4
          where tenant_id = $1 and id = $2 and status = 'uploaded'",
        tenant_id,
        id,
        Json(mapping) as _,
        skip_invalid
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn progress(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, processed: i32) -> Result<()> {
    sqlx::query!(
        "update customer_imports set status = 'running', processed_rows = $3 where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        processed
    )
    .execute(conn)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn finish(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    done: bool,
    processed: i32,
    created: i32,
    updated: i32,
    skipped: i32,
    errors: &[RowError],
) -> Result<()> {
    sqlx::query!(
        "update customer_imports set status = case when $3 then 'done' else 'failed' end, processed_rows = $4,
                created_count = $5, updated_count = $6, skipped_count = $7, errors = $8, finished_at = now()
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        done,
        processed,
        created,
        updated,
        skipped,
        Json(errors) as _
    )
    .execute(conn)
    .await?;
    Ok(())
}
