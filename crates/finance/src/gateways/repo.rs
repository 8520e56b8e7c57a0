use chrono::{DateTime, Utc};
use kernel::Result;
use kernel::pagination::PageRequest;
use sqlx::PgConnection;
use uuid::Uuid;

pub struct GatewayRow {
    pub id: Uuid,
    pub provider: String,
    pub base_url: String,
    pub credentials: Vec<u8>,
    pub key_hint: String,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
}

pub async fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<GatewayRow>> {
    Ok(sqlx::query_as!(
        GatewayRow,
        "select id, provider, base_url, credentials, key_hint, enabled, created_at
           from payment_gateways where tenant_id = $1 order by provider",
        tenant_id
    )
    .fetch_all(conn)
    .await?)
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<GatewayRow>> {
    Ok(sqlx::query_as!(
        GatewayRow,
        "select id, provider, base_url, credentials, key_hint, enabled, created_at
           from payment_gateways where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn find_enabled(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    provider: &str,
) -> Result<Option<GatewayRow>> {
    Ok(sqlx::query_as!(
        GatewayRow,
        "select id, provider, base_url, credentials, key_hint, enabled, created_at
           from payment_gateways where tenant_id = $1 and provider = $2 and enabled",
        tenant_id,
        provider
    )
    .fetch_optional(conn)
    .await?)
}

pub struct NewGateway<'a> {
    pub id: Uuid,
    pub provider: &'a str,
    pub base_url: &'a str,
    pub credentials: &'a [u8],
    pub key_hint: &'a str,
    pub enabled: bool,
}

/// Creates or replaces the company's account at this provider (the id stays).
pub async fn upsert(conn: &mut PgConnection, tenant_id: Uuid, g: &NewGateway<'_>) -> Result<Uuid> {
    Ok(sqlx::query_scalar!(
        "insert into payment_gateways (tenant_id, id, provider, base_url, credentials, key_hint, enabled)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (tenant_id, provider) do update set base_url = excluded.base_url,
           credentials = excluded.credentials, key_hint = excluded.key_hint, enabled = excluded.enabled,
           updated_at = now()
         returning id",
        tenant_id,
        g.id,
        g.provider,
        g.base_url,
        g.credentials,
        g.key_hint,
        g.enabled
    )
    .fetch_one(conn)
    .await?)
}

pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    Ok(sqlx::query!("delete from payment_gateways where tenant_id = $1 and id = $2", tenant_id, id)
        .execute(conn)
        .await?
        .rows_affected()
        == 1)
}

pub struct EventRow {
    pub id: Uuid,
    pub gateway_id: Uuid,
    pub provider: String,
    pub event_id: String,
    pub kind: String,
    pub body: String,
    pub status: String,
    pub error: Option<String>,
    pub received_at: DateTime<Utc>,
    pub processed_at: Option<DateTime<Utc>>,
}

pub struct NewEvent<'a> {
    pub id: Uuid,
    pub gateway_id: Uuid,
    pub provider: &'a str,
    pub event_id: &'a str,
    pub kind: &'a str,
    pub body: &'a str,
    /// Why it could not be read (stored as failed).
    pub unreadable: Option<&'a str>,
}

/// Stores a verified webhook; false when this event was stored before.
pub async fn store_event(conn: &mut PgConnection, tenant_id: Uuid, e: &NewEvent<'_>) -> Result<bool> {
    Ok(sqlx::query!(
        "insert into finance_webhook_events (tenant_id, id, gateway_id, provider, event_id, kind, body, status, error)
         values ($1, $2, $3, $4, $5, $6, $7, case when $8::text is null then 'pending' else 'failed' end, $8)
         on conflict (tenant_id, provider, event_id) do nothing",
        tenant_id,
        e.id,
        e.gateway_id,
        e.provider,
        e.event_id,
        e.kind,
        e.body,
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
        "select id, gateway_id, provider, event_id, kind, body, status, error, received_at, processed_at
           from finance_webhook_events where tenant_id = $1 and id = $2 for update",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn finish_event(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: &str,
    error: Option<&str>,
) -> Result<()> {
    sqlx::query!(
        "update finance_webhook_events set status = $3, error = $4, processed_at = now()
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

pub async fn list_events(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    gateway_id: Uuid,
    page: &PageRequest,
    status: Option<&str>,
) -> Result<Vec<EventRow>> {
    Ok(sqlx::query_as!(
        EventRow,
        "select id, gateway_id, provider, event_id, kind, body, status, error, received_at, processed_at
           from finance_webhook_events
          where tenant_id = $1 and gateway_id = $2 and ($3::uuid is null or id < $3)
            and ($4::text is null or status = $4)
          order by id desc limit $5",
        tenant_id,
        gateway_id,
        page.after,
        status,
        page.fetch_limit()
    )
    .fetch_all(conn)
    .await?)
}

pub async fn reset_event(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update finance_webhook_events set status = 'pending', error = null where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}
