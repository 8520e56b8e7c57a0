use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

pub struct SignalRow {
    pub customer_id: Uuid,
    pub customer_name: String,
    pub open_tickets: i64,
    pub sla_breaches: i64,
    pub negative: i64,
    pub very_negative: i64,
    pub worst_csat: Option<i32>,
    pub overdue_invoices: i64,
    pub overdue_cents: i64,
    pub paused_subscriptions: i64,
}

/// The signals of every customer that has one (`customer` = none), or of
/// one customer (a row even when it has none). Merged customers are left
/// out; an invoice is overdue from the day after its due date in the
/// company's time zone.
pub async fn signals(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    customer: Option<Uuid>,
) -> Result<Vec<SignalRow>> {
    Ok(sqlx::query_as!(
        SignalRow,
        r#"with today as (
               select (now() at time zone timezone)::date as d from companies where tenant_id = $1),
           t as (
               select customer_id,
                      count(*) filter (where status in ('open', 'pending', 'waiting_customer')) as open_tickets,
                      count(*) filter (where sla_breached_at >= now() - interval '90 days') as sla_breaches,
                      count(*) filter (where sentiment = 'negative'
                                         and last_inbound_at >= now() - interval '30 days') as negative,
                      count(*) filter (where sentiment = 'very_negative'
                                         and last_inbound_at >= now() - interval '30 days') as very_negative,
                      min(csat_score) filter (where csat_requested_at >= now() - interval '90 days') as worst_csat
                 from tickets
                where tenant_id = $1 and merged_into is null and ($2::uuid is null or customer_id = $2)
                group by customer_id),
           i as (
               select customer_id, count(*) as overdue_invoices,
                      sum(greatest(total_cents - paid_cents, 0))::bigint as overdue_cents
                 from invoices
                where tenant_id = $1 and status in ('open', 'partially_paid')
                  and due_date < (select d from today) and ($2::uuid is null or customer_id = $2)
                group by customer_id),
           s as (
               select customer_id, count(*) as paused
                 from subscriptions
                where tenant_id = $1 and status = 'paused' and ($2::uuid is null or customer_id = $2)
                group by customer_id)
           select c.id as customer_id, c.name as customer_name,
                  coalesce(t.open_tickets, 0) as "open_tickets!", coalesce(t.sla_breaches, 0) as "sla_breaches!",
                  coalesce(t.negative, 0) as "negative!", coalesce(t.very_negative, 0) as "very_negative!",
                  t.worst_csat,
                  coalesce(i.overdue_invoices, 0) as "overdue_invoices!", coalesce(i.overdue_cents, 0) as "overdue_cents!",
                  coalesce(s.paused, 0) as "paused_subscriptions!"
             from customers c
             left join t on t.customer_id = c.id
             left join i on i.customer_id = c.id
             left join s on s.customer_id = c.id
            where c.tenant_id = $1 and c.merged_into is null
              and (case when $2::uuid is null
                        then t.customer_id is not null or i.customer_id is not null or s.customer_id is not null
                        else c.id = $2 end)"#,
        tenant_id,
        customer
    )
    .fetch_all(conn)
    .await?)
}
