//! Ticket rules: intake of a normalised inbound message (customer, ticket,
//! triage, routing, SLA), replies and notes, status changes with CSAT,
//! transfer, snooze and merge, and who may act on a ticket.

use events::{TicketAssigned, TicketStatusChanged, Timeline, TimelineLinks};
use std::sync::Arc;

use chrono::{Duration, Utc};
use kernel::error::OnConstraint;
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::session::CurrentUser;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::model::{
    DeliveryStatus, Direction, LinkCustomerRequest, Message, MessageCard, Priority, ReplyRequest,
    SnoozeRequest, TemplateRef, Ticket, TicketMergeRequest, TicketStatus, TransferRequest,
    UpdateTicketRequest,
};
use super::outbound;
use super::repo::{self, Changes, InboundTriage, KnownContact, NewMessage, NewTicket};
use crate::channels::model::ChannelKind;
use crate::channels::repo::{ChannelRow, IntakeChannel, IntakeSwitches};
use crate::directory::{self, ContactHint};
use crate::teams::{repo as teams, routing};
use crate::triage::Triage;
use crate::triage::engine::OfflineTriage;
use crate::triage::{Triaged, feedback};
use crate::{SUPPORT_ADMINS, SUPPORT_ROLES, sla};

/// Who changes a ticket: a person (checked by [`get_for_action`]) or a
/// rule of the company (an automation flow), named by its label.
#[derive(Clone, Copy)]
pub enum Actor<'a> {
    User(&'a CurrentUser),
    System(&'a str),
}

impl Actor<'_> {
    fn id(&self) -> Option<Uuid> {
        match self {
            Actor::User(u) => Some(u.id),
            Actor::System(_) => None,
        }
    }

    fn name(&self) -> &str {
        match self {
            Actor::User(u) => &u.name,
            Actor::System(label) => label,
        }
    }
}

/// Largest attachment kept, and the types an inbox shows.
pub const MAX_ATTACHMENT_BYTES: usize = 16 * 1024 * 1024;
const ALLOWED_TYPES: &[&str] = &[
    "image/",
    "audio/",
    "video/",
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/msword",
    "application/vnd.openxmlformats-officedocument",
    "application/vnd.ms-excel",
    "application/zip",
];

/// Why an attachment is refused, if it is.
pub fn refuse_attachment(content_type: &str, size: usize) -> Option<String> {
    if size > MAX_ATTACHMENT_BYTES {
        return Some(format!("maior que {} MB", MAX_ATTACHMENT_BYTES / 1024 / 1024));
    }
    if !ALLOWED_TYPES.iter().any(|t| content_type.starts_with(t)) {
        return Some(format!("tipo {content_type} não permitido"));
    }
    None
}

