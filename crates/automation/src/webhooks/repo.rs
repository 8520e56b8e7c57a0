//! Every SQL statement of webhook endpoints and deliveries. Explicit
//! `tenant_id` filters; RLS is the backstop.

use chrono::{DateTime, Utc};
use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

pub struct EndpointRow {
    pub id: Uuid,
    pub url: String,
    pub description: String,
    pub event_kinds: Vec<String>,
    pub secret: Vec<u8>,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub consecutive_failures: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct NewEndpoint<'a> {
    pub id: Uuid,
    pub url: &'a str,
    pub description: &'a str,
    pub event_kinds: &'a [String],
    pub secret: &'a [u8],
    pub created_by: Uuid,
}

pub async fn insert(conn: &mut PgConnection, tenant_id: Uuid, e: &NewEndpoint<'_>) -> Result<EndpointRow> {
    Ok(sqlx::query_as!(
        EndpointRow,
        "insert into webhook_endpoints (tenant_id, id, url, description, event_kinds, secret, created_by)
         values ($1, $2, $3, $4, $5, $6, $7)
         returning id, url, description, event_kinds, secret, enabled, disabled_reason, disabled_at,
                   consecutive_failures, created_at, updated_at",
        tenant_id,
        e.id,
        e.url,
        e.description,
        e.event_kinds,
        e.secret,
        e.created_by
    )
    .fetch_one(conn)
    .await?)
}

pub async fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<EndpointRow>> {
    Ok(sqlx::query_as!(
        EndpointRow,
        "select id, url, description, event_kinds, secret, enabled, disabled_reason, disabled_at,
                consecutive_failures, created_at, updated_at
         from webhook_endpoints where tenant_id = $1 order by id",
        tenant_id
    )
    .fetch_all(conn)
    .await?)
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<EndpointRow>> {
    Ok(sqlx::query_as!(
        EndpointRow,
        "select id, url, description, event_kinds, secret, enabled, disabled_reason, disabled_at,
                consecutive_failures, created_at, updated_at
         from webhook_endpoints where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// The company's switched-on endpoints subscribed to `kind`.
pub async fn enabled_for(conn: &mut PgConnection, tenant_id: Uuid, kind: &str) -> Result<Vec<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select id from webhook_endpoints where tenant_id = $1 and enabled and $2 = any(event_kinds) order by id",
        tenant_id,
        kind
    )
    .fetch_all(conn)
    .await?)
}

/// Changes what was sent; `None` keeps the stored value.
pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    url: Option<&str>,
    description: Option<&str>,
    event_kinds: Option<&[String]>,
) -> Result<Option<EndpointRow>> {
    Ok(sqlx::query_as!(
        EndpointRow,
        "update webhook_endpoints
            set url = coalesce($3, url), description = coalesce($4, description),
                event_kinds = coalesce($5, event_kinds), updated_at = now()
          where tenant_id = $1 and id = $2
          returning id, url, description, event_kinds, secret, enabled, disabled_reason, disabled_at,
                    consecutive_failures, created_at, updated_at",
        tenant_id,
        id,
        url,
        description,
        event_kinds
    )
    .fetch_optional(conn)
    .await?)
}

