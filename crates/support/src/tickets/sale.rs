//! The sale in one thread: a proposal's public link and an invoice's
//! payment page with PIX go into the conversation as cards ("Enviar no
//! chat"), and the customer's acceptance and payment come back into it as
//! notes. The CRM and finance are reached through the
//! [`crate::directory::CustomerDirectory`] port; they link the record to
//! the ticket, and their events (`ProposalAccepted`, `InvoicePaid`) carry it.

use events::Envelope;
use kernel::jobs::Registry;
use kernel::money::Money;
use kernel::session::CurrentUser;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use uuid::Uuid;

use super::model::{
    CardKind, Direction, InvoiceInChatRequest, Message, MessageCard, ProposalInChatRequest, TemplateRef,
    Ticket,
};
use super::repo::{self, NewMessage};
use super::service::{Actor, OutgoingExtra, ensure_open, get_for_action, outside_window, queue_reply};
use crate::channels::model::ChannelKind;
use crate::channels::templates::{Purpose, SaleTemplate, SaleTemplates, TemplateField};
use crate::directory;

fn brl(cents: i64) -> String {
    Money::brl(cents).format_brl()
}

/// A conversation the user may write into now: theirs to act on and open.
/// On WhatsApp after the 24-hour window only an approved template goes:
/// the one the channel names for `purpose`, else nothing (409).
async fn open_conversation(
    tx: &mut TenantTx,
    user: &CurrentUser,
    ticket_id: Uuid,
    purpose: Purpose,
) -> Result<(Ticket, Option<SaleTemplate>)> {
    let tenant = tx.tenant_id();
    let t = get_for_action(tx, user, ticket_id).await?;
    ensure_open(&t)?;
    let channel = crate::channels::repo::find(tx, tenant, t.channel_id).await?.ok_or(Error::NotFound)?;
    let kind = channel.kind()?;
    if !outside_window(kind, &t) {
        return Ok((t, None));
    }
    let template = (kind == ChannelKind::Whatsapp)
        .then(|| SaleTemplates::of(&channel.config).get(purpose).cloned())
        .flatten();
    match template {
        Some(template) => Ok((t, Some(template))),
        None => Err(Error::conflict(
            None,
            format!(
                "Passaram-se mais de 24 horas desde a última mensagem do cliente: o WhatsApp só permite um \
                 modelo aprovado. Cadastre o modelo aprovado para {} no canal (Configurações → Canais) ou \
                 envie um modelo pedindo que ele responda.",
                match purpose {
                    Purpose::Proposal => "propostas",
                    Purpose::Invoice | Purpose::Reminder => "faturas",
                }
            ),
        )),
    }
}

/// The values a sale fills into its template's variables.
struct Fill<'a> {
    customer_name: &'a str,
    label: &'a str,
    title: &'a str,
    amount_cents: i64,
    due_date: chrono::NaiveDate,
    link: &'a str,
    pix: Option<&'a str>,
}

impl<'a> Fill<'a> {
    fn invoice(t: &'a Ticket, i: &'a directory::SharedInvoice) -> Self {
        Fill {
            customer_name: &t.customer_name,
            label: &i.label,
            title: &i.description,
            amount_cents: i.amount_due_cents,
            due_date: i.due_date,
            link: &i.link,
            pix: i.pix_payload.as_deref(),
        }
    }
}

fn template_ref(template: SaleTemplate, fill: &Fill) -> TemplateRef {
    let params = template
        .params
        .iter()
        .map(|field| match field {
            TemplateField::CustomerName => fill.customer_name.to_owned(),
            TemplateField::Label => fill.label.to_owned(),
            TemplateField::Title => fill.title.to_owned(),
            TemplateField::Amount => brl(fill.amount_cents),
            TemplateField::DueDate => fill.due_date.format("%d/%m/%Y").to_string(),
            TemplateField::Link => fill.link.to_owned(),
            TemplateField::PixCode => fill.pix.unwrap_or_default().to_owned(),
        })
        .collect();
    TemplateRef { name: template.name, language: template.language, params }
}

