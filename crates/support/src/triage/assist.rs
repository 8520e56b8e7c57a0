//! An agent's request to the company's LLM, answered while they wait (a
//! summary, a draft reply): [`prepare`] checks that the company has an LLM
//! and budget left and builds the client; the caller commits, so no
//! connection is held during the call; [`finish`] records the call (tokens,
//! outcome) and turns a failure into a problem the agent can read.

use ai::llm::{LlmError, LlmProvider, Usage};
use events::TriageEngine;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use uuid::Uuid;

use super::llm::{engine_of, outcome, provider};
use super::repo::{self, NewCall};

/// The company's LLM, ready for one call.
pub struct Ready {
    pub client: Box<dyn LlmProvider>,
    pub engine: TriageEngine,
    /// Personal data out of texts before they leave (the company's setting).
    pub mask: bool,
}

impl Ready {
    /// The text as it may leave the server.
    pub fn outgoing(&self, text: &str) -> String {
        if self.mask { ai::mask::mask(text) } else { text.to_owned() }
    }
}

pub const NOT_CONFIGURED: &str =
    "A empresa não tem IA configurada: um administrador pode ligá-la em Configurações → IA.";

/// The company's LLM, or 409 when it has none or this month's token
/// budget is spent.
pub async fn prepare(app: &App, tx: &mut TenantTx) -> Result<Ready> {
    let tenant = tx.tenant_id();
    let settings = repo::ai_settings(tx, tenant)
        .await?
        .filter(|s| s.enabled)
        .ok_or_else(|| Error::conflict(None, NOT_CONFIGURED))?;
    let (_, tokens, _) = repo::month_usage(tx, tenant).await?;
    if tokens >= i64::from(settings.monthly_token_budget) {
        return Err(Error::conflict(
            None,
            "O orçamento mensal de tokens de IA da empresa acabou; ele se renova no próximo mês \
             ou um administrador pode aumentá-lo em Configurações → IA.",
        ));
    }
    Ok(Ready {
        client: provider(app, tenant, &settings)?,
        engine: engine_of(&settings.provider),
        mask: settings.mask_personal_data,
    })
}

/// Records the call in a transaction of its own (so a failure is counted
/// too) and hands back the answer, or a 502 that says why there is none.
pub async fn finish<T>(
    app: &App,
    tenant: Uuid,
    ticket_id: Uuid,
    feature: &'static str,
    ready: &Ready,
    answer: std::result::Result<(T, Usage), LlmError>,
) -> Result<(T, Usage)> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let usage = answer.as_ref().ok().map(|(_, u)| u);
    let call = NewCall {
        feature,
        engine: ready.engine.as_str(),
        model: usage.map_or(ready.client.model(), |u| u.model.as_str()),
        outcome: answer.as_ref().err().map_or("ok", outcome),
        input_tokens: usage.map_or(0, |u| u.input_tokens as i32),
        output_tokens: usage.map_or(0, |u| u.output_tokens as i32),
        ticket_id: Some(ticket_id),
    };
    repo::record_call(&mut tx, tenant, &call).await?;
    tx.commit().await?;
    answer.map_err(|e| {
        tracing::warn!(%tenant, ticket = %ticket_id, feature, error = %e, "LLM request failed");
        Error::Unavailable(format!("A IA não respondeu: {e}."))
    })
}
