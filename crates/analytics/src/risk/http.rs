use kernel::auth::{Area, Role};
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery};
use kernel::session::Session;
use kernel::{App, Error, Result};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{CustomerRisk, RiskLevel, RiskPage};
use super::repo::{self, SignalRow};
use super::{FinanceSignals, Signals, level, score};
use crate::RISK_LIST_ROLES;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(customer_risk)).routes(routes!(customers_at_risk))
}

/// Invoices and subscriptions weigh in only for those who may see them.
fn sees_finance(role: Role) -> bool {
    Area::Finance.allows(role) || Area::Crm.allows(role)
}

fn risk_of(row: SignalRow, finance: bool) -> CustomerRisk {
    let signals = Signals {
        open_tickets: row.open_tickets,
        sla_breaches: row.sla_breaches,
        negative: row.negative,
        very_negative: row.very_negative,
        worst_csat: row.worst_csat,
        finance: finance.then_some(FinanceSignals {
            overdue_invoices: row.overdue_invoices,
            overdue_cents: row.overdue_cents,
            paused_subscriptions: row.paused_subscriptions,
        }),
    };
    let (points, reasons) = score(&signals);
    CustomerRisk {
        customer_id: row.customer_id,
        customer_name: row.customer_name,
        score: points,
        level: level(points),
        reasons,
        finance_hidden: !finance,
    }
}

/// A customer's risk of leaving (0–100) and the reasons that add up to
/// it. Overdue invoices and paused subscriptions count only for roles that
/// see finance or sales (`finance_hidden` says when they were left out).
#[utoipa::path(get, path = "/customers/{id}/insights", tag = "analytics", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CustomerRisk), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn customer_risk(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<CustomerRisk>> {
    let row = repo::signals(&mut s.tx, s.user.tenant_id, Some(id)).await?.pop().ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(risk_of(row, sees_finance(s.user.role))))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RiskQuery {
    /// The lowest level listed; default `medium`.
    pub level: Option<RiskLevel>,
    /// 1 to 100; default 50.
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// "Clientes em risco": the customers at `level` or above, highest score
/// first (then by name), each with its reasons.
#[utoipa::path(get, path = "/insights/customers-at-risk", tag = "analytics", security(("bearer" = [])),
    params(RiskQuery),
    responses((status = 200, body = RiskPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn customers_at_risk(mut s: Session, ApiQuery(q): ApiQuery<RiskQuery>) -> Result<ApiJson<RiskPage>> {
    s.require(RISK_LIST_ROLES)?;
    let limit = q.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(Error::field("limit", "Use um valor entre 1 e 100."));
    }
    // The list is ranked by score, not by id: the cursor is the position.
    let offset = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => c.parse::<usize>().map_err(|_| Error::field("cursor", "Cursor inválido."))?,
        None => 0,
    };
    let min = q.level.unwrap_or(RiskLevel::Medium);
    let rows = repo::signals(&mut s.tx, s.user.tenant_id, None).await?;
    s.tx.commit().await?;
    let finance = sees_finance(s.user.role);
    let mut all: Vec<CustomerRisk> =
        rows.into_iter().map(|r| risk_of(r, finance)).filter(|r| r.score > 0 && r.level >= min).collect();
    all.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.customer_name.cmp(&b.customer_name)));
    let total = all.len() as i64;
    let end = offset.saturating_add(limit as usize);
    let next_cursor = (end < all.len()).then(|| end.to_string());
    let items = all.into_iter().skip(offset).take(limit as usize).collect();
    Ok(ApiJson(RiskPage { items, total, next_cursor }))
}
