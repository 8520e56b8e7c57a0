//! The domain-event catalogue: the one place where the domains' links are
//! written down as types. A producer emits one of these structs
//! (`TenantTx::emit(&CustomerCreated { .. })`) and a consumer subscribes to
//! the same type (`registry.on::<ContractSigned, _, _>(..)`), so a renamed
//! field or kind breaks the build instead of silently stopping billing.
//!
//! Every event is past tense and PascalCase; its `KIND` is its type name.
//! A payload that changes incompatibly gets a new `VERSION`; consumers
//! refuse versions they were not written for (see `kernel::outbox`).
//! `docs/EVENTS.md` is generated from this catalogue (`conectcrm events`).

mod accounts;
mod automation;
mod crm;
mod finance;
pub mod live;
mod support;
mod vocabulary;

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub use accounts::*;
pub use automation::*;
pub use crm::*;
pub use finance::*;
pub use support::*;
pub use vocabulary::*;

/// The domain (crate) that emits an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    Accounts,
    Crm,
    Support,
    Finance,
    Automation,
}

impl Domain {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accounts => "accounts",
            Self::Crm => "crm",
            Self::Support => "support",
            Self::Finance => "finance",
            Self::Automation => "automation",
        }
    }
}

/// Who of the company may receive an event live (Socket.IO): everyone, or
/// the people whose role works in one area. A salesperson never receives a
/// message preview or an invoice link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Everyone,
    Support,
    Crm,
    Finance,
    Admin,
    /// Nobody: bookkeeping of the product itself (a flow's fan-out over
    /// thousands of records), delivered to subscribers but never pushed live.
    Internal,
}

/// A domain event: the payload of one outbox row.
pub trait Event: Serialize + DeserializeOwned + ToSchema + Send + Sync + 'static {
    /// Stable name stored with the event and used as the Socket.IO event name.
    const KIND: &'static str;
    /// Bumped on an incompatible change of the payload.
    const VERSION: i16 = 1;
    const DOMAIN: Domain;
    const AUDIENCE: Audience;
}

/// What an event puts on a customer's timeline: the CRM turns it into one
/// entry (keyed by the event id) without importing the emitting module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Timeline {
    pub customer_id: Uuid,
    /// One pt-BR line, e.g. "Fatura FAT-0003 paga (R$ 150,00)".
    pub summary: String,
    #[serde(default)]
    pub links: TimelineLinks,
}

/// The records a timeline entry links to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TimelineLinks {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<Uuid>,
}

/// An event as a subscriber receives it.
#[derive(Debug, Clone)]
pub struct Envelope<E> {
    pub event_id: Uuid,
    pub tenant_id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub event: E,
}

/// One row of the catalogue.
#[derive(Clone)]
pub struct EventInfo {
    pub kind: &'static str,
    pub version: i16,
    pub domain: Domain,
    pub audience: Audience,
    /// Whether the payload has a `timeline` field (the CRM timeline takes it).
    pub has_timeline: bool,
    pub schema: utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
    pub schema_name: Cow<'static, str>,
}

impl EventInfo {
    fn of<E: Event>() -> Self {
        let schema = <E as utoipa::PartialSchema>::schema();
        let has_timeline = match &schema {
            utoipa::openapi::RefOr::T(utoipa::openapi::schema::Schema::Object(o)) => {
                o.properties.contains_key("timeline")
            }
            _ => false,
        };
        Self {
            kind: E::KIND,
            version: E::VERSION,
            domain: E::DOMAIN,
            audience: E::AUDIENCE,
            has_timeline,
            schema,
            schema_name: E::name(),
        }
    }
}

