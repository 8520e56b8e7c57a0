//! The dashboard's SQL: the records it counts (read-only, from support,
//! CRM and finance tables), its own facts and rollups, and the
//! current-state widgets read over the partial indexes of open work.

use chrono::NaiveDate;
use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::facts::{Contribution, InvoiceRow, OpportunityRow, PaymentRow, ProposalRow, TicketRow};
use super::metric::Metric;

/// Which records to read: some by id, or a page of all after an id (rebuild).
#[derive(Debug, Clone, Copy)]
pub enum Select<'a> {
    Ids(&'a [Uuid]),
    After(Uuid, i64),
}

impl Select<'_> {
    fn binds(&self) -> (Option<Vec<Uuid>>, Uuid, i64) {
        match self {
            Select::Ids(ids) => (Some(ids.to_vec()), Uuid::nil(), i64::MAX),
            Select::After(after, limit) => (None, *after, *limit),
        }
    }
}

pub struct CompanyClock {
    pub timezone: String,
    pub business_hours: serde_json::Value,
}

pub async fn company_clock(conn: &mut PgConnection, tenant_id: Uuid) -> Result<CompanyClock> {
    Ok(sqlx::query_as!(
        CompanyClock,
        "select timezone, business_hours from companies where tenant_id = $1",
        tenant_id
    )
    .fetch_one(conn)
    .await?)
}

pub struct TeamHours {
    pub id: Uuid,
    pub business_hours: serde_json::Value,
}

pub async fn team_hours(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<TeamHours>> {
    Ok(sqlx::query_as!(
        TeamHours,
        "select id, business_hours from teams where tenant_id = $1 and business_hours <> '[]'::jsonb",
        tenant_id
    )
    .fetch_all(conn)
    .await?)
}

pub async fn tickets(conn: &mut PgConnection, tenant_id: Uuid, select: Select<'_>) -> Result<Vec<TicketRow>> {
    let (ids, after, limit) = select.binds();
    Ok(sqlx::query_as!(
        TicketRow,
        r#"select t.id, t.status, c.kind as channel, t.category, t.sentiment, t.team_id, t.assignee_id,
                  t.merged_into is not null as "merged!",
                  (t.first_response_due is not null or t.resolution_due is not null) as "has_sla!",
                  t.sla_breached_at is not null as "sla_breached!",
                  t.csat_score, t.created_at, t.first_response_at, t.resolved_at, t.csat_requested_at as csat_at
             from tickets t join support_channels c on c.tenant_id = t.tenant_id and c.id = t.channel_id
            where t.tenant_id = $1 and ($2::uuid[] is null or t.id = any($2)) and t.id > $3
            order by t.id limit $4"#,
        tenant_id,
        ids.as_deref(),
        after,
        limit
    )
    .fetch_all(conn)
    .await?)
}

pub async fn opportunities(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    select: Select<'_>,
) -> Result<Vec<OpportunityRow>> {
    let (ids, after, limit) = select.binds();
    Ok(sqlx::query_as!(
        OpportunityRow,
        r#"select o.id, o.owner_id, o.value_cents, o.ticket_id is not null as "from_chat!",
                  s.kind as stage_kind, o.created_at, o.stage_entered_at
             from opportunities o join pipeline_stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id
            where o.tenant_id = $1 and ($2::uuid[] is null or o.id = any($2)) and o.id > $3
            order by o.id limit $4"#,
        tenant_id,
        ids.as_deref(),
        after,
        limit
    )
    .fetch_all(conn)
    .await?)
}

pub async fn proposals(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    select: Select<'_>,
) -> Result<Vec<ProposalRow>> {
    let (ids, after, limit) = select.binds();
    Ok(sqlx::query_as!(
        ProposalRow,
        r#"select id, created_by, status, sent_at, viewed_at, decided_at from proposals
            where tenant_id = $1 and ($2::uuid[] is null or id = any($2)) and id > $3
            order by id limit $4"#,
        tenant_id,
        ids.as_deref(),
        after,
        limit
    )
    .fetch_all(conn)
    .await?)
}

pub async fn invoices(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    select: Select<'_>,
) -> Result<Vec<InvoiceRow>> {
    let (ids, after, limit) = select.binds();
    Ok(sqlx::query_as!(
        InvoiceRow,
        r#"select id, status, issue_date, total_cents from invoices
            where tenant_id = $1 and ($2::uuid[] is null or id = any($2)) and id > $3
            order by id limit $4"#,
        tenant_id,
        ids.as_deref(),
        after,
        limit
    )
    .fetch_all(conn)
    .await?)
}

pub async fn payments(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    select: Select<'_>,
) -> Result<Vec<PaymentRow>> {
    let (ids, after, limit) = select.binds();
    Ok(sqlx::query_as!(
        PaymentRow,
        r#"select id, status, method, received_on, amount_cents, refunded_cents from payments
            where tenant_id = $1 and ($2::uuid[] is null or id = any($2)) and id > $3
            order by id limit $4"#,
        tenant_id,
        ids.as_deref(),
        after,
        limit
    )
    .fetch_all(conn)
    .await?)
}

/// Serialises the company's rollup writers (the consumer's batches and a
/// rebuild) for the rest of the transaction.
pub async fn lock_company(conn: &mut PgConnection, tenant_id: Uuid) -> Result<()> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('analytics:' || $1::uuid::text, 0))",
        tenant_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The stored facts of some records (records never counted have none).
