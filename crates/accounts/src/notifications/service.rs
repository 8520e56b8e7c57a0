//! Who is told what: one subscriber job per event that concerns a person
//! turns it into a [`Draft`] and its recipients; [`deliver`] records one
//! notification per person and event (a redelivered event tells nobody
//! twice), queues the e-mail in the same transaction, and after the commit
//! pushes it live to the person's Socket.IO room.

use events::live::NotificationPushed;
use events::{
    Envelope, MessageDeliveryFailed, PaymentReceived, ProposalAccepted, SlaBreached, SlaWarningReached,
    TicketAssigned, TicketMentioned,
};
use kernel::auth::{Area, Role};
use kernel::ids::new_id;
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::mail::SendEmail;
use kernel::money::Money;
use kernel::realtime::user_room;
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::{Kind, Preference, Subject};
use super::repo::{self, NewNotification};

/// What a notification says and opens.
pub struct Draft {
    pub kind: Kind,
    pub title: String,
    pub body: String,
    /// The record it opens (none: a scheduled flow's notice).
    pub subject: Option<(Subject, Uuid)>,
}

/// Whom it goes to: named people and/or everyone with one of `roles`,
/// never `except` (who caused it).
#[derive(Default)]
pub struct Recipients {
    pub users: Vec<Uuid>,
    pub roles: &'static [Role],
    pub except: Option<Uuid>,
}

impl Recipients {
    fn user(id: Option<Uuid>) -> Self {
        Recipients { users: id.into_iter().collect(), ..Default::default() }
    }
}

/// A notice decided inside another transaction (an automation run's
/// step): delivered by a job once that transaction commits, so a step that
/// rolls back tells nobody. `event_id` keys it (a retried step, once).
#[derive(Debug, Serialize, Deserialize)]
pub struct Notify {
    pub event_id: Uuid,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub subject: Option<(Subject, Uuid)>,
    pub users: Vec<Uuid>,
}

impl Job for Notify {
    const KIND: &'static str = "accounts.notify";
}

