//! Rows of `files` that hold the images accounts owns (the company logo,
//! users' photos); the objects themselves are in object storage.

use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

pub struct StoredFile {
    pub id: Uuid,
    pub object_key: String,
    pub content_type: String,
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_file(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    key: &str,
    content_type: &str,
    size: i64,
    created_by: Uuid,
) -> Result<()> {
    sqlx::query!(
        "insert into files (tenant_id, id, object_key, content_type, size_bytes, created_by)
         values ($1, $2, $3, $4, $5, $6)",
        tenant_id,
        id,
        key,
        content_type,
        size,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_file(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!("delete from files where tenant_id = $1 and id = $2", tenant_id, id).execute(conn).await?;
    Ok(())
}
