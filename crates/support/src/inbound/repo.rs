use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::channels::repo::EventRow;

pub struct NewEvent<'a> {
    pub id: Uuid,
    pub channel_id: Uuid,
    pub dedupe_key: &'a str,
    pub body: &'a str,
    pub content_type: &'a str,
    /// Why it could not be read (stored as failed, replayable).
    pub unreadable: Option<&'a str>,
}

/// False when this provider id was stored before.
pub async fn store(conn: &mut PgConnection, tenant_id: Uuid, e: &NewEvent<'_>) -> Result<bool> {
    Ok(sqlx::query!(
        "insert into support_inbound_events (tenant_id, id, channel_id, dedupe_key, body, content_type, status, error)
         values ($1, $2, $3, $4, $5, $6, case when $7::text is null then 'pending' else 'failed' end, $7)
         on conflict (tenant_id, channel_id, dedupe_key) do nothing",
        tenant_id,
        e.id,
        e.channel_id,
        e.dedupe_key,
        e.body,
        e.content_type,
        e.unreadable
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn find_event(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<EventRow>> {
    Ok(sqlx::query_as!(
        EventRow,
        "select id, channel_id, dedupe_key, body, content_type, status, error, received_at, processed_at
           from support_inbound_events where tenant_id = $1 and id = $2 for update",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn finish(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: &str,
    error: Option<&str>,
) -> Result<()> {
    sqlx::query!(
        "update support_inbound_events set status = $3, error = $4, processed_at = now()
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        status,
        error
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn reset_event(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update support_inbound_events set status = 'pending', error = null where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}
