//! A ticket's conversation in a few lines, for the agent who picks it up:
//! always the offline extractive summary (`ai::summary`, the conversation's
//! own sentences), and the LLM's when an agent asks for one — kept per
//! ticket and shown as stale once the conversation moves on. A transfer
//! may carry the summary in its note.

use ai::summary::{Extract, Turn};
use chrono::Utc;
use events::TriageEngine;
use kernel::session::Session;
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use uuid::Uuid;

use super::assist;
use super::model::{LlmSummary, OfflineSummary, Speaker, SummaryPoint, TicketSummary};
use super::repo::{self, Said, SavedSummary};

/// The most of a conversation read (its latest messages).
const MESSAGES: i64 = 80;
/// What an LLM reads of each message, and of the whole.
const MESSAGE_CHARS: usize = 2_000;
const CONVERSATION_CHARS: usize = 24_000;

fn extract(said: &[Said]) -> Extract {
    let turns: Vec<Turn<'_>> =
        said.iter().map(|s| Turn { from_customer: s.from_customer, text: s.text.as_str() }).collect();
    ai::summary::extract(&turns)
}

fn offline(e: Extract) -> OfflineSummary {
    OfflineSummary {
        text: e.to_text(),
        points: e
            .points
            .into_iter()
            .map(|p| SummaryPoint {
                speaker: match p.speaker {
                    ai::summary::Speaker::Customer => Speaker::Customer,
                    ai::summary::Speaker::Team => Speaker::Team,
                },
                text: p.text,
            })
            .collect(),
        request: e.request,
        last_customer: e.last_customer,
        last_team: e.last_team,
    }
}

fn llm_view(saved: SavedSummary, messages: i64) -> LlmSummary {
    LlmSummary {
        engine: TriageEngine::parse(&saved.engine).unwrap_or(TriageEngine::Openai),
        stale: i64::from(saved.messages) != messages,
        model: saved.model,
        text: saved.text,
        created_at: saved.created_at,
    }
}

pub async fn for_ticket(tx: &mut TenantTx, ticket_id: Uuid) -> Result<TicketSummary> {
    let tenant = tx.tenant_id();
    let (said, messages) = repo::conversation(tx, tenant, ticket_id, MESSAGES).await?;
    let saved = repo::saved_summary(tx, tenant, ticket_id).await?;
    Ok(TicketSummary {
        offline: offline(extract(&said)),
        llm: saved.map(|s| llm_view(s, messages)),
        llm_available: repo::llm_enabled(tx, tenant).await?,
        messages,
    })
}

/// What a transfer note carries: the LLM's summary while it is current,
/// else the offline one; `None` for a conversation with nothing to say.
pub async fn for_note(tx: &mut TenantTx, ticket_id: Uuid) -> Result<Option<String>> {
    let tenant = tx.tenant_id();
    let (said, messages) = repo::conversation(tx, tenant, ticket_id, MESSAGES).await?;
    if let Some(s) = repo::saved_summary(tx, tenant, ticket_id).await?
        && i64::from(s.messages) == messages
    {
        return Ok(Some(s.text));
    }
    let e = extract(&said);
    Ok((!e.is_empty()).then(|| e.to_text()))
}

/// The conversation as an LLM reads it: one line per message, the latest
/// kept when it is long.
fn transcript(said: &[Said]) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut total = 0;
    for s in said.iter().rev() {
        let who = if s.from_customer { "Cliente" } else { "Atendente" };
        let text: String = s.text.chars().take(MESSAGE_CHARS).collect();
        let line = format!("{who}: {}", text.split_whitespace().collect::<Vec<_>>().join(" "));
        total += line.chars().count();
        if total > CONVERSATION_CHARS && !lines.is_empty() {
            break;
        }
        lines.push(line);
    }
    lines.reverse();
    lines.join("\n")
}

/// Asks the company's LLM for a summary now and keeps it.
pub async fn ask_llm(app: &App, mut s: Session, ticket_id: Uuid) -> Result<LlmSummary> {
    let tenant = s.user.tenant_id;
    let user = s.user.id;
    let (said, messages) = repo::conversation(&mut s.tx, tenant, ticket_id, MESSAGES).await?;
    if said.is_empty() {
        return Err(kernel::Error::conflict(None, "A conversa ainda não tem mensagens para resumir."));
    }
    let ready = assist::prepare(app, &mut s.tx).await?;
    s.tx.commit().await?;

    let answer = ai::llm::summarise(ready.client.as_ref(), &ready.outgoing(&transcript(&said))).await;
    let (text, usage) = assist::finish(app, tenant, ticket_id, "summary", &ready, answer).await?;
    let saved = SavedSummary {
        engine: ready.engine.as_str().to_owned(),
        model: usage.model,
        text,
        messages: i32::try_from(messages).unwrap_or(i32::MAX),
        created_at: Utc::now(),
    };
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    repo::save_summary(&mut tx, tenant, ticket_id, &saved, user).await?;
    tx.commit().await?;
    Ok(llm_view(saved, messages))
}
