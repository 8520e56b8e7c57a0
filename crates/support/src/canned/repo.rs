use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{CannedResponse, SaveCannedRequest};

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    like: Option<&str>,
) -> Result<Vec<CannedResponse>> {
    Ok(sqlx::query_as!(
        CannedResponse,
        "select id, shortcut, title, body from canned_responses
          where tenant_id = $1 and ($2::text is null or shortcut ilike $2 or immutable_unaccent(title) ilike immutable_unaccent($2)) order by shortcut limit 200",
        tenant_id,
        like
    )
    .fetch_all(conn)
    .await?)
}

pub async fn insert(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    b: &SaveCannedRequest,
) -> sqlx::Result<CannedResponse> {
    sqlx::query_as!(
        CannedResponse,
        "insert into canned_responses (tenant_id, id, shortcut, title, body) values ($1, $2, $3, $4, $5)
         returning id, shortcut, title, body",
        tenant_id,
        kernel::ids::new_id(),
        b.shortcut.trim(),
        b.title.trim(),
        b.body.trim()
    )
    .fetch_one(conn)
    .await
}

pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    b: &SaveCannedRequest,
) -> sqlx::Result<Option<CannedResponse>> {
    sqlx::query_as!(
        CannedResponse,
        "update canned_responses set shortcut = $3, title = $4, body = $5 where tenant_id = $1 and id = $2
         returning id, shortcut, title, body",
        tenant_id,
        id,
        b.shortcut.trim(),
        b.title.trim(),
        b.body.trim()
    )
    .fetch_optional(conn)
    .await
}

pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<u64> {
    Ok(sqlx::query!("delete from canned_responses where tenant_id = $1 and id = $2", tenant_id, id)
        .execute(conn)
        .await?
        .rows_affected())
}

pub async fn body(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<String>> {
    Ok(sqlx::query_scalar!(
        "select body from canned_responses where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}
