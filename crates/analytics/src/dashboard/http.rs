//! `/api/v1/dashboard/*`: one request per section, each for the roles that
//! work in its area; an agent sees their own tickets' numbers and a
//! salesperson their own deals'. Period numbers come from the rollups;
//! what is open now (backlog, pipeline, overdue, MRR) from the partial
//! indexes of the open records. After the user is checked, everything is
//! read on the read pool, which a streaming replica may serve.

use axum::extract::State;
use chrono::{NaiveDate, Utc};
use events::{ChannelKind, PaymentMethod, Sentiment};
use kernel::auth::{Area, Role};
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiQuery};
use kernel::session::{CurrentUser, Session};
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use sqlx::PgConnection;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::metric::{Metric, quantile};
use super::model::*;
use super::period::{PeriodQuery, Range, resolve};
use super::repo::{self, Rolled};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(support))
        .routes(routes!(sales))
        .routes(routes!(finance))
        .routes(routes!(agents))
}

/// Who sees the agents' leaderboard.
pub const BOARD_ROLES: &[Role] = &[Role::Owner, Role::Admin, Role::Manager];

/// The period asked for, the company's today and its timezone's name.
async fn range_for(
    conn: &mut PgConnection,
    tenant: Uuid,
    q: &PeriodQuery,
) -> Result<(Range, NaiveDate, String)> {
    let clock = repo::company_clock(conn, tenant).await?;
    let today = Utc::now().with_timezone(&kernel::business_hours::timezone(&clock.timezone)).date_naive();
    Ok((resolve(q, today)?, today, clock.timezone))
}

/// The rollup rows of one read, current and previous period together.
struct Rolls {
    rows: Vec<Rolled>,
    range: Range,
}

impl Rolls {
    async fn read(
        conn: &mut PgConnection,
        tenant: Uuid,
        subject: Uuid,
        metrics: &[Metric],
        range: Range,
    ) -> Result<Self> {
        let rows = repo::rolled(conn, tenant, subject, metrics, range.previous_from, range.to).await?;
        Ok(Self { rows, range })
    }

    fn rows(&self, m: Metric, previous: bool) -> impl Iterator<Item = &Rolled> {
        let (from, to) = if previous {
            (self.range.previous_from, self.range.previous_to)
        } else {
            (self.range.from, self.range.to)
        };
        self.rows.iter().filter(move |r| r.metric == m.as_str() && r.day >= from && r.day <= to)
    }

    fn n(&self, m: Metric, previous: bool) -> i64 {
        self.rows(m, previous).map(|r| r.n).sum()
    }

    fn total(&self, m: Metric, previous: bool) -> i64 {
        self.rows(m, previous).map(|r| r.total).sum()
    }

    fn count(&self, m: Metric) -> Compare {
        Compare { current: self.n(m, false), previous: self.n(m, true) }
    }

    fn sum(&self, m: Metric) -> Compare {
        Compare { current: self.total(m, false), previous: self.total(m, true) }
    }

    fn dim_n(&self, m: Metric, dim: &str, previous: bool) -> i64 {
        self.rows(m, previous).filter(|r| r.dim == dim).map(|r| r.n).sum()
    }

    /// (dim, n, total) of the period, summed over its days.
    fn by_dim(&self, m: Metric, previous: bool) -> Vec<(String, i64, i64)> {
        let mut out: Vec<(String, i64, i64)> = Vec::new();
        for r in self.rows(m, previous) {
            match out.iter_mut().find(|o| o.0 == r.dim) {
                Some(o) => {
                    o.1 += r.n;
                    o.2 += r.total;
                }
                None => out.push((r.dim.clone(), r.n, r.total)),
            }
        }
        out.retain(|o| o.1 != 0 || o.2 != 0);
        out
    }

    fn shares(&self, m: Metric, label: impl Fn(&str) -> String) -> Vec<Share> {
        let mut out: Vec<Share> = self
            .by_dim(m, false)
            .into_iter()
            .map(|(key, count, total)| Share { label: label(&key), key, count, total })
            .collect();
        out.sort_by(|a, b| {
            b.count.cmp(&a.count).then(b.total.cmp(&a.total)).then_with(|| a.label.cmp(&b.label))
        });
        out
    }

    fn durations(&self, m: Metric) -> Durations {
        let (now, before) = (self.by_dim(m, false), self.by_dim(m, true));
        Durations {
            count: now.iter().map(|b| b.1).sum(),
            median_secs: quantile(&now, 0.5),
            p90_secs: quantile(&now, 0.9),
            previous_count: before.iter().map(|b| b.1).sum(),
            previous_median_secs: quantile(&before, 0.5),
            previous_p90_secs: quantile(&before, 0.9),
        }
    }

