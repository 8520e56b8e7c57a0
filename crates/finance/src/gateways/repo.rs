use chrono::{DateTime, Utc};
use kernel::Result;
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

/// Deletes the gateway and its webhook log.
pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    let source = kernel::inbox::SourceRef { kind: kernel::inbox::SourceKind::Gateway, id };
    kernel::inbox::forget_source(&mut *conn, tenant_id, source).await?;
    Ok(sqlx::query!("delete from payment_gateways where tenant_id = $1 and id = $2", tenant_id, id)
        .execute(conn)
        .await?
        .rows_affected()
        == 1)
}
