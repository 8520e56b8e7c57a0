use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use events::PaymentMethod;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Confirmed,
    /// A gateway's amount did not match: held until a person decides.
    Review,
    Rejected,
}

impl PaymentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Review => "review",
            Self::Rejected => "rejected",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PaymentAllocation {
    pub invoice_id: Uuid,
    pub invoice_label: String,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Payment {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub method: PaymentMethod,
    pub amount_cents: i64,
    pub currency: String,
    pub received_on: NaiveDate,
    pub reference: String,
    /// stripe or asaas, for payments a gateway reported.
    pub gateway: Option<String>,
    pub gateway_payment_id: Option<String>,
    pub status: PaymentStatus,
    pub review_reason: Option<String>,
    pub intended_invoice_id: Option<Uuid>,
    pub allocations: Vec<PaymentAllocation>,
    /// The part that went to the customer's credit.
    pub credited_cents: i64,
    pub refunded_cents: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentPage {
    pub items: Vec<Payment>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaymentFilter {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Customer name or reference.
    pub q: Option<String>,
    pub customer_id: Option<Uuid>,
    pub invoice_id: Option<Uuid>,
    pub status: Option<PaymentStatus>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct RegisterPaymentRequest {
    /// Required when no invoice is given.
    pub customer_id: Option<Uuid>,
    /// Invoices to settle, in this order; empty = the customer's open invoices, oldest due first.
    #[serde(default)]
    pub invoice_ids: Vec<Uuid>,
    pub method: PaymentMethod,
    pub amount_cents: i64,
    /// Default: today.
    pub received_on: Option<NaiveDate>,
    #[serde(default)]
    pub reference: String,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct RefundRequest {
    /// Default: everything not yet refunded.
    pub amount_cents: Option<i64>,
    pub reason: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CustomerCredit {
    pub customer_id: Uuid,
    pub balance_cents: i64,
    pub currency: String,
}