/// Queues `text` to the customer with its card, as the user (the template
/// goes instead of the text outside WhatsApp's window; the thread keeps the text).
async fn send_card(
    tx: &mut TenantTx,
    user: &CurrentUser,
    t: &Ticket,
    text: &str,
    card: &MessageCard,
    template: Option<&TemplateRef>,
) -> Result<Message> {
    let tenant = tx.tenant_id();
    let id = kernel::ids::new_id();
    queue_reply(tx, Actor::User(user), t, id, text, template, Some(card), None).await?;
    repo::mark_read(tx, tenant, t.id).await?;
    repo::message(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}

/// "Enviar no chat" a proposal: a new public link of one of the customer's
/// proposals; the proposal is linked to the ticket so the answer shows here.
pub async fn send_proposal(
    app: &App,
    tx: &mut TenantTx,
    user: &CurrentUser,
    ticket_id: Uuid,
    req: &ProposalInChatRequest,
) -> Result<Message> {
    let (t, template) = open_conversation(tx, user, ticket_id, Purpose::Proposal).await?;
    let shared = directory::get()?
        .send_proposal(app, tx, user.id, req.proposal_id, t.customer_id, (t.id, t.number))
        .await?;
    let p = shared.summary;
    let text = format!(
        "Proposta {} — {}\nTotal: {} · válida até {}\nVeja os detalhes e aceite aqui: {}",
        p.label,
        p.title,
        brl(p.total_cents),
        p.valid_until.format("%d/%m/%Y"),
        shared.link
    );
    let template = template.map(|tpl| {
        let fill = Fill {
            customer_name: &t.customer_name,
            label: &p.label,
            title: &p.title,
            amount_cents: p.total_cents,
            due_date: p.valid_until,
            link: &shared.link,
            pix: None,
        };
        template_ref(tpl, &fill)
    });
    let card = MessageCard {
        kind: CardKind::ProposalSent,
        record_id: req.proposal_id,
        label: p.label,
        title: p.title,
        amount_cents: p.total_cents,
        url: Some(shared.link),
    };
    send_card(tx, user, &t, &text, &card, template.as_ref()).await
}

/// "Enviar no chat" an invoice: what is due today (late fees included),
/// its payment page and the PIX copia e cola when the company has a key;
/// the invoice is linked to the ticket so its payment shows here.
pub async fn send_invoice(
    app: &App,
    tx: &mut TenantTx,
    user: &CurrentUser,
    ticket_id: Uuid,
    req: &InvoiceInChatRequest,
) -> Result<Message> {
    let (t, template) = open_conversation(tx, user, ticket_id, Purpose::Invoice).await?;
    let i = directory::get()?.send_invoice(app, tx, req.invoice_id, t.customer_id, t.id).await?;
    let mut text = format!(
        "Fatura {} — {} · vencimento {}\nPague pela página: {}",
        i.label,
        brl(i.amount_due_cents),
        i.due_date.format("%d/%m/%Y"),
        i.link
    );
    if let Some(pix) = &i.pix_payload {
        text.push_str(&format!("\nPIX copia e cola:\n{pix}"));
    }
    let title = format!("Vencimento {}", i.due_date.format("%d/%m/%Y"));
    let template = template.map(|tpl| template_ref(tpl, &Fill::invoice(&t, &i)));
    let card = MessageCard {
        kind: CardKind::InvoiceSent,
        record_id: req.invoice_id,
        label: i.label,
        title,
        amount_cents: i.amount_due_cents,
        url: Some(i.link),
    };
    send_card(tx, user, &t, &text, &card, template.as_ref()).await
}

/// A step the customer took, shown to the agents in the thread as a note
/// with its card, once per event (the note's id is the event's).
async fn note_card(
    tx: &mut TenantTx,
    event_id: Uuid,
    ticket_id: Uuid,
    text: &str,
    card: &MessageCard,
) -> Result<()> {
    let tenant = tx.tenant_id();
    if repo::find(tx, tenant, ticket_id, false).await?.is_none()
        || repo::message(tx, tenant, event_id, false).await?.is_some()
    {
        return Ok(());
    }
    let extra = serde_json::to_value(OutgoingExtra { template: None, card: Some(card) })
        .map_err(anyhow::Error::from)?;
    repo::insert_message(
        tx,
        tenant,
        &NewMessage {
            id: event_id,
            ticket_id,
            direction: Direction::Note,
            author_id: None,
            author_name: "ConectCRM",
            text,
            html: None,
            extra: &extra,
            provider_message_id: None,
            delivery_status: None,
            send_at: None,
            mentions: &[],
        },
    )
    .await?;
    tx.emit(&events::NoteAdded { ticket_id, message_id: event_id }).await?;
    Ok(())
}

async fn note_acceptance(
    tx: &mut TenantTx,
    event_id: Uuid,
    accepted: &events::ProposalAccepted,
) -> Result<()> {
    let Some(ticket_id) = accepted.ticket_id else { return Ok(()) };
    let Some(p) = directory::get()?.proposal_summary(tx, accepted.proposal_id).await? else { return Ok(()) };
    let text = format!("✅ O cliente aceitou a proposta {} — {}. O contrato foi gerado.", p.label, p.title);
    let card = MessageCard {
        kind: CardKind::ProposalAccepted,
        record_id: accepted.proposal_id,
        label: p.label,
        title: p.title,
        amount_cents: p.total_cents,
        url: None,
    };
    note_card(tx, event_id, ticket_id, &text, &card).await
}

async fn note_payment(tx: &mut TenantTx, event_id: Uuid, paid: &events::InvoicePaid) -> Result<()> {
    let Some(ticket_id) = paid.ticket_id else { return Ok(()) };
    let Some(label) = directory::get()?.invoice_label(tx, paid.invoice_id).await? else { return Ok(()) };
    let text = format!("💰 Pagamento recebido: a fatura {label} foi quitada ({}).", brl(paid.paid_cents));
    let card = MessageCard {
        kind: CardKind::InvoicePaid,
        record_id: paid.invoice_id,
        label,
        title: "Fatura paga".into(),
        amount_cents: paid.paid_cents,
        url: None,
    };
    note_card(tx, event_id, ticket_id, &text, &card).await
}

/// Why an invoice goes into a WhatsApp conversation by itself.
#[derive(Debug, Clone, Copy)]
pub enum InvoiceMessage {
    /// A dunning step (`InvoiceReminderDue`). A company turns these on by
    /// naming a `reminder` template on its WhatsApp channel; without one
    /// nothing goes, and an invoice paid or cancelled since the step was
    /// planned is not reminded.
    Reminder { offset_days: i32 },
    /// An automation's "Enviar fatura no WhatsApp": outside the 24-hour
    /// window it takes the channel's `invoice` template, and anything that
    /// stops it is an error the run shows.
    Send,
}

/// An open invoice into the customer's latest WhatsApp conversation — as
/// text inside the 24-hour window, as the channel's template after it —
/// once per `message_id` (the message's primary key), linking the invoice
/// to that conversation so its payment shows there. Returns the
/// conversation's number, or `None` when there was nothing to send (no
/// WhatsApp conversation; for a reminder, no template or nothing due).
pub async fn invoice_on_whatsapp(
    app: &App,
    tx: &mut TenantTx,
    message_id: Uuid,
    invoice_id: Uuid,
    customer_id: Uuid,
    what: InvoiceMessage,
    author: &'static str,
) -> Result<Option<i64>> {
    let tenant = tx.tenant_id();
    let Some(ticket_id) = repo::latest_whatsapp_ticket(tx, tenant, customer_id).await? else {
        return Ok(None);
    };
    let Some(t) = repo::find(tx, tenant, ticket_id, true).await? else { return Ok(None) };
    let channel = crate::channels::repo::find(tx, tenant, t.channel_id).await?.ok_or(Error::NotFound)?;
    let templates = SaleTemplates::of(&channel.config);
    let template = match what {
        InvoiceMessage::Reminder { .. } => match templates.reminder {
            Some(tpl) => Some(tpl),
            None => return Ok(None),
        },
        InvoiceMessage::Send => templates.invoice,
    };
    if repo::message(tx, tenant, message_id, false).await?.is_some() {
        return Ok(Some(t.number));
    }
    let outside = outside_window(ChannelKind::Whatsapp, &t);
    if outside && template.is_none() {
        return Err(Error::conflict(
            None,
            "Passaram-se mais de 24 horas desde a última mensagem do cliente e o canal não tem o modelo \
             aprovado para faturas (Configurações → Canais).",
        ));
    }
    let i = match directory::get()?.send_invoice(app, tx, invoice_id, customer_id, t.id).await {
        Ok(i) => i,
        Err(Error::Validation(_)) if matches!(what, InvoiceMessage::Reminder { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut text = match what {
        InvoiceMessage::Reminder { offset_days } => {
            let when = match offset_days {
                d if d < 0 => format!("vence em {}", i.due_date.format("%d/%m/%Y")),
                0 => "vence hoje".to_owned(),
                _ => format!("venceu em {}", i.due_date.format("%d/%m/%Y")),
            };
            format!(
                "Lembrete: a fatura {} ({}) {when}.\nPague pela página: {}",
                i.label,
                brl(i.amount_due_cents),
                i.link
            )
        }
        InvoiceMessage::Send => format!(
            "Fatura {} — {} · vencimento {}\nPague pela página: {}",
            i.label,
            brl(i.amount_due_cents),
            i.due_date.format("%d/%m/%Y"),
            i.link
        ),
    };
    if let Some(pix) = &i.pix_payload {
        text.push_str(&format!("\nPIX copia e cola:\n{pix}"));
    }
    let template = template.filter(|_| outside).map(|tpl| template_ref(tpl, &Fill::invoice(&t, &i)));
    let card = MessageCard {
        kind: CardKind::InvoiceSent,
        record_id: invoice_id,
        title: format!("Vencimento {}", i.due_date.format("%d/%m/%Y")),
        label: i.label,
        amount_cents: i.amount_due_cents,
        url: Some(i.link),
    };
    queue_reply(tx, Actor::System(author), &t, message_id, &text, template.as_ref(), Some(&card), None)
        .await?;
    Ok(Some(t.number))
}

pub fn register(registry: &mut Registry) {
    registry.on(
        "support.whatsapp_invoice_reminder",
        |app: App, due: Envelope<events::InvoiceReminderDue>| async move {
            let mut tx = TenantTx::begin(&app.db, due.tenant_id).await?;
            let d = &due.event;
            let what = InvoiceMessage::Reminder { offset_days: d.offset_days };
            invoice_on_whatsapp(&app, &mut tx, due.event_id, d.invoice_id, d.customer_id, what, "ConectCRM")
                .await?;
            tx.commit().await?;
            Ok(())
        },
    );
    registry.on(
        "support.note_proposal_accepted",
        |app: App, accepted: Envelope<events::ProposalAccepted>| async move {
            let mut tx = TenantTx::begin(&app.db, accepted.tenant_id).await?;
            note_acceptance(&mut tx, accepted.event_id, &accepted.event).await?;
            tx.commit().await?;
            Ok(())
        },
    );
    registry.on("support.note_invoice_paid", |app: App, paid: Envelope<events::InvoicePaid>| async move {
        let mut tx = TenantTx::begin(&app.db, paid.tenant_id).await?;
        note_payment(&mut tx, paid.event_id, &paid.event).await?;
        tx.commit().await?;
        Ok(())
    });
}
