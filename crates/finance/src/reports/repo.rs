use chrono::NaiveDate;
use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{MonthCash, ReceivableBucket};

pub struct ReceivableRows {
    pub due_soon: ReceivableBucket,
    pub not_due: ReceivableBucket,
    pub overdue: [ReceivableBucket; 4],
    pub received_this_month: ReceivableBucket,
    pub in_review: ReceivableBucket,
}

/// One pass over the receivable index; open principal only (fees are per day, shown per invoice).
pub async fn receivables(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    today: NaiveDate,
) -> Result<ReceivableRows> {
    let r = sqlx::query!(
        r#"with open as (
             select due_date, greatest(total_cents - greatest(paid_cents - late_fee_cents, 0), 0) as principal
               from invoices
              where tenant_id = $1 and status in ('open', 'partially_paid', 'overdue'))
           select
             count(*) filter (where due_date >= $2 and due_date <= $2 + 7) as "soon_n!",
             coalesce(sum(principal) filter (where due_date >= $2 and due_date <= $2 + 7), 0)::bigint as "soon!",
             count(*) filter (where due_date > $2 + 7) as "later_n!",
             coalesce(sum(principal) filter (where due_date > $2 + 7), 0)::bigint as "later!",
             count(*) filter (where due_date < $2 and due_date >= $2 - 30) as "o1_n!",
             coalesce(sum(principal) filter (where due_date < $2 and due_date >= $2 - 30), 0)::bigint as "o1!",
             count(*) filter (where due_date < $2 - 30 and due_date >= $2 - 60) as "o2_n!",
             coalesce(sum(principal) filter (where due_date < $2 - 30 and due_date >= $2 - 60), 0)::bigint as "o2!",
             count(*) filter (where due_date < $2 - 60 and due_date >= $2 - 90) as "o3_n!",
             coalesce(sum(principal) filter (where due_date < $2 - 60 and due_date >= $2 - 90), 0)::bigint as "o3!",
             count(*) filter (where due_date < $2 - 90) as "o4_n!",
             coalesce(sum(principal) filter (where due_date < $2 - 90), 0)::bigint as "o4!"
           from open"#,
        tenant_id,
        today
    )
    .fetch_one(&mut *conn)
    .await?;
    let month_start = today.with_day0(0).unwrap_or(today);
    let received = sqlx::query!(
        r#"select count(*) as "n!", coalesce(sum(amount_cents), 0)::bigint as "total!" from payments
            where tenant_id = $1 and status = 'confirmed' and method <> 'credit' and received_on >= $2"#,
        tenant_id,
        month_start
    )
    .fetch_one(&mut *conn)
    .await?;
    let review = sqlx::query!(
        r#"select count(*) as "n!", coalesce(sum(amount_cents), 0)::bigint as "total!" from payments
            where tenant_id = $1 and status = 'review'"#,
        tenant_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let b = |count: i64, total_cents: i64| ReceivableBucket { count, total_cents };
    Ok(ReceivableRows {
        due_soon: b(r.soon_n, r.soon),
        not_due: b(r.later_n, r.later),
        overdue: [b(r.o1_n, r.o1), b(r.o2_n, r.o2), b(r.o3_n, r.o3), b(r.o4_n, r.o4)],
        received_this_month: b(received.n, received.total),
        in_review: b(review.n, review.total),
    })
}

use chrono::Datelike;

pub async fn cash_by_month(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
    timezone: &str,
) -> Result<Vec<MonthCash>> {
    Ok(sqlx::query_as!(
        MonthCash,
        r#"with months as (
             select to_char(m, 'YYYY-MM') as month
               from generate_series(date_trunc('month', $2::date), date_trunc('month', $3::date), interval '1 month') m),
           received as (
             select to_char(received_on, 'YYYY-MM') as month, sum(amount_cents) as cents from payments
              where tenant_id = $1 and status = 'confirmed' and method <> 'credit'
                and received_on between $2 and $3 group by 1),
           refunded as (
             select to_char(created_at at time zone $4, 'YYYY-MM') as month, sum(amount_cents) as cents
               from refunds where tenant_id = $1
                and (created_at at time zone $4)::date between $2 and $3 group by 1)
           select m.month as "month!", coalesce(r.cents, 0)::bigint as "received_cents!",
                  coalesce(f.cents, 0)::bigint as "refunded_cents!"
             from months m left join received r using (month) left join refunded f using (month)
            order by m.month"#,
        tenant_id,
        from,
        to,
        timezone
    )
    .fetch_all(conn)
    .await?)
}

pub struct Recurring {
    pub mrr_cents: i64,
    pub active: i64,
    pub churned_mrr_cents: i64,
    pub churned: i64,
}

pub async fn recurring(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
    timezone: &str,
) -> Result<Recurring> {
    let r = sqlx::query!(
        r#"select
             coalesce(sum(round(amount_cents::numeric / interval_months)) filter (where status = 'active'), 0)::bigint as "mrr!",
             count(*) filter (where status = 'active') as "active!",
             coalesce(sum(round(amount_cents::numeric / interval_months))
               filter (where status = 'cancelled' and (cancelled_at at time zone $4)::date between $2 and $3), 0)::bigint as "churned_mrr!",
             count(*) filter (where status = 'cancelled' and (cancelled_at at time zone $4)::date between $2 and $3) as "churned!"
           from subscriptions where tenant_id = $1"#,
        tenant_id,
        from,
        to,
        timezone
    )
    .fetch_one(conn)
    .await?;
    Ok(Recurring { mrr_cents: r.mrr, active: r.active, churned_mrr_cents: r.churned_mrr, churned: r.churned })
}
