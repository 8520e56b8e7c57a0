use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::fees::Policy;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FinanceSettings {
    /// Fine on late payment, basis points (2 % = 200, the maximum).
    pub fine_bp: i32,
    /// Interest a month, basis points, charged pro rata per day (1 % = 100, the maximum).
    pub interest_bp_month: i32,
    /// Days between issue and due date for invoices from subscriptions.
    pub due_in_days: i32,
    pub pix_key: Option<String>,
    /// cpf, cnpj, email, phone or random.
    pub pix_key_kind: Option<String>,
    /// Name on the PIX code (up to 25 characters; defaults to the company's name).
    pub merchant_name: Option<String>,
    /// City on the PIX code (up to 15 characters).
    pub merchant_city: Option<String>,
    /// Days relative to the due date when a reminder is sent (−3 = three days before).
    pub dunning_offsets: Vec<i32>,
    pub dunning_enabled: bool,
    /// E-mail each invoice with its PDF to the customer when it is issued.
    pub email_on_issue: bool,
}

impl FinanceSettings {
    pub fn policy(&self) -> Policy {
        Policy { fine_bp: self.fine_bp, interest_bp_month: self.interest_bp_month }.capped()
    }
}

impl Default for FinanceSettings {
    fn default() -> Self {
        Self {
            fine_bp: 200,
            interest_bp_month: 100,
            due_in_days: 5,
            pix_key: None,
            pix_key_kind: None,
            merchant_name: None,
            merchant_city: None,
            dunning_offsets: vec![-3, 0, 3, 10],
            dunning_enabled: true,
            email_on_issue: false,
        }
    }
}

/// Every field optional: only what is sent changes. `pix_key: ""` removes the key.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
pub struct UpdateFinanceSettings {
    pub fine_bp: Option<i32>,
    pub interest_bp_month: Option<i32>,
    pub due_in_days: Option<i32>,
    pub pix_key: Option<String>,
    pub merchant_name: Option<String>,
    pub merchant_city: Option<String>,
    pub dunning_offsets: Option<Vec<i32>>,
    pub dunning_enabled: Option<bool>,
    pub email_on_issue: Option<bool>,
}
