//! Every SQL statement of flows and runs. Explicit `tenant_id` filters;
//! RLS is the backstop.

use chrono::{DateTime, NaiveDate, Utc};
use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

/// A flow as stored; the service turns the JSON back into types.
pub struct FlowRow {
    pub id: Uuid,
    pub name: String,
    pub trigger_kind: String,
    pub schedule: Option<String>,
    pub conditions: serde_json::Value,
    pub actions: serde_json::Value,
    pub status: String,
    pub version: i32,
    pub draft: Option<serde_json::Value>,
    pub paused_reason: Option<String>,
    pub secret: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct NewFlow<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub trigger_kind: &'a str,
    pub schedule: Option<&'a str>,
    pub conditions: serde_json::Value,
    pub actions: serde_json::Value,
    pub secret: &'a [u8],
    pub created_by: Uuid,
}

pub async fn insert(conn: &mut PgConnection, tenant_id: Uuid, f: &NewFlow<'_>) -> Result<FlowRow> {
    Ok(sqlx::query_as!(
        FlowRow,
        "insert into automation_flows (tenant_id, id, name, trigger_kind, conditions, actions, secret, created_by, schedule)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         returning id, name, trigger_kind, schedule, conditions, actions, status, version, draft, paused_reason, secret, created_at, updated_at",
        tenant_id,
        f.id,
        f.name,
        f.trigger_kind,
        f.conditions,
        f.actions,
        f.secret,
        f.created_by,
        f.schedule
    )
    .fetch_one(conn)
    .await?)
}

pub async fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "select id, name, trigger_kind, schedule, conditions, actions, status, version, draft, paused_reason, secret, created_at, updated_at
         from automation_flows where tenant_id = $1 order by id",
        tenant_id
    )
    .fetch_all(conn)
    .await?)
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "select id, name, trigger_kind, schedule, conditions, actions, status, version, draft, paused_reason, secret, created_at, updated_at
         from automation_flows where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// The company's active flows (the partial index), for a batch of events.
pub async fn active_all(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "select id, name, trigger_kind, schedule, conditions, actions, status, version, draft, paused_reason, secret,
                created_at, updated_at
         from automation_flows where tenant_id = $1 and status = 'active' order by id",
        tenant_id
    )
    .fetch_all(conn)
    .await?)
}

/// Saves a definition: a never-published flow changes in place; a
/// published one keeps running its version and holds the edit as `draft`
/// until it is published. The name changes at once either way.
pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    name: &str,
    definition: serde_json::Value,
) -> Result<Option<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "update automation_flows set name = $3,
                trigger_kind = case when status = 'draft' then $4::jsonb->>'trigger_kind' else trigger_kind end,
                schedule = case when status = 'draft' then $4::jsonb->>'schedule' else schedule end,
                conditions = case when status = 'draft' then $4::jsonb->'conditions' else conditions end,
                actions = case when status = 'draft' then $4::jsonb->'actions' else actions end,
                draft = case when status = 'draft' then null else $4 end,
                updated_at = now()
         where tenant_id = $1 and id = $2
         returning id, name, trigger_kind, schedule, conditions, actions, status, version, draft, paused_reason, secret, created_at, updated_at",
        tenant_id,
        id,
        name,
        definition
    )
    .fetch_optional(conn)
    .await?)
}

