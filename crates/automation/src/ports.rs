//! What a flow may do outside this crate. The server implements it (with
//! support's ticket rules, accounts' users, the mailer and the process's
//! egress client) and installs it at start-up.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};
use events::{ChannelKind, Priority, TicketStatus};
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The author shown on what a flow writes.
pub const AUTHOR: &str = "Automação";

/// A ticket as it is now: what conditions on `record.*` read (the event
/// says what happened; this says where the ticket stands, e.g. after a wait).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TicketRecord {
    pub number: i64,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub channel: ChannelKind,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub team_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub customer_id: Uuid,
    pub customer_name: String,
    /// The customer wrote last (nobody has answered since).
    pub awaiting_reply: bool,
    /// Hours since the customer's last message (none if they never wrote).
    pub hours_since_customer_message: Option<i64>,
    pub csat_score: Option<i32>,
    pub created_at: DateTime<Utc>,
}

/// The customer an event is about, as it is now: `customer.*` (custom
/// fields under `customer.custom_fields.<key>`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CustomerRecord {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// lead, active, inactive …
    pub status: String,
    pub tags: Vec<String>,
    #[schema(value_type = Object)]
    pub custom_fields: serde_json::Map<String, serde_json::Value>,
}

/// The invoice an event is about, as it is now: `invoice.*`. Amounts are
/// what is due today (late fees included), in BRL as a customer reads them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvoiceRecord {
    /// "FAT-0012".
    pub label: String,
    pub status: String,
    /// "R$ 1.234,56".
    pub total: String,
    pub amount_due: String,
    pub amount_due_cents: i64,
    pub due_date: NaiveDate,
    /// The public payment page.
    pub link: String,
    /// PIX copia e cola, when the company has a PIX key and it is open.
    pub pix_code: Option<String>,
}

/// The company at the moment a condition is read: `now.*`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NowRecord {
    /// Within the company's business hours (Configurações → Empresa).
    pub business_hours: bool,
}

/// How [`ActionPort::send_invoice`] sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceVia {
    /// To the customer's first e-mail, with the PDF.
    Email,
    /// Into the customer's latest WhatsApp conversation: text inside the
    /// 24-hour window, the channel's `invoice` template after it.
    Whatsapp,
}

/// What the company's plan allows in automation.
#[derive(Debug, Clone)]
pub struct AutomationLimits {
    /// The plan's name, as the company knows it ("Pro").
    pub plan_name: String,
    pub plan_code: String,
    pub active_flows: i32,
    pub runs_per_month: i32,
}

/// A deal a flow opens for the event's customer.
pub struct NewDeal<'a> {
    pub customer_id: Uuid,
    pub pipeline_id: Uuid,
    pub stage_id: Option<Uuid>,
    pub title: &'a str,
    pub value_cents: i64,
    pub owner_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
}

/// A reply's WhatsApp template, its parameters already filled.
pub struct Template<'a> {
    pub name: &'a str,
    pub language: &'a str,
    pub params: Vec<String>,
}

