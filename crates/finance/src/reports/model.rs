use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReceivableBucket {
    pub count: i64,
    pub total_cents: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Receivables {
    pub today: NaiveDate,
    pub currency: String,
    /// Open, due within the next 7 days.
    pub due_soon: ReceivableBucket,
    /// Open, due later than that.
    pub not_due: ReceivableBucket,
    /// Past due (open principal, without fees).
    pub overdue: ReceivableBucket,
    pub overdue_1_30: ReceivableBucket,
    pub overdue_31_60: ReceivableBucket,
    pub overdue_61_90: ReceivableBucket,
    pub overdue_over_90: ReceivableBucket,
    /// Confirmed money received this month (credit use excluded).
    pub received_this_month: ReceivableBucket,
    /// Gateway payments waiting for a person to confirm.
    pub in_review: ReceivableBucket,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MonthCash {
    /// "2026-11".
    pub month: String,
    pub received_cents: i64,
    pub refunded_cents: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FinanceSummary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub currency: String,
    pub cash_by_month: Vec<MonthCash>,
    pub received_cents: i64,
    /// Monthly recurring revenue of active subscriptions.
    pub mrr_cents: i64,
    pub arr_cents: i64,
    pub active_subscriptions: i64,
    /// MRR of subscriptions cancelled in the period.
    pub churned_mrr_cents: i64,
    pub churned_subscriptions: i64,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    /// Default: first day of the month eleven months ago.
    pub from: Option<NaiveDate>,
    /// Default: today.
    pub to: Option<NaiveDate>,
}
