use chrono::{DateTime, NaiveDate, Utc};
use kernel::Result;
use kernel::pagination::PageRequest;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Invoice, InvoiceFilter, InvoiceItem, InvoiceStatus};

pub fn label(number: i64) -> String {
    format!("FAT-{number:04}")
}

struct Row {
    id: Uuid,
    number: i64,
    customer_id: Uuid,
    customer_name: String,
    contract_id: Option<Uuid>,
    subscription_id: Option<Uuid>,
    period_start: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
    status: String,
    issue_date: NaiveDate,
    due_date: NaiveDate,
    description: String,
    subtotal_cents: i64,
    discount_cents: i64,
    total_cents: i64,
    late_fee_cents: i64,
    fees_accrued_on: Option<NaiveDate>,
    paid_cents: i64,
    refunded_cents: i64,
    charged_cents: Option<i64>,
    charged_on: Option<NaiveDate>,
    stripe_intent_id: Option<String>,
    stripe_checkout_url: Option<String>,
    asaas_payment_id: Option<String>,
    boleto_line: Option<String>,
    boleto_url: Option<String>,
    gateway_pix_payload: Option<String>,
    cancel_reason: Option<String>,
    cancelled_at: Option<DateTime<Utc>>,
    paid_at: Option<DateTime<Utc>>,
    version: i32,
    created_at: DateTime<Utc>,
}

struct ItemRow {
    invoice_id: Uuid,
    id: Uuid,
    description: String,
    quantity_milli: i64,
    unit_price_cents: i64,
    total_cents: i64,
}

async fn assemble(conn: &mut PgConnection, tenant_id: Uuid, rows: Vec<Row>) -> Result<Vec<Invoice>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let items = sqlx::query_as!(
        ItemRow,
        "select invoice_id, id, description, quantity_milli, unit_price_cents, total_cents
           from invoice_items where tenant_id = $1 and invoice_id = any($2) order by invoice_id, position",
        tenant_id,
        &ids
    )
    .fetch_all(conn)
    .await?;
    let mut by_invoice: std::collections::HashMap<Uuid, Vec<InvoiceItem>> = std::collections::HashMap::new();
    for i in items {
        by_invoice.entry(i.invoice_id).or_default().push(InvoiceItem {
            id: i.id,
            description: i.description,
            quantity: i.quantity_milli as f64 / 1000.0,
            unit_price_cents: i.unit_price_cents,
            total_cents: i.total_cents,
        });
    }
    rows.into_iter()
        .map(|r| {
            Ok(Invoice {
                id: r.id,
                number: r.number,
                label: label(r.number),
                customer_id: r.customer_id,
                customer_name: r.customer_name,
                contract_id: r.contract_id,
                subscription_id: r.subscription_id,
                period_start: r.period_start,
                period_end: r.period_end,
                status: InvoiceStatus::parse(&r.status)
                    .ok_or_else(|| kernel::Error::internal(format!("invoice status {:?}", r.status)))?,
                issue_date: r.issue_date,
                due_date: r.due_date,
                description: r.description,
                items: by_invoice.remove(&r.id).unwrap_or_default(),
                subtotal_cents: r.subtotal_cents,
                discount_cents: r.discount_cents,
                total_cents: r.total_cents,
                late_fee_cents: r.late_fee_cents,
                paid_cents: r.paid_cents,
                refunded_cents: r.refunded_cents,
                amount_due_cents: 0,
                fees_due_cents: 0,
                currency: "BRL".into(),
                boleto_line: r.boleto_line,
                boleto_url: r.boleto_url,
                card_url: r.stripe_checkout_url,
                cancel_reason: r.cancel_reason,
                cancelled_at: r.cancelled_at,
                paid_at: r.paid_at,
                version: r.version,
                created_at: r.created_at,
                fees_accrued_on: r.fees_accrued_on,
                charged_cents: r.charged_cents,
                charged_on: r.charged_on,
                stripe_intent_id: r.stripe_intent_id,
                asaas_payment_id: r.asaas_payment_id,
                gateway_pix_payload: r.gateway_pix_payload,
            })
        })
        .collect()
}

