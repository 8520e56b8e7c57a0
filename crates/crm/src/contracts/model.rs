use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::products::model::Billing;
use crate::proposals::model::{ItemInput, LineItem};

pub use events::ContractStatus;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Contract {
    pub id: Uuid,
    pub number: i64,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub proposal_id: Option<Uuid>,
    pub opportunity_id: Option<Uuid>,
    pub title: String,
    pub status: ContractStatus,
    /// `one_time`, or the period of the recurring items.
    pub recurrence: Billing,
    pub start_date: NaiveDate,
    /// Months; none = until cancelled.
    pub term_months: Option<i32>,
    /// Due day each period (1–31; short months use their last day).
    pub billing_day: i32,
    pub one_time_cents: i64,
    pub recurring_cents: i64,
    pub currency: String,
    pub items: Vec<LineItem>,
    pub signed_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContractPage {
    pub items: Vec<Contract>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateContractRequest {
    pub customer_id: Uuid,
    pub title: String,
    pub start_date: NaiveDate,
    pub term_months: Option<i32>,
    pub billing_day: Option<i32>,
    pub items: Vec<ItemInput>,
}

/// Changes to a draft contract; a signed contract no longer changes.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateContractRequest {
    pub title: Option<String>,
    pub start_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<i32>)]
    pub term_months: Option<Option<i32>>,
    pub billing_day: Option<i32>,
    /// Replaces every item.
    pub items: Option<Vec<ItemInput>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelContractRequest {
    pub reason: String,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContractFilter {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Title, customer name or number (CT-0003).
    pub q: Option<String>,
    pub status: Option<ContractStatus>,
    pub customer_id: Option<Uuid>,
}
