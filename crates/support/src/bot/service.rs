//! The bot's turn: a job per customer message (enqueued by intake in the
//! message's own transaction, keyed by the message), so it answers each
//! message at most once and never delays intake. The turn reads the
//! facts, asks [`engine::turn`] what to say, queues the one reply as a
//! system message ("Bot IA", which never counts as the team's first
//! response), and on a handover writes what the bot did and the
//! conversation's summary in an internal note and moves the ticket to the
//! chosen team. A person who takes the ticket or answers silences it.

use chrono::{Duration, Utc};
use events::{ChannelKind, TicketStatus};
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::engine::{self, Conversation, Facts, InvoiceFact, PaymentFact, ProposalFact, Step, TicketFact};
use super::http::settings_of;
use super::model::BotAction;
use super::repo::{self, ConversationRow};
use crate::channels::repo::IntakeSwitches;
use crate::directory::{self, AccountKind};

/// The author shown on the bot's messages and notes.
pub const AUTHOR: &str = "Bot IA";

#[derive(Debug, Serialize, Deserialize)]
pub struct BotTurnJob {
    pub ticket_id: Uuid,
    pub message_id: Uuid,
}

impl Job for BotTurnJob {
    const KIND: &'static str = "support.bot_turn";
    const MAX_ATTEMPTS: i32 = 3;
}

/// Asks for the bot's answer to a customer message, when the company's bot
/// is on for this kind of channel. An automatic message (an out-of-office)
/// gets none.
pub async fn request(
    tx: &mut TenantTx,
    switches: &IntakeSwitches,
    ticket_id: Uuid,
    message_id: Uuid,
    channel: ChannelKind,
    auto_reply: bool,
) -> Result<()> {
    let tenant = tx.tenant_id();
    let kind = settings_kind(channel);
    if auto_reply || !switches.bot_channels.iter().any(|k| k == kind.as_str()) {
        return Ok(());
    }
    jobs::enqueue(
        tx,
        Some(tenant),
        &BotTurnJob { ticket_id, message_id },
        EnqueueOptions { dedupe_key: Some(format!("bot:{message_id}")), ..Default::default() },
    )
    .await
    .map(drop)
}

/// The kind the settings name: WhatsApp through Twilio is WhatsApp.
fn settings_kind(kind: ChannelKind) -> ChannelKind {
    if kind == ChannelKind::TwilioWhatsapp { ChannelKind::Whatsapp } else { kind }
}

fn conversation_of(row: &ConversationRow) -> Conversation {
    Conversation {
        step: Step::parse(&row.step),
        identified: row.identified,
        misunderstandings: row.misunderstandings,
        pending: row.pending.as_deref().and_then(BotAction::parse),
        log: row.log.clone(),
        resolved: row.resolved,
    }
}

/// When the team is away: the next opening, in the company's words.
async fn closed_until(tx: &mut TenantTx, team_id: Option<Uuid>) -> Result<Option<String>> {
    let tenant = tx.tenant_id();
    let (tz, hours) = crate::sla::hours_for(tx, tenant, team_id).await?;
    let now = Utc::now();
    let next = kernel::business_hours::next_open(now, tz, &hours);
    Ok((next > now + Duration::minutes(1))
        .then(|| next.with_timezone(&tz).format("%d/%m às %H:%M").to_string()))
}

pub async fn run(app: &App, tenant: Uuid, job: &BotTurnJob) -> Result<()> {
    match turn(app, tenant, job, None).await? {
        Some(asked) => turn(app, tenant, job, Some(asked)).await.map(drop),
        None => Ok(()),
    }
}