/// `lock` takes the row for update: money is about to move.
pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, lock: bool) -> Result<Option<Invoice>> {
    if lock {
        sqlx::query!("select id from invoices where tenant_id = $1 and id = $2 for update", tenant_id, id)
            .fetch_optional(&mut *conn)
            .await?;
    }
    let rows = sqlx::query_as!(
        Row,
        "select i.id, i.number, i.customer_id, c.name as customer_name, i.contract_id, i.subscription_id,
                i.period_start, i.period_end, i.status, i.issue_date, i.due_date, i.description,
                i.subtotal_cents, i.discount_cents, i.total_cents, i.late_fee_cents, i.fees_accrued_on,
                i.paid_cents, i.refunded_cents, i.charged_cents, i.charged_on, i.stripe_intent_id,
                i.stripe_checkout_url, i.asaas_payment_id, i.boleto_line, i.boleto_url, i.gateway_pix_payload,
                i.cancel_reason, i.cancelled_at, i.paid_at, i.version, i.created_at
           from invoices i join customers c on c.tenant_id = i.tenant_id and c.id = i.customer_id
          where i.tenant_id = $1 and i.id = $2",
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
    f: &InvoiceFilter,
    today: NaiveDate,
) -> Result<Vec<Invoice>> {
    let number: Option<i64> = page
        .q
        .as_deref()
        .map(|q| q.trim().to_uppercase().trim_start_matches("FAT-").trim_start_matches('#').to_string())
        .and_then(|q| q.parse().ok());
    // A number is looked up by the unique (tenant, number) index, not scanned for.
    if let Some(number) = number {
        let id = sqlx::query_scalar!(
            "select id from invoices where tenant_id = $1 and number = $2",
            tenant_id,
            number
        )
        .fetch_optional(&mut *conn)
        .await?;
        return Ok(match id {
            Some(id) if page.after.is_none() => find(conn, tenant_id, id, false).await?.into_iter().collect(),
            _ => vec![],
        });
    }
    let rows = sqlx::query_as!(
        Row,
        r#"select i.id, i.number, i.customer_id, c.name as customer_name, i.contract_id, i.subscription_id,
                i.period_start, i.period_end, i.status, i.issue_date, i.due_date, i.description,
                i.subtotal_cents, i.discount_cents, i.total_cents, i.late_fee_cents, i.fees_accrued_on,
                i.paid_cents, i.refunded_cents, i.charged_cents, i.charged_on, i.stripe_intent_id,
                i.stripe_checkout_url, i.asaas_payment_id, i.boleto_line, i.boleto_url, i.gateway_pix_payload,
                i.cancel_reason, i.cancelled_at, i.paid_at, i.version, i.created_at
           from invoices i join customers c on c.tenant_id = i.tenant_id and c.id = i.customer_id
          where i.tenant_id = $1
            and ($2::uuid is null or i.id < $2)
            and ($3::text is null or immutable_unaccent(c.name) ilike immutable_unaccent($3))
            and (case $4::text
                   when 'overdue' then i.status in ('open', 'partially_paid') and i.due_date < $5
                   when 'open' then i.status = 'open' and i.due_date >= $5
                   when 'partially_paid' then i.status = 'partially_paid' and i.due_date >= $5
                   else $4::text is null or i.status = $4 end)
            and ($6::uuid is null or i.customer_id = $6)
            and ($7::uuid is null or i.contract_id = $7)
            and ($8::uuid is null or i.subscription_id = $8)
            and ($9::date is null or i.due_date >= $9)
            and ($10::date is null or i.due_date <= $10)
          order by i.id desc
          limit $11"#,
        tenant_id,
        page.after,
        page.like_pattern(),
        f.status.map(|s| s.as_str()),
        today,
        f.customer_id,
        f.contract_id,
        f.subscription_id,
        f.due_from,
        f.due_to,
        page.fetch_limit()
    )
    .fetch_all(&mut *conn)
    .await?;
    assemble(conn, tenant_id, rows).await
}

pub struct NewInvoice<'a> {
    pub id: Uuid,
    pub number: i64,
    pub customer_id: Uuid,
    pub contract_id: Option<Uuid>,
    pub subscription_id: Option<Uuid>,
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub status: InvoiceStatus,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub description: &'a str,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub created_by: Option<Uuid>,
}

pub struct NewItem {
    pub description: String,
    pub quantity_milli: i64,
    pub unit_price_cents: i64,
    pub total_cents: i64,
}

