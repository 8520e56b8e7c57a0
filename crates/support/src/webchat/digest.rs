//! Conversation continuity for visitors who left: an agent reply the
//! visitor has not seen (the widget reports what it showed, `seen`) is
//! e-mailed to the address they typed, after a quiet delay, with a link
//! that reopens the conversation on the product's own chat page.
//!
//! Every reply delivered to a visitor schedules a job keyed by that reply;
//! the job of the newest reply is the one that writes, so a burst of
//! replies makes one e-mail. What a digest carried is recorded
//! (`mailed_through`) and never sent again.

use chrono::{DateTime, Utc};
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::mail::SendEmail;
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::settings::WebchatSettings;
use crate::channels::model::ChannelKind;
use crate::channels::repo as channels_repo;
use crate::tickets::model::{Direction, Message};
use crate::tickets::repo as tickets;

#[derive(Debug, Serialize, Deserialize)]
pub struct WebchatDigest {
    pub ticket_id: Uuid,
    /// The reply that asked for this digest.
    pub message_id: Uuid,
}

impl Job for WebchatDigest {
    const KIND: &'static str = "support.webchat_digest";
    const MAX_ATTEMPTS: i32 = 5;
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: WebchatDigest| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("web-chat digest without tenant"))?;
        run(&app, tenant, &job).await.map_err(anyhow::Error::from)
    });
}

/// After a reply reached the visitor's room: the digest, if they never look.
pub async fn schedule(tx: &mut TenantTx, app: &App, ticket_id: Uuid, message_id: Uuid) -> Result<()> {
    let tenant = tx.tenant_id();
    let run_at =
        Utc::now() + chrono::TimeDelta::from_std(app.config.webchat_digest_after).unwrap_or_default();
    jobs::enqueue(
        tx,
        Some(tenant),
        &WebchatDigest { ticket_id, message_id },
        EnqueueOptions {
            run_at: Some(run_at),
            dedupe_key: Some(format!("webchat-digest:{message_id}")),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// The replies a digest carries: the agent's, newer than what the visitor
/// saw and what an earlier digest carried — none when a newer reply than
/// `asked_by` exists (its own digest will carry this one too).
fn unseen(
    history: &[Message],
    asked_by: Uuid,
    seen: Option<DateTime<Utc>>,
    mailed: Option<DateTime<Utc>>,
) -> Vec<&Message> {
    let replies: Vec<&Message> = history.iter().filter(|m| m.direction == Direction::Out).collect();
    if replies.last().map(|m| m.id) != Some(asked_by) {
        return vec![];
    }
    let after = seen.max(mailed);
    replies.into_iter().filter(|m| after.is_none_or(|a| m.created_at > a)).collect()
}

async fn run(app: &App, tenant: Uuid, job: &WebchatDigest) -> Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(ticket) = tickets::find(&mut tx, tenant, job.ticket_id, false).await? else { return Ok(()) };
    let Some(visitor_id) =
        ticket.contact_address.strip_prefix("visitor:").and_then(|v| v.parse::<Uuid>().ok())
    else {
        return Ok(());
    };
    let Some(channel) = channels_repo::find(&mut tx, tenant, ticket.channel_id).await? else { return Ok(()) };
    if channel.kind()? != ChannelKind::Webchat || !channel.enabled {
        return Ok(());
    }
    let progress = super::repo::progress(&mut tx, tenant, visitor_id).await?;
    let history = tickets::visitor_history(&mut tx, tenant, channel.id, &ticket.contact_address).await?;
    let replies = unseen(&history, job.message_id, progress.seen_through, progress.mailed_through);
    let Some(last) = replies.last() else { return Ok(()) };
    let Some(email) =
        super::repo::visitor_email(&mut tx, tenant, channel.id, &ticket.contact_address).await?
    else {
        return Ok(());
    };
    let settings = WebchatSettings::of(&channel.config);
    let title = super::public_title(&mut tx, tenant, &settings).await?;
    let (tz, _) = crate::sla::hours_for(&mut tx, tenant, channel.team_id).await?;
    let token = super::token(app, tenant, channel.id, visitor_id);
    let link = format!("{}/webchat/{tenant}.{}#conversa={token}", app.config.frontend_url, channel.id);
    let mut text =
        format!("Olá! {title} respondeu sua conversa no chat do site enquanto você estava fora:\n\n");
    for m in &replies {
        let who = super::public_author(&settings, &title, m.author_id, &m.author_name);
        let when = m.created_at.with_timezone(&tz).format("%d/%m às %H:%M");
        text.push_str(&format!("{who} ({when}):\n{}\n\n", m.text));
    }
    text.push_str(&format!(
        "Para continuar a conversa, abra: {link}\n\nVocê recebeu este e-mail porque informou seu endereço no chat de {title}."
    ));
    let subject = match replies.len() {
        1 => format!("{title}: nova resposta no chat"),
        n => format!("{title}: {n} novas respostas no chat"),
    };
    // The link opens the conversation: sealed in the queue like any link that grants access.
    kernel::mail::enqueue_sealed(
        &mut tx,
        &app.config,
        tenant,
        &SendEmail { to: email, subject, text, html: None, attachments: vec![] },
    )
    .await?;
    super::repo::mark_mailed(&mut tx, tenant, channel.id, visitor_id, last.created_at).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    fn message(direction: Direction, minutes: i64) -> Message {
        Message {
            id: kernel::ids::new_id(),
            ticket_id: Uuid::nil(),
            direction,
            author_id: None,
            author_name: "Ana Souza".into(),
            text: format!("m{minutes}"),
            html: None,
            extra: serde_json::json!({}),
            attachments: vec![],
            delivery_status: None,
            failure_reason: None,
            send_at: None,
            mentions: vec![],
            created_at: Utc::now() - Duration::minutes(60 - minutes),
            card: None,
        }
    }

    #[test]
    fn only_the_newest_replys_job_writes() {
        let h = vec![message(Direction::In, 1), message(Direction::Out, 2), message(Direction::Out, 3)];
        assert!(unseen(&h, h[1].id, None, None).is_empty());
        let texts: Vec<&str> = unseen(&h, h[2].id, None, None).iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["m2", "m3"]);
    }

    #[test]
    fn what_was_seen_or_mailed_is_not_sent_again() {
        let h = vec![message(Direction::Out, 2), message(Direction::In, 3), message(Direction::Out, 4)];
        let seen = Some(h[0].created_at);
        assert_eq!(unseen(&h, h[2].id, seen, None).len(), 1);
        assert!(unseen(&h, h[2].id, None, Some(h[2].created_at)).is_empty());
        assert!(unseen(&h, h[2].id, Some(h[2].created_at), None).is_empty());
    }
}
