//! SQL of the web chat's own table (`webchat_visitors`): how far a visitor
//! has read and how far the e-mail digest has gone.

use chrono::{DateTime, Utc};
use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

/// The visitor has seen their conversation up to `message_id`: kept only
/// when that message is theirs (in their own tickets on this channel, or
/// moved from them by a merge), and never moved backwards. False when the
/// message is not theirs.
pub async fn mark_seen(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    channel_id: Uuid,
    visitor_id: Uuid,
    address: &str,
    message_id: Uuid,
) -> Result<bool> {
    let saved = sqlx::query_scalar!(
        r#"insert into webchat_visitors (tenant_id, id, channel_id, seen_through)
           select $1, $3, $2, m.created_at
             from ticket_messages m
            where m.tenant_id = $1 and m.id = $5 and m.direction <> 'note'
              and exists (select 1 from tickets t
                           where t.tenant_id = m.tenant_id and t.id in (m.ticket_id, m.origin_ticket_id)
                             and t.channel_id = $2 and t.contact_address = $4)
           on conflict (tenant_id, id) do update
              set seen_through = greatest(webchat_visitors.seen_through, excluded.seen_through), updated_at = now()
           returning 1 as "one!""#,
        tenant_id,
        channel_id,
        visitor_id,
        address,
        message_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(saved.is_some())
}

pub struct Progress {
    pub seen_through: Option<DateTime<Utc>>,
    pub mailed_through: Option<DateTime<Utc>>,
}

/// How far the visitor has read and the digest has gone, the row locked so
/// two digests of one visitor never go out together.
pub async fn progress(conn: &mut PgConnection, tenant_id: Uuid, visitor_id: Uuid) -> Result<Progress> {
    let row = sqlx::query_as!(
        Progress,
        "select seen_through, mailed_through from webchat_visitors where tenant_id = $1 and id = $2 for update",
        tenant_id,
        visitor_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.unwrap_or(Progress { seen_through: None, mailed_through: None }))
}

pub async fn mark_mailed(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    channel_id: Uuid,
    visitor_id: Uuid,
    through: DateTime<Utc>,
) -> Result<()> {
    sqlx::query!(
        "insert into webchat_visitors (tenant_id, id, channel_id, mailed_through) values ($1, $3, $2, $4)
         on conflict (tenant_id, id) do update
            set mailed_through = greatest(webchat_visitors.mailed_through, excluded.mailed_through), updated_at = now()",
        tenant_id,
        channel_id,
        visitor_id,
        through
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The e-mail the visitor typed in the widget (the newest of their tickets').
pub async fn visitor_email(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    channel_id: Uuid,
    address: &str,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar!(
        "select declared_email from tickets
          where tenant_id = $1 and channel_id = $2 and contact_address = $3 and declared_email is not null
          order by created_at desc limit 1",
        tenant_id,
        channel_id,
        address
    )
    .fetch_optional(&mut *conn)
    .await?
    .flatten())
}