pub struct IncomingFile {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// One inbound message, normalised from any channel.
#[derive(Default)]
pub struct Incoming {
    /// The message's id, when its place was fixed on receipt (web chat);
    /// otherwise a new one, placed now.
    pub id: Option<Uuid>,
    pub provider_message_id: String,
    /// The customer's address on the channel (phone, e-mail, `visitor:<id>`).
    pub address: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub subject: Option<String>,
    pub text: String,
    pub html: Option<String>,
    pub extra: serde_json::Value,
    /// E-mail: the Message-IDs this replies to.
    pub thread_ids: Vec<String>,
    pub files: Vec<IncomingFile>,
    /// Attachments not kept, with the reason (shown to the agent).
    pub refused: Vec<String>,
    /// An out-of-office or other automatic message (e-mail `Auto-Submitted`).
    pub auto_reply: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Ingested {
    Duplicate,
    Added { ticket_id: Uuid, message_id: Uuid, new_ticket: bool },
    CsatAnswer { ticket_id: Uuid, score: i32 },
}

fn triage() -> Arc<dyn Triage> {
    Arc::new(OfflineTriage)
}

fn csat_score(text: &str) -> Option<i32> {
    let t = text.trim();
    (t.len() == 1).then(|| t.parse::<i32>().ok()).flatten().filter(|n| (1..=5).contains(n))
}

/// Intake: the customer, their ticket (or a new one, triaged and routed), the message.
pub async fn ingest(app: &App, tx: &mut TenantTx, intake: &IntakeChannel, m: Incoming) -> Result<Ingested> {
    let tenant = tx.tenant_id();
    let (channel, switches) = (&intake.row, &intake.switches);
    if repo::message_exists(tx, tenant, &m.provider_message_id).await? {
        return Ok(Ingested::Duplicate);
    }
    let contact = match repo::customer_of_address(tx, tenant, channel.id, &m.address).await? {
        Some(known) => known,
        // A visitor's typed e-mail proves nothing: it never attaches the chat
        // to the customer who owns that address; the agent sees the claim
        // ("não verificado") and may link the customer by hand.
        None if channel.kind()? == ChannelKind::Webchat => KnownContact {
            customer_id: directory::get()?.create_unverified(tx, m.name.as_deref()).await?,
            contact_verified: m.email.is_none(),
            declared_email: m.email.clone(),
        },
        None => {
            let hint = ContactHint { name: m.name.clone(), phone: m.phone.clone(), email: m.email.clone() };
            KnownContact {
                customer_id: directory::get()?.find_or_create(tx, &hint).await?,
                contact_verified: true,
                declared_email: None,
            }
        }
    };
    let customer_id = contact.customer_id;
    let mut ticket_id = repo::by_email_thread(tx, tenant, channel.id, &m.thread_ids).await?;
    if ticket_id.is_none() {
        ticket_id = repo::open_for_contact(tx, tenant, channel.id, &m.address).await?;
    }
    if ticket_id.is_none()
        && let Some(resolved) = repo::resolved_for_contact(tx, tenant, channel.id, &m.address).await?
    {
        if let Some(score) = csat_score(&m.text)
            && repo::awaiting_csat(tx, tenant, resolved).await?
        {
            repo::set_csat(tx, tenant, resolved, false, Some(score)).await?;
            add_message(tx, resolved, &m, Direction::In).await?;
            repo::log(tx, tenant, resolved, None, "csat", json!({ "score": score })).await?;
            tx.emit(&events::CsatReceived { ticket_id: resolved, score }).await?;
            return Ok(Ingested::CsatAnswer { ticket_id: resolved, score });
        }
        // The customer wrote again: the resolved ticket reopens.
        repo::log(tx, tenant, resolved, None, "reopened", json!({ "by": "customer" })).await?;
        tx.emit(&TicketStatusChanged { ticket_id: resolved, status: TicketStatus::Open }).await?;
        ticket_id = Some(resolved);
    }
    let (ticket_id, opened) = match ticket_id {
        Some(id) => (id, None),
        None => {
            let (id, triaged) = open_ticket(tx, channel, switches, &contact, &m).await?;
            (id, Some(triaged))
        }
    };
    let new_ticket = opened.is_some();
    let message_id = add_message(tx, ticket_id, &m, Direction::In).await?;
    for file in &m.files {
        let key = format!("{tenant}/tickets/{ticket_id}/{message_id}/{}", kernel::ids::new_id());
        app.storage.put(&key, bytes::Bytes::from(file.bytes.clone())).await.map_err(Error::Internal)?;
        repo::insert_attachment(
            tx,
            tenant,
            message_id,
            &file.filename,
            &file.content_type,
            file.bytes.len() as i64,
            &key,
        )
        .await?;
    }
    let is_email = channel.kind()? == ChannelKind::Email;
    let thread = is_email.then_some(m.provider_message_id.as_str());
    // The triage is stored by the statement that marks the ticket read-worthy.
    let triage = triage_of(opened, &m.text);
    let saved =
        triage.as_ref().map(|(triaged, initial)| InboundTriage { message_id, initial: *initial, triaged });
    let (number, before) = repo::touch_inbound(tx, tenant, ticket_id, thread, saved).await?;
    if let Some((triaged, initial)) = triage {
        if initial && switches.llm_enabled {
            crate::triage::llm::request(tx, ticket_id, message_id).await?;
        }
        if initial || before != Some(triaged.sentiment) {
            announce_triage(tx, ticket_id, number, message_id, customer_id, initial, triaged).await?;
        }
    }
    tx.emit(&events::MessageReceived {
        ticket_id,
        message_id,
        customer_id,
        channel: channel.kind()?,
        preview: m.text.chars().take(140).collect(),
        auto_reply: m.auto_reply,
    })
    .await?;
    crate::bot::service::request(tx, switches, ticket_id, message_id, channel.kind()?, m.auto_reply).await?;
    Ok(Ingested::Added { ticket_id, message_id, new_ticket })
}

/// The triage of a customer's message: the one that opened the ticket, or
/// — for a later message — its tone alone (the ticket's category and team
/// stay). With whether it is the ticket's first.
fn triage_of(opened: Option<Triaged>, text: &str) -> Option<(Triaged, bool)> {
    match opened {
        Some(t) => Some((t, true)),
        None if text.trim().is_empty() => None,
        None => Some((crate::triage::engine::decide(&[], None, "", text), false)),
    }
}

/// `TicketTriaged`: for the first message, and for a later one that moved
/// the ticket's sentiment.
async fn announce_triage(
    tx: &mut TenantTx,
    ticket_id: Uuid,
    number: i64,
    message_id: Uuid,
    customer_id: Uuid,
    initial: bool,
    triaged: Triaged,
) -> Result<()> {
    tx.emit(&events::TicketTriaged {
        ticket_id,
        number,
        message_id,
        customer_id,
        initial,
        category: triaged.category,
        intent: triaged.intent,
        intent_confidence: triaged.intent_confidence,
        priority: triaged.priority,
        sentiment: triaged.sentiment,
        language: triaged.language,
        cues: triaged.cues,
        engine: triaged.engine,
        reason: triaged.reason,
    })
    .await
    .map(drop)
}

async fn add_message(tx: &mut TenantTx, ticket_id: Uuid, m: &Incoming, direction: Direction) -> Result<Uuid> {
    let tenant = tx.tenant_id();
    let id = m.id.unwrap_or_else(kernel::ids::new_id);
    let mut extra = if m.extra.is_object() { m.extra.clone() } else { json!({}) };
    if !m.refused.is_empty() {
        extra["refused_attachments"] = json!(m.refused);
    }
    let author = m.name.clone().unwrap_or_else(|| m.address.clone());
    let inserted = repo::insert_message(
        tx,
        tenant,
        &NewMessage {
            id,
            ticket_id,
            direction,
            author_id: None,
            author_name: &author,
            text: &m.text,
            html: m.html.as_deref(),
            extra: &extra,
            provider_message_id: Some(&m.provider_message_id),
            delivery_status: None,
            send_at: None,
            mentions: &[],
        },
    )
    .await?;
    if !inserted {
        return Err(Error::conflict(None, "duplicate provider message"));
    }
    Ok(id)
}

/// A new ticket: number, triage, team and queue, routing, SLA.
async fn open_ticket(
    tx: &mut TenantTx,
    channel: &ChannelRow,
    switches: &IntakeSwitches,
    contact: &KnownContact,
    m: &Incoming,
) -> Result<(Uuid, Triaged)> {
    let tenant = tx.tenant_id();
    let customer_id = contact.customer_id;
    let subject: String = m
        .subject
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| m.text.lines().next().unwrap_or("").chars().take(80).collect());
    let verdict = triage().classify(tx, switches.model_trained_at, &subject, &m.text).await?;
    let priority = verdict.priority;
    let team_id = verdict.team_id.or(channel.team_id);
    let queue = match team_id {
        Some(t) => teams::queue_of_team(tx, tenant, t).await?,
        None => None,
    };
    let assignee = match &queue {
        Some(q) => routing::assign(tx, q).await?,
        None => None,
    };
    let now = Utc::now();
    let (first_due, resolution_due) = sla::due_times(tx, tenant, team_id, priority, now).await?;
    let id = kernel::ids::new_id();
    let number = kernel::counters::next(tx, tenant, "tickets").await?;
    repo::insert(
        tx,
        tenant,
        &NewTicket {
            id,
            number,
            subject: &subject,
            priority,
            category: verdict.category.as_deref(),
            channel_id: channel.id,
            customer_id,
            contact_address: &m.address,
            contact_verified: contact.contact_verified,
            declared_email: contact.declared_email.as_deref(),
            team_id,
            queue_id: queue.as_ref().map(|q| q.id),
            assignee_id: assignee,
            first_response_due: Some(first_due),
            resolution_due: Some(resolution_due),
        },
    )
    .await?;
    repo::log(tx, tenant, id, None, "created", json!({ "channel": channel.kind })).await?;
    repo::log(
        tx,
        tenant,
        id,
        None,
        "triaged",
        json!({ "category": verdict.category, "priority": priority.as_str(), "team_id": team_id }),
    )
    .await?;
    sla::schedule(tx, id, now, &[("first_response", first_due), ("resolution", resolution_due)]).await?;
    let kind = channel.kind()?;
    tx.emit(&events::TicketCreated {
        ticket_id: id,
        number,
        customer_id,
        channel: kind,
        priority,
        category: verdict.category.clone(),
        team_id,
        assignee_id: assignee,
        auto_reply: m.auto_reply,
        timeline: Timeline {
            customer_id,
            summary: format!("Ticket #{number} aberto pelo {}: {subject}", kind.label()),
            links: TimelineLinks { ticket_id: Some(id), ..Default::default() },
        },
    })
    .await?;
    if let Some(user) = assignee {
        repo::log(tx, tenant, id, None, "assigned", json!({ "assignee_id": user, "by": "routing" })).await?;
        tx.emit(&TicketAssigned { ticket_id: id, number, assignee_id: Some(user), team_id: None, by: None })
            .await?;
    }
    Ok((id, verdict))
}

/// Who may read a ticket (its page, its Socket.IO room): anyone who works
/// in the inbox, for a ticket of their company — as `GET /tickets/{id}`.
pub async fn can_read(tx: &mut TenantTx, user: &CurrentUser, id: Uuid) -> Result<bool> {
    if !SUPPORT_ROLES.contains(&user.role) {
        return Ok(false);
    }
    Ok(repo::find(tx, user.tenant_id, id, false).await?.is_some())
}

/// Admins and managers act on any ticket; an agent on tickets assigned to
/// them, of their teams, or of no team.
pub async fn can_act(tx: &mut TenantTx, user: &CurrentUser, t: &Ticket) -> Result<()> {
    if SUPPORT_ADMINS.contains(&user.role) || t.assignee_id == Some(user.id) || t.team_id.is_none() {
        return Ok(());
    }
    let mine = teams::teams_of(tx, user.tenant_id, user.id).await?;
    if t.team_id.is_some_and(|team| mine.contains(&team)) {
        return Ok(());
    }
    Err(Error::Forbidden("Este ticket é de outra equipe: peça a transferência a um gestor.".into()))
}

pub async fn get_for_action(tx: &mut TenantTx, user: &CurrentUser, id: Uuid) -> Result<Ticket> {
    let t = repo::find(tx, user.tenant_id, id, true).await?.ok_or(Error::NotFound)?;
    can_act(tx, user, &t).await?;
    Ok(t)
}

/// A merged or closed ticket takes no new message from a person.
pub fn ensure_open(t: &Ticket) -> Result<()> {
    if t.merged_into.is_some() || t.status == TicketStatus::Closed {
        return Err(Error::conflict(None, "Ticket fechado: abra um novo para falar com o cliente."));
    }
    Ok(())
}

/// The WhatsApp customer-service window: free-form messages only within 24
/// hours of the customer's last message; after that, approved templates.
pub fn outside_window(kind: ChannelKind, t: &Ticket) -> bool {
    matches!(kind, ChannelKind::Whatsapp | ChannelKind::TwilioWhatsapp)
        && t.last_inbound_at.is_none_or(|at| Utc::now() - at > Duration::hours(24))
}

/// A reply (queued for delivery, or scheduled) or an internal note.
pub async fn reply(
    tx: &mut TenantTx,
    user: &CurrentUser,
    ticket_id: Uuid,
    req: &ReplyRequest,
) -> Result<Message> {
    let tenant = tx.tenant_id();
    let t = get_for_action(tx, user, ticket_id).await?;
    let text = req.text.trim();
    if req.template.is_none() && (text.is_empty() || text.chars().count() > 10_000) {
        return Err(Error::field("text", "Escreva a mensagem (até 10.000 caracteres)."));
    }
    ensure_open(&t)?;
    let id = kernel::ids::new_id();
    if req.note {
        let known = teams::active_users(tx, tenant, &req.mentions).await?;
        if known.len() != req.mentions.len() {
            return Err(Error::field("mentions", "Mencione apenas usuários ativos da empresa."));
        }
        repo::insert_message(
            tx,
            tenant,
            &NewMessage {
                id,
                ticket_id,
                direction: Direction::Note,
                author_id: Some(user.id),
                author_name: &user.name,
                text,
                html: None,
                extra: &json!({}),
                provider_message_id: None,
                delivery_status: None,
                send_at: None,
                mentions: &req.mentions,
            },
        )
        .await?;
        if !req.mentions.is_empty() {
            tx.emit(&events::TicketMentioned {
                ticket_id,
                number: t.number,
                by: user.name.clone(),
                user_ids: req.mentions.clone(),
                preview: text.chars().take(140).collect(),
            })
            .await?;
        }
        tx.emit(&events::NoteAdded { ticket_id, message_id: id }).await?;
        return repo::message(tx, tenant, id, false).await?.ok_or(Error::NotFound);
    }
    let channel = crate::channels::repo::find(tx, tenant, t.channel_id).await?.ok_or(Error::NotFound)?;
    let kind = channel.kind()?;
    if outside_window(kind, &t) && req.template.is_none() {
        return Err(Error::field(
            "template",
            "Passaram-se mais de 24 horas desde a última mensagem do cliente: o WhatsApp só permite enviar um modelo aprovado. Escolha um modelo.",
        ));
    }
    if req.template.is_some() && !matches!(kind, ChannelKind::Whatsapp) {
        return Err(Error::field("template", "Modelos só existem no WhatsApp."));
    }
    let now = Utc::now();
    let send_at = match req.send_at {
        Some(at) if at <= now + Duration::seconds(30) => {
            return Err(Error::field("send_at", "Agende para daqui a pelo menos 1 minuto."));
        }
        Some(at) if at > now + Duration::days(90) => {
            return Err(Error::field("send_at", "Agende para até 90 dias."));
        }
        other => other,
    };
    queue_reply(tx, Actor::User(user), &t, id, text, req.template.as_ref(), None, send_at).await?;
    repo::mark_read(tx, tenant, ticket_id).await?;
    repo::message(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}

/// What an outgoing message keeps beside its text.
#[derive(Serialize)]
pub(super) struct OutgoingExtra<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<&'a TemplateRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<&'a MessageCard>,
}

/// Stores an outgoing message and queues (or schedules) its delivery.
#[allow(clippy::too_many_arguments)]
pub(super) async fn queue_reply(
    tx: &mut TenantTx,
    actor: Actor<'_>,
    t: &Ticket,
    id: Uuid,
    text: &str,
    template: Option<&TemplateRef>,
    card: Option<&MessageCard>,
    send_at: Option<chrono::DateTime<Utc>>,
) -> Result<()> {
    let tenant = tx.tenant_id();
    let extra = serde_json::to_value(OutgoingExtra { template, card }).map_err(anyhow::Error::from)?;
    let shown = match template {
        Some(tpl) if text.is_empty() => format!("[modelo {}]", tpl.name),
        _ => text.to_string(),
    };
    repo::insert_message(
        tx,
        tenant,
        &NewMessage {
            id,
            ticket_id: t.id,
            direction: Direction::Out,
            author_id: actor.id(),
            author_name: actor.name(),
            text: &shown,
            html: None,
            extra: &extra,
            provider_message_id: None,
            delivery_status: Some(if send_at.is_some() {
                DeliveryStatus::Scheduled
            } else {
                DeliveryStatus::Queued
            }),
            send_at,
            mentions: &[],
        },
    )
    .await
    .on_constraint("ticket_messages_pkey", || Error::conflict(None, "Esta mensagem já foi enviada."))?;
    outbound::queue(tx, id, send_at, false).await?;
    repo::touch_outbound(tx, tenant, t.id, None).await?;
    repo::log(
        tx,
        tenant,
        t.id,
        actor.id(),
        if send_at.is_some() { "scheduled" } else { "replied" },
        json!({ "message_id": id }),
    )
    .await?;
    tx.emit(&events::MessageQueued { ticket_id: t.id, message_id: id }).await?;
    Ok(())
}

/// A message an automation sends with the id it chose (its idempotency
/// key: the same id twice is refused). On WhatsApp outside the 24-hour
/// window only `template` may go, and with none nothing is sent; inside
/// it, or on any other channel, the text goes. Returns what was sent.
pub async fn send_system_reply(
    tx: &mut TenantTx,
    ticket_id: Uuid,
    id: Uuid,
    author_name: &str,
    text: &str,
    template: Option<&TemplateRef>,
) -> Result<String> {
    let tenant = tx.tenant_id();
    let t = for_system_action(tx, ticket_id).await?;
    if t.status == TicketStatus::Closed {
        return Err(Error::conflict(None, "Ticket fechado: nada foi enviado."));
    }
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 4096 {
        return Err(Error::field("text", "Escreva a mensagem (até 4.096 caracteres)."));
    }
    let channel = crate::channels::repo::find(tx, tenant, t.channel_id).await?.ok_or(Error::NotFound)?;
    let kind = channel.kind()?;
    let (text, template) = if outside_window(kind, &t) {
        match template {
            Some(tpl) if kind == ChannelKind::Whatsapp => ("", Some(tpl)),
            _ => {
                return Err(Error::field(
                    "template",
                    "Fora da janela de 24 horas do WhatsApp e sem modelo aprovado: nada foi enviado.",
                ));
            }
        }
    } else {
        (text, None)
    };
    queue_reply(tx, Actor::System(author_name), &t, id, text, template, None, None).await?;
    Ok(match template {
        Some(tpl) => format!("Modelo {} enviado (fora da janela de 24 horas).", tpl.name),
        None => text.to_owned(),
    })
}

/// Queues a failed message again.
pub async fn retry(
    tx: &mut TenantTx,
    user: &CurrentUser,
    ticket_id: Uuid,
    message_id: Uuid,
) -> Result<Message> {
    let tenant = tx.tenant_id();
    get_for_action(tx, user, ticket_id).await?;
    let m = repo::message(tx, tenant, message_id, true)
        .await?
        .filter(|m| m.ticket_id == ticket_id)
        .ok_or(Error::NotFound)?;
    if m.delivery_status != Some(DeliveryStatus::Failed) {
        return Err(Error::conflict(None, "Só uma mensagem que falhou pode ser reenviada."));
    }
    repo::set_delivery(
        tx,
        tenant,
        message_id,
        &repo::Delivery { status: DeliveryStatus::Queued, provider_message_id: None, failure_reason: None },
    )
    .await?;
    outbound::queue(tx, message_id, None, true).await?;
    repo::log(tx, tenant, ticket_id, Some(user.id), "retried", json!({ "message_id": message_id })).await?;
    repo::message(tx, tenant, message_id, false).await?.ok_or(Error::NotFound)
}

const CSAT_REQUEST: &str =
    "Seu atendimento foi concluído. Como você avalia? Responda com uma nota de 1 (ruim) a 5 (ótimo).";

pub async fn update(
    tx: &mut TenantTx,
    user: &CurrentUser,
    id: Uuid,
    req: &UpdateTicketRequest,
) -> Result<Ticket> {
    let t = get_for_action(tx, user, id).await?;
    apply_update(tx, Actor::User(user), t, req).await
}

/// Sets a ticket's status for an automation (see [`for_system_action`]),
/// with what a person's change does (log, events, CSAT on resolve).
pub async fn set_system_status(
    tx: &mut TenantTx,
    ticket_id: Uuid,
    author_name: &str,
    status: TicketStatus,
) -> Result<()> {
    let t = for_system_action(tx, ticket_id).await?;
    if t.status == status {
        return Ok(());
    }
    let req = UpdateTicketRequest { status: Some(status), ..Default::default() };
    apply_update(tx, Actor::System(author_name), t, &req).await.map(drop)
}

async fn apply_update(
    tx: &mut TenantTx,
    actor: Actor<'_>,
    t: Ticket,
    req: &UpdateTicketRequest,
) -> Result<Ticket> {
    let tenant = tx.tenant_id();
    let id = t.id;
    let mut v = kernel::error::Violations::new();
    let subject = req.subject.as_deref().map(str::trim).unwrap_or(&t.subject).to_string();
    if subject.chars().count() > 200 {
        v.add("subject", "Assunto com até 200 caracteres.");
    }
    let tags: Vec<String> = match &req.tags {
        Some(tags) => {
            let mut clean: Vec<String> =
                tags.iter().map(|x| x.trim().to_lowercase()).filter(|x| !x.is_empty()).collect();
            clean.sort();
            clean.dedup();
            if clean.len() > 20 || clean.iter().any(|x| x.chars().count() > 40) {
                v.add("tags", "Até 20 etiquetas de até 40 caracteres.");
            }
            clean
        }
        None => t.tags.clone(),
    };
    // An empty category clears it; one is a short label.
    let category = match req.category.as_deref().map(str::trim) {
        Some("") => None,
        Some(c) if c.chars().count() > 100 || c.chars().any(char::is_control) => {
            v.add("category", "Categoria com até 100 caracteres.");
            None
        }
        Some(c) => Some(c.to_string()),
        None => t.category.clone(),
    };
    v.finish()?;
    let status = req.status.unwrap_or(t.status);
    if t.merged_into.is_some() && status != TicketStatus::Closed {
        return Err(Error::conflict(None, "Este ticket foi mesclado em outro."));
    }
    let priority = req.priority.unwrap_or(t.priority);
    repo::save(
        tx,
        tenant,
        id,
        &Changes {
            status,
            priority,
            subject: &subject,
            category: category.as_deref(),
            tags: &tags,
            snoozed_until: if status.is_open() { t.snoozed_until } else { None },
            ..Changes::of(&t)
        },
    )
    .await?;
    if status != t.status {
        repo::log(
            tx,
            tenant,
            id,
            actor.id(),
            "status",
            json!({ "from": t.status.as_str(), "to": status.as_str() }),
        )
        .await?;
        tx.emit(&TicketStatusChanged { ticket_id: id, status }).await?;
        if status == TicketStatus::Resolved {
            tx.emit(&events::TicketResolved {
                ticket_id: id,
                customer_id: t.customer_id,
                timeline: Timeline {
                    customer_id: t.customer_id,
                    summary: format!("Ticket #{} resolvido por {}", t.number, actor.name()),
                    links: TimelineLinks { ticket_id: Some(id), ..Default::default() },
                },
            })
            .await?;
            request_csat(tx, &t).await?;
        }
    }
    if req.priority.is_some_and(|p| p != t.priority) {
        repo::log(tx, tenant, id, actor.id(), "priority", json!({ "to": req.priority.map(|p| p.as_str()) }))
            .await?;
    }
    if category != t.category {
        repo::log(tx, tenant, id, actor.id(), "category", json!({ "from": t.category, "to": category }))
            .await?;
        tx.emit(&events::TicketCategorized { ticket_id: id, from: t.category.clone(), to: category.clone() })
            .await?;
    }
    // An agent's change of what triage decided teaches the company's model;
    // a resolved ticket confirms the labels it ended with.
    let mut changed = Vec::new();
    if category != t.category {
        changed.push("category");
    }
    if priority != t.priority {
        changed.push("priority");
    }
    if matches!(actor, Actor::User(_)) && !changed.is_empty() {
        feedback::corrected(tx, id, &changed).await?;
    } else if status == TicketStatus::Resolved && t.status != TicketStatus::Resolved {
        feedback::learn(tx, id).await?;
    }
    repo::find(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}

/// On resolve: the customer is asked for a 1–5 rating on the same channel.
async fn request_csat(tx: &mut TenantTx, t: &Ticket) -> Result<()> {
    let tenant = tx.tenant_id();
    if t.csat_score.is_some() {
        return Ok(());
    }
    let channel = crate::channels::repo::find(tx, tenant, t.channel_id).await?.ok_or(Error::NotFound)?;
    if outside_window(channel.kind()?, t) {
        return Ok(());
    }
    let id = kernel::ids::new_id();
    repo::insert_message(
        tx,
        tenant,
        &NewMessage {
            id,
            ticket_id: t.id,
            direction: Direction::Out,
            author_id: None,
            author_name: "Pesquisa de satisfação",
            text: CSAT_REQUEST,
            html: None,
            extra: &json!({ "csat": true }),
            provider_message_id: None,
            delivery_status: Some(DeliveryStatus::Queued),
            send_at: None,
            mentions: &[],
        },
    )
    .await?;
    outbound::queue(tx, id, None, false).await?;
    repo::set_csat(tx, tenant, t.id, true, None).await
}

pub async fn transfer(
    tx: &mut TenantTx,
    user: &CurrentUser,
    id: Uuid,
    req: &TransferRequest,
) -> Result<Ticket> {
    let t = get_for_action(tx, user, id).await?;
    apply_transfer(tx, Actor::User(user), t, req).await
}

/// Hands a ticket to a team (its first queue) and/or a person for an
/// automation (see [`for_system_action`]); `None` keeps that part.
pub async fn assign_system(
    tx: &mut TenantTx,
    ticket_id: Uuid,
    author_name: &str,
    team_id: Option<Uuid>,
    user_id: Option<Uuid>,
) -> Result<()> {
    let t = for_system_action(tx, ticket_id).await?;
    let req = TransferRequest { team_id, assignee_id: user_id.map(Some), ..Default::default() };
    apply_transfer(tx, Actor::System(author_name), t, &req).await.map(drop)
}

async fn apply_transfer(
    tx: &mut TenantTx,
    actor: Actor<'_>,
    t: Ticket,
    req: &TransferRequest,
) -> Result<Ticket> {
    let tenant = tx.tenant_id();
    let id = t.id;
    let mut v = kernel::error::Violations::new();
    let assignee = match req.assignee_id {
        Some(Some(a)) => {
            if teams::active_users(tx, tenant, &[a]).await?.is_empty() {
                v.add("assignee_id", "Usuário não encontrado ou inativo.");
            }
            Some(a)
        }
        Some(None) => None,
        None => t.assignee_id,
    };
    let team_id = match req.team_id {
        Some(team) => {
            if teams::find_team(tx, tenant, team).await?.is_none() {
                v.add("team_id", "Equipe não encontrada.");
            }
            Some(team)
        }
        None => t.team_id,
    };
    let queue_id = match req.queue_id {
        Some(q) => {
            match teams::find_queue(tx, tenant, q).await? {
                None => v.add("queue_id", "Fila não encontrada."),
                Some(queue) if Some(queue.team_id) != team_id => {
                    v.add("queue_id", "A fila é de outra equipe.")
                }
                Some(_) => {}
            }
            Some(q)
        }
        None if req.team_id.is_some() && team_id != t.team_id => match team_id {
            Some(team) => teams::queue_of_team(tx, tenant, team).await?.map(|q| q.id),
            None => None,
        },
        None => t.queue_id,
    };
    if let Some(note) = &req.note
        && note.chars().count() > 2000
    {
        v.add("note", "Nota com até 2000 caracteres.");
    }
    v.finish()?;
    repo::save(tx, tenant, id, &Changes { team_id, queue_id, assignee_id: assignee, ..Changes::of(&t) })
        .await?;
    if matches!(actor, Actor::User(_)) && team_id != t.team_id {
        feedback::corrected(tx, id, &["team"]).await?;
    }
    repo::log(
        tx,
        tenant,
        id,
        actor.id(),
        "transferred",
        json!({ "assignee_id": assignee, "team_id": team_id, "queue_id": queue_id, "note": req.note }),
    )
    .await?;
    let note = req.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let summary = match req.include_summary {
        true => crate::triage::summary::for_note(tx, id).await?,
        false => None,
    };
    let text = match (note, summary) {
        (Some(note), Some(summary)) => {
            Some(format!("Transferência: {note}\n\nResumo da conversa:\n{summary}"))
        }
        (Some(note), None) => Some(format!("Transferência: {note}")),
        (None, Some(summary)) => Some(format!("Transferência. Resumo da conversa:\n{summary}")),
        (None, None) => None,
    };
    if let Some(text) = text {
        match actor {
            Actor::User(user) => {
                let note_req =
                    ReplyRequest { text, note: true, mentions: vec![], send_at: None, template: None };
                reply(tx, user, id, &note_req).await?;
            }
            Actor::System(label) => {
                add_system_note(tx, id, label, &text).await?;
            }
        }
    }
    tx.emit(&TicketAssigned {
        ticket_id: id,
        number: t.number,
        assignee_id: assignee,
        // As documented: absent when only the assignee changed (the
        // assignee's notification then says "atribuído", not "transferido").
        team_id: (team_id != t.team_id).then_some(team_id),
        by: actor.id(),
    })
    .await?;
    repo::find(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}

/// Wakes a snoozed ticket.
#[derive(Debug, Serialize, Deserialize)]
pub struct WakeTicket {
    pub ticket_id: Uuid,
}

impl Job for WakeTicket {
    const KIND: &'static str = "support.wake_ticket";
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: WakeTicket| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("wake without tenant"))?;
        let mut tx = TenantTx::begin(&app.db, tenant).await?;
        if let Some(t) = repo::find(&mut tx, tenant, job.ticket_id, true).await?
            && t.snoozed_until.is_some_and(|u| u <= Utc::now())
            && t.status == TicketStatus::Pending
        {
            repo::save(
                &mut tx,
                tenant,
                t.id,
                &Changes { status: TicketStatus::Open, snoozed_until: None, ..Changes::of(&t) },
            )
            .await?;
            repo::log(&mut tx, tenant, t.id, None, "woke", json!({})).await?;
            tx.emit(&TicketStatusChanged { ticket_id: t.id, status: TicketStatus::Open }).await?;
        }
        tx.commit().await?;
        Ok(())
    });
}

