use chrono::{DateTime, Utc};
use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

#[derive(Debug)]
pub struct Opened {
    pub category: Option<String>,
    /// Opened in the period (else in the one before).
    pub current: bool,
    /// The subject and the customer's first message.
    pub text: String,
}

/// Tickets opened in `[from - (to - from), to)`, the latest `limit`, with
/// what the customer first wrote.
pub async fn opened(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Opened>> {
    Ok(sqlx::query_as!(
        Opened,
        r#"select t.category, t.created_at >= $2 as "current!",
                  t.subject || E'\n' || coalesce(m.text, '') as "text!"
             from tickets t
             left join lateral (select text from ticket_messages
                                 where tenant_id = t.tenant_id and ticket_id = t.id and direction = 'in'
                                 order by created_at, id limit 1) m on true
            where t.tenant_id = $1 and t.merged_into is null
              and t.created_at >= $2 - ($3 - $2) and t.created_at < $3
            order by t.created_at desc limit $4"#,
        tenant_id,
        from,
        to,
        limit
    )
    .fetch_all(conn)
    .await?)
}
