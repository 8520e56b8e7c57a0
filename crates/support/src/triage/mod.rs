//! Triage (step 3 of the flow): what an inbound message is about, how
//! urgent, and which team takes it. [`Triage`] is the hook; the built-in
//! [`keywords`] reads the company's rules (words → category, priority,
//! team). The automation module will add an AI triage behind the same
//! trait.

pub mod http;
pub mod keywords;
pub mod repo;

use kernel::Result;
use kernel::tenant::TenantTx;
use uuid::Uuid;

use crate::tickets::model::Priority;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Verdict {
    pub category: Option<String>,
    pub priority: Option<Priority>,
    pub team_id: Option<Uuid>,
}

#[async_trait::async_trait]
pub trait Triage: Send + Sync {
    async fn classify(&self, tx: &mut TenantTx, subject: &str, text: &str) -> Result<Verdict>;
}