/// Queues `notice` in the caller's transaction.
pub async fn enqueue(tx: &mut TenantTx, notice: &Notify) -> Result<()> {
    let options =
        EnqueueOptions { dedupe_key: Some(format!("notify:{}", notice.event_id)), ..Default::default() };
    let tenant = tx.tenant_id();
    jobs::enqueue(tx, Some(tenant), notice, options).await?;
    Ok(())
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: Notify| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("accounts.notify without a company"))?;
        let draft = Draft { kind: job.kind, title: job.title, body: job.body, subject: job.subject };
        let to = Recipients { users: job.users, ..Default::default() };
        Ok(deliver(&app, tenant, job.event_id, &draft, &to).await?)
    });
    registry
        .on("accounts.notify_mention", |app, e: Envelope<TicketMentioned>| async move {
            let ev = &e.event;
            let draft = Draft {
                kind: Kind::Mention,
                title: format!("{} mencionou você no ticket #{}", ev.by, ev.number),
                body: ev.preview.clone(),
                subject: Some((Subject::Ticket, ev.ticket_id)),
            };
            let to = Recipients { users: ev.user_ids.clone(), ..Default::default() };
            Ok(deliver(&app, e.tenant_id, e.event_id, &draft, &to).await?)
        })
        .on("accounts.notify_assignment", |app, e: Envelope<TicketAssigned>| async move {
            let ev = &e.event;
            let transfer = ev.team_id.is_some();
            let draft = Draft {
                kind: if transfer { Kind::Transfer } else { Kind::Assignment },
                title: match transfer {
                    true => format!("Ticket #{} transferido para você", ev.number),
                    false => format!("Ticket #{} atribuído a você", ev.number),
                },
                body: "Abra a conversa para responder.".into(),
                subject: Some((Subject::Ticket, ev.ticket_id)),
            };
            // Taking a ticket oneself is no news to oneself.
            let to = Recipients { except: ev.by, ..Recipients::user(ev.assignee_id) };
            Ok(deliver(&app, e.tenant_id, e.event_id, &draft, &to).await?)
        })
        .on("accounts.notify_sla_warning", |app, e: Envelope<SlaWarningReached>| async move {
            let ev = &e.event;
            let draft = Draft {
                kind: Kind::SlaWarning,
                title: format!("Ticket #{}: prazo de {} perto do fim", ev.number, ev.target.label()),
                body: remaining(ev.due - e.occurred_at),
                subject: Some((Subject::Ticket, ev.ticket_id)),
            };
            Ok(deliver(&app, e.tenant_id, e.event_id, &draft, &sla_audience(ev.assignee_id)).await?)
        })
        .on("accounts.notify_sla_breached", |app, e: Envelope<SlaBreached>| async move {
            let ev = &e.event;
            let draft = Draft {
                kind: Kind::SlaBreached,
                title: format!("Ticket #{}: prazo de {} estourado", ev.number, ev.target.label()),
                body: "Responda agora: o cliente está esperando além do combinado.".into(),
                subject: Some((Subject::Ticket, ev.ticket_id)),
            };
            Ok(deliver(&app, e.tenant_id, e.event_id, &draft, &sla_audience(ev.assignee_id)).await?)
        })
        .on("accounts.notify_proposal_accepted", |app, e: Envelope<ProposalAccepted>| async move {
            let ev = &e.event;
            let title = match ev.number {
                0 => "Proposta aceita".to_string(),
                n => format!("Proposta PROP-{n:04} aceita"),
            };
            let draft = Draft {
                kind: Kind::ProposalAccepted,
                title,
                body: "O cliente aceitou pelo link; o contrato já foi gerado.".into(),
                subject: Some((Subject::Proposal, ev.proposal_id)),
            };
            // Nobody answers for it (no owner, author gone): the sales managers.
            let to = match ev.owner_id {
                Some(owner) => Recipients::user(Some(owner)),
                None => {
                    Recipients { roles: &[Role::Owner, Role::Admin, Role::Manager], ..Default::default() }
                }
            };
            Ok(deliver(&app, e.tenant_id, e.event_id, &draft, &to).await?)
        })
        .on("accounts.notify_payment_received", |app, e: Envelope<PaymentReceived>| async move {
            let ev = &e.event;
            let draft = Draft {
                kind: Kind::PaymentReceived,
                title: format!("Pagamento recebido: {}", Money::brl(ev.amount_cents).format_brl()),
                body: ev.timeline.summary.clone(),
                subject: Some((Subject::Payment, ev.payment_id)),
            };
            let to = Recipients { roles: Area::Finance.roles(), ..Default::default() };
            Ok(deliver(&app, e.tenant_id, e.event_id, &draft, &to).await?)
        })
        .on("accounts.notify_delivery_failed", |app, e: Envelope<MessageDeliveryFailed>| async move {
            let ev = &e.event;
            let draft = Draft {
                kind: Kind::DeliveryFailed,
                title: format!("Mensagem não entregue no ticket #{}", ev.number),
                body: ev.reason.chars().take(300).collect(),
                subject: Some((Subject::Ticket, ev.ticket_id)),
            };
            // A reply of the bot or an automation: whoever leads the inbox.
            let to = match ev.author_id {
                Some(author) => Recipients::user(Some(author)),
                None => {
                    Recipients { roles: &[Role::Owner, Role::Admin, Role::Manager], ..Default::default() }
                }
            };
            Ok(deliver(&app, e.tenant_id, e.event_id, &draft, &to).await?)
        });
}

/// The ticket's assignee; a ticket nobody holds, whoever leads the inbox.
fn sla_audience(assignee: Option<Uuid>) -> Recipients {
    match assignee {
        Some(_) => Recipients::user(assignee),
        None => Recipients { roles: &[Role::Owner, Role::Admin, Role::Manager], ..Default::default() },
    }
}

