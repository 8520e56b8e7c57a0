use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Months};
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiQuery};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::sheet;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::model::{FinanceSummary, PeriodParams, Receivables};
use super::repo;
use crate::invoices::model::InvoiceFilter;
use crate::invoices::repo as invoices;
use crate::invoices::service::with_balance;
use crate::settings::repo as settings;
use crate::{FINANCE_ROLES, parties};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(receivables))
        .routes(routes!(summary))
        .routes(routes!(export_invoices))
}

#[utoipa::path(get, path = "/finance/receivables", tag = "finance", security(("bearer" = [])),
    responses((status = 200, body = Receivables), (status = 403, body = Problem)))]
async fn receivables(mut s: Session) -> Result<ApiJson<Receivables>> {
    s.require(FINANCE_ROLES)?;
    let tenant = s.user.tenant_id;
    let today = parties::company(&mut s.tx, tenant).await?.today();
    let r = repo::receivables(&mut s.tx, tenant, today).await?;
    s.tx.commit().await?;
    let [o1, o2, o3, o4] = r.overdue;
    let overdue = super::model::ReceivableBucket {
        count: o1.count + o2.count + o3.count + o4.count,
        total_cents: o1.total_cents + o2.total_cents + o3.total_cents + o4.total_cents,
    };
    Ok(ApiJson(Receivables {
        today,
        currency: "BRL".into(),
        due_soon: r.due_soon,
        not_due: r.not_due,
        overdue,
        overdue_1_30: o1,
        overdue_31_60: o2,
        overdue_61_90: o3,
        overdue_over_90: o4,
        received_this_month: r.received_this_month,
        in_review: r.in_review,
    }))
}

#[utoipa::path(get, path = "/finance/summary", tag = "finance", security(("bearer" = [])), params(PeriodParams),
    responses((status = 200, body = FinanceSummary), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn summary(mut s: Session, ApiQuery(p): ApiQuery<PeriodParams>) -> Result<ApiJson<FinanceSummary>> {
    s.require(FINANCE_ROLES)?;
    let tenant = s.user.tenant_id;
    // Days are the company's days: a cancellation at 22:00 in São Paulo is
    // already tomorrow in UTC.
    let company = parties::company(&mut s.tx, tenant).await?;
    let (today, timezone) = (company.today(), company.tz().name());
    let to = p.to.unwrap_or(today);
    let from = p.from.unwrap_or_else(|| {
        today.with_day(1).and_then(|d| d.checked_sub_months(Months::new(11))).unwrap_or(today)
    });
    if from > to {
        return Err(Error::field("from", "O início deve ser antes do fim."));
    }
    if (to - from).num_days() > 366 * 5 {
        return Err(Error::field("from", "Período de até 5 anos."));
    }
    let cash = repo::cash_by_month(&mut s.tx, tenant, from, to, timezone).await?;
    let rec = repo::recurring(&mut s.tx, tenant, from, to, timezone).await?;
    s.tx.commit().await?;
    Ok(ApiJson(FinanceSummary {
        from,
        to,
        currency: "BRL".into(),
        received_cents: cash.iter().map(|m| m.received_cents).sum(),
        cash_by_month: cash,
        mrr_cents: rec.mrr_cents,
        arr_cents: rec.mrr_cents * 12,
        active_subscriptions: rec.active,
        churned_mrr_cents: rec.churned_mrr_cents,
        churned_subscriptions: rec.churned,
    }))
}

/// The invoice list as CSV (same filters as the list; up to 50 000 rows).
#[utoipa::path(get, path = "/invoices/export.csv", tag = "finance", security(("bearer" = [])), params(InvoiceFilter),
    responses((status = 200, content_type = "text/csv"), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn export_invoices(mut s: Session, ApiQuery(f): ApiQuery<InvoiceFilter>) -> Result<Response> {
    s.require(FINANCE_ROLES)?;
    let tenant = s.user.tenant_id;
    let today = parties::company(&mut s.tx, tenant).await?.today();
    let cfg = settings::get(&mut s.tx, tenant).await?;
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![]);
    let header = [
        "numero",
        "cliente",
        "situacao",
        "emissao",
        "vencimento",
        "total",
        "pago",
        "estornado",
        "a_pagar_hoje",
    ];
    out.write_record(header).map_err(anyhow::Error::from)?;
    let mut cursor = None;
    let mut written = 0;
    loop {
        let page = PageParams { limit: Some(200), cursor, q: f.q.clone() }.parse()?;
        let rows = invoices::list(&mut s.tx, tenant, &page, &f, today).await?;
        let (rows, next) = page.finish(rows, |i| i.id);
        for inv in rows {
            let inv = with_balance(inv, &cfg, today);
            out.write_record([
                sheet::text(&inv.label),
                sheet::text(&inv.customer_name),
                sheet::text(inv.status.label()),
                inv.issue_date.to_string(),
                inv.due_date.to_string(),
                sheet::money(inv.total_cents),
                sheet::money(inv.paid_cents),
                sheet::money(inv.refunded_cents),
                sheet::money(inv.amount_due_cents),
            ])
            .map_err(anyhow::Error::from)?;
            written += 1;
        }
        match next {
            Some(c) if written < 50_000 => cursor = Some(c),
            _ => break,
        }
    }
    s.tx.commit().await?;
    let bytes = out.into_inner().map_err(|e| Error::internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"faturas.csv\""),
        ],
        bytes,
    )
        .into_response())
}
