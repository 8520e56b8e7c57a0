use chrono::{DateTime, NaiveDate, Utc};
use kernel::Result;
use kernel::pagination::PageRequest;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Contract, ContractFilter, ContractStatus};
use crate::customers::model::parse_enum;
use crate::lines::{self, LineRow};

struct Row {
    id: Uuid,
    number: i64,
    customer_id: Uuid,
    customer_name: String,
    proposal_id: Option<Uuid>,
    opportunity_id: Option<Uuid>,
    title: String,
    status: String,
    recurrence: String,
    start_date: NaiveDate,
    term_months: Option<i32>,
    billing_day: i32,
    one_time_cents: i64,
    recurring_cents: i64,
    signed_at: Option<DateTime<Utc>>,
    cancelled_at: Option<DateTime<Utc>>,
    cancel_reason: Option<String>,
    version: i32,
    created_at: DateTime<Utc>,
}

fn assemble(rows: Vec<Row>, items: Vec<LineRow>) -> Result<Vec<Contract>> {
    let mut items = lines::group(items)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let lines = items.remove(&r.id).unwrap_or_default();
        out.push(Contract {
            id: r.id,
            number: r.number,
            customer_id: r.customer_id,
            customer_name: r.customer_name,
            proposal_id: r.proposal_id,
            opportunity_id: r.opportunity_id,
            title: r.title,
            status: parse_enum(&r.status)?,
            recurrence: parse_enum(&r.recurrence)?,
            start_date: r.start_date,
            term_months: r.term_months,
            billing_day: r.billing_day,
            one_time_cents: r.one_time_cents,
            recurring_cents: r.recurring_cents,
            currency: "BRL".into(),
            items: lines,
            signed_at: r.signed_at,
            cancelled_at: r.cancelled_at,
            cancel_reason: r.cancel_reason,
            version: r.version,
            created_at: r.created_at,
        });
    }
    Ok(out)
}

async fn items_of(conn: &mut PgConnection, tenant_id: Uuid, ids: &[Uuid]) -> Result<Vec<LineRow>> {
    Ok(sqlx::query_as!(
        LineRow,
        "select contract_id as owner_id, id, product_id, description, unit, quantity_milli, unit_price_cents,
                discount_bp, billing, total_cents
           from contract_items where tenant_id = $1 and contract_id = any($2) order by contract_id, position",
        tenant_id,
        ids
    )
    .fetch_all(conn)
    .await?)
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Contract>> {
    let rows = sqlx::query_as!(
        Row,
        "select k.id, k.number, k.customer_id, c.name as customer_name, k.proposal_id, k.opportunity_id, k.title, k.status,
                k.recurrence, k.start_date, k.term_months, k.billing_day, k.one_time_cents, k.recurring_cents, k.signed_at,
                k.cancelled_at, k.cancel_reason, k.version, k.created_at
           from contracts k join customers c on c.tenant_id = k.tenant_id and c.id = k.customer_id
          where k.tenant_id = $1 and k.id = $2",
        tenant_id,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let items = items_of(conn, tenant_id, &[id]).await?;
    Ok(assemble(rows, items)?.pop())
}

pub async fn find_by_proposal(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    proposal_id: Uuid,
) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select id from contracts where tenant_id = $1 and proposal_id = $2",
        tenant_id,
        proposal_id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    page: &PageRequest,
    f: &ContractFilter,
) -> Result<Vec<Contract>> {
    let pattern = page.like_pattern();
    let rows = sqlx::query_as!(
        Row,
        "select k.id, k.number, k.customer_id, c.name as customer_name, k.proposal_id, k.opportunity_id, k.title, k.status,
                k.recurrence, k.start_date, k.term_months, k.billing_day, k.one_time_cents, k.recurring_cents, k.signed_at,
                k.cancelled_at, k.cancel_reason, k.version, k.created_at
           from contracts k join customers c on c.tenant_id = k.tenant_id and c.id = k.customer_id
          where k.tenant_id = $1
            and ($2::text is null or immutable_unaccent(k.title) ilike immutable_unaccent($2)
                 or immutable_unaccent(c.name) ilike immutable_unaccent($2)
                 or ('CT-' || lpad(k.number::text, 4, '0')) ilike $2)
            and ($3::text is null or k.status = $3)
            and ($4::uuid is null or k.customer_id = $4)
            and ($5::uuid is null or k.id < $5)
          order by k.id desc limit $6",
        tenant_id,
        pattern,
        f.status.map(|s| s.as_str()),
        f.customer_id,
        page.after,
        page.fetch_limit()
    )
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let items = items_of(conn, tenant_id, &ids).await?;
    assemble(rows, items)
}

/// Inserts or rewrites a contract and its items.
pub async fn save(conn: &mut PgConnection, tenant_id: Uuid, k: &Contract) -> Result<()> {
    sqlx::query!(
        "insert into contracts (tenant_id, id, number, customer_id, proposal_id, opportunity_id, title, status, recurrence,
                                start_date, term_months, billing_day, one_time_cents, recurring_cents, signed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         on conflict (tenant_id, id) do update set title = excluded.title, recurrence = excluded.recurrence,
             start_date = excluded.start_date, term_months = excluded.term_months, billing_day = excluded.billing_day,
             one_time_cents = excluded.one_time_cents, recurring_cents = excluded.recurring_cents,
             version = contracts.version + 1",
        tenant_id,
        k.id,
        k.number,
        k.customer_id,
        k.proposal_id,
        k.opportunity_id,
        k.title,
        k.status.as_str(),
        k.recurrence.as_str(),
        k.start_date,
        k.term_months,
        k.billing_day,
        k.one_time_cents,
        k.recurring_cents,
        k.signed_at
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("delete from contract_items where tenant_id = $1 and contract_id = $2", tenant_id, k.id)
        .execute(&mut *conn)
        .await?;
    for (i, item) in k.items.iter().enumerate() {
        sqlx::query!(
            "insert into contract_items (tenant_id, id, contract_id, position, product_id, description, unit, quantity_milli,
                                         unit_price_cents, discount_bp, billing, total_cents)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            tenant_id,
            item.id,
            k.id,
            i as i32,
            item.product_id,
            item.description,
            item.unit,
            item.quantity_milli,
            item.unit_price_cents,
            item.discount_bp,
            item.billing.as_str(),
            item.total_cents
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Moves to `to` only from one of `from`; false when the status was another.
pub async fn transition(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    from: &[ContractStatus],
    to: ContractStatus,
    reason: Option<&str>,
) -> Result<bool> {
    let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    let n = sqlx::query!(
        "update contracts set status = $4,
                signed_at = case when $4 = 'active' and signed_at is null then now() else signed_at end,
                cancelled_at = case when $4 = 'cancelled' then now() else cancelled_at end,
                cancel_reason = case when $4 = 'cancelled' then $5 else cancel_reason end,
                version = version + 1
          where tenant_id = $1 and id = $2 and status = any($3)",
        tenant_id,
        id,
        &from as &[&str],
        to.as_str(),
        reason
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}
