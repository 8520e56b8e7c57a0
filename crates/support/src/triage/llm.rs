//! A second opinion from the company's LLM (OpenAI, Claude or an
//! OpenAI-compatible server the operator allows), after intake: routing
//! never waits for the network. The job reads the ticket's first message
//! (personal data masked unless the company turned that off), asks for a
//! triage limited to the company's categories, and — on a ticket nobody
//! has taken yet — sets its category and priority and moves it to the
//! category's team. The plan's monthly triage limit and the company's
//! token budget are checked first; over them, or on any failure, the
//! offline triage stays and the call is recorded with why.

use ai::llm::{self, LlmError, ProviderConfig};
use events::TriageEngine;
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::Triaged;
use super::repo::{self, AiSettingsRow, NewCall};

#[derive(Debug, Serialize, Deserialize)]
pub struct LlmTriageJob {
    pub ticket_id: Uuid,
    pub message_id: Uuid,
}

impl Job for LlmTriageJob {
    const KIND: &'static str = "support.llm_triage";
    /// A timeout or a 429 is tried again later; the offline answer stands meanwhile.
    const MAX_ATTEMPTS: i32 = 3;
}

/// Asks for the LLM's triage of a new ticket (intake calls it when the
/// company has an LLM on, as read with the channel).
pub async fn request(tx: &mut TenantTx, ticket_id: Uuid, message_id: Uuid) -> Result<()> {
    let tenant = tx.tenant_id();
    jobs::enqueue(
        tx,
        Some(tenant),
        &LlmTriageJob { ticket_id, message_id },
        EnqueueOptions { dedupe_key: Some(format!("llm-triage:{message_id}")), ..Default::default() },
    )
    .await
    .map(drop)
}

/// The engine a provider is shown as.
pub fn engine_of(provider: &str) -> TriageEngine {
    if provider == "anthropic" { TriageEngine::Claude } else { TriageEngine::Openai }
}

/// The client of a company's settings.
pub fn provider(app: &App, tenant: Uuid, s: &AiSettingsRow) -> Result<Box<dyn llm::LlmProvider>> {
    let api_key = match &s.api_key {
        Some(sealed) => String::from_utf8(kernel::secrets::open(&app.config, tenant, sealed)?)
            .map_err(|_| kernel::Error::internal("sealed AI key"))?,
        None => String::new(),
    };
    let config = match s.provider.as_str() {
        "anthropic" => {
            ProviderConfig::Anthropic { api_key, model: s.model.clone(), base_url: s.base_url.clone() }
        }
        _ => ProviderConfig::OpenAi { api_key, model: s.model.clone(), base_url: s.base_url.clone() },
    };
    Ok(llm::provider(app.egress.clone(), config))
}

/// How a failed call is recorded.
pub fn outcome(e: &LlmError) -> &'static str {
    match e {
        LlmError::Refused => "refused",
        LlmError::Truncated => "truncated",
        LlmError::Timeout => "timeout",
        LlmError::RateLimited { .. } => "rate_limited",
        LlmError::Malformed(_) => "invalid",
        LlmError::Provider { .. } | LlmError::Egress(_) => "error",
    }
}