/// Switches on (clearing the reason and the failure count) or off by hand.
pub async fn set_enabled(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    enabled: bool,
    reason: Option<&str>,
) -> Result<Option<EndpointRow>> {
    Ok(sqlx::query_as!(
        EndpointRow,
        "update webhook_endpoints
            set enabled = $3, disabled_reason = case when $3 then null else $4::text end,
                disabled_at = case when $3 then null else now() end,
                consecutive_failures = case when $3 then 0 else consecutive_failures end,
                updated_at = now()
          where tenant_id = $1 and id = $2
          returning id, url, description, event_kinds, secret, enabled, disabled_reason, disabled_at,
                    consecutive_failures, created_at, updated_at",
        tenant_id,
        id,
        enabled,
        reason
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn set_secret(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    secret: &[u8],
) -> Result<Option<EndpointRow>> {
    Ok(sqlx::query_as!(
        EndpointRow,
        "update webhook_endpoints set secret = $3, updated_at = now() where tenant_id = $1 and id = $2
          returning id, url, description, event_kinds, secret, enabled, disabled_reason, disabled_at,
                    consecutive_failures, created_at, updated_at",
        tenant_id,
        id,
        secret
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<u64> {
    Ok(sqlx::query!("delete from webhook_endpoints where tenant_id = $1 and id = $2", tenant_id, id)
        .execute(conn)
        .await?
        .rows_affected())
}

/// A delivery that exhausted its retries: one more failure in a row.
/// Returns the new count.
pub async fn count_failure(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<i32> {
    Ok(sqlx::query_scalar!(
        "update webhook_endpoints set consecutive_failures = consecutive_failures + 1
          where tenant_id = $1 and id = $2 returning consecutive_failures",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?
    .unwrap_or(0))
}

pub async fn reset_failures(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update webhook_endpoints set consecutive_failures = 0
          where tenant_id = $1 and id = $2 and consecutive_failures <> 0",
        tenant_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Switches a still-enabled endpoint off for persistent failure: `true`
/// only for the call that did it, so the admins are told once.
pub async fn disable_failing(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    reason: &str,
) -> Result<bool> {
    Ok(sqlx::query!(
        "update webhook_endpoints set enabled = false, disabled_reason = $3, disabled_at = now(), updated_at = now()
          where tenant_id = $1 and id = $2 and enabled returning id",
        tenant_id,
        id,
        reason
    )
    .fetch_optional(conn)
    .await?
    .is_some())
}

pub struct DeliveryRow {
    pub id: Uuid,
    pub endpoint_id: Uuid,
    pub event_id: Uuid,
    pub event_kind: String,
    pub body: serde_json::Value,
    pub status: String,
    pub attempts: i32,
    pub response_status: Option<i32>,
    pub error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// Records a delivery unless the endpoint already has one for the event:
/// `None` then, and nothing is sent again.
pub async fn claim_delivery(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    endpoint_id: Uuid,
    event_id: Uuid,
    event_kind: &str,
    body: &serde_json::Value,
) -> Result<Option<DeliveryRow>> {
    Ok(sqlx::query_as!(
        DeliveryRow,
        "insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_kind, body, next_attempt_at)
         values ($1, $2, $3, $4, $5, $6, now())
         on conflict (tenant_id, endpoint_id, event_id) do nothing
         returning id, endpoint_id, event_id, event_kind, body, status, attempts, response_status, error,
                   next_attempt_at, created_at, delivered_at",
        tenant_id,
        id,
        endpoint_id,
        event_id,
        event_kind,
        body
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn find_delivery(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    endpoint_id: Uuid,
    id: Uuid,
) -> Result<Option<DeliveryRow>> {
    Ok(sqlx::query_as!(
        DeliveryRow,
        "select id, endpoint_id, event_id, event_kind, body, status, attempts, response_status, error,
                next_attempt_at, created_at, delivered_at
         from webhook_deliveries where tenant_id = $1 and endpoint_id = $2 and id = $3",
        tenant_id,
        endpoint_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// The delivery, locked against a concurrent attempt (a replay racing a
/// retry): the job holds it while it records the outcome.
pub async fn lock_delivery(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Option<DeliveryRow>> {
    Ok(sqlx::query_as!(
        DeliveryRow,
        "select id, endpoint_id, event_id, event_kind, body, status, attempts, response_status, error,
                next_attempt_at, created_at, delivered_at
         from webhook_deliveries where tenant_id = $1 and id = $2 for update",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// Records one attempt's outcome.
#[allow(clippy::too_many_arguments)]
pub async fn record_attempt(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: &str,
    attempts: i32,
    response_status: Option<i32>,
    error: Option<&str>,
    next_attempt_at: Option<DateTime<Utc>>,
) -> Result<DeliveryRow> {
    Ok(sqlx::query_as!(
        DeliveryRow,
        "update webhook_deliveries
            set status = $3, attempts = $4, response_status = $5, error = $6, next_attempt_at = $7,
                delivered_at = case when $3 = 'succeeded' then now() else delivered_at end
          where tenant_id = $1 and id = $2
          returning id, endpoint_id, event_id, event_kind, body, status, attempts, response_status, error,
                    next_attempt_at, created_at, delivered_at",
        tenant_id,
        id,
        status,
        attempts,
        response_status,
        error,
        next_attempt_at
    )
    .fetch_one(conn)
    .await?)
}

/// A replay: a new round of attempts from now.
pub async fn restart(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<DeliveryRow> {
    Ok(sqlx::query_as!(
        DeliveryRow,
        "update webhook_deliveries set status = 'pending', attempts = 0, error = null, next_attempt_at = now()
          where tenant_id = $1 and id = $2
          returning id, endpoint_id, event_id, event_kind, body, status, attempts, response_status, error,
                    next_attempt_at, created_at, delivered_at",
        tenant_id,
        id
    )
    .fetch_one(conn)
    .await?)
}

/// An endpoint's deliveries, newest first (UUIDv7 ids), after the cursor's id.
pub async fn deliveries(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    endpoint_id: Uuid,
    status: Option<&str>,
    before: Option<Uuid>,
    limit: i64,
) -> Result<Vec<DeliveryRow>> {
    Ok(sqlx::query_as!(
        DeliveryRow,
        "select id, endpoint_id, event_id, event_kind, body, status, attempts, response_status, error,
                next_attempt_at, created_at, delivered_at
         from webhook_deliveries
         where tenant_id = $1 and endpoint_id = $2 and ($3::text is null or status = $3)
           and ($4::uuid is null or id < $4)
         order by id desc limit $5",
        tenant_id,
        endpoint_id,
        status,
        before,
        limit
    )
    .fetch_all(conn)
    .await?)
}
