//! Gapless per-company number series (proposals, contracts, invoices). The
//! counter row stays locked by the transaction that took the number, so a
//! rolled-back transaction gives its number back and none is repeated.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::Result;

pub async fn next(conn: &mut PgConnection, tenant_id: Uuid, series: &str) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        "insert into tenant_counters (tenant_id, name, value) values ($1, $2, 1)
         on conflict (tenant_id, name) do update set value = tenant_counters.value + 1
         returning value",
        tenant_id,
        series
    )
    .fetch_one(conn)
    .await?)
}