/// Inserts an invoice with its items. Returns false (and writes nothing)
/// when the subscription period or the contract's once-only invoice exists.
pub async fn insert(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    inv: &NewInvoice<'_>,
    items: &[NewItem],
) -> Result<bool> {
    let inserted = sqlx::query!(
        "insert into invoices (tenant_id, id, number, customer_id, contract_id, subscription_id, period_start,
                               period_end, status, issue_date, due_date, description, subtotal_cents,
                               discount_cents, total_cents, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         on conflict do nothing",
        tenant_id,
        inv.id,
        inv.number,
        inv.customer_id,
        inv.contract_id,
        inv.subscription_id,
        inv.period.map(|p| p.0),
        inv.period.map(|p| p.1),
        inv.status.as_str(),
        inv.issue_date,
        inv.due_date,
        inv.description,
        inv.subtotal_cents,
        inv.discount_cents,
        inv.total_cents,
        inv.created_by
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !inserted {
        return Ok(false);
    }
    for (position, item) in items.iter().enumerate() {
        sqlx::query!(
            "insert into invoice_items (tenant_id, id, invoice_id, position, description, quantity_milli,
                                        unit_price_cents, total_cents)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
            tenant_id,
            kernel::ids::new_id(),
            inv.id,
            position as i32,
            item.description,
            item.quantity_milli,
            item.unit_price_cents,
            item.total_cents
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// Writes the money fields and status after a payment, refund or accrual.
pub async fn save_amounts(conn: &mut PgConnection, tenant_id: Uuid, inv: &Invoice) -> Result<()> {
    sqlx::query!(
        "update invoices set status = $3, late_fee_cents = $4, fees_accrued_on = $5, paid_cents = $6,
                refunded_cents = $7,
                paid_at = case when $3 = 'paid' then coalesce(paid_at, now()) else paid_at end,
                version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        inv.id,
        inv.status.as_str(),
        inv.late_fee_cents,
        inv.fees_accrued_on,
        inv.paid_cents,
        inv.refunded_cents
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: InvoiceStatus,
) -> Result<()> {
    sqlx::query!(
        "update invoices set status = $3, version = version + 1 where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        status.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn cancel(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, reason: &str) -> Result<()> {
    sqlx::query!(
        "update invoices set status = 'cancelled', cancel_reason = $3, cancelled_at = now(), version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct GatewayCharge<'a> {
    pub charged_cents: i64,
    pub charged_on: NaiveDate,
    pub stripe_intent_id: Option<&'a str>,
    pub stripe_checkout_url: Option<&'a str>,
    pub asaas_payment_id: Option<&'a str>,
    pub boleto_line: Option<&'a str>,
    pub boleto_url: Option<&'a str>,
    pub pix_payload: Option<&'a str>,
}

/// Records a charge created at a gateway (fields left None keep their value).
pub async fn set_gateway_charge(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    c: &GatewayCharge<'_>,
) -> Result<()> {
    sqlx::query!(
        "update invoices set charged_cents = $3, charged_on = $4,
                stripe_intent_id = coalesce($5, stripe_intent_id),
                stripe_checkout_url = coalesce($6, stripe_checkout_url),
                asaas_payment_id = coalesce($7, asaas_payment_id),
                boleto_line = coalesce($8, boleto_line), boleto_url = coalesce($9, boleto_url),
                gateway_pix_payload = coalesce($10, gateway_pix_payload)
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        c.charged_cents,
        c.charged_on,
        c.stripe_intent_id,
        c.stripe_checkout_url,
        c.asaas_payment_id,
        c.boleto_line,
        c.boleto_url,
        c.pix_payload
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The invoice a gateway charge belongs to.
pub async fn find_by_gateway_ref(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    gateway_ref: &str,
) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select id from invoices where tenant_id = $1 and (stripe_intent_id = $2 or asaas_payment_id = $2)",
        tenant_id,
        gateway_ref
    )
    .fetch_optional(conn)
    .await?)
}

/// Open invoices of a customer, oldest due first (for allocating a payment).
pub async fn receivable_of_customer(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    customer_id: Uuid,
) -> Result<Vec<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select id from invoices
          where tenant_id = $1 and customer_id = $2 and status in ('open', 'partially_paid', 'overdue')
          order by due_date, number",
        tenant_id,
        customer_id
    )
    .fetch_all(conn)
    .await?)
}

/// A page of the open invoices due on a day, in id order after `after`:
/// (invoice, customer). For scheduled automation over invoices.
pub async fn receivable_due_on(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    due_on: NaiveDate,
    after: Option<Uuid>,
    limit: i64,
) -> Result<Vec<(Uuid, Uuid)>> {
    let rows = sqlx::query!(
        "select id, customer_id from invoices
          where tenant_id = $1 and due_date = $2 and id > $3
            and status in ('open', 'partially_paid', 'overdue')
          order by id
          limit $4",
        tenant_id,
        due_on,
        after.unwrap_or_else(Uuid::nil),
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.customer_id)).collect())
}

