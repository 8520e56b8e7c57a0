//! A flow's definition as the API and the database carry it, and what a
//! run or a dry run reports.

use chrono::{DateTime, Utc};
use events::{Priority, TicketStatus};
use serde::{Deserialize, Serialize};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, ToSchema};

pub use crate::ports::InvoiceVia;
use uuid::Uuid;

/// The trigger is one of the catalogue's kinds: the OpenAPI document says
/// so with the catalogue's `EventKind` union.
fn event_kind() -> RefOr<Schema> {
    RefOr::Ref(utoipa::openapi::Ref::from_schema_name("EventKind"))
}

/// A condition: a group whose members must all hold, a group of which one
/// must hold, or a comparison of one field of the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Condition {
    All(AllOf),
    Any(AnyOf),
    Leaf(Leaf),
}

impl Default for Condition {
    fn default() -> Self {
        Condition::All(AllOf { all: vec![] })
    }
}

/// Holds when every member holds (an empty group always holds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllOf {
    #[schema(no_recursion)]
    pub all: Vec<Condition>,
}

/// Holds when at least one member holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnyOf {
    #[schema(no_recursion)]
    pub any: Vec<Condition>,
}

/// `field op value` over the event's payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Leaf {
    /// A dotted path into the event, e.g. `priority` or `timeline.customer_id`.
    pub field: String,
    pub op: Op,
    /// Text, number or boolean; a list for `in`; a number of days for
    /// `within_next_days`/`more_than_days_ago`; absent for `is_empty`/`is_not_empty`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Equals,
    NotEquals,
    Contains,
    StartsWith,
    In,
    GreaterThan,
    LessThan,
    /// A date from (about) now to N days ahead: "vence nos próximos 3 dias".
    WithinNextDays,
    /// A date more than N days in the past: "aberto há mais de 7 dias".
    MoreThanDaysAgo,
    IsEmpty,
    IsNotEmpty,
}

impl Op {
    /// Every operator, in the order the editor lists them.
    pub const ALL: [Op; 11] = [
        Op::Equals,
        Op::NotEquals,
        Op::Contains,
        Op::StartsWith,
        Op::In,
        Op::GreaterThan,
        Op::LessThan,
        Op::WithinNextDays,
        Op::MoreThanDaysAgo,
        Op::IsEmpty,
        Op::IsNotEmpty,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Op::Equals => "equals",
            Op::NotEquals => "not_equals",
            Op::Contains => "contains",
            Op::StartsWith => "starts_with",
            Op::In => "in",
            Op::GreaterThan => "greater_than",
            Op::LessThan => "less_than",
            Op::WithinNextDays => "within_next_days",
            Op::MoreThanDaysAgo => "more_than_days_ago",
            Op::IsEmpty => "is_empty",
            Op::IsNotEmpty => "is_not_empty",
        }
    }
}