pub async fn run(app: &App, tenant: Uuid, job: &LlmTriageJob) -> anyhow::Result<()> {
    // Read what is needed, then let go of the connection during the call.
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(settings) = repo::ai_settings(&mut tx, tenant).await?.filter(|s| s.enabled) else {
        return Ok(());
    };
    let Some(subject) = repo::llm_subject(&mut tx, tenant, job.ticket_id, job.message_id).await? else {
        return Ok(());
    };
    let engine = engine_of(&settings.provider);
    let (triages, tokens, limit) = repo::month_usage(&mut tx, tenant).await?;
    if triages >= i64::from(limit) || tokens >= i64::from(settings.monthly_token_budget) {
        let call = NewCall {
            feature: "triage",
            engine: engine.as_str(),
            model: &settings.model,
            outcome: "over_limit",
            input_tokens: 0,
            output_tokens: 0,
            ticket_id: Some(job.ticket_id),
        };
        repo::record_call(&mut tx, tenant, &call).await?;
        tx.commit().await?;
        return Ok(());
    }
    let categories = repo::categories(&mut tx, tenant).await?;
    let client = provider(app, tenant, &settings)?;
    tx.commit().await?;

    // A web-chat or WhatsApp subject is the message's own first words.
    let text = if subject.text.starts_with(&subject.subject) {
        subject.text.clone()
    } else {
        format!("{}\n{}", subject.subject, subject.text)
    };
    let text = if settings.mask_personal_data { ai::mask::mask(&text) } else { text };
    let answer = llm::triage(client.as_ref(), &text, &categories).await;

    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let (result, usage) = match answer {
        Ok((triage, usage)) => (Ok(triage), Some(usage)),
        Err(e) => (Err(e), None),
    };
    let call = NewCall {
        feature: "triage",
        engine: engine.as_str(),
        model: usage.as_ref().map_or(client.model(), |u| u.model.as_str()),
        outcome: result.as_ref().err().map_or("ok", outcome),
        input_tokens: usage.as_ref().map_or(0, |u| u.input_tokens as i32),
        output_tokens: usage.as_ref().map_or(0, |u| u.output_tokens as i32),
        ticket_id: Some(job.ticket_id),
    };
    repo::record_call(&mut tx, tenant, &call).await?;
    let triage = match result {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(%tenant, ticket = %job.ticket_id, error = %e, "LLM triage failed; the offline triage stays");
            let retry = e.is_retryable();
            tx.commit().await?;
            return if retry { Err(anyhow::anyhow!("LLM triage: {e}")) } else { Ok(()) };
        }
    };
    let offline = super::engine::decide(&[], None, &subject.subject, &subject.text);
    let refined = Triaged {
        category: triage.category.clone(),
        category_confidence: triage.category.as_ref().map(|_| 0.9),
        intent: triage.intent,
        intent_confidence: 0.9,
        priority: triage.priority,
        priority_confidence: 0.9,
        sentiment: triage.sentiment,
        sentiment_confidence: 0.9,
        team_id: None,
        engine,
        reason: format!("{}: {}", engine.label(), triage.reason),
        ..offline
    };
    if subject.picked_up {
        // Someone already took it: the answer is kept, the ticket is theirs.
        repo::save_triage(&mut tx, tenant, job.ticket_id, job.message_id, false, &refined).await?;
        tx.commit().await?;
        return Ok(());
    }
    repo::apply_llm_triage(&mut tx, tenant, job.ticket_id, &refined).await?;
    let (number, _) =
        repo::save_triage(&mut tx, tenant, job.ticket_id, job.message_id, true, &refined).await?;
    let mut team_changed = false;
    if let Some(category) = &refined.category
        && let Some(team) = repo::team_of_category(&mut tx, tenant, category).await?
        && Some(team) != subject.team_id
    {
        crate::tickets::service::assign_system(&mut tx, job.ticket_id, engine.label(), Some(team), None)
            .await?;
        team_changed = true;
    }
    if refined.priority.as_str() != subject.priority || team_changed {
        crate::sla::replan(&mut tx, job.ticket_id).await?;
    }
    let customer_id = crate::tickets::repo::find(&mut tx, tenant, job.ticket_id, false)
        .await?
        .map(|t| t.customer_id)
        .ok_or(kernel::Error::NotFound)?;
    tx.emit(&events::TicketTriaged {
        ticket_id: job.ticket_id,
        number,
        message_id: job.message_id,
        customer_id,
        initial: true,
        category: refined.category,
        intent: refined.intent,
        intent_confidence: refined.intent_confidence,
        priority: refined.priority,
        sentiment: refined.sentiment,
        language: refined.language,
        cues: refined.cues,
        engine,
        reason: refined.reason,
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: LlmTriageJob| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("LLM triage without tenant"))?;
        run(&app, tenant, &job).await
    });
}
