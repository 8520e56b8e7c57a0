use chrono::{DateTime, Utc};
pub use events::{Intent, Sentiment};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

macro_rules! text_enum {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }
        impl $name {
            pub fn as_str(self) -> &'static str { match self { $(Self::$variant => $text),+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($text => Some(Self::$variant),)+ _ => None } }
        }
    };
}

pub use events::{DeliveryStatus, Priority, TicketStatus};

text_enum!(Direction { In => "in", Out => "out", Note => "note" });
text_enum!(CardKind {
    ProposalSent => "proposal_sent",
    ProposalAccepted => "proposal_accepted",
    InvoiceSent => "invoice_sent",
    InvoicePaid => "invoice_paid",
});
// Filters of the inbox list: a value outside these is a 422 naming the parameter.
text_enum!(TicketView { Mine => "mine", Unassigned => "unassigned", MyTeams => "my_teams", All => "all" });
// `open` here means every open state (open, pending, waiting_customer); `any` drops the filter.
text_enum!(TicketStatusFilter { Open => "open", Pending => "pending", WaitingCustomer => "waiting_customer", Resolved => "resolved", Closed => "closed", Any => "any" });
text_enum!(SlaFilter { Warning => "warning", Breached => "breached" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SlaStatus {
    /// No target (resolved before one applied, or no policy).
    None,
    Ok,
    Warning,
    Breached,
    /// Targets met.
    Met,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Ticket {
    pub id: Uuid,
    pub number: i64,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub category: Option<String>,
    /// What the first message asked for, as triage read it.
    pub intent: Option<Intent>,
    /// The tone of the latest triaged customer message.
    pub sentiment: Option<Sentiment>,
    pub channel_id: Uuid,
    /// webchat, email, whatsapp, twilio_sms, twilio_whatsapp.
    pub channel_kind: String,
    pub channel_name: String,
    pub customer_id: Uuid,
    pub customer_name: String,
    /// Phone, e-mail or web-chat visitor of the customer on this channel.
    pub contact_address: String,
    /// False when the customer is only who a web-chat visitor said they
    /// were ("não verificado"), until an agent links the right customer.
    pub contact_verified: bool,
    /// The e-mail a web-chat visitor typed (unverified).
    pub declared_email: Option<String>,
    pub team_id: Option<Uuid>,
    pub team_name: Option<String>,
    pub queue_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    pub tags: Vec<String>,
    pub first_response_due: Option<DateTime<Utc>>,
    pub resolution_due: Option<DateTime<Utc>>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub sla_status: SlaStatus,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub merged_into: Option<Uuid>,
    pub csat_score: Option<i32>,
    pub unread: i32,
    pub last_message_at: DateTime<Utc>,
    pub last_inbound_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TicketPage {
    pub items: Vec<Ticket>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TicketFilter {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Subject, customer name or number ("1042", "#1042").
    pub q: Option<String>,
    /// Default `all`.
    pub view: Option<TicketView>,
    /// Default `open` (open, pending and waiting_customer).
    pub status: Option<TicketStatusFilter>,
    pub channel_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub tag: Option<String>,
    pub sla: Option<SlaFilter>,
    /// The intent triage read in the first message.
    pub intent: Option<Intent>,
    /// The tone of the latest triaged message; `negative` and `positive`
    /// include their "very" level.
    pub sentiment: Option<Sentiment>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ViewCounts {
    pub mine: i64,
    pub unassigned: i64,
    pub my_teams: i64,
    pub all: i64,
    /// Open tickets with unread customer messages.
    pub unread: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttachmentInfo {
    pub id: Uuid,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Download (authenticated).
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Message {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub direction: Direction,
    pub author_id: Option<Uuid>,
    pub author_name: String,
    pub text: String,
    /// Sanitised HTML (e-mail).
    pub html: Option<String>,
    /// Media, location, contacts, interactive reply, refused attachments…
    #[schema(value_type = Object)]
    pub extra: serde_json::Value,
    pub attachments: Vec<AttachmentInfo>,
    pub delivery_status: Option<DeliveryStatus>,
    pub failure_reason: Option<String>,
    pub send_at: Option<DateTime<Utc>>,
    pub mentions: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
    /// A record of another module shown as a card in the thread.
    pub card: Option<MessageCard>,
}

/// A sale's step shown in the conversation: a proposal or an invoice sent
/// into the chat, the customer's acceptance, the payment.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MessageCard {
    pub kind: CardKind,
    /// The proposal or the invoice.
    pub record_id: Uuid,
    /// "PROP-0007", "FAT-0012".
    pub label: String,
    pub title: String,
    /// The proposal's total; what the invoice asks today; what was paid.
    pub amount_cents: i64,
    /// The customer's page (on the cards of what was sent).
    pub url: Option<String>,
}

/// "Enviar no chat": a proposal of the ticket's customer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalInChatRequest {
    pub proposal_id: Uuid,
}

/// "Enviar no chat": an open invoice of the ticket's customer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvoiceInChatRequest {
    pub invoice_id: Uuid,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessagePage {
    /// Newest first.
    pub items: Vec<Message>,
    /// Older messages.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MessageFilter {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// An approved WhatsApp template (required outside the 24-hour window).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct TemplateRef {
    pub name: String,
    /// e.g. "pt_BR".
    pub language: String,
    #[serde(default)]
    pub params: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyRequest {
    #[serde(default)]
    pub text: String,
    /// An internal note (never sent to the customer).
    #[serde(default)]
    pub note: bool,
    /// Users mentioned in a note (they are notified).
    #[serde(default)]
    pub mentions: Vec<Uuid>,
    /// Send later.
    pub send_at: Option<DateTime<Utc>>,
    pub template: Option<TemplateRef>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTicketRequest {
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    pub subject: Option<String>,
    pub category: Option<String>,
    pub tags: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    /// Who takes it (null = nobody: back to the queue).
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub assignee_id: Option<Option<Uuid>>,
    pub team_id: Option<Uuid>,
    pub queue_id: Option<Uuid>,
    /// Why (kept as an internal note).
    pub note: Option<String>,
    /// Adds the conversation's summary to the note (the LLM's while it is
    /// current, else the offline one), for whoever takes the ticket.
    #[serde(default)]
    pub include_summary: bool,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SnoozeRequest {
    pub until: DateTime<Utc>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkCustomerRequest {
    /// The existing customer this ticket's contact really is.
    pub customer_id: Uuid,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketMergeRequest {
    /// The ticket that stays; this one is closed into it.
    pub into_ticket_id: Uuid,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Activity {
    pub id: Uuid,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub kind: String,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub created_at: DateTime<Utc>,
}