/// Ties an invoice to the conversation it was sent into (the first one stays).
pub async fn link_ticket(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, ticket_id: Uuid) -> Result<()> {
    sqlx::query!(
        "update invoices set ticket_id = $3 where tenant_id = $1 and id = $2 and ticket_id is null",
        tenant_id,
        id,
        ticket_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The conversation an invoice was sent into.
pub async fn ticket_of(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!("select ticket_id from invoices where tenant_id = $1 and id = $2", tenant_id, id)
        .fetch_optional(conn)
        .await?
        .flatten())
}

/// The customer of a contract (read-only: contracts belong to `crm`).
pub async fn contract_customer(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    contract_id: Uuid,
) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select customer_id from contracts where tenant_id = $1 and id = $2",
        tenant_id,
        contract_id
    )
    .fetch_optional(conn)
    .await?)
}

/// The contract's once-only invoice was issued (and not cancelled).
pub async fn contract_invoiced(conn: &mut PgConnection, tenant_id: Uuid, contract_id: Uuid) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from invoices where tenant_id = $1 and contract_id = $2
                          and subscription_id is null and status <> 'cancelled') as "e!""#,
        tenant_id,
        contract_id
    )
    .fetch_one(conn)
    .await?)
}

/// The subscription's period starting on `period_start` was billed.
pub async fn period_billed(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    subscription_id: Uuid,
    period_start: NaiveDate,
) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from invoices where tenant_id = $1 and subscription_id = $2
                          and period_start = $3) as "e!""#,
        tenant_id,
        subscription_id,
        period_start
    )
    .fetch_one(conn)
    .await?)
}

/// Records a dunning step; false when it was sent before.
pub async fn record_notice(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    invoice_id: Uuid,
    offset_days: i32,
) -> Result<bool> {
    Ok(sqlx::query!(
        "insert into dunning_notices (tenant_id, invoice_id, offset_days) values ($1, $2, $3) on conflict do nothing",
        tenant_id,
        invoice_id,
        offset_days
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// A customer's receivable invoices (open or partly paid, overdue or not),
/// the earliest due first.
pub async fn receivable_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    customer_id: Uuid,
    limit: i64,
) -> Result<Vec<Invoice>> {
    let ids = sqlx::query_scalar!(
        "select id from invoices
          where tenant_id = $1 and customer_id = $2 and status in ('open', 'partially_paid')
          order by due_date, number limit $3",
        tenant_id,
        customer_id,
        limit
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(find(conn, tenant_id, id, false).await?);
    }
    Ok(out)
}

/// Finance's part of the global search: an invoice by its number ("42",
/// "FAT-0042"; "#42" is a ticket's) or its customer's name, accent- and case-insensitive.
pub async fn search(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &str,
    limit: i64,
) -> Result<Vec<kernel::search::SearchHit>> {
    let number = kernel::search::number(q, "FAT-");
    let rows = sqlx::query!(
        r#"select i.id, i.number, i.status, c.name as customer
             from invoices i
             join customers c on c.tenant_id = i.tenant_id and c.id = i.customer_id
            where i.tenant_id = $1
              and (i.number = $3 or immutable_unaccent(c.name) ilike immutable_unaccent($2))
            order by i.number desc
            limit $4"#,
        tenant_id,
        kernel::search::contains_pattern(q),
        number,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = InvoiceStatus::parse(&r.status).map(InvoiceStatus::label).unwrap_or_default();
            kernel::search::SearchHit {
                kind: kernel::search::SearchKind::Invoice,
                id: r.id,
                title: label(r.number),
                subtitle: Some(format!("{} · {status}", r.customer)),
                parent_id: None,
            }
        })
        .collect())
}
