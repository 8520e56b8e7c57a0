use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// One thing that happened to a customer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineEntry {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub opportunity_id: Option<Uuid>,
    /// `note`, `customer.created`, `customer.merged`, `opportunity.created`,
    /// `opportunity.stage_changed`, … and other modules' kinds.
    pub kind: String,
    pub summary: String,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub actor_id: Option<Uuid>,
    pub occurred_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TimelinePage {
    pub items: Vec<TimelineEntry>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    pub text: String,
}

/// A new entry to write.
pub struct NewEntry<'a> {
    pub customer_id: Uuid,
    pub opportunity_id: Option<Uuid>,
    pub kind: &'a str,
    pub summary: String,
    pub data: serde_json::Value,
    pub actor_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    pub occurred_at: Option<DateTime<Utc>>,
}
