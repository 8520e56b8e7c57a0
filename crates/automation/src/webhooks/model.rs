//! Webhook endpoints and deliveries as the API shows them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// The catalogue's `EventKind` union, so the generated types name kinds.
fn event_kinds() -> RefOr<Schema> {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(RefOr::Ref(utoipa::openapi::Ref::from_schema_name("EventKind")))
        .build()
        .into()
}

/// A company's endpoint: where and which events ConectCRM POSTs, signed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookEndpoint {
    pub id: Uuid,
    pub url: String,
    pub description: String,
    /// The event kinds it receives (a test ping goes to every endpoint).
    #[schema(schema_with = event_kinds)]
    pub event_kinds: Vec<String>,
    /// Switched off by an admin or after persistent failure; nothing is
    /// sent while off.
    pub enabled: bool,
    /// Why it was switched off.
    pub disabled_reason: Option<String>,
    pub disabled_at: Option<DateTime<Utc>>,
    /// Deliveries in a row that exhausted their retries.
    pub consecutive_failures: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An endpoint with its signing secret: answered only when the secret is
/// new (creation, rotation), never again.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookEndpointWithSecret {
    pub endpoint: WebhookEndpoint,
    /// Key of `X-ConectCRM-Signature` (64 hex characters). Copy it now: it
    /// is not shown again.
    pub secret: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookRequest {
    /// `https://…` (or `http://` to a host the operator allows).
    pub url: String,
    #[serde(default)]
    pub description: String,
    #[schema(schema_with = event_kinds)]
    pub event_kinds: Vec<String>,
}

/// Only the fields sent change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhookRequest {
    pub url: Option<String>,
    pub description: Option<String>,
    #[schema(schema_with = event_kinds)]
    pub event_kinds: Option<Vec<String>>,
    /// `false` switches it off by hand; `true` is the same as `/enable`.
    pub enabled: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WebhookDeliveryStatus {
    /// Waiting for its first attempt or for a retry (`next_attempt_at`).
    Pending,
    Succeeded,
    /// Every attempt failed (or the endpoint was switched off meanwhile);
    /// may be replayed.
    Failed,
}

impl WebhookDeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookDeliveryStatus::Pending => "pending",
            WebhookDeliveryStatus::Succeeded => "succeeded",
            WebhookDeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "succeeded" => WebhookDeliveryStatus::Succeeded,
            "failed" => WebhookDeliveryStatus::Failed,
            _ => WebhookDeliveryStatus::Pending,
        }
    }
}

/// One event (or test ping) for one endpoint, as the log shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookDelivery {
    /// Also sent as `X-ConectCRM-Delivery`: the same on every retry and replay.
    pub id: Uuid,
    pub endpoint_id: Uuid,
    pub event_id: Uuid,
    /// An event kind, or `ping` for a test.
    pub event_kind: String,
    pub status: WebhookDeliveryStatus,
    /// Attempts of the current round (a replay starts a new one).
    pub attempts: i32,
    /// The last answer's HTTP status; absent when nothing answered.
    pub response_status: Option<i32>,
    /// Why the last attempt failed (never the endpoint's body).
    pub error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookDeliveryPage {
    pub items: Vec<WebhookDelivery>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryParams {
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Only deliveries with this status.
    pub status: Option<WebhookDeliveryStatus>,
}
