//! Tickets and messages of the omnichannel inbox.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{
    ChannelKind, DeliveryStatus, Intent, Priority, Sentiment, SlaTarget, TicketStatus, Timeline,
    TriageEngine, event,
};

event!(
    /// A first message from a customer opened a ticket (already triaged and routed).
    Support / Support TicketCreated {
        pub ticket_id: Uuid,
        pub number: i64,
        pub customer_id: Uuid,
        pub channel: ChannelKind,
        pub priority: Priority,
        pub category: Option<String>,
        pub team_id: Option<Uuid>,
        pub assignee_id: Option<Uuid>,
        /// Opened by an out-of-office or other automatic message (e-mail
        /// `Auto-Submitted`): automations never answer it.
        #[serde(default)]
        pub auto_reply: bool,
        pub timeline: Timeline,
    }
);

event!(
    /// Triage read a customer's message: the first one of a ticket (whose
    /// category, priority and team came from it), or a later one whose tone
    /// moved the ticket's sentiment.
    Support / Support TicketTriaged {
        pub ticket_id: Uuid,
        pub number: i64,
        pub message_id: Uuid,
        pub customer_id: Uuid,
        /// The message opened the ticket.
        pub initial: bool,
        /// The company's category, when a rule or its model named one.
        pub category: Option<String>,
        pub intent: Intent,
        /// How sure the engine is of the intent, 0…1.
        pub intent_confidence: f64,
        pub priority: Priority,
        pub sentiment: Sentiment,
        /// ISO 639-1 where there is one ("pt", "en", "es").
        pub language: Option<String>,
        /// Urgency cues found ("serviço parado", "ameaça jurídica", …).
        pub cues: Vec<String>,
        pub engine: TriageEngine,
        pub reason: String,
    }
);

event!(
    /// A person changed a ticket's category (triage's first choice is in
    /// `TicketCreated` and `TicketTriaged`).
    Support / Support TicketCategorized {
        pub ticket_id: Uuid,
        pub from: Option<String>,
        pub to: Option<String>,
    }
);

event!(
    /// A ticket got another assignee or team (routing, a person, a transfer).
    Support / Support TicketAssigned {
        pub ticket_id: Uuid,
        pub number: i64,
        pub assignee_id: Option<Uuid>,
        /// Absent when only the assignee changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub team_id: Option<Option<Uuid>>,
        /// The person who did it; none for routing and automations.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub by: Option<Uuid>,
    }
);

event!(
    /// A ticket's status changed (by a person, a snooze, or the customer writing again).
    Support / Support TicketStatusChanged {
        pub ticket_id: Uuid,
        pub status: TicketStatus,
    }
);

event!(
    /// A person resolved a ticket (the CSAT question goes out).
    Support / Support TicketResolved {
        pub ticket_id: Uuid,
        pub customer_id: Uuid,
        pub timeline: Timeline,
    }
);

event!(
    /// A ticket was merged into another of the same customer.
    Support / Support TicketMerged {
        pub ticket_id: Uuid,
        pub into: Uuid,
    }
);

event!(
    /// Someone was @mentioned in an internal note.
    Support / Support TicketMentioned {
        pub ticket_id: Uuid,
        pub number: i64,
        pub user_ids: Vec<Uuid>,
        /// Name of who wrote the note.
        pub by: String,
        pub preview: String,
    }
);

event!(
    /// A ticket reached 80 % of an SLA target's time without meeting it.
    Support / Support SlaWarningReached {
        pub ticket_id: Uuid,
        pub number: i64,
        pub target: SlaTarget,
        pub due: DateTime<Utc>,
        pub assignee_id: Option<Uuid>,
        pub team_id: Option<Uuid>,
    }
);

event!(
    /// A ticket missed an SLA target.
    Support / Support SlaBreached {
        pub ticket_id: Uuid,
        pub number: i64,
        pub target: SlaTarget,
        pub due: DateTime<Utc>,
        pub assignee_id: Option<Uuid>,
        pub team_id: Option<Uuid>,
    }
);

event!(
    /// A customer's message arrived on a ticket (new or existing).
    Support / Support MessageReceived {
        pub ticket_id: Uuid,
        pub message_id: Uuid,
        pub customer_id: Uuid,
        pub channel: ChannelKind,
        /// The first 140 characters of the text.
        pub preview: String,
        /// An out-of-office or other automatic message (e-mail
        /// `Auto-Submitted`): automations never answer it.
        #[serde(default)]
        pub auto_reply: bool,
    }
);

event!(
    /// An agent's reply was queued for delivery.
    Support / Support MessageQueued {
        pub ticket_id: Uuid,
        pub message_id: Uuid,
    }
);

event!(
    /// A reply of ours moved on its way: sent, delivered, read, or failed (with the provider's reason).
    Support / Support MessageStatusChanged {
        pub ticket_id: Uuid,
        pub message_id: Uuid,
        pub status: DeliveryStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reason: Option<String>,
    }
);

event!(
    /// A reply of ours could not be delivered (after the retries, or the
    /// provider said so): its author should know.
    Support / Support MessageDeliveryFailed {
        pub ticket_id: Uuid,
        pub number: i64,
        pub message_id: Uuid,
        /// The agent who wrote it; none for the bot's and automations' replies.
        pub author_id: Option<Uuid>,
        pub reason: String,
    }
);

event!(
    /// An internal note was added to a ticket.
    Support / Support NoteAdded {
        pub ticket_id: Uuid,
        pub message_id: Uuid,
    }
);

event!(
    /// The customer answered the satisfaction question (1 to 5).
    Support / Support CsatReceived {
        pub ticket_id: Uuid,
        pub score: i32,
    }
);