pub async fn facts(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    source: &str,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, serde_json::Value)>> {
    Ok(sqlx::query!(
        "select record_id, contributions from analytics_facts
          where tenant_id = $1 and source = $2 and record_id = any($3)",
        tenant_id,
        source,
        ids
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| (r.record_id, r.contributions))
    .collect())
}

/// Stores the records' facts (replacing what they had); a record that no
/// longer exists keeps an empty list.
pub async fn save_facts(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    source: &str,
    ids: &[Uuid],
    contributions: &[serde_json::Value],
) -> Result<()> {
    sqlx::query!(
        "insert into analytics_facts (tenant_id, source, record_id, contributions)
         select $1, $2, * from unnest($3::uuid[], $4::jsonb[])
         on conflict (tenant_id, source, record_id) do update set contributions = excluded.contributions",
        tenant_id,
        source,
        ids,
        contributions
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds the differences to the rollups, in one statement.
pub async fn apply(conn: &mut PgConnection, tenant_id: Uuid, delta: &[Contribution]) -> Result<()> {
    if delta.is_empty() {
        return Ok(());
    }
    let metrics: Vec<&str> = delta.iter().map(|c| c.metric.as_str()).collect();
    let days: Vec<NaiveDate> = delta.iter().map(|c| c.day).collect();
    let subjects: Vec<Uuid> = delta.iter().map(|c| c.subject).collect();
    let dims: Vec<&str> = delta.iter().map(|c| c.dim.as_str()).collect();
    let ns: Vec<i64> = delta.iter().map(|c| c.n).collect();
    let totals: Vec<i64> = delta.iter().map(|c| c.total).collect();
    sqlx::query!(
        "insert into analytics_daily (tenant_id, metric, day, subject, dim, n, total)
         select $1, * from unnest($2::text[], $3::date[], $4::uuid[], $5::text[], $6::int8[], $7::int8[])
         on conflict (tenant_id, metric, subject, day, dim)
         do update set n = analytics_daily.n + excluded.n, total = analytics_daily.total + excluded.total",
        tenant_id,
        &metrics as &[&str],
        &days,
        &subjects,
        &dims as &[&str],
        &ns,
        &totals
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets every fact and rollup of the company (a rebuild starts here).
pub async fn clear(conn: &mut PgConnection, tenant_id: Uuid) -> Result<()> {
    sqlx::query!("delete from analytics_facts where tenant_id = $1", tenant_id).execute(&mut *conn).await?;
    sqlx::query!("delete from analytics_daily where tenant_id = $1", tenant_id).execute(conn).await?;
    Ok(())
}

/// One rollup row, summed over the subjects asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rolled {
    pub metric: String,
    pub day: NaiveDate,
    pub dim: String,
    pub n: i64,
    pub total: i64,
}

/// The rollups of `metrics` between two local days, for the whole company
/// (`subject` = nil) or one person.
pub async fn rolled(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    subject: Uuid,
    metrics: &[Metric],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Rolled>> {
    let names: Vec<&str> = metrics.iter().map(|m| m.as_str()).collect();
    Ok(sqlx::query_as!(
        Rolled,
        r#"select metric, day, dim, n, total from analytics_daily
            where tenant_id = $1 and subject = $2 and metric = any($3) and day between $4 and $5
              and (n <> 0 or total <> 0)"#,
        tenant_id,
        subject,
        &names as &[&str],
        from,
        to
    )
    .fetch_all(conn)
    .await?)
}

/// Every rollup row of the company, in a fixed order (the rebuild test compares two of these).
pub async fn all_rolled(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<(Rolled, Uuid)>> {
    Ok(sqlx::query!(
        r#"select metric, day, subject, dim, n, total from analytics_daily
            where tenant_id = $1 and (n <> 0 or total <> 0) order by metric, subject, day, dim"#,
        tenant_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| (Rolled { metric: r.metric, day: r.day, dim: r.dim, n: r.n, total: r.total }, r.subject))
    .collect())
}

/// Per person, the rollups of `metrics` in a period (the leaderboard).
pub struct PersonRolled {
    pub subject: Uuid,
    pub name: String,
    pub metric: String,
    pub dim: String,
    pub n: i64,
    pub total: i64,
}

pub async fn by_person(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    metrics: &[Metric],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PersonRolled>> {
    let names: Vec<&str> = metrics.iter().map(|m| m.as_str()).collect();
    Ok(sqlx::query_as!(
        PersonRolled,
        r#"select d.subject, u.name, d.metric, d.dim, sum(d.n)::bigint as "n!", sum(d.total)::bigint as "total!"
             from analytics_daily d join users u on u.tenant_id = d.tenant_id and u.id = d.subject
            where d.tenant_id = $1 and d.subject <> '00000000-0000-0000-0000-000000000000'
              and d.metric = any($2) and d.day between $3 and $4
            group by d.subject, u.name, d.metric, d.dim
           having sum(d.n) <> 0 or sum(d.total) <> 0"#,
        tenant_id,
        &names as &[&str],
        from,
        to
    )
    .fetch_all(conn)
    .await?)
}

pub struct Backlog {
    pub team_id: Option<Uuid>,
    pub team: Option<String>,
    pub open: i64,
}

/// Open tickets now, by team (an index-only scan of the open set), all or one agent's.
pub async fn backlog(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    assignee: Option<Uuid>,
) -> Result<Vec<Backlog>> {
    Ok(sqlx::query_as!(
        Backlog,
        r#"select t.team_id, tm.name as "team?", count(*) as "open!"
             from tickets t left join teams tm on tm.tenant_id = t.tenant_id and tm.id = t.team_id
            where t.tenant_id = $1 and t.status in ('open', 'pending', 'waiting_customer')
              and ($2::uuid is null or t.assignee_id = $2)
            group by t.team_id, tm.name
            order by count(*) desc, tm.name nulls last"#,
        tenant_id,
        assignee
    )
    .fetch_all(conn)
    .await?)
}

pub struct StageValue {
    pub pipeline_id: Uuid,
    pub pipeline: String,
    pub stage_id: Uuid,
    pub stage: String,
    pub probability: i32,
    pub count: i64,
    pub value_cents: i64,
}

/// The open deals now, by stage of every pipeline (all or one owner's).
pub async fn pipeline(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    owner: Option<Uuid>,
) -> Result<Vec<StageValue>> {
    Ok(sqlx::query_as!(
        StageValue,
        r#"select p.id as pipeline_id, p.name as pipeline, s.id as stage_id, s.name as stage, s.probability,
                  count(o.id) as "count!", coalesce(sum(o.value_cents), 0)::bigint as "value_cents!"
             from pipeline_stages s
             join pipelines p on p.tenant_id = s.tenant_id and p.id = s.pipeline_id
             left join opportunities o on o.tenant_id = s.tenant_id and o.stage_id = s.id
                                      and ($2::uuid is null or o.owner_id = $2)
            where s.tenant_id = $1 and s.kind = 'open'
            group by p.id, p.name, s.id, s.name, s.probability, s.position
            order by p.name, p.id, s.position"#,
        tenant_id,
        owner
    )
    .fetch_all(conn)
    .await?)
}

/// What should come in within 30 days from `today`: the open principal of
/// invoices due by then, and the active subscriptions whose next period
/// starts by then (not invoiced yet).
pub async fn forecast_30_days(conn: &mut PgConnection, tenant_id: Uuid, today: NaiveDate) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"select (
             coalesce((select sum(greatest(total_cents - greatest(paid_cents - late_fee_cents, 0), 0))
                         from invoices
                        where tenant_id = $1 and status in ('open', 'partially_paid', 'overdue')
                          and due_date between $2 and $2 + 30), 0)
           + coalesce((select sum(amount_cents) from subscriptions
                        where tenant_id = $1 and status = 'active' and next_period_start between $2 and $2 + 30), 0)
           )::bigint as "cents!""#,
        tenant_id,
        today
    )
    .fetch_one(conn)
    .await?)
}