/// One step after the conditions, run in order; the first that fails stops
/// the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// An internal note on the event's ticket; `{{campo}}` takes a value of
    /// the event (`{{number}}` or `{{ticket.number}}`). A missing value
    /// fails the step: nothing is written with a hole in it.
    AddNote {
        text: String,
    },
    SetPriority {
        priority: Priority,
    },
    SetStatus {
        status: TicketStatus,
    },
    AddTags {
        tags: Vec<String>,
    },
    /// Hands the ticket to a team (its first queue) and/or a person.
    Assign {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<Uuid>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        user_id: Option<Uuid>,
    },
    /// A message to the customer through the ticket's channel. On WhatsApp,
    /// more than 24 hours after the customer's last message only an
    /// approved template may go: `template` is sent then (and the step
    /// fails, sending nothing, if there is none) — never a text the
    /// provider would refuse.
    Reply {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        template: Option<WhatsappTemplate>,
    },
    /// An e-mail to people of the company (active users), with variables.
    Notify {
        user_ids: Vec<Uuid>,
        subject: String,
        text: String,
    },
    /// Holds the run (a delayed job: survives restarts); after it the
    /// conditions are checked again on the ticket as it is then, and the
    /// run is cancelled if they no longer hold or the flow changed.
    Wait {
        amount: u32,
        unit: WaitUnit,
    },
    /// An e-mail to the event's customer (its first address), with
    /// variables; sent once per run and step.
    EmailCustomer {
        subject: String,
        text: String,
    },
    /// Sends the event's invoice (open, as due today) to its customer.
    SendInvoice {
        via: InvoiceVia,
    },
    /// Opens a deal for the event's customer in a pipeline (its first open
    /// stage unless `stage_id`); from a ticket's event the deal remembers
    /// the conversation.
    CreateOpportunity {
        pipeline_id: Uuid,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stage_id: Option<Uuid>,
        title: String,
        #[serde(default)]
        value_cents: i64,
        /// Defaults to nobody (the deal shows unassigned).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner_id: Option<Uuid>,
    },
    /// Moves the event's deal to a stage of its pipeline.
    MoveOpportunity {
        stage_id: Uuid,
    },
    /// Sets one custom field of the event's customer (checked against the
    /// field's type when it runs).
    SetCustomField {
        key: String,
        value: serde_json::Value,
    },
    /// Holds the run until the company's business hours start (goes on at
    /// once while it is open), then checks the conditions again as `wait`.
    WaitBusinessHours {},
    /// Holds the run until the next `time` ("09:00") in the company's
    /// timezone — on a weekday (Monday to Friday) when `weekdays` — then
    /// checks the conditions again as `wait`.
    WaitUntil {
        time: String,
        #[serde(default)]
        weekdays: bool,
    },
    /// POSTs the event as JSON, signed `X-ConectCRM-Signature: t=<unix>,v1=<hex
    /// HMAC-SHA256 of "<t>.<body>" with the flow's secret>`.
    /// `X-ConectCRM-Delivery` carries the run id (an idempotency key).
    Webhook {
        url: String,
    },
}

/// What an action acts on: the event must name it (a ticket's events name
/// its customer through the ticket).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Ticket,
    Customer,
    Invoice,
    Opportunity,
}

impl Subject {
    /// "um ticket", for "O evento X não se refere a um ticket."
    pub fn name(self) -> &'static str {
        match self {
            Subject::Ticket => "um ticket",
            Subject::Customer => "um cliente",
            Subject::Invoice => "uma fatura",
            Subject::Opportunity => "uma oportunidade",
        }
    }
}

/// An approved WhatsApp message template; `params` fill its `{{1}}`,
/// `{{2}}`… and may use the flow's variables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WhatsappTemplate {
    pub name: String,
    /// e.g. `pt_BR`.
    pub language: String,
    #[serde(default)]
    pub params: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WaitUnit {
    Minutes,
    Hours,
    Days,
}

impl WaitUnit {
    pub fn minutes(self) -> i64 {
        match self {
            WaitUnit::Minutes => 1,
            WaitUnit::Hours => 60,
            WaitUnit::Days => 24 * 60,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            WaitUnit::Minutes => "minuto(s)",
            WaitUnit::Hours => "hora(s)",
            WaitUnit::Days => "dia(s)",
        }
    }
}

