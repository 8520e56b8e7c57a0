//! Every SQL statement of flows and runs. Explicit `tenant_id` filters;
//! RLS is the backstop.

use chrono::{DateTime, Utc};
use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

/// A flow as stored; the service turns the JSON back into types.
pub struct FlowRow {
    pub id: Uuid,
    pub name: String,
    pub trigger_kind: String,
    pub conditions: serde_json::Value,
    pub actions: serde_json::Value,
    pub status: String,
    pub version: i32,
    pub secret: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct NewFlow<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub trigger_kind: &'a str,
    pub conditions: serde_json::Value,
    pub actions: serde_json::Value,
    pub secret: &'a [u8],
    pub created_by: Uuid,
}

pub async fn insert(conn: &mut PgConnection, tenant_id: Uuid, f: &NewFlow<'_>) -> Result<FlowRow> {
    Ok(sqlx::query_as!(
        FlowRow,
        "insert into automation_flows (tenant_id, id, name, trigger_kind, conditions, actions, secret, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         returning id, name, trigger_kind, conditions, actions, status, version, secret, created_at, updated_at",
        tenant_id,
        f.id,
        f.name,
        f.trigger_kind,
        f.conditions,
        f.actions,
        f.secret,
        f.created_by
    )
    .fetch_one(conn)
    .await?)
}

pub async fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "select id, name, trigger_kind, conditions, actions, status, version, secret, created_at, updated_at
         from automation_flows where tenant_id = $1 order by id",
        tenant_id
    )
    .fetch_all(conn)
    .await?)
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "select id, name, trigger_kind, conditions, actions, status, version, secret, created_at, updated_at
         from automation_flows where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// The company's active flows of one trigger (the partial index).
pub async fn active_for(conn: &mut PgConnection, tenant_id: Uuid, kind: &str) -> Result<Vec<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "select id, name, trigger_kind, conditions, actions, status, version, secret, created_at, updated_at
         from automation_flows where tenant_id = $1 and trigger_kind = $2 and status = 'active' order by id",
        tenant_id,
        kind
    )
    .fetch_all(conn)
    .await?)
}

/// Saves a new definition; the version moves only when it changed, so a
/// rename does not reset the once-per-version guard.
pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    name: &str,
    trigger_kind: &str,
    conditions: serde_json::Value,
    actions: serde_json::Value,
) -> Result<Option<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "update automation_flows set name = $3, trigger_kind = $4, conditions = $5, actions = $6,
                version = version + case when (trigger_kind, conditions, actions) is distinct from ($4, $5, $6)
                                         then 1 else 0 end,
                updated_at = now()
         where tenant_id = $1 and id = $2
         returning id, name, trigger_kind, conditions, actions, status, version, secret, created_at, updated_at",
        tenant_id,
        id,
        name,
        trigger_kind,
        conditions,
        actions
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn set_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: &str,
) -> Result<Option<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "update automation_flows set status = $3, updated_at = now() where tenant_id = $1 and id = $2
         returning id, name, trigger_kind, conditions, actions, status, version, secret, created_at, updated_at",
        tenant_id,
        id,
        status
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<u64> {
    Ok(sqlx::query!("delete from automation_flows where tenant_id = $1 and id = $2", tenant_id, id)
        .execute(conn)
        .await?
        .rows_affected())
}

pub struct RunRow {
    pub id: Uuid,
    pub flow_id: Uuid,
    pub flow_version: i32,
    pub event_id: Uuid,
    pub event_kind: String,
    pub record_id: Option<Uuid>,
    pub status: String,
    pub steps: serde_json::Value,
    pub error: Option<String>,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

pub struct NewRun<'a> {
    pub id: Uuid,
    pub flow_id: Uuid,
    pub flow_version: i32,
    pub event_id: Uuid,
    pub event_kind: &'a str,
    pub record_id: Option<Uuid>,
    pub status: &'a str,
    pub steps: serde_json::Value,
    pub error: Option<&'a str>,
    pub finished: bool,
}

/// Records a run unless this flow version already has one for the event:
/// `false` then, and the caller does nothing.
pub async fn claim_run(conn: &mut PgConnection, tenant_id: Uuid, r: &NewRun<'_>) -> Result<bool> {
    let inserted = sqlx::query!(
        "insert into automation_runs (tenant_id, id, flow_id, flow_version, event_id, event_kind, record_id,
                                      status, steps, error, finished_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, case when $11 then now() end)
         on conflict (tenant_id, flow_id, flow_version, event_id) do nothing
         returning id",
        tenant_id,
        r.id,
        r.flow_id,
        r.flow_version,
        r.event_id,
        r.event_kind,
        r.record_id,
        r.status,
        r.steps,
        r.error,
        r.finished
    )
    .fetch_optional(conn)
    .await?;
    Ok(inserted.is_some())
}

pub async fn finish_run(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: &str,
    steps: serde_json::Value,
    error: Option<&str>,
) -> Result<()> {
    sqlx::query!(
        "update automation_runs set status = $3, steps = $4, error = $5, finished_at = now()
         where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        status,
        steps,
        error
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Runs of a flow on a record since `since` that acted (not skipped): what
/// loop protection counts.
pub async fn acted_since(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    flow_id: Uuid,
    record_id: Uuid,
    since: DateTime<Utc>,
) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from automation_runs
           where tenant_id = $1 and flow_id = $2 and record_id = $3 and started_at > $4 and status <> 'skipped'"#,
        tenant_id,
        flow_id,
        record_id,
        since
    )
    .fetch_one(conn)
    .await?)
}

/// A flow's runs, newest first (UUIDv7 ids), after the cursor's id.
pub async fn runs(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    flow_id: Uuid,
    before: Option<Uuid>,
    limit: i64,
) -> Result<Vec<RunRow>> {
    Ok(sqlx::query_as!(
        RunRow,
        "select id, flow_id, flow_version, event_id, event_kind, record_id, status, steps, error, started_at, finished_at
         from automation_runs
         where tenant_id = $1 and flow_id = $2 and ($3::uuid is null or id < $3)
         order by id desc limit $4",
        tenant_id,
        flow_id,
        before,
        limit
    )
    .fetch_all(conn)
    .await?)
}

pub struct StoredEvent {
    pub event_id: Uuid,
    pub version: i16,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// The company's latest stored events of one kind, for a dry run. The
/// outbox has no RLS (the dispatcher reads every company's): the tenant
/// filter here is the only one, and it is the session's.
pub async fn latest_events(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    kind: &str,
    limit: i64,
) -> Result<Vec<StoredEvent>> {
    Ok(sqlx::query_as!(
        StoredEvent,
        "select event_id, version, payload, created_at from outbox_events
         where tenant_id = $1 and kind = $2 order by id desc limit $3",
        tenant_id,
        kind,
        limit
    )
    .fetch_all(conn)
    .await?)
}
