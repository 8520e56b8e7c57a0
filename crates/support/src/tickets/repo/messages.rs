//! Messages of tickets, their attachments and their delivery states.

use chrono::{DateTime, Utc};
use kernel::{Error, Result};
use sqlx::PgConnection;
use uuid::Uuid;

use super::super::model::{AttachmentInfo, DeliveryStatus, Direction, Message};

struct MessageRow {
    id: Uuid,
    ticket_id: Uuid,
    direction: String,
    author_id: Option<Uuid>,
    author_name: String,
    text: String,
    html: Option<String>,
    extra: serde_json::Value,
    delivery_status: Option<String>,
    failure_reason: Option<String>,
    send_at: Option<DateTime<Utc>>,
    mentions: Vec<Uuid>,
    created_at: DateTime<Utc>,
}

struct AttachmentRow {
    id: Uuid,
    message_id: Uuid,
    filename: String,
    content_type: String,
    size_bytes: i64,
}

async fn assemble(conn: &mut PgConnection, tenant_id: Uuid, rows: Vec<MessageRow>) -> Result<Vec<Message>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let atts = sqlx::query_as!(
        AttachmentRow,
        "select id, message_id, filename, content_type, size_bytes from ticket_attachments
          where tenant_id = $1 and message_id = any($2) order by id",
        tenant_id,
        &ids
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Message {
                attachments: atts
                    .iter()
                    .filter(|a| a.message_id == r.id)
                    .map(|a| AttachmentInfo {
                        id: a.id,
                        filename: a.filename.clone(),
                        content_type: a.content_type.clone(),
                        size_bytes: a.size_bytes,
                        url: format!("/api/v1/tickets/{}/attachments/{}", r.ticket_id, a.id),
                    })
                    .collect(),
                id: r.id,
                ticket_id: r.ticket_id,
                direction: Direction::parse(&r.direction).ok_or_else(|| Error::internal("direction"))?,
                author_id: r.author_id,
                author_name: r.author_name,
                text: r.text,
                html: r.html,
                card: r.extra.get("card").and_then(|c| serde_json::from_value(c.clone()).ok()),
                extra: r.extra,
                delivery_status: r.delivery_status.as_deref().and_then(DeliveryStatus::parse),
                failure_reason: r.failure_reason,
                send_at: r.send_at,
                mentions: r.mentions,
                created_at: r.created_at,
            })
        })
        .collect()
}

pub async fn message(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    lock: bool,
) -> Result<Option<Message>> {
    if lock {
        sqlx::query!(
            "select id from ticket_messages where tenant_id = $1 and id = $2 for update",
            tenant_id,
            id
        )
        .fetch_optional(&mut *conn)
        .await?;
    }
    let rows = sqlx::query_as!(
        MessageRow,
        "select id, ticket_id, direction, author_id, author_name, text, html, extra, delivery_status, failure_reason,
                send_at, mentions, created_at
           from ticket_messages where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(assemble(conn, tenant_id, rows).await?.pop())
}

pub async fn messages(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    before: Option<Uuid>,
    limit: i64,
    include_notes: bool,
) -> Result<Vec<Message>> {
    let rows = sqlx::query_as!(
        MessageRow,
        "select id, ticket_id, direction, author_id, author_name, text, html, extra, delivery_status, failure_reason,
                send_at, mentions, created_at
           from ticket_messages
          where tenant_id = $1 and ticket_id = $2 and ($3::uuid is null or id < $3) and ($4 or direction <> 'note')
          order by id desc limit $5",
        tenant_id,
        ticket_id,
        before,
        include_notes,
        limit
    )
    .fetch_all(&mut *conn)
    .await?;
    assemble(conn, tenant_id, rows).await
}

pub struct NewMessage<'a> {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub direction: Direction,
    pub author_id: Option<Uuid>,
    pub author_name: &'a str,
    pub text: &'a str,
    pub html: Option<&'a str>,
    pub extra: &'a serde_json::Value,
    pub provider_message_id: Option<&'a str>,
    pub delivery_status: Option<DeliveryStatus>,
    pub send_at: Option<DateTime<Utc>>,
    pub mentions: &'a [Uuid],
}

/// False when a message with this provider id exists (a duplicate).
pub async fn insert_message(conn: &mut PgConnection, tenant_id: Uuid, m: &NewMessage<'_>) -> Result<bool> {
    Ok(sqlx::query!(
        "insert into ticket_messages (tenant_id, id, ticket_id, direction, author_id, author_name, text, html, extra,
                                      provider_message_id, delivery_status, send_at, mentions)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         on conflict (tenant_id, provider_message_id) where provider_message_id is not null do nothing",
        tenant_id,
        m.id,
        m.ticket_id,
        m.direction.as_str(),
        m.author_id,
        m.author_name,
        m.text,
        m.html,
        m.extra,
        m.provider_message_id,
        m.delivery_status.map(|d| d.as_str()),
        m.send_at,
        m.mentions
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn message_exists(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    provider_message_id: &str,
) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from ticket_messages where tenant_id = $1 and provider_message_id = $2) as "e!""#,
        tenant_id,
        provider_message_id
    )
    .fetch_one(conn)
    .await?)
}

