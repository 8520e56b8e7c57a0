use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Ordered: `Low < Medium < High`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    Sentiment,
    OpenTickets,
    SlaBreaches,
    LowCsat,
    OverdueInvoices,
    PausedSubscription,
}

/// One reason and the points it adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Reason {
    pub kind: ReasonKind,
    pub points: u8,
    /// pt-BR, e.g. "2 faturas vencidas (R$ 259,80 em aberto)".
    pub label: String,
}

/// A customer's risk of leaving and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerRisk {
    pub customer_id: Uuid,
    pub customer_name: String,
    /// 0–100: the sum of the reasons' points, at most 100.
    pub score: u8,
    pub level: RiskLevel,
    pub reasons: Vec<Reason>,
    /// Invoices and subscriptions were left out: the viewer's role does
    /// not see finance.
    pub finance_hidden: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RiskPage {
    /// Highest score first.
    pub items: Vec<CustomerRisk>,
    /// Customers at this level or above, in all.
    pub total: i64,
    pub next_cursor: Option<String>,
}
