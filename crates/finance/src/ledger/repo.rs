use chrono::{DateTime, NaiveDate, Utc};
use kernel::pagination::PageRequest;
use kernel::{Error, Result};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Payment, PaymentAllocation, PaymentFilter, PaymentMethod, PaymentStatus};
use crate::invoices::repo::label;

struct Row {
    id: Uuid,
    customer_id: Uuid,
    customer_name: String,
    method: String,
    amount_cents: i64,
    received_on: NaiveDate,
    reference: String,
    gateway: Option<String>,
    gateway_payment_id: Option<String>,
    status: String,
    review_reason: Option<String>,
    intended_invoice_id: Option<Uuid>,
    refunded_cents: i64,
    created_at: DateTime<Utc>,
}

struct AllocRow {
    payment_id: Uuid,
    invoice_id: Uuid,
    number: i64,
    amount_cents: i64,
}

async fn assemble(conn: &mut PgConnection, tenant_id: Uuid, rows: Vec<Row>) -> Result<Vec<Payment>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let allocs = sqlx::query_as!(
        AllocRow,
        "select a.payment_id, a.invoice_id, i.number, a.amount_cents
           from payment_allocations a join invoices i on i.tenant_id = a.tenant_id and i.id = a.invoice_id
          where a.tenant_id = $1 and a.payment_id = any($2) order by i.number",
        tenant_id,
        &ids
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            let allocations: Vec<PaymentAllocation> = allocs
                .iter()
                .filter(|a| a.payment_id == r.id)
                .map(|a| PaymentAllocation {
                    invoice_id: a.invoice_id,
                    invoice_label: label(a.number),
                    amount_cents: a.amount_cents,
                })
                .collect();
            let allocated: i64 = allocations.iter().map(|a| a.amount_cents).sum();
            let status = match r.status.as_str() {
                "confirmed" => PaymentStatus::Confirmed,
                "review" => PaymentStatus::Review,
                "rejected" => PaymentStatus::Rejected,
                other => return Err(Error::internal(format!("payment status {other:?}"))),
            };
            Ok(Payment {
                id: r.id,
                customer_id: r.customer_id,
                customer_name: r.customer_name,
                method: PaymentMethod::parse(&r.method)
                    .ok_or_else(|| Error::internal(format!("payment method {:?}", r.method)))?,
                amount_cents: r.amount_cents,
                currency: "BRL".into(),
                received_on: r.received_on,
                reference: r.reference,
                gateway: r.gateway,
                gateway_payment_id: r.gateway_payment_id,
                credited_cents: if status == PaymentStatus::Confirmed {
                    r.amount_cents - allocated
                } else {
                    0
                },
                status,
                review_reason: r.review_reason,
                intended_invoice_id: r.intended_invoice_id,
                allocations,
                refunded_cents: r.refunded_cents,
                created_at: r.created_at,
            })
        })
        .collect()
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, lock: bool) -> Result<Option<Payment>> {
    if lock {
        sqlx::query!("select id from payments where tenant_id = $1 and id = $2 for update", tenant_id, id)
            .fetch_optional(&mut *conn)
            .await?;
    }
    let rows = sqlx::query_as!(
        Row,
        "select p.id, p.customer_id, c.name as customer_name, p.method, p.amount_cents, p.received_on, p.reference,
                p.gateway, p.gateway_payment_id, p.status, p.review_reason, p.intended_invoice_id, p.refunded_cents,
                p.created_at
           from payments p join customers c on c.tenant_id = p.tenant_id and c.id = p.customer_id
          where p.tenant_id = $1 and p.id = $2",
        tenant_id,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(assemble(conn, tenant_id, rows).await?.pop())
}

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    page: &PageRequest,
    f: &PaymentFilter,
) -> Result<Vec<Payment>> {
    let rows = sqlx::query_as!(
        Row,
        "select p.id, p.customer_id, c.name as customer_name, p.method, p.amount_cents, p.received_on, p.reference,
                p.gateway, p.gateway_payment_id, p.status, p.review_reason, p.intended_invoice_id, p.refunded_cents,
                p.created_at
           from payments p join customers c on c.tenant_id = p.tenant_id and c.id = p.customer_id
          where p.tenant_id = $1
            and ($2::uuid is null or p.id < $2)
            and ($3::text is null or immutable_unaccent(c.name) ilike immutable_unaccent($3) or p.reference ilike $3)
            and ($4::uuid is null or p.customer_id = $4)
            and ($5::uuid is null or p.intended_invoice_id = $5 or exists (
                  select 1 from payment_allocations a
                   where a.tenant_id = p.tenant_id and a.payment_id = p.id and a.invoice_id = $5))
            and ($6::text is null or p.status = $6)
          order by p.id desc
          limit $7",
        tenant_id,
        page.after,
        page.like_pattern(),
        f.customer_id,
        f.invoice_id,
        f.status.map(|s| s.as_str()),
        page.fetch_limit()
    )
    .fetch_all(&mut *conn)
    .await?;
    assemble(conn, tenant_id, rows).await
}

pub struct NewPayment<'a> {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub method: PaymentMethod,
    pub amount_cents: i64,
    pub received_on: NaiveDate,
    pub reference: &'a str,
    pub gateway: Option<&'a str>,
    pub gateway_payment_id: Option<&'a str>,
    pub status: PaymentStatus,
    pub review_reason: Option<&'a str>,
    pub intended_invoice_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
}

