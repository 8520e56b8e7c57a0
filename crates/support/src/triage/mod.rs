//! Triage (step 3 of the flow): what an inbound message is about, how
//! urgent, its tone, and which team takes it. [`Triage`] is the hook;
//! [`engine::OfflineTriage`] runs the company's keyword rules first
//! (confidence 1.0), then the `ai` crate's offline models — the company's
//! own, trained from its agents' corrections ([`feedback`]), and the
//! built-in pt-BR one. Every triage is stored with its confidence per
//! field, engine and reason, and announced as `TicketTriaged`.

pub mod assist;
pub mod draft;
pub mod engine;
pub mod feedback;
pub mod http;
pub mod keywords;
pub mod llm;
pub mod model;
pub mod repo;
pub mod suggest;
pub mod summary;

use chrono::{DateTime, Utc};
use kernel::Result;
use kernel::tenant::TenantTx;

pub use model::Triaged;

#[async_trait::async_trait]
pub trait Triage: Send + Sync {
    /// `model_trained_at`: the company model's version, as intake read it
    /// with the channel ([`crate::channels::repo::IntakeSwitches`]).
    async fn classify(
        &self,
        tx: &mut TenantTx,
        model_trained_at: Option<DateTime<Utc>>,
        subject: &str,
        text: &str,
    ) -> Result<Triaged>;
}
