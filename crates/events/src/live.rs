//! Live signals: what Socket.IO carries besides domain events — who is
//! online, viewing or typing, and a web-chat visitor's messages. They are
//! not stored and trigger nothing; they are typed here so the server and
//! the web share one definition. Their names are the wire names the web
//! app and the widget listen to.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::Audience;

pub trait Signal: Serialize + ToSchema + Send + Sync {
    const NAME: &'static str;
    /// For signals sent to the whole company, who may receive them.
    const AUDIENCE: Audience;
}

macro_rules! signal {
    ($(#[$meta:meta])* $wire:literal / $audience:ident $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
        pub struct $name { $($body)* }
        impl Signal for $name {
            const NAME: &'static str = $wire;
            const AUDIENCE: Audience = Audience::$audience;
        }
    };
}

/// An agent's availability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PresenceStatus {
    Online,
    Away,
    Offline,
}

impl PresenceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::Away => "away",
            Self::Offline => "offline",
        }
    }
}

signal!(
    /// An agent went online, away or offline.
    "presence" / Support PresenceChanged { pub user_id: Uuid, pub status: PresenceStatus }
);

signal!(
    /// A web-chat visitor is typing (`contact_address` = `visitor:<id>`).
    "visitor_typing" / Support VisitorTyping { pub contact_address: String }
);

signal!(
    /// Someone opened the ticket whose room this socket is in.
    "viewing" / Support Viewing { pub room: String, pub user_id: Uuid, pub name: String }
);

signal!(
    /// Someone closed the ticket whose room this socket is in.
    "left" / Support Left { pub room: String, pub user_id: Uuid }
);

signal!(
    /// An agent is typing in a ticket.
    "typing" / Support AgentTyping { pub ticket_id: Uuid, pub user_id: Uuid, pub name: String }
);

signal!(
    /// To a web-chat visitor: an agent is typing.
    "typing" / Support TypingToVisitor {}
);

signal!(
    /// To a web-chat visitor: an agent's reply.
    "message" / Support MessageToVisitor {
        pub id: Uuid,
        pub direction: String,
        pub text: String,
        pub author_name: String,
        pub created_at: DateTime<Utc>,
    }
);

signal!(
    /// The dashboard's rollups of these sections (`support`, `sales`,
    /// `finance`) changed: a dashboard on screen reads them again. Carries
    /// no number, so it goes to everyone; each reader's API call applies
    /// its role.
    "dashboard_changed" / Everyone DashboardChanged { pub sections: Vec<String> }
);

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    Mention,
    Assignment,
    Transfer,
    SlaWarning,
    SlaBreached,
    ProposalAccepted,
    PaymentReceived,
    DeliveryFailed,
    /// A flow's "Notificar equipe".
    Automation,
}

/// The record a notification opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationSubject {
    Ticket,
    Proposal,
    Payment,
    Customer,
    Invoice,
    Opportunity,
}

signal!(
    /// To one person (their user room): something concerns them. `id` is
    /// the stored notification (none when they keep only desktop alerts of
    /// this kind); `desktop` says whether they asked for a desktop alert;
    /// the subject is the record it opens (none: a scheduled flow's notice).
    "notification" / Internal NotificationPushed {
        pub id: Option<Uuid>,
        pub kind: NotificationKind,
        pub title: String,
        pub body: String,
        pub subject_kind: Option<NotificationSubject>,
        pub subject_id: Option<Uuid>,
        pub desktop: bool,
        pub created_at: DateTime<Utc>,
    }
);

pub(crate) fn schemas(all: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>) {
    fn add<S: ToSchema>(all: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>) {
        all.push((S::name().into_owned(), <S as utoipa::PartialSchema>::schema()));
        S::schemas(all);
    }
    add::<PresenceChanged>(all);
    add::<VisitorTyping>(all);
    add::<Viewing>(all);
    add::<Left>(all);
    add::<AgentTyping>(all);
    add::<DashboardChanged>(all);
    add::<NotificationPushed>(all);
}