    fn on(&self, m: Metric, day: NaiveDate) -> (i64, i64) {
        self.rows
            .iter()
            .filter(|r| r.metric == m.as_str() && r.day == day)
            .fold((0, 0), |a, r| (a.0 + r.n, a.1 + r.total))
    }
}

fn average(total: i64, n: i64) -> Option<f64> {
    (n > 0).then(|| (total as f64 / n as f64 * 100.0).round() / 100.0)
}

fn ratio(rolls: &Rolls, m: Metric, yes: &str) -> Ratio {
    Ratio {
        yes: rolls.dim_n(m, yes, false),
        total: rolls.n(m, false),
        previous_yes: rolls.dim_n(m, yes, true),
        previous_total: rolls.n(m, true),
    }
}

fn own_or_company(user: &CurrentUser, own_role: Role) -> (Scope, Uuid) {
    if user.role == own_role { (Scope::Own, user.id) } else { (Scope::Company, Uuid::nil()) }
}

/// The transaction the dashboard reads in: with a replica
/// (`DATABASE_READ_URL`), one on the read pool after the request's own
/// (which checked the user) ends; without one, the request's own.
async fn read(app: &App, s: Session) -> Result<(CurrentUser, TenantTx)> {
    let Session { user, tx } = s;
    if app.config.database_read_url.is_none() {
        return Ok((user, tx));
    }
    tx.commit().await?;
    let read = TenantTx::begin(&app.read_db, user.tenant_id).await?;
    Ok((user, read))
}

const SUPPORT_METRICS: &[Metric] = &[
    Metric::TicketsOpened,
    Metric::TicketsByCategory,
    Metric::TicketsBySentiment,
    Metric::FirstResponse,
    Metric::TicketsResolved,
    Metric::Sla,
    Metric::Csat,
];