/// Moves a sent message's status forward (never back); returns its ticket when it changed.
pub async fn advance_delivery(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    provider_message_id: &str,
    to: DeliveryStatus,
    reason: Option<&str>,
) -> Result<Option<Advanced>> {
    let current = sqlx::query!(
        "select m.id, m.ticket_id, m.delivery_status, m.author_id, t.number
           from ticket_messages m join tickets t on t.tenant_id = m.tenant_id and t.id = m.ticket_id
          where m.tenant_id = $1 and m.provider_message_id = $2 for update of m",
        tenant_id,
        provider_message_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(current) = current else { return Err(Error::NotFound) };
    let from = current.delivery_status.as_deref().and_then(DeliveryStatus::parse);
    let forward = match (from, to) {
        (Some(DeliveryStatus::Failed), _) => false,
        (Some(f), DeliveryStatus::Failed) => f.rank() <= DeliveryStatus::Sent.rank(),
        (Some(f), t) => t.rank() > f.rank(),
        (None, _) => true,
    };
    if !forward {
        return Ok(None);
    }
    sqlx::query!(
        "update ticket_messages set delivery_status = $3, failure_reason = coalesce($4, failure_reason)
          where tenant_id = $1 and id = $2",
        tenant_id,
        current.id,
        to.as_str(),
        reason
    )
    .execute(conn)
    .await?;
    Ok(Some(Advanced {
        ticket_id: current.ticket_id,
        message_id: current.id,
        number: current.number,
        author_id: current.author_id,
    }))
}

/// A message whose delivery status moved forward.
pub struct Advanced {
    pub ticket_id: Uuid,
    pub message_id: Uuid,
    pub number: i64,
    pub author_id: Option<Uuid>,
}

pub struct Delivery<'a> {
    pub status: DeliveryStatus,
    pub provider_message_id: Option<&'a str>,
    pub failure_reason: Option<&'a str>,
}

pub async fn set_delivery(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    d: &Delivery<'_>,
) -> Result<()> {
    sqlx::query!(
        "update ticket_messages set delivery_status = $3, provider_message_id = coalesce($4, provider_message_id),
                failure_reason = $5
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        d.status.as_str(),
        d.provider_message_id,
        d.failure_reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Counts a failed try; returns how many there were.
pub async fn count_attempt(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, reason: &str) -> Result<i32> {
    Ok(sqlx::query_scalar!(
        "update ticket_messages set extra = jsonb_set(extra, '{send_attempts}',
                to_jsonb(coalesce((extra->>'send_attempts')::int, 0) + 1)), failure_reason = $3
          where tenant_id = $1 and id = $2
          returning (extra->>'send_attempts')::int",
        tenant_id,
        id,
        reason
    )
    .fetch_one(conn)
    .await?
    .unwrap_or(1))
}

pub async fn insert_attachment(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    message_id: Uuid,
    filename: &str,
    content_type: &str,
    size: i64,
    key: &str,
) -> Result<Uuid> {
    let id = kernel::ids::new_id();
    sqlx::query!(
        "insert into ticket_attachments (tenant_id, id, message_id, filename, content_type, size_bytes, object_key)
         values ($1, $2, $3, $4, $5, $6, $7)",
        tenant_id,
        id,
        message_id,
        filename,
        content_type,
        size,
        key
    )
    .execute(conn)
    .await?;
    Ok(id)
}

pub struct StoredAttachment {
    pub filename: String,
    pub content_type: String,
    pub object_key: String,
}

pub async fn attachment(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    id: Uuid,
) -> Result<Option<StoredAttachment>> {
    Ok(sqlx::query_as!(
        StoredAttachment,
        "select a.filename, a.content_type, a.object_key from ticket_attachments a
           join ticket_messages m on m.tenant_id = a.tenant_id and m.id = a.message_id
          where a.tenant_id = $1 and m.ticket_id = $2 and a.id = $3",
        tenant_id,
        ticket_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// A web-chat visitor's messages on a channel (no internal notes).
pub async fn visitor_history(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    channel_id: Uuid,
    address: &str,
) -> Result<Vec<Message>> {
    // Two arms, each on its own index: messages still in the ticket they
    // were written in, and messages a merge moved elsewhere (by origin).
    let rows = sqlx::query_as!(
        MessageRow,
        r#"select m.id as "id!", m.ticket_id as "ticket_id!", m.direction as "direction!", m.author_id,
                m.author_name as "author_name!", m.text as "text!", m.html, m.extra as "extra!", m.delivery_status,
                m.failure_reason, m.send_at, m.mentions as "mentions!", m.created_at as "created_at!"
           from (select m.* from ticket_messages m
                   join tickets t on t.tenant_id = m.tenant_id and t.id = m.ticket_id
                  where m.tenant_id = $1 and t.channel_id = $2 and t.contact_address = $3
                    and m.origin_ticket_id is null
                 union all
                 select m.* from ticket_messages m
                   join tickets t on t.tenant_id = m.tenant_id and t.id = m.origin_ticket_id
                  where m.tenant_id = $1 and t.channel_id = $2 and t.contact_address = $3) m
          where m.direction <> 'note'
            and (m.delivery_status is null or m.delivery_status not in ('scheduled', 'queued', 'failed'))
          order by m.id desc limit 200"#,
        tenant_id,
        channel_id,
        address
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = assemble(conn, tenant_id, rows).await?;
    out.reverse();
    Ok(out)
}