/// Makes the pending draft (or, for a never-published flow — a draft, or
/// one paused or archived before its first publication — its
/// definition) the live version and activates the flow; the previous
/// version stays in `automation_flow_versions`. `None` if the flow is
/// gone; the row unchanged if there was nothing to publish.
pub async fn publish(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    by: Uuid,
) -> Result<Option<FlowRow>> {
    let row = sqlx::query_as!(
        FlowRow,
        "update automation_flows set
                trigger_kind = coalesce(draft->>'trigger_kind', trigger_kind),
                schedule = case when draft is not null then draft->>'schedule' else schedule end,
                conditions = coalesce(draft->'conditions', conditions),
                actions = coalesce(draft->'actions', actions),
                version = version + case when draft is not null then 1 else 0 end,
                draft = null, status = 'active', consecutive_failures = 0, paused_reason = null,
                updated_at = now()
         where tenant_id = $1 and id = $2
           and (draft is not null or status = 'draft'
                or not exists (select 1 from automation_flow_versions v where v.tenant_id = $1 and v.flow_id = $2))
         returning id, name, trigger_kind, schedule, conditions, actions, status, version, draft, paused_reason, secret, created_at, updated_at",
        tenant_id,
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return find(conn, tenant_id, id).await };
    sqlx::query!(
        "insert into automation_flow_versions (tenant_id, flow_id, version, definition, published_by)
         values ($1, $2, $3, jsonb_strip_nulls(jsonb_build_object('trigger_kind', $4::text, 'schedule', $8::text))
                              || jsonb_build_object('conditions', $5::jsonb, 'actions', $6::jsonb), $7)
         on conflict do nothing",
        tenant_id,
        id,
        row.version,
        row.trigger_kind,
        row.conditions,
        row.actions,
        by,
        row.schedule
    )
    .execute(conn)
    .await?;
    Ok(Some(row))
}

/// Whether the flow ever had a version published.
pub async fn was_published(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from automation_flow_versions where tenant_id = $1 and flow_id = $2) as "published!""#,
        tenant_id,
        id
    )
    .fetch_one(conn)
    .await?)
}

pub async fn discard_draft(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "update automation_flows set draft = null, updated_at = now() where tenant_id = $1 and id = $2
         returning id, name, trigger_kind, schedule, conditions, actions, status, version, draft, paused_reason, secret, created_at, updated_at",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub struct VersionRow {
    pub version: i32,
    pub definition: serde_json::Value,
    pub published_by: Option<Uuid>,
    pub published_at: DateTime<Utc>,
}

pub async fn versions(conn: &mut PgConnection, tenant_id: Uuid, flow_id: Uuid) -> Result<Vec<VersionRow>> {
    Ok(sqlx::query_as!(
        VersionRow,
        "select version, definition, published_by, published_at from automation_flow_versions
         where tenant_id = $1 and flow_id = $2 order by version desc",
        tenant_id,
        flow_id
    )
    .fetch_all(conn)
    .await?)
}