pub async fn snooze(tx: &mut TenantTx, user: &CurrentUser, id: Uuid, req: &SnoozeRequest) -> Result<Ticket> {
    let tenant = tx.tenant_id();
    let t = get_for_action(tx, user, id).await?;
    if req.until <= Utc::now() || req.until > Utc::now() + Duration::days(365) {
        return Err(Error::field("until", "Escolha uma data futura (até 1 ano)."));
    }
    if !t.status.is_open() {
        return Err(Error::conflict(None, "Só tickets em aberto podem ser adiados."));
    }
    repo::save(
        tx,
        tenant,
        id,
        &Changes { status: TicketStatus::Pending, snoozed_until: Some(req.until), ..Changes::of(&t) },
    )
    .await?;
    jobs::enqueue(
        tx,
        Some(tenant),
        &WakeTicket { ticket_id: id },
        EnqueueOptions {
            run_at: Some(req.until),
            dedupe_key: Some(format!("wake:{id}:{}", req.until.timestamp())),
            ..Default::default()
        },
    )
    .await?;
    repo::log(tx, tenant, id, Some(user.id), "snoozed", json!({ "until": req.until })).await?;
    tx.emit(&TicketStatusChanged { ticket_id: id, status: TicketStatus::Pending }).await?;
    repo::find(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}

pub async fn merge(
    tx: &mut TenantTx,
    user: &CurrentUser,
    id: Uuid,
    req: &TicketMergeRequest,
) -> Result<Ticket> {
    let tenant = tx.tenant_id();
    if id == req.into_ticket_id {
        return Err(Error::field("into_ticket_id", "Escolha outro ticket."));
    }
    // Both locked, in id order.
    let (a, b) = if id < req.into_ticket_id { (id, req.into_ticket_id) } else { (req.into_ticket_id, id) };
    let first = get_for_action(tx, user, a).await?;
    let second = get_for_action(tx, user, b).await.map_err(|e| match e {
        Error::NotFound => Error::field("into_ticket_id", "Ticket não encontrado."),
        other => other,
    })?;
    let (from, into) = if first.id == id { (first, second) } else { (second, first) };
    if from.merged_into.is_some() || into.merged_into.is_some() {
        return Err(Error::conflict(None, "Um dos tickets já foi mesclado."));
    }
    // One customer's conversation must never show up in another's (a
    // web-chat visitor reads its ticket's messages).
    if from.customer_id != into.customer_id {
        return Err(Error::conflict(
            Some("into_ticket_id"),
            "Só é possível mesclar tickets do mesmo cliente. Se for a mesma pessoa, vincule o cliente antes.",
        ));
    }
    repo::merge(tx, tenant, from.id, into.id).await?;
    repo::log(
        tx,
        tenant,
        from.id,
        Some(user.id),
        "merged",
        json!({ "into": into.id, "number": into.number }),
    )
    .await?;
    repo::log(
        tx,
        tenant,
        into.id,
        Some(user.id),
        "merged_from",
        json!({ "from": from.id, "number": from.number }),
    )
    .await?;
    tx.emit(&events::TicketMerged { ticket_id: from.id, into: into.id }).await?;
    repo::find(tx, tenant, into.id, false).await?.ok_or(Error::NotFound)
}

/// The agent links the ticket to the customer the contact really is (after
/// checking who a web-chat visitor is); the ticket is no longer unverified.
pub async fn link_customer(
    tx: &mut TenantTx,
    user: &CurrentUser,
    id: Uuid,
    req: &LinkCustomerRequest,
) -> Result<Ticket> {
    let tenant = tx.tenant_id();
    let t = get_for_action(tx, user, id).await?;
    let before = t.customer_id;
    repo::link_customer(tx, tenant, id, req.customer_id)
        .await
        .on_constraint("tickets_tenant_id_customer_id_fkey", || {
            Error::field("customer_id", "Cliente não encontrado.")
        })?;
    repo::log(
        tx,
        tenant,
        id,
        Some(user.id),
        "customer_linked",
        json!({ "from": before, "to": req.customer_id, "declared_email": t.declared_email }),
    )
    .await?;
    repo::find(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}

/// What a flow of the automation module does to a ticket. It acts as
/// nobody (no user to check, the author is the flow's label, e.g.
/// "Automação"), like routing and SLA jobs: the company configured it.
/// A merged ticket is refused rather than silently changed.
async fn for_system_action(tx: &mut TenantTx, ticket_id: Uuid) -> Result<Ticket> {
    let tenant = tx.tenant_id();
    let t = repo::find(tx, tenant, ticket_id, true)
        .await?
        .ok_or_else(|| Error::field("ticket_id", "Ticket não encontrado."))?;
    if t.merged_into.is_some() {
        return Err(Error::conflict(None, "Este ticket foi mesclado em outro."));
    }
    Ok(t)
}

/// An internal note written by an automation (see [`for_system_action`]).
pub async fn add_system_note(
    tx: &mut TenantTx,
    ticket_id: Uuid,
    author_name: &str,
    text: &str,
) -> Result<Uuid> {
    let tenant = tx.tenant_id();
    for_system_action(tx, ticket_id).await?;
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 10_000 {
        return Err(Error::field("text", "Escreva a nota (até 10.000 caracteres)."));
    }
    let id = kernel::ids::new_id();
    repo::insert_message(
        tx,
        tenant,
        &NewMessage {
            id,
            ticket_id,
            direction: Direction::Note,
            author_id: None,
            author_name,
            text,
            html: None,
            extra: &json!({}),
            provider_message_id: None,
            delivery_status: None,
            send_at: None,
            mentions: &[],
        },
    )
    .await?;
    tx.emit(&events::NoteAdded { ticket_id, message_id: id }).await?;
    Ok(id)
}

/// Sets a ticket's priority for an automation (see [`for_system_action`]).
pub async fn set_system_priority(tx: &mut TenantTx, ticket_id: Uuid, priority: Priority) -> Result<()> {
    let tenant = tx.tenant_id();
    let t = for_system_action(tx, ticket_id).await?;
    if t.priority == priority {
        return Ok(());
    }
    repo::save(tx, tenant, ticket_id, &Changes { priority, ..Changes::of(&t) }).await?;
    repo::log(tx, tenant, ticket_id, None, "priority", json!({ "to": priority.as_str() })).await
}

/// Adds tags to a ticket for an automation (see [`for_system_action`]),
/// cleaned as a person's tags are.
pub async fn add_system_tags(tx: &mut TenantTx, ticket_id: Uuid, tags: &[String]) -> Result<()> {
    let tenant = tx.tenant_id();
    let t = for_system_action(tx, ticket_id).await?;
    let mut all: Vec<String> =
        t.tags.iter().cloned().chain(tags.iter().map(|x| x.trim().to_lowercase())).collect();
    all.retain(|x| !x.is_empty());
    all.sort();
    all.dedup();
    if all.len() > 20 || all.iter().any(|x| x.chars().count() > 40) {
        return Err(Error::field("tags", "Até 20 etiquetas de até 40 caracteres."));
    }
    if all == t.tags {
        return Ok(());
    }
    repo::save(tx, tenant, ticket_id, &Changes { tags: &all, ..Changes::of(&t) }).await
}

/// A ticket read by a company rule (an automation), with no user to check.
pub async fn find_for_system(tx: &mut TenantTx, ticket_id: Uuid) -> Result<Option<Ticket>> {
    let tenant = tx.tenant_id();
    repo::find(tx, tenant, ticket_id, false).await
}