/// Declares an event struct and its catalogue entry in one place.
macro_rules! event {
    ($(#[$meta:meta])* $domain:ident / $audience:ident $(v $version:literal)? $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        pub struct $name { $($body)* }
        impl $crate::Event for $name {
            const KIND: &'static str = stringify!($name);
            $(const VERSION: i16 = $version;)?
            const DOMAIN: $crate::Domain = $crate::Domain::$domain;
            const AUDIENCE: $crate::Audience = $crate::Audience::$audience;
        }
    };
}
pub(crate) use event;

macro_rules! catalogue {
    ($($name:ident),* $(,)?) => {
        /// Every domain event, in documentation order. Built once: the
        /// dispatcher and the live fan-out read it for every event.
        pub fn catalogue() -> &'static [EventInfo] {
            static CATALOGUE: std::sync::LazyLock<Vec<EventInfo>> =
                std::sync::LazyLock::new(|| vec![$(EventInfo::of::<$name>()),*]);
            &CATALOGUE
        }

        /// Reads a stored payload as the type of its kind: `None` for a kind
        /// the catalogue does not know (tests check every emitted event).
        pub fn parse_payload(kind: &str, payload: serde_json::Value) -> Option<Result<(), serde_json::Error>> {
            match kind {
                $(stringify!($name) => Some(serde_json::from_value::<$name>(payload).map(drop)),)*
                _ => None,
            }
        }

        /// Adds every event (and the types they use) to an OpenAPI document's components.
        pub fn add_schemas(components: &mut utoipa::openapi::Components) {
            let mut all = Vec::new();
            $(
                all.push((<$name as utoipa::ToSchema>::name().into_owned(), <$name as utoipa::PartialSchema>::schema()));
                <$name as utoipa::ToSchema>::schemas(&mut all);
            )*
            live::schemas(&mut all);
            let kinds = utoipa::openapi::schema::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String)
                .enum_values(Some([$(stringify!($name)),*]))
                .description(Some("The kind of every domain event: its Socket.IO event name and the name of its schema."))
                .build();
            all.push(("EventKind".to_string(), kinds.into()));
            for (name, schema) in all {
                components.schemas.entry(name).or_insert(schema);
            }
        }
    };
}

catalogue![
    CompanyCreated,
    CompanyUpdated,
    UserInvited,
    UserJoined,
    UserUpdated,
    UserDeactivated,
    CustomerCreated,
    CustomerUpdated,
    CustomerMerged,
    CustomerDeleted,
    CustomersImported,
    ContactAdded,
    OpportunityCreated,
    OpportunityUpdated,
    OpportunityMoved,
    OpportunityStageChanged,
    OpportunityWon,
    OpportunityLost,
    OpportunityDeleted,
    ProposalCreated,
    ProposalUpdated,
    ProposalSent,
    ProposalViewed,
    ProposalAccepted,
    ProposalRejected,
    ProposalExpired,
    ContractUpdated,
    ContractSigned,
    ContractStatusChanged,
    ContractCancelled,
    TicketCreated,
    TicketTriaged,
    TicketCategorized,
    TicketAssigned,
    TicketStatusChanged,
    TicketResolved,
    TicketMerged,
    TicketMentioned,
    SlaWarningReached,
    SlaBreached,
    MessageReceived,
    MessageQueued,
    MessageStatusChanged,
    MessageDeliveryFailed,
    NoteAdded,
    CsatReceived,
    InvoiceIssued,
    InvoiceSent,
    InvoiceReminderDue,
    InvoiceOverdue,
    InvoicePaid,
    InvoiceCancelled,
    PaymentReceived,
    PaymentNeedsReview,
    PaymentFailed,
    PaymentRefunded,
    SubscriptionStarted,
    SubscriptionChanged,
    SubscriptionPaused,
    SubscriptionResumed,
    SubscriptionCancelled,
    FlowRunRequested,
    FlowScheduleFired,
    FlowInvoiceDue,
    FlowPaused,
];

/// The catalogue row of a stored kind; `None` for a kind no version of the
/// product emits (an old row, a typo in a test).
pub fn info(kind: &str) -> Option<&'static EventInfo> {
    catalogue().iter().find(|e| e.kind == kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_unique_and_past_tense_pascal_case() {
        let all = catalogue();
        let mut kinds: Vec<_> = all.iter().map(|e| e.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), all.len(), "a kind appears twice");
        for e in all {
            assert!(e.kind.chars().next().is_some_and(|c| c.is_ascii_uppercase()), "{}", e.kind);
            assert!(!e.kind.contains(['.', '_']), "{}", e.kind);
        }
    }

    #[test]
    fn events_with_a_customer_timeline_are_marked() {
        assert!(info("InvoicePaid").is_some_and(|e| e.has_timeline));
        assert!(info("CustomerUpdated").is_some_and(|e| !e.has_timeline));
        assert!(info("customer.created").is_none());
    }

    #[test]
    fn a_payload_round_trips_through_its_type() {
        let e = TicketStatusChanged { ticket_id: Uuid::nil(), status: TicketStatus::WaitingCustomer };
        let json = serde_json::to_value(&e).expect("serialises");
        assert_eq!(json["status"], "waiting_customer");
        assert_eq!(serde_json::from_value::<TicketStatusChanged>(json).expect("parses"), e);
    }
}