/// False when the gateway already reported this payment (nothing written).
pub async fn insert(conn: &mut PgConnection, tenant_id: Uuid, p: &NewPayment<'_>) -> Result<bool> {
    let status = p.status.as_str();
    Ok(sqlx::query!(
        "insert into payments (tenant_id, id, customer_id, method, amount_cents, received_on, reference, gateway,
                               gateway_payment_id, status, review_reason, intended_invoice_id, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         on conflict (tenant_id, gateway, gateway_payment_id) do nothing",
        tenant_id,
        p.id,
        p.customer_id,
        p.method.as_str(),
        p.amount_cents,
        p.received_on,
        p.reference,
        p.gateway,
        p.gateway_payment_id,
        status,
        p.review_reason,
        p.intended_invoice_id,
        p.created_by
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn set_status(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, status: &str) -> Result<()> {
    sqlx::query!("update payments set status = $3 where tenant_id = $1 and id = $2", tenant_id, id, status)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn allocate(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    payment_id: Uuid,
    invoice_id: Uuid,
    cents: i64,
) -> Result<()> {
    sqlx::query!(
        "insert into payment_allocations (tenant_id, payment_id, invoice_id, amount_cents) values ($1, $2, $3, $4)
         on conflict (tenant_id, payment_id, invoice_id)
         do update set amount_cents = payment_allocations.amount_cents + excluded.amount_cents",
        tenant_id,
        payment_id,
        invoice_id,
        cents
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn add_refunded(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    payment_id: Uuid,
    cents: i64,
) -> Result<()> {
    sqlx::query!(
        "update payments set refunded_cents = refunded_cents + $3 where tenant_id = $1 and id = $2",
        tenant_id,
        payment_id,
        cents
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct NewRefund<'a> {
    pub payment_id: Uuid,
    pub invoice_id: Option<Uuid>,
    pub amount_cents: i64,
    pub reason: &'a str,
    pub gateway_ref: Option<String>,
    pub created_by: Option<Uuid>,
}

/// False when this gateway refund was already recorded.
pub async fn insert_refund(conn: &mut PgConnection, tenant_id: Uuid, r: &NewRefund<'_>) -> Result<bool> {
    Ok(sqlx::query!(
        "insert into refunds (tenant_id, id, payment_id, invoice_id, amount_cents, reason, gateway_ref, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (tenant_id, gateway_ref) do nothing",
        tenant_id,
        kernel::ids::new_id(),
        r.payment_id,
        r.invoice_id,
        r.amount_cents,
        r.reason,
        r.gateway_ref,
        r.created_by
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn credit_entry(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    customer_id: Uuid,
    cents: i64,
    payment_id: Option<Uuid>,
    invoice_id: Option<Uuid>,
    note: &str,
) -> Result<()> {
    sqlx::query!(
        "insert into customer_credits (tenant_id, id, customer_id, amount_cents, payment_id, invoice_id, note)
         values ($1, $2, $3, $4, $5, $6, $7)",
        tenant_id,
        kernel::ids::new_id(),
        customer_id,
        cents,
        payment_id,
        invoice_id,
        note
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The customer's credit; locks the customer's ledger for this transaction.
pub async fn credit_balance(conn: &mut PgConnection, tenant_id: Uuid, customer_id: Uuid) -> Result<i64> {
    let lock = format!("credit:{tenant_id}:{customer_id}");
    sqlx::query!("select pg_advisory_xact_lock(hashtextextended($1, 0))", lock).fetch_one(&mut *conn).await?;
    Ok(sqlx::query_scalar!(
        r#"select coalesce(sum(amount_cents), 0)::bigint as "sum!" from customer_credits
            where tenant_id = $1 and customer_id = $2"#,
        tenant_id,
        customer_id
    )
    .fetch_one(conn)
    .await?)
}

/// What of a payment's credit is still unused (credit it created, minus credit taken back by its refunds).
pub async fn credit_of_payment(conn: &mut PgConnection, tenant_id: Uuid, payment_id: Uuid) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"select coalesce(sum(amount_cents), 0)::bigint as "sum!" from customer_credits
            where tenant_id = $1 and payment_id = $2"#,
        tenant_id,
        payment_id
    )
    .fetch_one(conn)
    .await?)
}

/// A gateway payment already recorded, by its id at the gateway.
pub async fn find_by_gateway(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    gateway: &str,
    gateway_payment_id: &str,
) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select id from payments where tenant_id = $1 and gateway = $2 and gateway_payment_id = $3",
        tenant_id,
        gateway,
        gateway_payment_id
    )
    .fetch_optional(conn)
    .await?)
}

/// What was already refunded of a payment, per invoice (None = from credit).
pub async fn refunded_by_invoice(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    payment_id: Uuid,
) -> Result<Vec<(Option<Uuid>, i64)>> {
    Ok(sqlx::query!(
        r#"select invoice_id, coalesce(sum(amount_cents), 0)::bigint as "sum!" from refunds
            where tenant_id = $1 and payment_id = $2 group by invoice_id"#,
        tenant_id,
        payment_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| (r.invoice_id, r.sum))
    .collect())
}