impl Action {
    pub fn label(&self) -> &'static str {
        match self {
            Action::AddNote { .. } => "add_note",
            Action::SetPriority { .. } => "set_priority",
            Action::SetStatus { .. } => "set_status",
            Action::AddTags { .. } => "add_tags",
            Action::Assign { .. } => "assign",
            Action::Reply { .. } => "reply",
            Action::Notify { .. } => "notify",
            Action::Wait { .. } => "wait",
            Action::Webhook { .. } => "webhook",
            Action::EmailCustomer { .. } => "email_customer",
            Action::SendInvoice { .. } => "send_invoice",
            Action::CreateOpportunity { .. } => "create_opportunity",
            Action::MoveOpportunity { .. } => "move_opportunity",
            Action::SetCustomField { .. } => "set_custom_field",
            Action::WaitBusinessHours {} => "wait_business_hours",
            Action::WaitUntil { .. } => "wait_until",
        }
    }

    /// What the step acts on, which the trigger's events must name.
    pub fn subject(&self) -> Option<Subject> {
        match self {
            Action::Webhook { .. }
            | Action::Notify { .. }
            | Action::Wait { .. }
            | Action::WaitBusinessHours {}
            | Action::WaitUntil { .. } => None,
            Action::EmailCustomer { .. }
            | Action::CreateOpportunity { .. }
            | Action::SetCustomField { .. } => Some(Subject::Customer),
            Action::SendInvoice { .. } => Some(Subject::Invoice),
            Action::MoveOpportunity { .. } => Some(Subject::Opportunity),
            Action::AddNote { .. }
            | Action::SetPriority { .. }
            | Action::SetStatus { .. }
            | Action::AddTags { .. }
            | Action::Assign { .. }
            | Action::Reply { .. } => Some(Subject::Ticket),
        }
    }

    /// Whether the step holds the run (a delayed job).
    pub fn is_wait(&self) -> bool {
        matches!(self, Action::Wait { .. } | Action::WaitBusinessHours {} | Action::WaitUntil { .. })
    }

    /// Texts a customer or a person reads: filled with variables.
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        match self {
            Action::AddNote { text } => vec![("text", text)],
            Action::Reply { text, template } => {
                let mut out = vec![("text", text.as_str())];
                if let Some(t) = template {
                    out.extend(t.params.iter().map(|p| ("template.params", p.as_str())));
                }
                out
            }
            Action::Notify { subject, text, .. } | Action::EmailCustomer { subject, text } => {
                vec![("subject", subject), ("text", text)]
            }
            Action::CreateOpportunity { title, .. } => vec![("title", title)],
            Action::SetCustomField { value: serde_json::Value::String(v), .. } => vec![("value", v)],
            _ => vec![],
        }
    }
}

/// What a flow is: the part that is versioned and dry-run.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    #[schema(schema_with = event_kind)]
    pub trigger_kind: String,
    /// For `FlowScheduleFired`: when, as cron `minute hour day month
    /// weekday` in the company's timezone (weekdays by name), e.g.
    /// `0 9 * * Mon-Fri`; at least 15 minutes apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    #[serde(default)]
    pub conditions: Condition,
    pub actions: Vec<Action>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveFlowRequest {
    pub name: String,
    #[schema(schema_with = event_kind)]
    pub trigger_kind: String,
    /// See [`Definition::schedule`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    #[serde(default)]
    pub conditions: Condition,
    pub actions: Vec<Action>,
}