#[async_trait::async_trait]
pub trait ActionPort: Send + Sync {
    /// The company's timezone (schedules are read in it).
    async fn timezone(&self, tx: &mut TenantTx) -> Result<chrono_tz::Tz>;
    /// What the company's plan allows in automation.
    async fn limits(&self, tx: &mut TenantTx) -> Result<AutomationLimits>;
    /// The ticket as it is now; `None` if it is gone (merged tickets read
    /// as the ticket they were merged into are not followed).
    async fn ticket(&self, tx: &mut TenantTx, ticket_id: Uuid) -> Result<Option<TicketRecord>>;
    /// The customer as it is now; `None` if gone.
    async fn customer(&self, tx: &mut TenantTx, customer_id: Uuid) -> Result<Option<CustomerRecord>>;
    /// The invoice as it is now; `None` if gone.
    async fn invoice(&self, app: &App, tx: &mut TenantTx, invoice_id: Uuid) -> Result<Option<InvoiceRecord>>;
    /// The company's business hours, in its timezone.
    async fn business_hours(
        &self,
        tx: &mut TenantTx,
    ) -> Result<(chrono_tz::Tz, kernel::business_hours::Hours)>;
    /// Up to `limit` open invoices (open, partially paid, overdue) due on
    /// `due_on`, after `after` in id order: (invoice, customer).
    async fn invoices_due(
        &self,
        tx: &mut TenantTx,
        due_on: NaiveDate,
        after: Option<Uuid>,
        limit: i64,
    ) -> Result<Vec<(Uuid, Uuid)>>;
    /// E-mails the customer (its first address) once per `id`; returns the
    /// address. A customer without e-mail is a field error.
    async fn email_customer(
        &self,
        tx: &mut TenantTx,
        customer_id: Uuid,
        id: Uuid,
        subject: &str,
        text: &str,
    ) -> Result<String>;
    /// Sends an open invoice to its customer; `id` names the message (the
    /// run's idempotency key for this step). Returns what was done.
    async fn send_invoice(
        &self,
        app: &App,
        tx: &mut TenantTx,
        invoice_id: Uuid,
        via: InvoiceVia,
        id: Uuid,
    ) -> Result<String>;
    /// Opens a deal; returns its title.
    async fn create_opportunity(&self, tx: &mut TenantTx, deal: NewDeal<'_>) -> Result<String>;
    /// Moves a deal to a stage of its pipeline; returns the stage's name.
    async fn move_opportunity(
        &self,
        tx: &mut TenantTx,
        opportunity_id: Uuid,
        stage_id: Uuid,
    ) -> Result<String>;
    /// Sets one custom field of the customer, checked against its definition.
    async fn set_custom_field(
        &self,
        tx: &mut TenantTx,
        customer_id: Uuid,
        key: &str,
        value: &serde_json::Value,
    ) -> Result<()>;
    /// An internal note on the ticket, authored by [`AUTHOR`].
    async fn add_note(&self, tx: &mut TenantTx, ticket_id: Uuid, text: &str) -> Result<()>;
    async fn set_priority(&self, tx: &mut TenantTx, ticket_id: Uuid, priority: Priority) -> Result<()>;
    async fn set_status(&self, tx: &mut TenantTx, ticket_id: Uuid, status: TicketStatus) -> Result<()>;
    async fn add_tags(&self, tx: &mut TenantTx, ticket_id: Uuid, tags: &[String]) -> Result<()>;
    /// To a team (its first queue) and/or a person; `None` keeps that part.
    async fn assign(
        &self,
        tx: &mut TenantTx,
        ticket_id: Uuid,
        team_id: Option<Uuid>,
        user_id: Option<Uuid>,
    ) -> Result<()>;
    /// Queues a message to the customer on the ticket's channel with the
    /// message id `id` (the run's idempotency key for this step). Refuses
    /// free text outside WhatsApp's 24-hour window: the template is sent
    /// then, and with no template the step fails with the reason.
    async fn reply(
        &self,
        tx: &mut TenantTx,
        ticket_id: Uuid,
        id: Uuid,
        text: &str,
        template: Option<Template<'_>>,
    ) -> Result<String>;
    /// Tells active users of the company — in the bell, by e-mail, on the
    /// desktop, as each of them chose — once per `step_id`, about the
    /// record `about` names; returns how many it reaches.
    async fn notify(&self, tx: &mut TenantTx, notice: Notice<'_>) -> Result<usize>;
    /// POSTs `body` (JSON) with these headers, only through the egress
    /// guard; `Ok(status)` for a 2xx answer. The failure is what a run or
    /// a delivery shows (never the remote's body). Called outside any
    /// database transaction.
    async fn post_webhook(
        &self,
        app: &App,
        url: &str,
        headers: &[(&'static str, String)],
        body: Vec<u8>,
    ) -> std::result::Result<u16, WebhookFailure>;
    /// The addresses of the company's active owners and admins, who are
    /// told when an endpoint is switched off.
    async fn admin_emails(&self, tx: &mut TenantTx) -> Result<Vec<String>>;
}

/// Why a webhook call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookFailure {
    /// The answer's status, when the endpoint answered at all.
    pub status: Option<u16>,
    /// pt-BR, names the class of failure (refused, no answer, status).
    pub message: String,
}

static PORT: OnceLock<Arc<dyn ActionPort>> = OnceLock::new();

/// Called once by the server.
pub fn install(port: Arc<dyn ActionPort>) {
    let _ = PORT.set(port);
}

pub fn get() -> Result<&'static Arc<dyn ActionPort>> {
    PORT.get().ok_or_else(|| kernel::Error::internal("no automation action port installed"))
}

/// A flow's "Notificar equipe" step.
pub struct Notice<'a> {
    pub user_ids: &'a [Uuid],
    pub subject: &'a str,
    pub text: &'a str,
    /// The record the event names, which the notice opens.
    pub about: Option<(events::live::NotificationSubject, Uuid)>,
    pub step_id: Uuid,
}
