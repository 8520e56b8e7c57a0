use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::SlaPolicy;
use crate::tickets::model::Priority;

/// The targets a company saved (priorities without a row use the defaults).
pub async fn stored(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<SlaPolicy>> {
    Ok(sqlx::query!(
        "select priority, first_response_minutes, resolution_minutes from sla_policies where tenant_id = $1",
        tenant_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .filter_map(|r| {
        Some(SlaPolicy {
            priority: Priority::parse(&r.priority)?,
            first_response_minutes: r.first_response_minutes,
            resolution_minutes: r.resolution_minutes,
        })
    })
    .collect())
}

pub async fn save(conn: &mut PgConnection, tenant_id: Uuid, p: &SlaPolicy) -> Result<()> {
    sqlx::query!(
        "insert into sla_policies (tenant_id, priority, first_response_minutes, resolution_minutes)
         values ($1, $2, $3, $4) on conflict (tenant_id, priority) do update
         set first_response_minutes = excluded.first_response_minutes, resolution_minutes = excluded.resolution_minutes",
        tenant_id,
        p.priority.as_str(),
        p.first_response_minutes,
        p.resolution_minutes
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct CompanyHours {
    pub timezone: String,
    pub business_hours: serde_json::Value,
}

/// The company's timezone and hours (read-only: companies belong to `accounts`).
pub async fn company_hours(conn: &mut PgConnection, tenant_id: Uuid) -> Result<CompanyHours> {
    Ok(sqlx::query_as!(
        CompanyHours,
        "select timezone, business_hours from companies where tenant_id = $1",
        tenant_id
    )
    .fetch_one(conn)
    .await?)
}