impl SaveFlowRequest {
    pub fn definition(&self) -> Definition {
        Definition {
            trigger_kind: self.trigger_kind.clone(),
            schedule: self.schedule.clone(),
            conditions: self.conditions.clone(),
            actions: self.actions.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FlowStatus {
    /// Never published: edits change it in place.
    Draft,
    Active,
    Paused,
    /// Retired: runs no more, kept with its history; activate brings it back.
    Archived,
}

impl FlowStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FlowStatus::Draft => "draft",
            FlowStatus::Active => "active",
            FlowStatus::Paused => "paused",
            FlowStatus::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => FlowStatus::Draft,
            "active" => FlowStatus::Active,
            "paused" => FlowStatus::Paused,
            "archived" => FlowStatus::Archived,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Flow {
    pub id: Uuid,
    pub name: String,
    #[schema(schema_with = event_kind)]
    pub trigger_kind: String,
    pub schedule: Option<String>,
    pub conditions: Condition,
    pub actions: Vec<Action>,
    pub status: FlowStatus,
    /// The published definition's version (1 until first published and
    /// changed); runs name the one they used.
    pub version: i32,
    /// Edits of a published flow, not live until published
    /// (`POST …/publish`) or thrown away (`…/discard-draft`).
    pub draft: Option<Definition>,
    /// Why it paused itself (repeated failures), if it did.
    pub paused_reason: Option<String>,
    /// Key of the webhook signatures (`X-ConectCRM-Signature`).
    pub webhook_secret: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Claimed, actions under way (left so if the worker died: the event is
    /// not run again).
    Running,
    /// Held by a `wait` step until `resume_at`.
    Waiting,
    Succeeded,
    Failed,
    /// Conditions did not hold, or loop protection stopped it (see `error`).
    Skipped,
    /// After a wait, the flow had changed or the conditions no longer held.
    Cancelled,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Waiting => "waiting",
            RunStatus::Cancelled => "cancelled",
            RunStatus::Succeeded => "succeeded",
            RunStatus::Failed => "failed",
            RunStatus::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "running" => RunStatus::Running,
            "waiting" => RunStatus::Waiting,
            "cancelled" => RunStatus::Cancelled,
            "succeeded" => RunStatus::Succeeded,
            "failed" => RunStatus::Failed,
            _ => RunStatus::Skipped,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepOutcome {
    /// A condition that held.
    Held,
    /// A condition that did not hold.
    NotHeld,
    Succeeded,
    Failed,
    /// Dry run: the action would run.
    WouldRun,
    /// A wait under way.
    Waiting,
    /// Not run: the conditions did not hold or an earlier step failed.
    NotRun,
}

/// One condition's or action's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Step {
    /// Where it is in the definition: `conditions.all[0]`, `actions[1]`.
    pub step: String,
    /// `priority equals "urgent"`, `add_note`, …
    pub label: String,
    pub outcome: StepOutcome,
    /// The error, or what the action did or would do (the note's text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Run {
    pub id: Uuid,
    pub flow_id: Uuid,
    pub flow_version: i32,
    pub event_id: Uuid,
    #[schema(schema_with = event_kind)]
    pub event_kind: String,
    /// The deal, else the ticket, else the customer the event is about.
    pub record_id: Option<Uuid>,
    pub status: RunStatus,
    pub steps: Vec<Step>,
    pub error: Option<String>,
    /// How many automation runs deep the triggering event was caused (0: by a person or a provider).
    pub depth: i16,
    /// When a waiting run goes on.
    pub resume_at: Option<DateTime<Utc>>,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunPage {
    pub items: Vec<Run>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunParams {
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Only runs in this state.
    pub status: Option<RunStatus>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecordRunParams {
    /// The deal, ticket or customer whose history to read (required).
    pub record_id: Option<Uuid>,
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A published version of a flow.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlowVersion {
    pub version: i32,
    pub definition: Definition,
    pub published_by: Option<Uuid>,
    pub published_at: DateTime<Utc>,
    /// The one that runs now (the others are archived).
    pub current: bool,
}

/// Runs a flow with a `Manual` trigger on one ticket.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManualRunRequest {
    pub ticket_id: Uuid,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DryRunRequest {
    pub definition: Definition,
    /// How many of the company's latest events of the trigger's kind (1–50, default 10).
    pub limit: Option<i64>,
}

/// What the flow would have done with one stored event.
#[derive(Debug, Serialize, ToSchema)]
pub struct DryRunEvent {
    pub event_id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub record_id: Option<Uuid>,
    /// Whether the conditions held (then the actions would run).
    pub matched: bool,
    pub steps: Vec<Step>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DryRunResult {
    pub events: Vec<DryRunEvent>,
}

/// A field of a trigger's events, with the operators that suit its type.
#[derive(Debug, Serialize, ToSchema)]
pub struct TriggerField {
    /// Dotted path, e.g. `timeline.customer_id`.
    pub path: String,
    /// text, number, boolean, date, list or object.
    pub r#type: String,
    pub ops: Vec<Op>,
}

/// An event kind a flow may start from, and what its conditions may read.
#[derive(Debug, Serialize, ToSchema)]
pub struct Trigger {
    #[schema(schema_with = event_kind)]
    pub kind: String,
    /// Whether its events name a ticket (ticket actions need one).
    pub has_ticket: bool,
    /// …a customer (customer actions, `customer.*`).
    pub has_customer: bool,
    /// …an invoice (`send_invoice`, `invoice.*`).
    pub has_invoice: bool,
    /// …a deal (`move_opportunity`).
    pub has_opportunity: bool,
    pub fields: Vec<TriggerField>,
}
