use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::fees::Amounts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Draft,
    Open,
    PartiallyPaid,
    Paid,
    /// Not stored: an open or partially paid invoice past its due date.
    Overdue,
    Cancelled,
    Refunded,
}

impl InvoiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Open => "open",
            Self::PartiallyPaid => "partially_paid",
            Self::Paid => "paid",
            Self::Overdue => "overdue",
            Self::Cancelled => "cancelled",
            Self::Refunded => "refunded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Self::Draft,
            "open" => Self::Open,
            "partially_paid" => Self::PartiallyPaid,
            "paid" => Self::Paid,
            "overdue" => Self::Overdue,
            "cancelled" => Self::Cancelled,
            "refunded" => Self::Refunded,
            _ => return None,
        })
    }

    /// Money can still be received against it.
    pub fn is_receivable(self) -> bool {
        matches!(self, Self::Open | Self::PartiallyPaid | Self::Overdue)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "rascunho",
            Self::Open => "em aberto",
            Self::PartiallyPaid => "parcialmente paga",
            Self::Paid => "paga",
            Self::Overdue => "vencida",
            Self::Cancelled => "cancelada",
            Self::Refunded => "estornada",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvoiceItem {
    pub id: Uuid,
    pub description: String,
    /// Up to three decimals.
    pub quantity: f64,
    pub unit_price_cents: i64,
    /// Negative for credits and proration adjustments.
    pub total_cents: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Invoice {
    pub id: Uuid,
    pub number: i64,
    /// "FAT-0042".
    pub label: String,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub contract_id: Option<Uuid>,
    pub subscription_id: Option<Uuid>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub status: InvoiceStatus,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub description: String,
    pub items: Vec<InvoiceItem>,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    /// Fine and interest already charged (materialised when paid late).
    pub late_fee_cents: i64,
    pub paid_cents: i64,
    pub refunded_cents: i64,
    /// What settles it today: open principal plus fees up to today.
    pub amount_due_cents: i64,
    /// The fee part of `amount_due_cents`.
    pub fees_due_cents: i64,
    pub currency: String,
    pub boleto_line: Option<String>,
    pub boleto_url: Option<String>,
    pub card_url: Option<String>,
    pub cancel_reason: Option<String>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    #[serde(skip)]
    pub fees_accrued_on: Option<NaiveDate>,
    #[serde(skip)]
    pub charged_cents: Option<i64>,
    #[serde(skip)]
    pub charged_on: Option<NaiveDate>,
    #[serde(skip)]
    pub stripe_intent_id: Option<String>,
    #[serde(skip)]
    pub asaas_payment_id: Option<String>,
    #[serde(skip)]
    pub gateway_pix_payload: Option<String>,
}

impl Invoice {
    pub fn amounts(&self) -> Amounts {
        Amounts {
            total_cents: self.total_cents,
            due_date: self.due_date,
            late_fee_cents: self.late_fee_cents,
            fees_accrued_on: self.fees_accrued_on,
            paid_cents: self.paid_cents,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvoicePage {
    pub items: Vec<Invoice>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceFilter {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Number ("42", "FAT-0042") or customer name.
    pub q: Option<String>,
    pub status: Option<InvoiceStatus>,
    pub customer_id: Option<Uuid>,
    pub contract_id: Option<Uuid>,
    pub subscription_id: Option<Uuid>,
    /// Due on or after.
    pub due_from: Option<NaiveDate>,
    /// Due on or before.
    pub due_to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct NewInvoiceItem {
    pub description: String,
    /// Default 1; up to three decimals.
    pub quantity: Option<f64>,
    pub unit_price_cents: i64,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct CreateInvoiceRequest {
    pub customer_id: Uuid,
    pub contract_id: Option<Uuid>,
    /// Default: today.
    pub issue_date: Option<NaiveDate>,
    pub due_date: NaiveDate,
    #[serde(default)]
    pub description: String,
    pub items: Vec<NewInvoiceItem>,
    /// Discount on the whole invoice.
    #[serde(default)]
    pub discount_cents: i64,
    /// true keeps it as a draft (not payable, no reminders) until issued.
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct CancelInvoiceRequest {
    pub reason: String,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct SendInvoiceRequest {
    /// Default: the customer's first e-mail.
    pub to: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SentInvoice {
    pub to: String,
    pub link: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PublicLink {
    pub link: String,
}

/// PIX data for an invoice: the copy-and-paste code and its QR code.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PixCharge {
    /// "PIX copia e cola".
    pub payload: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
    pub amount_cents: i64,
    /// "gateway" (Asaas) or "static" (the company's own key; confirmed by hand).
    pub source: String,
}

/// What the customer sees behind the public link.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PublicInvoice {
    pub company_name: String,
    pub company_document: Option<String>,
    pub label: String,
    pub customer_name: String,
    pub status: InvoiceStatus,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub description: String,
    pub items: Vec<InvoiceItem>,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub paid_cents: i64,
    pub amount_due_cents: i64,
    pub fees_due_cents: i64,
    pub currency: String,
    pub pix: Option<PixCharge>,
    pub boleto_line: Option<String>,
    pub boleto_url: Option<String>,
    /// Card payment is offered (a Stripe account is connected).
    pub card_available: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CardCheckout {
    pub url: String,
}
