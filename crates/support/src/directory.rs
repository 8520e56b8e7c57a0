//! How support finds the customer behind a phone number or an e-mail
//! address, and creates one when it is new. Customers belong to the CRM;
//! support does not import it. The server plugs the CRM in at start-up.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct ContactHint {
    pub name: Option<String>,
    /// E.164.
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[async_trait::async_trait]
pub trait CustomerDirectory: Send + Sync {
    /// The customer with this phone or e-mail, or a new one (a lead).
    async fn find_or_create(&self, tx: &mut TenantTx, hint: &ContactHint) -> Result<Uuid>;
    /// Always a new customer, named after the hint and holding no address:
    /// for someone who only claims to be somebody (a web-chat visitor's
    /// typed e-mail), so the claim never attaches to an existing customer.
    async fn create_unverified(&self, tx: &mut TenantTx, name: Option<&str>) -> Result<Uuid>;
    /// The customer's open invoices (what is due today, late fees
    /// included) and sent proposals, newest first: what an answer to them
    /// may mention. Finance and the CRM own them.
    async fn open_items(&self, app: &App, tx: &mut TenantTx, customer_id: Uuid) -> Result<Vec<AccountItem>>;
    /// The customer's latest payments (at most 3), newest first.
    async fn recent_payments(&self, tx: &mut TenantTx, customer_id: Uuid) -> Result<Vec<PaymentItem>>;
    /// The customer's CPF or CNPJ (digits and letters only), if on file.
    async fn document_of(&self, tx: &mut TenantTx, customer_id: Uuid) -> Result<Option<String>>;
    /// "Enviar no chat": publishes a proposal of `customer_id` for the
    /// conversation `ticket` (id, number) and returns what the card shows.
    /// A proposal of another customer, closed or past its validity is a
    /// field error on `proposal_id` / `valid_until`.
    async fn send_proposal(
        &self,
        app: &App,
        tx: &mut TenantTx,
        user_id: Uuid,
        proposal_id: Uuid,
        customer_id: Uuid,
        ticket: (Uuid, i64),
    ) -> Result<SharedProposal>;
    async fn proposal_summary(&self, tx: &mut TenantTx, proposal_id: Uuid)
    -> Result<Option<ProposalSummary>>;
    /// "Enviar no chat": an open invoice of `customer_id` as due today,
    /// linked to the conversation `ticket_id`. Another customer's, unknown
    /// or not open is a field error on `invoice_id`.
    async fn send_invoice(
        &self,
        app: &App,
        tx: &mut TenantTx,
        invoice_id: Uuid,
        customer_id: Uuid,
        ticket_id: Uuid,
    ) -> Result<SharedInvoice>;
    /// "FAT-0012".
    async fn invoice_label(&self, tx: &mut TenantTx, invoice_id: Uuid) -> Result<Option<String>>;
}

/// A payment received from a customer.
#[derive(Debug, Clone)]
pub struct PaymentItem {
    pub received_on: NaiveDate,
    pub amount_cents: i64,
    /// pt-BR ("PIX", "boleto").
    pub method: String,
    /// Held for the finance team's review (not yet applied).
    pub in_review: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    Invoice,
    Proposal,
}

/// An open invoice or a sent proposal of a customer.
#[derive(Debug, Clone)]
pub struct AccountItem {
    pub kind: AccountKind,
    /// "FAT-0012", "PROP-0003".
    pub label: String,
    /// The invoice's description or the proposal's title.
    pub title: String,
    /// Due today (an invoice) or the total (a proposal).
    pub amount_cents: i64,
    /// Due date, or valid until.
    pub date: NaiveDate,
    /// An invoice past its due date.
    pub overdue: bool,
    /// A proposal the customer already opened.
    pub viewed: bool,
    /// The customer's own page for it, when it can be shown again.
    pub link: Option<String>,
    /// An invoice's "PIX copia e cola" for what is due today.
    pub pix_code: Option<String>,
    /// An invoice's boleto line, when a gateway made one.
    pub boleto_line: Option<String>,
}

/// A proposal as the conversation shows it.
#[derive(Debug, Clone)]
pub struct ProposalSummary {
    /// "PROP-0007".
    pub label: String,
    pub title: String,
    pub total_cents: i64,
    pub valid_until: NaiveDate,
}

/// A proposal sent into a conversation: its new public link.
#[derive(Debug, Clone)]
pub struct SharedProposal {
    pub summary: ProposalSummary,
    pub link: String,
}

/// An invoice sent into a conversation.
#[derive(Debug, Clone)]
pub struct SharedInvoice {
    /// "FAT-0012".
    pub label: String,
    pub description: String,
    /// Due today, late fees included.
    pub amount_due_cents: i64,
    pub due_date: NaiveDate,
    /// Its public payment page.
    pub link: String,
    /// "PIX copia e cola", when the company has a key.
    pub pix_payload: Option<String>,
}

static DIRECTORY: OnceLock<Arc<dyn CustomerDirectory>> = OnceLock::new();

/// Called once by the server.
pub fn install(directory: Arc<dyn CustomerDirectory>) {
    let _ = DIRECTORY.set(directory);
}

pub fn get() -> Result<&'static Arc<dyn CustomerDirectory>> {
    DIRECTORY.get().ok_or_else(|| kernel::Error::internal("no customer directory installed"))
}
