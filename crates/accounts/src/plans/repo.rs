use sqlx::PgConnection;

use super::model::{Plan, PlanLimits, PlanUsage};
use kernel::Result;

struct PlanRow {
    code: String,
    name: String,
    price_cents: i64,
    currency: String,
    max_users: i32,
    max_channels: i32,
    max_storage_mb: i32,
    max_ai_triages_per_month: i32,
    max_active_flows: i32,
    max_automation_runs_per_month: i32,
    features: Vec<String>,
}

impl From<PlanRow> for Plan {
    fn from(r: PlanRow) -> Self {
        Plan {
            code: r.code,
            name: r.name,
            price_cents: r.price_cents,
            currency: r.currency,
            limits: PlanLimits {
                users: r.max_users,
                channels: r.max_channels,
                storage_mb: r.max_storage_mb,
                ai_triages_per_month: r.max_ai_triages_per_month,
                active_flows: r.max_active_flows,
                automation_runs_per_month: r.max_automation_runs_per_month,
            },
            features: r.features,
        }
    }
}

pub async fn list(conn: &mut PgConnection) -> Result<Vec<Plan>> {
    let rows = sqlx::query_as!(
        PlanRow,
        "select code, name, price_cents, currency, max_users, max_channels, max_storage_mb,
                max_ai_triages_per_month, max_active_flows, max_automation_runs_per_month, features from plans order by sort_order"
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Plan::from).collect())
}

pub async fn find(conn: &mut PgConnection, code: &str) -> Result<Option<Plan>> {
    let row = sqlx::query_as!(
        PlanRow,
        "select code, name, price_cents, currency, max_users, max_channels, max_storage_mb,
                max_ai_triages_per_month, max_active_flows, max_automation_runs_per_month, features from plans where code = $1",
        code
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Plan::from))
}

/// The plan of the company in the current tenant transaction.
pub async fn of_company(conn: &mut PgConnection, tenant_id: uuid::Uuid) -> Result<Plan> {
    let row = sqlx::query_as!(
        PlanRow,
        "select p.code, p.name, p.price_cents, p.currency, p.max_users, p.max_channels, p.max_storage_mb,
                p.max_ai_triages_per_month, p.max_active_flows, p.max_automation_runs_per_month, p.features
           from companies c join plans p on p.code = c.plan_code
          where c.tenant_id = $1",
        tenant_id
    )
    .fetch_one(conn)
    .await?;
    Ok(row.into())
}

pub async fn usage(conn: &mut PgConnection, tenant_id: uuid::Uuid) -> Result<PlanUsage> {
    let row = sqlx::query!(
        r#"select
             (select count(*) from users where tenant_id = $1 and active) as "users!",
             (select coalesce(sum(size_bytes), 0)::bigint from files where tenant_id = $1) as "storage_bytes!",
             (select count(*) from support_channels where tenant_id = $1 and enabled) as "channels!",
             (select count(*) from ai_calls
               where tenant_id = $1 and feature = 'triage' and outcome = 'ok'
                 and created_at >= date_trunc('month', now())) as "ai_triages!",
             (select count(*) from automation_flows where tenant_id = $1 and status = 'active') as "active_flows!",
             (select coalesce(sum(runs), 0)::bigint from automation_usage
               where tenant_id = $1 and month = date_trunc('month', now() at time zone 'UTC')::date)
               as "automation_runs!""#,
        tenant_id
    )
    .fetch_one(conn)
    .await?;
    const MIB: i64 = 1024 * 1024;
    Ok(PlanUsage {
        users: row.users,
        channels: row.channels,
        storage_mb: (row.storage_bytes + MIB - 1) / MIB,
        ai_triages_this_month: row.ai_triages,
        active_flows: row.active_flows,
        automation_runs_this_month: row.automation_runs,
    })
}

pub async fn set_company_plan(conn: &mut PgConnection, tenant_id: uuid::Uuid, code: &str) -> Result<()> {
    sqlx::query!("update companies set plan_code = $2 where tenant_id = $1", tenant_id, code)
        .execute(conn)
        .await?;
    Ok(())
}

/// The company with this CNPJ, for operators: reads across tenants, so it
/// finds something only on the operator's connection (`DATABASE_URL`, which
/// RLS does not bind), never on the runtime pool.
pub async fn company_by_cnpj(conn: &mut PgConnection, cnpj: &str) -> Result<Option<uuid::Uuid>> {
    Ok(sqlx::query_scalar!("select tenant_id from companies where cnpj = $1", cnpj)
        .fetch_optional(conn)
        .await?)
}

/// Every company, oldest first (operator commands on the owner's connection).
pub async fn all_companies(conn: &mut PgConnection) -> Result<Vec<uuid::Uuid>> {
    Ok(sqlx::query_scalar!("select tenant_id from companies order by created_at, tenant_id")
        .fetch_all(conn)
        .await?)
}
