use chrono::{DateTime, Utc};
pub use events::live::{NotificationKind as Kind, NotificationSubject as Subject};
use kernel::{Error, Result};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Every kind, in the order the preferences page lists them.
pub const KINDS: [Kind; 9] = [
    Kind::Mention,
    Kind::Assignment,
    Kind::Transfer,
    Kind::SlaWarning,
    Kind::SlaBreached,
    Kind::ProposalAccepted,
    Kind::PaymentReceived,
    Kind::DeliveryFailed,
    Kind::Automation,
];

pub fn kind_str(kind: Kind) -> &'static str {
    match kind {
        Kind::Mention => "mention",
        Kind::Assignment => "assignment",
        Kind::Transfer => "transfer",
        Kind::SlaWarning => "sla_warning",
        Kind::SlaBreached => "sla_breached",
        Kind::ProposalAccepted => "proposal_accepted",
        Kind::PaymentReceived => "payment_received",
        Kind::DeliveryFailed => "delivery_failed",
        Kind::Automation => "automation",
    }
}

pub fn parse_kind(s: &str) -> Result<Kind> {
    KINDS
        .into_iter()
        .find(|k| kind_str(*k) == s)
        .ok_or_else(|| Error::internal(format!("notification kind {s:?}")))
}

pub fn subject_str(subject: Subject) -> &'static str {
    match subject {
        Subject::Ticket => "ticket",
        Subject::Proposal => "proposal",
        Subject::Payment => "payment",
        Subject::Customer => "customer",
        Subject::Invoice => "invoice",
        Subject::Opportunity => "opportunity",
    }
}

pub fn parse_subject(s: &str) -> Result<Subject> {
    [
        Subject::Ticket,
        Subject::Proposal,
        Subject::Payment,
        Subject::Customer,
        Subject::Invoice,
        Subject::Opportunity,
    ]
    .into_iter()
    .find(|k| subject_str(*k) == s)
    .ok_or_else(|| Error::internal(format!("notification subject {s:?}")))
}

/// A person's choice for one kind: listed in the bell, e-mailed, shown as
/// a desktop alert while the app is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Preference {
    pub kind: Kind,
    pub in_app: bool,
    pub email: bool,
    pub desktop: bool,
}

impl Preference {
    /// What a person gets before choosing: everything in the bell, desktop
    /// alerts for what needs them now, e-mail only when someone asks for
    /// them by name or a deadline was missed.
    pub fn default_for(kind: Kind) -> Self {
        let (email, desktop) = match kind {
            Kind::Mention => (true, true),
            Kind::Assignment | Kind::Transfer => (false, true),
            Kind::SlaBreached => (true, true),
            Kind::SlaWarning => (false, true),
            Kind::ProposalAccepted => (true, true),
            Kind::PaymentReceived => (false, false),
            Kind::DeliveryFailed => (false, true),
            // The company wrote the flow to be told: by e-mail too, as before the bell.
            Kind::Automation => (true, true),
        };
        Preference { kind, in_app: true, email, desktop }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Preferences {
    /// One entry per kind, the defaults where the person chose nothing.
    pub items: Vec<Preference>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePreferencesRequest {
    /// The kinds to change; the others keep their choice.
    pub items: Vec<Preference>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Notification {
    pub id: Uuid,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    /// The record it opens; none for a scheduled flow's notice.
    pub subject_kind: Option<Subject>,
    pub subject_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub next_cursor: Option<String>,
    /// Unread notifications in all (the bell's number), whatever the page.
    pub unread: i64,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationParams {
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Only the unread ones.
    #[serde(default)]
    pub unread: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedRead {
    /// How many changed.
    pub marked: u64,
    pub unread: i64,
}
