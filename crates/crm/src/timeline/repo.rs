use kernel::Result;
use kernel::ids::new_id;
use kernel::pagination::PageRequest;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{NewEntry, TimelineEntry};

/// Writes an entry; an entry for an already-recorded event is ignored.
pub async fn insert(conn: &mut PgConnection, tenant_id: Uuid, e: NewEntry<'_>) -> Result<()> {
    sqlx::query!(
        "insert into timeline_entries (tenant_id, id, customer_id, opportunity_id, kind, summary, data, actor_id, event_id, occurred_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, now()))
         on conflict (tenant_id, event_id) do nothing",
        tenant_id,
        new_id(),
        e.customer_id,
        e.opportunity_id,
        e.kind,
        e.summary,
        e.data,
        e.actor_id,
        e.event_id,
        e.occurred_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Newest first.
pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    customer_id: Uuid,
    page: &PageRequest,
) -> Result<Vec<TimelineEntry>> {
    Ok(sqlx::query_as!(
        TimelineEntry,
        "select id, customer_id, opportunity_id, kind, summary, data, actor_id, occurred_at
           from timeline_entries
          where tenant_id = $1 and customer_id = $2
            and ($3::uuid is null or (occurred_at, id) < (select occurred_at, id from timeline_entries
                                                           where tenant_id = $1 and id = $3))
          order by occurred_at desc, id desc limit $4",
        tenant_id,
        customer_id,
        page.after,
        page.fetch_limit()
    )
    .fetch_all(conn)
    .await?)
}

/// Whether the customer exists (live or merged: events may name either).
pub async fn resolve_customer(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        r#"select coalesce(merged_into, id) as "id!" from customers where tenant_id = $1 and id = $2"#,
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}
