use chrono::{DateTime, NaiveDate, Utc};
use kernel::pagination::PageRequest;
use kernel::{Error, Result};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Subscription, SubscriptionFilter, SubscriptionStatus};

struct Row {
    id: Uuid,
    contract_id: Option<Uuid>,
    customer_id: Uuid,
    customer_name: String,
    description: String,
    amount_cents: i64,
    interval_months: i32,
    anchor_day: i32,
    next_period_start: NaiveDate,
    ends_on: Option<NaiveDate>,
    status: String,
    pending_adjustment_cents: i64,
    paused_at: Option<DateTime<Utc>>,
    cancelled_at: Option<DateTime<Utc>>,
    cancel_reason: Option<String>,
    version: i32,
    created_at: DateTime<Utc>,
}

fn to_model(r: Row) -> Result<Subscription> {
    Ok(Subscription {
        id: r.id,
        contract_id: r.contract_id,
        customer_id: r.customer_id,
        customer_name: r.customer_name,
        description: r.description,
        amount_cents: r.amount_cents,
        currency: "BRL".into(),
        interval_months: r.interval_months,
        anchor_day: r.anchor_day,
        next_billing_date: r.next_period_start,
        ends_on: r.ends_on,
        status: SubscriptionStatus::parse(&r.status)
            .ok_or_else(|| Error::internal(format!("subscription status {:?}", r.status)))?,
        pending_adjustment_cents: r.pending_adjustment_cents,
        mrr_cents: kernel::money::div_round(r.amount_cents as i128, r.interval_months.max(1) as i128) as i64,
        paused_at: r.paused_at,
        cancelled_at: r.cancelled_at,
        cancel_reason: r.cancel_reason,
        version: r.version,
        created_at: r.created_at,
    })
}

pub async fn find(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    lock: bool,
) -> Result<Option<Subscription>> {
    if lock {
        sqlx::query!(
            "select id from subscriptions where tenant_id = $1 and id = $2 for update",
            tenant_id,
            id
        )
        .fetch_optional(&mut *conn)
        .await?;
    }
    sqlx::query_as!(
        Row,
        "select s.id, s.contract_id, s.customer_id, c.name as customer_name, s.description, s.amount_cents,
                s.interval_months, s.anchor_day, s.next_period_start, s.ends_on, s.status,
                s.pending_adjustment_cents, s.paused_at, s.cancelled_at, s.cancel_reason, s.version, s.created_at
           from subscriptions s join customers c on c.tenant_id = s.tenant_id and c.id = s.customer_id
          where s.tenant_id = $1 and s.id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?
    .map(to_model)
    .transpose()
}

pub async fn find_by_contract(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    contract_id: Uuid,
) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select id from subscriptions where tenant_id = $1 and contract_id = $2",
        tenant_id,
        contract_id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    page: &PageRequest,
    f: &SubscriptionFilter,
) -> Result<Vec<Subscription>> {
    sqlx::query_as!(
        Row,
        "select s.id, s.contract_id, s.customer_id, c.name as customer_name, s.description, s.amount_cents,
                s.interval_months, s.anchor_day, s.next_period_start, s.ends_on, s.status,
                s.pending_adjustment_cents, s.paused_at, s.cancelled_at, s.cancel_reason, s.version, s.created_at
           from subscriptions s join customers c on c.tenant_id = s.tenant_id and c.id = s.customer_id
          where s.tenant_id = $1
            and ($2::uuid is null or s.id < $2)
            and ($3::text is null or immutable_unaccent(c.name) ilike immutable_unaccent($3)
                 or immutable_unaccent(s.description) ilike immutable_unaccent($3))
            and ($4::text is null or s.status = $4)
            and ($5::uuid is null or s.customer_id = $5)
          order by s.id desc
          limit $6",
        tenant_id,
        page.after,
        page.like_pattern(),
        f.status.map(|s| s.as_str()),
        f.customer_id,
        page.fetch_limit()
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(to_model)
    .collect()
}

pub struct NewSubscription<'a> {
    pub id: Uuid,
    pub contract_id: Option<Uuid>,
    pub customer_id: Uuid,
    pub description: &'a str,
    pub amount_cents: i64,
    pub interval_months: i32,
    pub anchor_day: i32,
    pub first_period_start: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

/// False when the contract already has its subscription.
pub async fn insert(conn: &mut PgConnection, tenant_id: Uuid, s: &NewSubscription<'_>) -> Result<bool> {
    Ok(sqlx::query!(
        "insert into subscriptions (tenant_id, id, contract_id, customer_id, description, amount_cents,
                                    interval_months, anchor_day, first_period_start, next_period_start, ends_on)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
         on conflict (tenant_id, contract_id) do nothing",
        tenant_id,
        s.id,
        s.contract_id,
        s.customer_id,
        s.description,
        s.amount_cents,
        s.interval_months,
        s.anchor_day,
        s.first_period_start,
        s.ends_on
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Moves the billing cursor after the job billed up to `next`.
pub async fn advance(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    next: NaiveDate,
    pending_adjustment_cents: i64,
    ended: bool,
) -> Result<()> {
    sqlx::query!(
        "update subscriptions set next_period_start = $3, pending_adjustment_cents = $4,
                status = case when $5 then 'ended' else status end, version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        next,
        pending_adjustment_cents,
        ended
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: SubscriptionStatus,
    reason: Option<&str>,
) -> Result<()> {
    sqlx::query!(
        "update subscriptions set status = $3,
                paused_at = case when $3 = 'paused' then now() else null end,
                cancelled_at = case when $3 = 'cancelled' then now() else cancelled_at end,
                cancel_reason = coalesce($4, cancel_reason), version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        status.as_str(),
        reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn change_plan(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    amount_cents: i64,
    description: &str,
    adjustment_cents: i64,
) -> Result<()> {
    sqlx::query!(
        "update subscriptions set amount_cents = $3, description = $4,
                pending_adjustment_cents = pending_adjustment_cents + $5, version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        amount_cents,
        description,
        adjustment_cents
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_next(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, next: NaiveDate) -> Result<()> {
    sqlx::query!(
        "update subscriptions set next_period_start = $3 where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        next
    )
    .execute(conn)
    .await?;
    Ok(())
}