/// One turn. `faq_match` is what the company's LLM said of a message the
/// bot would not understand (`Some` once it was asked). Not asked yet and
/// needed: nothing is written, the transaction ends, the LLM is asked with
/// no connection held, and `Some(answer)` tells [`run`] to take the turn
/// again with it.
async fn turn(
    app: &App,
    tenant: Uuid,
    job: &BotTurnJob,
    faq_match: Option<Option<usize>>,
) -> Result<Option<Option<usize>>> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(settings) = repo::settings(&mut tx, tenant).await?.map(settings_of).filter(|s| s.enabled) else {
        return Ok(None);
    };
    let Some(t) = repo::ticket_facts(&mut tx, tenant, job.ticket_id, job.message_id).await? else {
        return Ok(None);
    };
    let kind = ChannelKind::parse(&t.channel_kind).unwrap_or(ChannelKind::Webchat);
    if !settings.channels.contains(&settings_kind(kind)) {
        return Ok(None);
    }
    let existing = repo::conversation(&mut tx, tenant, job.ticket_id).await?;
    if existing
        .as_ref()
        .is_some_and(|c| Step::parse(&c.step).is_over() || c.last_message_id == Some(job.message_id))
    {
        return Ok(None);
    }
    let status = TicketStatus::parse(&t.status).unwrap_or(TicketStatus::Open);
    if t.taken || matches!(status, TicketStatus::Resolved | TicketStatus::Closed) {
        // A person has it: the bot stays out of this conversation for good.
        let mut row = existing.unwrap_or_else(new_row);
        row.step = Step::Silent.as_str().into();
        row.last_message_id = Some(job.message_id);
        repo::save_conversation(&mut tx, tenant, job.ticket_id, &row).await?;
        tx.commit().await?;
        return Ok(None);
    }

    // Before the facts are read: a message for the LLM ends this pass.
    let conversation = existing.as_ref().map(conversation_of);
    if faq_match.is_none() && engine::wants_meaning(&settings, conversation.as_ref(), &t.text) {
        let questions: Vec<String> = settings.faq.iter().map(|f| f.question.clone()).collect();
        return Ok(Some(ask_llm(app, tx, job.ticket_id, &questions, &t.text).await));
    }
    let verified_channel = matches!(kind, ChannelKind::Whatsapp | ChannelKind::TwilioWhatsapp);
    let dir = directory::get()?;
    let items = if verified_channel { dir.open_items(app, &mut tx, t.customer_id).await? } else { vec![] };
    let proposals = items
        .iter()
        .filter(|i| i.kind == AccountKind::Proposal)
        .map(|p| ProposalFact {
            label: p.label.clone(),
            title: p.title.clone(),
            total_cents: p.amount_cents,
            valid_until: p.date,
            viewed: p.viewed,
            link: p.link.clone(),
        })
        .collect();
    let invoices = {
        items
            .into_iter()
            .filter(|i| i.kind == AccountKind::Invoice)
            .map(|i| InvoiceFact {
                label: i.label,
                title: i.title,
                due_cents: i.amount_cents,
                due_date: i.date,
                overdue: i.overdue,
                link: i.link,
                pix_code: i.pix_code,
                boleto_line: i.boleto_line,
            })
            .collect()
    };
    let payments = if verified_channel {
        dir.recent_payments(&mut tx, t.customer_id)
            .await?
            .into_iter()
            .map(|p| PaymentFact {
                received_on: p.received_on,
                amount_cents: p.amount_cents,
                method: p.method,
                in_review: p.in_review,
            })
            .collect()
    } else {
        vec![]
    };
    let facts = Facts {
        company: crate::channels::repo::company_name(&mut tx, tenant).await?,
        verified_channel,
        document: dir.document_of(&mut tx, t.customer_id).await?,
        invoices,
        proposals,
        tickets: repo::other_open_tickets(&mut tx, tenant, t.customer_id, job.ticket_id)
            .await?
            .into_iter()
            .map(|o| TicketFact {
                number: o.number,
                subject: o.subject,
                status: TicketStatus::parse(&o.status).map_or(o.status.clone(), |s| s.label().to_owned()),
            })
            .collect(),
        payments,
        closed_until: closed_until(&mut tx, t.team_id).await?,
        upset: t.sentiment.as_deref() == Some("very_negative") || t.priority == "urgent",
        wants_invoice: t.intent.as_deref() == Some("segunda_via"),
        faq_match: None,
    };
    let facts = Facts { faq_match: faq_match.flatten(), ..facts };
    let turn = engine::turn(&settings, conversation, &facts, &t.text);

    crate::tickets::service::send_system_reply(
        &mut tx,
        job.ticket_id,
        kernel::ids::new_id(),
        AUTHOR,
        &turn.reply,
        None,
    )
    .await?;
    if let Some(reason) = &turn.handover {
        let mut note = format!("{AUTHOR} transferiu a conversa: {reason}.");
        if !turn.conversation.log.is_empty() {
            note.push_str("\nO que o bot fez:");
            for line in &turn.conversation.log {
                note.push_str(&format!("\n- {line}"));
            }
        }
        if let Some(summary) = crate::triage::summary::for_note(&mut tx, job.ticket_id).await? {
            note.push_str(&format!("\n\nResumo da conversa:\n{summary}"));
        }
        crate::tickets::service::add_system_note(&mut tx, job.ticket_id, AUTHOR, &note).await?;
        if let Some(team) = settings.handover_team_id.filter(|team| Some(*team) != t.team_id) {
            crate::tickets::service::assign_system(&mut tx, job.ticket_id, AUTHOR, Some(team), None).await?;
        }
    }
    let c = &turn.conversation;
    let row = ConversationRow {
        step: c.step.as_str().into(),
        identified: c.identified,
        misunderstandings: c.misunderstandings,
        pending: c.pending.map(|p| p.as_str().to_owned()),
        last_message_id: Some(job.message_id),
        log: c.log.clone(),
        resolved: c.resolved,
        handover_reason: turn.handover.clone(),
        updated_at: Utc::now(),
    };
    repo::save_conversation(&mut tx, tenant, job.ticket_id, &row).await?;
    tx.commit().await?;
    Ok(None)
}

/// Which FAQ entry the company's LLM says the message asks; none when the
/// company has no LLM or budget, or the call fails (the bot then answers as
/// it would without one). The call is recorded like an agent's.
async fn ask_llm(
    app: &App,
    mut tx: TenantTx,
    ticket_id: Uuid,
    questions: &[String],
    text: &str,
) -> Option<usize> {
    let tenant = tx.tenant_id();
    let ready = crate::triage::assist::prepare(app, &mut tx).await.ok()?;
    drop(tx); // nothing written: rolled back, the connection free during the call
    let refs: Vec<&str> = questions.iter().map(String::as_str).collect();
    let answer = ai::llm::faq_entry(ready.client.as_ref(), &refs, &ready.outgoing(text)).await;
    match crate::triage::assist::finish(app, tenant, ticket_id, "bot_faq", &ready, answer).await {
        Ok((entry, _)) => entry,
        Err(e) => {
            tracing::warn!(error = %e, "the bot's LLM gave no FAQ answer");
            None
        }
    }
}

fn new_row() -> ConversationRow {
    ConversationRow {
        step: Step::Menu.as_str().into(),
        identified: false,
        misunderstandings: 0,
        pending: None,
        last_message_id: None,
        log: vec![],
        resolved: false,
        handover_reason: None,
        updated_at: Utc::now(),
    }
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: BotTurnJob| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("bot turn without tenant"))?;
        run(&app, tenant, &job).await.map_err(anyhow::Error::from)
    });
}
