//! What a flow may do outside this crate. The server implements it (with
//! support's ticket rules and the process's egress client) and installs it
//! at start-up.

use std::sync::{Arc, OnceLock};

use events::Priority;
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use uuid::Uuid;

/// The author shown on what a flow writes.
pub const AUTHOR: &str = "Automação";

#[async_trait::async_trait]
pub trait ActionPort: Send + Sync {
    /// An internal note on the ticket, authored by [`AUTHOR`].
    async fn add_note(&self, tx: &mut TenantTx, ticket_id: Uuid, text: &str) -> Result<()>;
    async fn set_priority(&self, tx: &mut TenantTx, ticket_id: Uuid, priority: Priority) -> Result<()>;
    async fn add_tags(&self, tx: &mut TenantTx, ticket_id: Uuid, tags: &[String]) -> Result<()>;
    /// POSTs `body` (JSON) with these headers, only through the egress
    /// guard; `Ok(status)` for a 2xx answer. The failure is what a run or
    /// a delivery shows (never the remote's body). Called outside any
    /// database transaction.
    async fn post_webhook(
        &self,
        app: &App,
        url: &str,
        headers: &[(&'static str, String)],
        body: Vec<u8>,
    ) -> std::result::Result<u16, WebhookFailure>;
    /// The addresses of the company's active owners and admins, who are
    /// told when an endpoint is switched off.
    async fn admin_emails(&self, tx: &mut TenantTx) -> Result<Vec<String>>;
}

/// Why a webhook call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookFailure {
    /// The answer's status, when the endpoint answered at all.
    pub status: Option<u16>,
    /// pt-BR, names the class of failure (refused, no answer, status).
    pub message: String,
}

static PORT: OnceLock<Arc<dyn ActionPort>> = OnceLock::new();

/// Called once by the server.
pub fn install(port: Arc<dyn ActionPort>) {
    let _ = PORT.set(port);
}

pub fn get() -> Result<&'static Arc<dyn ActionPort>> {
    PORT.get().ok_or_else(|| kernel::Error::internal("no automation action port installed"))
}