/// "Atendimento": conversations opened and resolved, first response and
/// resolution times in business hours (median, p90), SLA met, CSAT, and
/// the breakdowns by channel, category and sentiment, each against the
/// previous period; the backlog open now by team. An agent sees the
/// tickets assigned to them.
#[utoipa::path(get, path = "/dashboard/support", tag = "dashboard", security(("bearer" = [])), params(PeriodQuery),
    responses((status = 200, body = SupportDashboard), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
async fn support(
    State(app): State<App>,
    s: Session,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> Result<ApiJson<SupportDashboard>> {
    s.require(Area::Support.roles())?;
    let (user, mut tx) = read(&app, s).await?;
    let tenant = user.tenant_id;
    let (range, ..) = range_for(&mut tx, tenant, &q).await?;
    let (scope, subject) = own_or_company(&user, Role::Agent);
    let rolls = Rolls::read(&mut tx, tenant, subject, SUPPORT_METRICS, range).await?;
    let own = (scope == Scope::Own).then_some(user.id);
    let backlog = repo::backlog(&mut tx, tenant, own).await?;
    tx.commit().await?;
    let csat_now = rolls.by_dim(Metric::Csat, false);
    let distribution = (1..=5)
        .map(|score| csat_now.iter().filter(|c| c.0 == score.to_string()).map(|c| c.1).sum())
        .collect();
    Ok(ApiJson(SupportDashboard {
        range,
        scope,
        opened: rolls.count(Metric::TicketsOpened),
        resolved: rolls.count(Metric::TicketsResolved),
        first_response: rolls.durations(Metric::FirstResponse),
        resolution: rolls.durations(Metric::TicketsResolved),
        sla: ratio(&rolls, Metric::Sla, "met"),
        csat: Csat {
            responses: rolls.n(Metric::Csat, false),
            average: average(rolls.total(Metric::Csat, false), rolls.n(Metric::Csat, false)),
            previous_responses: rolls.n(Metric::Csat, true),
            previous_average: average(rolls.total(Metric::Csat, true), rolls.n(Metric::Csat, true)),
            distribution,
        },
        by_channel: rolls.shares(Metric::TicketsOpened, |k| {
            ChannelKind::parse(k).map(|c| c.label().to_owned()).unwrap_or_else(|| k.to_owned())
        }),
        by_category: rolls.shares(Metric::TicketsByCategory, |k| {
            if k.is_empty() { "Sem categoria".to_owned() } else { k.to_owned() }
        }),
        by_sentiment: rolls.shares(Metric::TicketsBySentiment, |k| {
            Sentiment::parse(k).map(|x| x.label().to_owned()).unwrap_or_else(|| "sem análise".to_owned())
        }),
        backlog: backlog
            .into_iter()
            .map(|b| QueueBacklog { team_id: b.team_id, team: b.team, open: b.open })
            .collect(),
        daily: range
            .days()
            .map(|day| SupportDay {
                day,
                opened: rolls.on(Metric::TicketsOpened, day).0,
                resolved: rolls.on(Metric::TicketsResolved, day).0,
            })
            .collect(),
    }))
}

const SALES_METRICS: &[Metric] = &[
    Metric::DealsCreated,
    Metric::DealsWon,
    Metric::DealsLost,
    Metric::DealsCycle,
    Metric::ProposalsSent,
    Metric::ProposalsViewed,
    Metric::ProposalsAccepted,
];

/// "Vendas": the open pipeline now by stage with its weighted forecast;
/// deals created (and from conversations), won and lost, win rate, average
/// cycle, proposals sent, viewed and accepted, each against the previous
/// period. A salesperson sees the deals and proposals they own.
#[utoipa::path(get, path = "/dashboard/sales", tag = "dashboard", security(("bearer" = [])), params(PeriodQuery),
    responses((status = 200, body = SalesDashboard), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
async fn sales(
    State(app): State<App>,
    s: Session,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> Result<ApiJson<SalesDashboard>> {
    s.require(Area::Crm.roles())?;
    let (user, mut tx) = read(&app, s).await?;
    let tenant = user.tenant_id;
    let (range, ..) = range_for(&mut tx, tenant, &q).await?;
    let (scope, subject) = own_or_company(&user, Role::Sales);
    let rolls = Rolls::read(&mut tx, tenant, subject, SALES_METRICS, range).await?;
    let conversations = Rolls::read(&mut tx, tenant, Uuid::nil(), &[Metric::TicketsOpened], range).await?;
    let own = (scope == Scope::Own).then_some(user.id);
    let stages = repo::pipeline(&mut tx, tenant, own).await?;
    tx.commit().await?;
    let pipeline: Vec<StageValue> = stages
        .into_iter()
        .map(|st| StageValue {
            weighted_cents: kernel::money::div_round(
                i128::from(st.value_cents) * i128::from(st.probability),
                100,
            ) as i64,
            pipeline_id: st.pipeline_id,
            pipeline: st.pipeline,
            stage_id: st.stage_id,
            stage: st.stage,
            probability: st.probability,
            count: st.count,
            value_cents: st.value_cents,
        })
        .collect();
    let days = |total: i64, n: i64| average(total, n).map(|secs| (secs / 86_400.0 * 10.0).round() / 10.0);
    let closed = |previous: bool| rolls.n(Metric::DealsWon, previous) + rolls.n(Metric::DealsLost, previous);
    Ok(ApiJson(SalesDashboard {
        range,
        scope,
        open_value_cents: pipeline.iter().map(|p| p.value_cents).sum(),
        weighted_cents: pipeline.iter().map(|p| p.weighted_cents).sum(),
        pipeline,
        created: rolls.count(Metric::DealsCreated),
        created_cents: rolls.sum(Metric::DealsCreated),
        from_chat: Compare {
            current: rolls.dim_n(Metric::DealsCreated, "chat", false),
            previous: rolls.dim_n(Metric::DealsCreated, "chat", true),
        },
        conversations: conversations.count(Metric::TicketsOpened),
        won: rolls.count(Metric::DealsWon),
        won_cents: rolls.sum(Metric::DealsWon),
        lost: rolls.count(Metric::DealsLost),
        win_rate: Ratio {
            yes: rolls.n(Metric::DealsWon, false),
            total: closed(false),
            previous_yes: rolls.n(Metric::DealsWon, true),
            previous_total: closed(true),
        },
        average_cycle_days: days(rolls.total(Metric::DealsCycle, false), rolls.n(Metric::DealsCycle, false)),
        previous_average_cycle_days: days(
            rolls.total(Metric::DealsCycle, true),
            rolls.n(Metric::DealsCycle, true),
        ),
        proposals_sent: rolls.count(Metric::ProposalsSent),
        proposals_viewed: rolls.count(Metric::ProposalsViewed),
        proposals_accepted: rolls.count(Metric::ProposalsAccepted),
        daily: range
            .days()
            .map(|day| {
                let (won, won_cents) = rolls.on(Metric::DealsWon, day);
                SalesDay { day, created: rolls.on(Metric::DealsCreated, day).0, won, won_cents }
            })
            .collect(),
    }))
}

/// "Financeiro": money received by method and invoices issued, against the
/// previous period; overdue now by age, MRR/ARR, churn in the period and
/// what should come in over the next 30 days.
#[utoipa::path(get, path = "/dashboard/finance", tag = "dashboard", security(("bearer" = [])), params(PeriodQuery),
    responses((status = 200, body = FinanceDashboard), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
async fn finance(
    State(app): State<App>,
    s: Session,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> Result<ApiJson<FinanceDashboard>> {
    s.require(Area::Finance.roles())?;
    let (user, mut tx) = read(&app, s).await?;
    let tenant = user.tenant_id;
    let (range, today, timezone) = range_for(&mut tx, tenant, &q).await?;
    let rolls =
        Rolls::read(&mut tx, tenant, Uuid::nil(), &[Metric::PaymentsReceived, Metric::InvoicesIssued], range)
            .await?;
    let receivable = finance::reports::repo::receivables(&mut tx, tenant, today).await?;
    let recurring =
        finance::reports::repo::recurring(&mut tx, tenant, range.from, range.to, &timezone).await?;
    let forecast = repo::forecast_30_days(&mut tx, tenant, today).await?;
    tx.commit().await?;
    let ages = [
        ("1_30", "1 a 30 dias"),
        ("31_60", "31 a 60 dias"),
        ("61_90", "61 a 90 dias"),
        ("over_90", "mais de 90 dias"),
    ];
    let overdue = ages
        .iter()
        .zip(receivable.overdue.iter())
        .map(|((key, label), b)| AgeBucket {
            key: (*key).to_owned(),
            label: (*label).to_owned(),
            count: b.count,
            cents: b.total_cents,
        })
        .collect();
    let base = recurring.active + recurring.churned;
    Ok(ApiJson(FinanceDashboard {
        range,
        currency: "BRL".into(),
        received_cents: rolls.sum(Metric::PaymentsReceived),
        received_by_method: rolls.shares(Metric::PaymentsReceived, |k| {
            PaymentMethod::parse(k).map(|m| m.label().to_owned()).unwrap_or_else(|| k.to_owned())
        }),
        issued_cents: rolls.sum(Metric::InvoicesIssued),
        issued: rolls.count(Metric::InvoicesIssued),
        overdue,
        mrr_cents: recurring.mrr_cents,
        arr_cents: recurring.mrr_cents * 12,
        active_subscriptions: recurring.active,
        churned_subscriptions: recurring.churned,
        churned_mrr_cents: recurring.churned_mrr_cents,
        churn_rate: (base > 0).then(|| (recurring.churned as f64 / base as f64 * 1000.0).round() / 1000.0),
        forecast_30_days_cents: forecast,
        daily: range
            .days()
            .map(|day| FinanceDay {
                day,
                received_cents: rolls.on(Metric::PaymentsReceived, day).1,
                issued_cents: rolls.on(Metric::InvoicesIssued, day).1,
            })
            .collect(),
    }))
}

/// The agents' leaderboard (owners, admins and managers): per person with
/// tickets in the period, resolved, first responses and their median, CSAT.
#[utoipa::path(get, path = "/dashboard/agents", tag = "dashboard", security(("bearer" = [])), params(PeriodQuery),
    responses((status = 200, body = AgentBoard), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem)))]
async fn agents(
    State(app): State<App>,
    s: Session,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> Result<ApiJson<AgentBoard>> {
    s.require(BOARD_ROLES)?;
    let (user, mut tx) = read(&app, s).await?;
    let tenant = user.tenant_id;
    let (range, ..) = range_for(&mut tx, tenant, &q).await?;
    let metrics = [Metric::TicketsResolved, Metric::FirstResponse, Metric::Csat];
    let rows = repo::by_person(&mut tx, tenant, &metrics, range.from, range.to).await?;
    tx.commit().await?;
    let mut agents: Vec<AgentStats> = Vec::new();
    for r in &rows {
        if !agents.iter().any(|a| a.user_id == r.subject) {
            agents.push(AgentStats {
                user_id: r.subject,
                name: r.name.clone(),
                resolved: 0,
                first_responses: 0,
                first_response_median_secs: None,
                csat_responses: 0,
                csat_average: None,
            });
        }
    }
    for a in &mut agents {
        let mine = |m: Metric| {
            rows.iter()
                .filter(|r| r.subject == a.user_id && r.metric == m.as_str())
                .map(|r| (r.dim.clone(), r.n, r.total))
                .collect::<Vec<_>>()
        };
        let first = mine(Metric::FirstResponse);
        let csat = mine(Metric::Csat);
        a.resolved = mine(Metric::TicketsResolved).iter().map(|b| b.1).sum();
        a.first_responses = first.iter().map(|b| b.1).sum();
        a.first_response_median_secs = quantile(&first, 0.5);
        a.csat_responses = csat.iter().map(|b| b.1).sum();
        a.csat_average = average(csat.iter().map(|b| b.2).sum(), a.csat_responses);
    }
    agents.sort_by(|a, b| b.resolved.cmp(&a.resolved).then_with(|| a.name.cmp(&b.name)));
    Ok(ApiJson(AgentBoard { range, agents }))
}
