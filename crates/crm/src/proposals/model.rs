use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::products::model::Billing;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ProposalStatus {
    Draft,
    Sent,
    Viewed,
    Accepted,
    Rejected,
    Expired,
}

impl ProposalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::Sent => "sent",
            ProposalStatus::Viewed => "viewed",
            ProposalStatus::Accepted => "accepted",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::Expired => "expired",
        }
    }

    /// Awaiting the customer's answer.
    pub fn is_open(self) -> bool {
        matches!(self, ProposalStatus::Sent | ProposalStatus::Viewed)
    }

    pub fn is_final(self) -> bool {
        matches!(self, ProposalStatus::Accepted | ProposalStatus::Rejected | ProposalStatus::Expired)
    }
}

/// A priced line of a proposal or contract.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LineItem {
    pub id: Uuid,
    pub product_id: Option<Uuid>,
    pub description: String,
    pub unit: String,
    /// Up to three decimals.
    pub quantity: f64,
    pub quantity_milli: i64,
    pub unit_price_cents: i64,
    /// Item discount in basis points (10% = 1000).
    pub discount_bp: i32,
    pub billing: Billing,
    pub total_cents: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Proposal {
    pub id: Uuid,
    pub number: i64,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub opportunity_id: Option<Uuid>,
    pub title: String,
    pub status: ProposalStatus,
    /// Content version; editing a sent proposal keeps the old one and bumps this.
    pub revision: i32,
    pub valid_until: NaiveDate,
    pub terms: String,
    pub items: Vec<LineItem>,
    /// Overall discount in basis points.
    pub discount_bp: i32,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    /// Billed once (after discount).
    pub one_time_cents: i64,
    /// Billed every period (after discount).
    pub recurring_cents: i64,
    pub recurrence: Billing,
    pub currency: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub viewed_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub accepted_name: Option<String>,
    pub accepted_document: Option<String>,
    pub accepted_email: Option<String>,
    pub accepted_ip: Option<String>,
    pub rejected_reason: Option<String>,
    /// The contract made when the proposal was accepted.
    pub contract_id: Option<Uuid>,
    /// For `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    /// The conversation (support ticket) it was made for.
    pub ticket_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalPage {
    pub items: Vec<Proposal>,
    pub next_cursor: Option<String>,
}

/// A line to price: from the catalogue (`product_id`) or free text.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    /// From the catalogue: fills description, unit, price and billing unless given.
    pub product_id: Option<Uuid>,
    pub description: Option<String>,
    pub unit: Option<String>,
    pub quantity: f64,
    pub unit_price_cents: Option<i64>,
    #[serde(default)]
    pub discount_bp: i32,
    pub billing: Option<Billing>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateProposalRequest {
    pub customer_id: Uuid,
    pub opportunity_id: Option<Uuid>,
    /// The conversation it is made for ("Nova proposta" on a ticket);
    /// defaults to the deal's.
    pub ticket_id: Option<Uuid>,
    pub title: String,
    /// Defaults to 15 days from today.
    pub valid_until: Option<NaiveDate>,
    #[serde(default)]
    pub terms: String,
    #[serde(default)]
    pub discount_bp: i32,
    pub items: Vec<ItemInput>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProposalRequest {
    pub title: Option<String>,
    pub valid_until: Option<NaiveDate>,
    pub terms: Option<String>,
    pub discount_bp: Option<i32>,
    /// Replaces every item.
    pub items: Option<Vec<ItemInput>>,
}

#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendProposalRequest {
    /// Defaults to the customer's first e-mail.
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SentProposal {
    pub proposal: Proposal,
    /// The customer's link (`GET /proposals/{id}/link` shows it again). Sending again makes a new one.
    pub public_url: String,
}

/// A sent proposal's live link, to copy or share again.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProposalLink {
    pub public_url: String,
    /// `https://wa.me/<customer's first phone>?text=…` with the link; none without a phone.
    pub whatsapp_url: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalVersion {
    pub revision: i32,
    /// The proposal as it was.
    #[schema(value_type = Proposal)]
    pub snapshot: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalFilter {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Title, customer name or number (PROP-0007).
    pub q: Option<String>,
    pub status: Option<ProposalStatus>,
    pub customer_id: Option<Uuid>,
    pub opportunity_id: Option<Uuid>,
    /// Proposals made for this conversation.
    pub ticket_id: Option<Uuid>,
}

/// What the customer sees through the public link.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicProposal {
    pub number: i64,
    pub title: String,
    pub status: ProposalStatus,
    pub revision: i32,
    pub company_name: String,
    pub customer_name: String,
    pub valid_until: NaiveDate,
    pub terms: String,
    pub items: Vec<LineItem>,
    pub discount_bp: i32,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub one_time_cents: i64,
    pub recurring_cents: i64,
    pub recurrence: Billing,
    pub currency: String,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptRequest {
    /// Full name of who accepts.
    pub name: String,
    /// CPF or CNPJ of who accepts (or give an e-mail).
    pub document: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectRequest {
    pub reason: String,
}
