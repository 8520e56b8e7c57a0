use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::period::Range;

/// Whose numbers a section shows: the whole company's, or the caller's own
/// (an agent's tickets, a salesperson's deals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Company,
    Own,
}

/// A number in the period and in the period before it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Compare {
    pub current: i64,
    pub previous: i64,
}

/// One slice of a breakdown (a channel, a category, a payment method…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Share {
    /// The stored value (`whatsapp`, `pix`, a category's name; "" for none).
    pub key: String,
    /// The pt-BR name to show.
    pub label: String,
    pub count: i64,
    /// Cents for money breakdowns, else 0.
    pub total: i64,
}

/// Durations in business seconds (medians and 90th percentiles estimated
/// from a histogram, within its bucket).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Durations {
    pub count: i64,
    pub median_secs: Option<i64>,
    pub p90_secs: Option<i64>,
    pub previous_count: i64,
    pub previous_median_secs: Option<i64>,
    pub previous_p90_secs: Option<i64>,
}

/// A share of yes among the counted (SLA met, win rate).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Ratio {
    pub yes: i64,
    pub total: i64,
    pub previous_yes: i64,
    pub previous_total: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Csat {
    pub responses: i64,
    /// 1 to 5; none without answers.
    pub average: Option<f64>,
    pub previous_responses: i64,
    pub previous_average: Option<f64>,
    /// Answers per score, 1 to 5.
    pub distribution: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct QueueBacklog {
    /// None: tickets of no team.
    pub team_id: Option<Uuid>,
    pub team: Option<String>,
    pub open: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SupportDay {
    pub day: NaiveDate,
    pub opened: i64,
    pub resolved: i64,
}

/// "Atendimento".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SupportDashboard {
    pub range: Range,
    pub scope: Scope,
    pub opened: Compare,
    pub resolved: Compare,
    pub first_response: Durations,
    pub resolution: Durations,
    /// Resolved tickets that had an SLA: `yes` met it.
    pub sla: Ratio,
    pub csat: Csat,
    pub by_channel: Vec<Share>,
    pub by_category: Vec<Share>,
    pub by_sentiment: Vec<Share>,
    /// Open now, by team.
    pub backlog: Vec<QueueBacklog>,
    pub daily: Vec<SupportDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StageValue {
    pub pipeline_id: Uuid,
    pub pipeline: String,
    pub stage_id: Uuid,
    pub stage: String,
    /// Chance of winning in this stage, 0–100.
    pub probability: i32,
    pub count: i64,
    pub value_cents: i64,
    /// Value × probability.
    pub weighted_cents: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SalesDay {
    pub day: NaiveDate,
    pub created: i64,
    pub won: i64,
    pub won_cents: i64,
}

/// "Vendas".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SalesDashboard {
    pub range: Range,
    pub scope: Scope,
    /// Open deals now, by stage.
    pub pipeline: Vec<StageValue>,
    pub open_value_cents: i64,
    /// The weighted forecast of the open deals.
    pub weighted_cents: i64,
    pub created: Compare,
    pub created_cents: Compare,
    /// Deals created from a conversation ("Criar oportunidade" in the inbox).
    pub from_chat: Compare,
    /// Conversations opened in the company (the base of the conversion).
    pub conversations: Compare,
    pub won: Compare,
    pub won_cents: Compare,
    pub lost: Compare,
    /// Won among the deals closed (won or lost) in the period.
    pub win_rate: Ratio,
    /// Average days from creation to won, of the deals won in the period.
    pub average_cycle_days: Option<f64>,
    pub previous_average_cycle_days: Option<f64>,
    pub proposals_sent: Compare,
    pub proposals_viewed: Compare,
    pub proposals_accepted: Compare,
    pub daily: Vec<SalesDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgeBucket {
    /// `1_30`, `31_60`, `61_90`, `over_90` days past due.
    pub key: String,
    pub label: String,
    pub count: i64,
    pub cents: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FinanceDay {
    pub day: NaiveDate,
    pub received_cents: i64,
    pub issued_cents: i64,
}

/// "Financeiro".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FinanceDashboard {
    pub range: Range,
    pub currency: String,
    /// Money received (credit use excluded, refunds deducted), in cents.
    pub received_cents: Compare,
    pub received_by_method: Vec<Share>,
    pub issued_cents: Compare,
    pub issued: Compare,
    /// Open principal past due now, by age.
    pub overdue: Vec<AgeBucket>,
    pub mrr_cents: i64,
    pub arr_cents: i64,
    pub active_subscriptions: i64,
    /// Subscriptions cancelled in the period, and their MRR.
    pub churned_subscriptions: i64,
    pub churned_mrr_cents: i64,
    /// Cancelled ÷ (active now + cancelled), in the period.
    pub churn_rate: Option<f64>,
    /// Open invoices due and subscription renewals in the next 30 days.
    pub forecast_30_days_cents: i64,
    pub daily: Vec<FinanceDay>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AgentStats {
    pub user_id: Uuid,
    pub name: String,
    pub resolved: i64,
    pub first_responses: i64,
    pub first_response_median_secs: Option<i64>,
    pub csat_responses: i64,
    pub csat_average: Option<f64>,
}

/// The agents' leaderboard of a period, most resolved first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AgentBoard {
    pub range: Range,
    pub agents: Vec<AgentStats>,
}