/// Counts a run's outcome: a success clears the count; the `limit`th
/// failure in a row pauses the flow with `reason`. Returns the flow when
/// this call paused it.
pub async fn count_outcome(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    failed: bool,
    limit: i32,
    reason: &str,
) -> Result<Option<FlowRow>> {
    if !failed {
        sqlx::query!(
            "update automation_flows set consecutive_failures = 0
             where tenant_id = $1 and id = $2 and consecutive_failures <> 0",
            tenant_id,
            id
        )
        .execute(conn)
        .await?;
        return Ok(None);
    }
    let counted = sqlx::query!(
        "update automation_flows set consecutive_failures = consecutive_failures + 1
         where tenant_id = $1 and id = $2 returning consecutive_failures, status",
        tenant_id,
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    match counted {
        Some(c) if c.consecutive_failures >= limit && c.status == "active" => Ok(sqlx::query_as!(
            FlowRow,
            "update automation_flows set status = 'paused', paused_reason = $3, updated_at = now()
             where tenant_id = $1 and id = $2
             returning id, name, trigger_kind, schedule, conditions, actions, status, version, draft, paused_reason,
                       secret, created_at, updated_at",
            tenant_id,
            id,
            reason
        )
        .fetch_optional(conn)
        .await?),
        _ => Ok(None),
    }
}

pub async fn set_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: &str,
) -> Result<Option<FlowRow>> {
    Ok(sqlx::query_as!(
        FlowRow,
        "update automation_flows set status = $3, paused_reason = null, consecutive_failures = 0, updated_at = now()
         where tenant_id = $1 and id = $2
         returning id, name, trigger_kind, schedule, conditions, actions, status, version, draft, paused_reason, secret, created_at, updated_at",
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
    pub depth: i16,
    pub resume_at: Option<DateTime<Utc>>,
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
    pub payload: &'a serde_json::Value,
    pub depth: i16,
}

/// A run whose conditions did not hold.
pub struct SkippedRun {
    pub id: Uuid,
    pub flow_id: Uuid,
    pub flow_version: i32,
    pub event_id: Uuid,
    pub event_kind: String,
    pub record_id: Option<Uuid>,
    pub steps: serde_json::Value,
    pub error: String,
    pub depth: i16,
}

/// Records many skipped runs in one statement (a redelivered event adds
/// none: the once-per-version key).
/// Deletes up to `limit` of the company's skipped runs finished before
/// `before`; returns how many went.
pub async fn purge_skipped(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    before: DateTime<Utc>,
    limit: i64,
) -> Result<u64> {
    let done = sqlx::query!(
        "delete from automation_runs
          where tenant_id = $1 and id in (
                select id from automation_runs
                 where tenant_id = $1 and status = 'skipped' and finished_at < $2
                 limit $3)",
        tenant_id,
        before,
        limit
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn record_skipped(conn: &mut PgConnection, tenant_id: Uuid, runs: &[SkippedRun]) -> Result<()> {
    let ids: Vec<Uuid> = runs.iter().map(|r| r.id).collect();
    let flows: Vec<Uuid> = runs.iter().map(|r| r.flow_id).collect();
    let versions: Vec<i32> = runs.iter().map(|r| r.flow_version).collect();
    let events: Vec<Uuid> = runs.iter().map(|r| r.event_id).collect();
    let kinds: Vec<String> = runs.iter().map(|r| r.event_kind.clone()).collect();
    let records: Vec<Option<Uuid>> = runs.iter().map(|r| r.record_id).collect();
    let steps: Vec<serde_json::Value> = runs.iter().map(|r| r.steps.clone()).collect();
    let errors: Vec<String> = runs.iter().map(|r| r.error.clone()).collect();
    let depths: Vec<i16> = runs.iter().map(|r| r.depth).collect();
    sqlx::query!(
        "insert into automation_runs (tenant_id, id, flow_id, flow_version, event_id, event_kind, record_id,
                                      status, steps, error, depth, finished_at)
         select $1, id, flow_id, flow_version, event_id, event_kind, record_id, 'skipped', steps, error, depth, now()
           from unnest($2::uuid[], $3::uuid[], $4::int[], $5::uuid[], $6::text[], $7::uuid[], $8::jsonb[],
                       $9::text[], $10::smallint[])
                as r(id, flow_id, flow_version, event_id, event_kind, record_id, steps, error, depth)
         on conflict (tenant_id, flow_id, flow_version, event_id) do nothing",
        tenant_id,
        &ids,
        &flows,
        &versions,
        &events,
        &kinds,
        &records as &[Option<Uuid>],
        &steps,
        &errors,
        &depths
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a run unless this flow version already has one for the event:
/// `false` then, and the caller does nothing.
pub async fn claim_run(conn: &mut PgConnection, tenant_id: Uuid, r: &NewRun<'_>) -> Result<bool> {
    let inserted = sqlx::query!(
        "insert into automation_runs (tenant_id, id, flow_id, flow_version, event_id, event_kind, record_id,
                                      status, steps, error, finished_at, payload, depth)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, case when $11 then now() end, $12, $13)
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
        r.finished,
        r.payload,
        r.depth
    )
    .fetch_optional(conn)
    .await?;
    Ok(inserted.is_some())
}

/// Counts one acting run in the company's month unless that would pass
/// `max`: `false` then (nothing counted). One statement, so concurrent
/// workers never count past the limit.
pub async fn count_run(conn: &mut PgConnection, tenant_id: Uuid, month: NaiveDate, max: i32) -> Result<bool> {
    let counted = sqlx::query_scalar!(
        "insert into automation_usage (tenant_id, month, runs)
         select $1, $2, 1 where $3 > 0
         on conflict (tenant_id, month) do update set runs = automation_usage.runs + 1
          where automation_usage.runs < $3
         returning runs",
        tenant_id,
        month,
        max
    )
    .fetch_optional(conn)
    .await?;
    Ok(counted.is_some())
}

/// The company's active flows.
pub async fn count_active(conn: &mut PgConnection, tenant_id: Uuid) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from automation_flows where tenant_id = $1 and status = 'active'"#,
        tenant_id
    )
    .fetch_one(conn)
    .await?)
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
    status: Option<&str>,
) -> Result<Vec<RunRow>> {
    Ok(sqlx::query_as!(
        RunRow,
        "select id, flow_id, flow_version, event_id, event_kind, record_id, status, steps, error, depth, resume_at, started_at, finished_at
         from automation_runs
         where tenant_id = $1 and flow_id = $2 and ($3::uuid is null or id < $3) and ($5::text is null or status = $5)
         order by id desc limit $4",
        tenant_id,
        flow_id,
        before,
        limit,
        status
    )
    .fetch_all(conn)
    .await?)
}

