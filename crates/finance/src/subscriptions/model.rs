use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    Active,
    Paused,
    Cancelled,
    /// Its term is over.
    Ended,
}

impl SubscriptionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Paused => "paused",
            Self::Cancelled => "cancelled",
            Self::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "active" => Self::Active,
            "paused" => Self::Paused,
            "cancelled" => Self::Cancelled,
            "ended" => Self::Ended,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Subscription {
    pub id: Uuid,
    pub contract_id: Option<Uuid>,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub description: String,
    /// Per period.
    pub amount_cents: i64,
    pub currency: String,
    /// 1 (monthly), 3 (quarterly) or 12 (yearly).
    pub interval_months: i32,
    /// Day of the month the period starts; 29–31 fall back to the month's last day.
    pub anchor_day: i32,
    /// The next period's start, when its invoice is issued.
    pub next_billing_date: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub status: SubscriptionStatus,
    /// Proration from plan changes, added to the next invoice (negative = credit).
    pub pending_adjustment_cents: i64,
    /// Monthly recurring revenue of this subscription.
    pub mrr_cents: i64,
    pub paused_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionPage {
    pub items: Vec<Subscription>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubscriptionFilter {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Customer name or description.
    pub q: Option<String>,
    pub status: Option<SubscriptionStatus>,
    pub customer_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct CreateSubscriptionRequest {
    pub customer_id: Uuid,
    pub description: String,
    pub amount_cents: i64,
    /// 1, 3 or 12.
    pub interval_months: i32,
    /// Default: today.
    pub start_date: Option<NaiveDate>,
    /// Default: the start date's day.
    pub anchor_day: Option<i32>,
    pub ends_on: Option<NaiveDate>,
}

/// A plan change: the new amount applies from the next period; the rest of
/// the current period is prorated by day onto the next invoice.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct ChangeSubscriptionPlanRequest {
    pub amount_cents: i64,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct CancelSubscriptionRequest {
    pub reason: String,
}