/// "Faltam 12 min para o prazo." — relative, so no timezone is needed.
fn remaining(left: chrono::TimeDelta) -> String {
    let minutes = left.num_minutes().max(1);
    match minutes {
        1 => "Falta 1 min para o prazo.".into(),
        m if m < 120 => format!("Faltam {m} min para o prazo."),
        m => format!("Faltam {} h para o prazo.", m / 60),
    }
}

/// Records and sends `draft` to `to`, once per person and event.
pub async fn deliver(app: &App, tenant: Uuid, event_id: Uuid, draft: &Draft, to: &Recipients) -> Result<()> {
    let roles: Vec<String> = to.roles.iter().map(|r| r.as_str().to_string()).collect();
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let people = repo::recipients(&mut tx, tenant, draft.kind, &to.users, &roles, to.except).await?;
    let mut live = Vec::new();
    for person in people {
        let default = Preference::default_for(draft.kind);
        let in_app = person.in_app.unwrap_or(default.in_app);
        let email = person.email_on.unwrap_or(default.email);
        let desktop = person.desktop.unwrap_or(default.desktop);
        if !(in_app || email || desktop) {
            continue;
        }
        let id = new_id();
        let row = NewNotification {
            id,
            user_id: person.id,
            kind: draft.kind,
            title: &draft.title,
            body: &draft.body,
            subject: draft.subject,
            event_id,
            in_app,
        };
        let Some(created_at) = repo::insert(&mut tx, tenant, &row).await? else {
            continue; // this event already told them
        };
        if email {
            let mail = SendEmail {
                to: person.email.clone(),
                subject: draft.title.clone(),
                text: format!(
                    "{}\n\n{}\n\nAbrir no ConectCRM: {}\n\nVocê recebe este e-mail pelas suas preferências de \
                     notificação (Meu perfil → Notificações).\n",
                    draft.title,
                    draft.body,
                    link(app, draft.subject)
                ),
                html: None,
                attachments: vec![],
            };
            jobs::enqueue(&mut tx, Some(tenant), &mail, EnqueueOptions::default()).await?;
        }
        if in_app || desktop {
            live.push((
                person.id,
                NotificationPushed {
                    id: in_app.then_some(id),
                    kind: draft.kind,
                    title: draft.title.clone(),
                    body: draft.body.clone(),
                    subject_kind: draft.subject.map(|(kind, _)| kind),
                    subject_id: draft.subject.map(|(_, id)| id),
                    desktop,
                    created_at,
                },
            ));
        }
    }
    tx.commit().await?;
    for (user, signal) in live {
        app.realtime.signal_room(user_room(user), &signal).await;
    }
    Ok(())
}

/// The web app's page for the record (the paths of `web/src/config/paths.ts`).
fn link(app: &App, subject: Option<(Subject, Uuid)>) -> String {
    let base = app.config.frontend_url.trim_end_matches('/');
    match subject {
        Some((Subject::Ticket, id)) => format!("{base}/atendimento/{id}"),
        Some((Subject::Proposal, id)) => format!("{base}/crm/propostas/{id}"),
        Some((Subject::Payment, _)) => format!("{base}/financeiro/pagamentos"),
        Some((Subject::Customer, id)) => format!("{base}/crm/clientes/{id}"),
        Some((Subject::Invoice, id)) => format!("{base}/financeiro/faturas/{id}"),
        Some((Subject::Opportunity, _)) => format!("{base}/crm/oportunidades"),
        None => format!("{base}/"),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_reads_as_a_person_would_say_it() {
        assert_eq!(remaining(chrono::TimeDelta::seconds(30)), "Falta 1 min para o prazo.");
        assert_eq!(remaining(chrono::TimeDelta::minutes(12)), "Faltam 12 min para o prazo.");
        assert_eq!(remaining(chrono::TimeDelta::minutes(185)), "Faltam 3 h para o prazo.");
    }
}
