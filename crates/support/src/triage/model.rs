use chrono::{DateTime, Utc};
use events::{Intent, Priority, Sentiment, TriageEngine};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// What triage says about a message: each field with its confidence
/// (0…1), the engine that decided and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Triaged {
    /// One of the company's categories (a keyword rule's or its model's).
    pub category: Option<String>,
    pub category_confidence: Option<f64>,
    pub intent: Intent,
    pub intent_confidence: f64,
    pub priority: Priority,
    pub priority_confidence: f64,
    pub sentiment: Sentiment,
    /// −1 (very negative) … 1 (very positive).
    pub sentiment_score: f64,
    pub sentiment_confidence: f64,
    /// ISO 639-1 where there is one; none for texts too short to tell.
    pub language: Option<String>,
    /// Urgency cues found ("serviço parado", "ameaça jurídica", …).
    pub cues: Vec<String>,
    /// A keyword rule's team.
    pub team_id: Option<Uuid>,
    pub engine: TriageEngine,
    /// One line, pt-BR.
    pub reason: String,
}

/// A stored triage of one of a ticket's messages.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TicketTriage {
    pub id: Uuid,
    pub message_id: Uuid,
    /// The triage of the message that opened the ticket.
    pub initial: bool,
    #[serde(flatten)]
    pub result: Triaged,
    /// Fields an agent changed afterwards: `category`, `priority`, `team`.
    pub corrected: Vec<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewRequest {
    /// The message, up to 10,000 characters.
    pub text: String,
    #[serde(default)]
    pub subject: Option<String>,
}

/// Triage accuracy: the share of tickets (opened in the period) whose
/// triage no agent corrected.
#[derive(Debug, Serialize, ToSchema)]
pub struct TriageAccuracy {
    pub days: i32,
    pub triaged: i64,
    pub corrected: i64,
    /// `None` with nothing triaged.
    pub accuracy: Option<f64>,
    pub by_category: Vec<AccuracyRow>,
    pub by_engine: Vec<AccuracyRow>,
    /// Examples the company's own model learns from, and when it last learnt.
    pub examples: i64,
    pub model_trained_at: Option<DateTime<Utc>>,
    pub model_examples: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccuracyRow {
    /// The category (or engine) triage gave; `null` for none.
    pub key: Option<String>,
    pub triaged: i64,
    pub corrected: i64,
    pub accuracy: f64,
}

/// A company's LLM, as its admins see it (the key never leaves whole).
#[derive(Debug, Serialize, ToSchema)]
pub struct AiSettings {
    /// `null`: offline triage only.
    pub provider: Option<LlmProviderKind>,
    /// Empty: the provider's default (gpt-4o-mini, claude-3-5-haiku-latest).
    pub model: String,
    pub base_url: Option<String>,
    pub has_api_key: bool,
    /// The key's last four characters.
    pub api_key_hint: Option<String>,
    pub mask_personal_data: bool,
    pub monthly_token_budget: i32,
    pub enabled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LlmProviderKind {
    Openai,
    Anthropic,
}

impl LlmProviderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LlmProviderKind::Openai => "openai",
            LlmProviderKind::Anthropic => "anthropic",
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AiSettingsInput {
    /// `null` turns the LLM off and forgets the key.
    pub provider: Option<LlmProviderKind>,
    #[serde(default)]
    pub model: String,
    /// An OpenAI-compatible server (e.g. a local Ollama) the operator
    /// allowed in `EGRESS_ALLOW_HOSTS`.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Absent keeps the stored key; "" removes it.
    #[serde(default)]
    pub api_key: Option<String>,
    #[serde(default = "yes")]
    pub mask_personal_data: bool,
    #[serde(default = "default_budget")]
    pub monthly_token_budget: i32,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

fn default_budget() -> i32 {
    500_000
}

/// A month of LLM use.
#[derive(Debug, Serialize, ToSchema)]
pub struct AiUsage {
    /// `YYYY-MM`, UTC.
    pub month: String,
    pub triages: i64,
    /// The plan's monthly limit of LLM triages.
    pub triage_limit: i32,
    pub tokens: i64,
    pub token_budget: Option<i32>,
    pub rows: Vec<AiUsageRow>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AiUsageRow {
    /// triage, summary, reply, bot_faq.
    pub feature: String,
    pub engine: TriageEngine,
    pub model: String,
    /// ok, refused, truncated, timeout, rate_limited, invalid, error, over_limit.
    pub outcome: String,
    pub calls: i64,
    pub input_tokens: i64,
    pub output_tokens: i64,
    /// At the provider's list price, when the model is known.
    pub estimated_cost_usd: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// One of the company's canned responses (its variables still to fill).
    Canned,
    /// What an agent answered to a similar message on a resolved ticket.
    PastReply,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReplySuggestion {
    pub kind: SuggestionKind,
    pub text: String,
    pub title: Option<String>,
    pub canned_id: Option<Uuid>,
    pub shortcut: Option<String>,
    /// The resolved ticket a past reply comes from.
    pub ticket_number: Option<i64>,
    /// Likeness to the customer's message, 0…1.
    pub score: f64,
}

/// Suggestions for answering a ticket's latest customer message.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReplySuggestions {
    /// The message they answer; none when the customer wrote no text.
    pub message: Option<String>,
    /// Canned responses first, then past replies, each best first.
    pub items: Vec<ReplySuggestion>,
}

/// Who said a sentence of a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    Customer,
    Team,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryPoint {
    pub speaker: Speaker,
    pub text: String,
}

/// The conversation's own sentences that say the most (offline, nothing
/// rewritten): what the customer asked, the points it kept coming back to,
/// and the last word of each side.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfflineSummary {
    pub request: Option<String>,
    pub points: Vec<SummaryPoint>,
    pub last_customer: Option<String>,
    pub last_team: Option<String>,
    /// The same as plain lines (what a transfer note carries).
    pub text: String,
}

/// The LLM's summary, as last asked for.
#[derive(Debug, Serialize, ToSchema)]
pub struct LlmSummary {
    pub engine: TriageEngine,
    pub model: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
    /// Messages arrived or were sent since it was written.
    pub stale: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TicketSummary {
    pub offline: OfflineSummary,
    pub llm: Option<LlmSummary>,
    /// Whether the company has an LLM to ask (`POST /tickets/{id}/summary`).
    pub llm_available: bool,
    /// Customer messages and replies on the ticket.
    pub messages: i64,
}

/// What a draft reply drew on, for the agent to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GroundingKind {
    Canned,
    Invoice,
    Proposal,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Grounding {
    pub kind: GroundingKind,
    /// "FAT-0012", "PROP-0003" or the canned response's title.
    pub label: String,
}

/// A reply the company's LLM drafted; the agent edits it before sending.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReplyDraft {
    pub text: String,
    pub engine: TriageEngine,
    pub model: String,
    pub grounded_on: Vec<Grounding>,
}