/// Every flow's runs on one record (a ticket's or customer's history), newest first.
pub async fn runs_of_record(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    record_id: Uuid,
    before: Option<Uuid>,
    limit: i64,
) -> Result<Vec<RunRow>> {
    Ok(sqlx::query_as!(
        RunRow,
        "select id, flow_id, flow_version, event_id, event_kind, record_id, status, steps, error, depth, resume_at, started_at, finished_at
         from automation_runs
         where tenant_id = $1 and record_id = $2 and ($3::uuid is null or id < $3)
         order by id desc limit $4",
        tenant_id,
        record_id,
        before,
        limit
    )
    .fetch_all(conn)
    .await?)
}

/// What a waiting (or retried) run needs to go on.
pub struct PendingRun {
    pub flow_id: Uuid,
    pub flow_version: i32,
    pub event_id: Uuid,
    pub event_kind: String,
    pub record_id: Option<Uuid>,
    pub steps: serde_json::Value,
    pub payload: Option<serde_json::Value>,
    pub depth: i16,
    pub next_step: i32,
}

/// Takes a waiting run whose time has come (`running` again): `None` if it
/// is not waiting (already resumed, cancelled, or the flow deleted).
pub async fn take_waiting(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<PendingRun>> {
    Ok(sqlx::query_as!(
        PendingRun,
        "update automation_runs set status = 'running', resume_at = null
         where tenant_id = $1 and id = $2 and status = 'waiting'
         returning flow_id, flow_version, event_id, event_kind, record_id, steps, payload, depth, next_step",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// Holds a run until `resume_at`, to go on at action `next_step`.
pub async fn hold_run(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    steps: serde_json::Value,
    next_step: i32,
    resume_at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query!(
        "update automation_runs set status = 'waiting', steps = $3, next_step = $4, resume_at = $5, error = null,
                finished_at = null
         where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        steps,
        next_step,
        resume_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A failed run, for a retry of its failed step.
pub async fn failed_run(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<RunRow>> {
    Ok(sqlx::query_as!(
        RunRow,
        "select id, flow_id, flow_version, event_id, event_kind, record_id, status, steps, error, depth, resume_at, started_at, finished_at from automation_runs where tenant_id = $1 and id = $2 and status = 'failed' for update",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn run(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<RunRow>> {
    Ok(sqlx::query_as!(RunRow, "select id, flow_id, flow_version, event_id, event_kind, record_id, status, steps, error, depth, resume_at, started_at, finished_at from automation_runs where tenant_id = $1 and id = $2", tenant_id, id)
        .fetch_optional(conn)
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
