//! What automation flows do to tickets, people and the outside world: the
//! server is the only place that knows automation, support and accounts.

use automation::ports::{AUTHOR, ActionPort, Template, TicketRecord, WebhookFailure};
use chrono::Utc;
use events::{ChannelKind, Priority, TicketStatus};
use kernel::jobs::{self, EnqueueOptions};
use kernel::mail::SendEmail;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use support::tickets::model::TemplateRef;
use support::tickets::service as tickets;
use uuid::Uuid;

pub struct SupportActions;

/// Queues one e-mail per user (as a job, after the commit).
async fn mail_users(
    tx: &mut TenantTx,
    users: &[accounts::users::model::User],
    subject: &str,
    text: &str,
) -> Result<()> {
    let tenant = tx.tenant_id();
    for u in users {
        let mail = SendEmail {
            to: u.email.clone(),
            subject: subject.to_owned(),
            text: format!("Olá, {}.\n\n{text}\n\n— Automação do ConectCRM", u.name),
            html: None,
            attachments: vec![],
        };
        jobs::enqueue(tx, Some(tenant), &mail, EnqueueOptions::default()).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl ActionPort for SupportActions {
    async fn timezone(&self, tx: &mut TenantTx) -> Result<chrono_tz::Tz> {
        let tenant = tx.tenant_id();
        let company = accounts::company::repo::get(tx, tenant).await?;
        // Validated when saved; an unreadable one falls back to Brasília's.
        Ok(kernel::business_hours::timezone(&company.timezone))
    }

    async fn ticket(&self, tx: &mut TenantTx, ticket_id: Uuid) -> Result<Option<TicketRecord>> {
        let Some(t) = tickets::find_for_system(tx, ticket_id).await? else { return Ok(None) };
        if t.merged_into.is_some() {
            return Ok(None);
        }
        let channel =
            ChannelKind::parse(&t.channel_kind).ok_or_else(|| Error::internal("unknown channel kind"))?;
        Ok(Some(TicketRecord {
            number: t.number,
            subject: t.subject,
            status: t.status,
            priority: t.priority,
            channel,
            category: t.category,
            tags: t.tags,
            team_id: t.team_id,
            assignee_id: t.assignee_id,
            customer_id: t.customer_id,
            customer_name: t.customer_name,
            awaiting_reply: t.last_inbound_at.is_some_and(|at| at >= t.last_message_at),
            hours_since_customer_message: t.last_inbound_at.map(|at| (Utc::now() - at).num_hours()),
            csat_score: t.csat_score,
            created_at: t.created_at,
        }))
    }

    async fn add_note(&self, tx: &mut TenantTx, ticket_id: Uuid, text: &str) -> Result<()> {
        tickets::add_system_note(tx, ticket_id, AUTHOR, text).await.map(drop)
    }

    async fn set_priority(&self, tx: &mut TenantTx, ticket_id: Uuid, priority: Priority) -> Result<()> {
        tickets::set_system_priority(tx, ticket_id, priority).await
    }

    async fn set_status(&self, tx: &mut TenantTx, ticket_id: Uuid, status: TicketStatus) -> Result<()> {
        tickets::set_system_status(tx, ticket_id, AUTHOR, status).await
    }

    async fn add_tags(&self, tx: &mut TenantTx, ticket_id: Uuid, tags: &[String]) -> Result<()> {
        tickets::add_system_tags(tx, ticket_id, tags).await
    }

    async fn assign(
        &self,
        tx: &mut TenantTx,
        ticket_id: Uuid,
        team_id: Option<Uuid>,
        user_id: Option<Uuid>,
    ) -> Result<()> {
        tickets::assign_system(tx, ticket_id, AUTHOR, team_id, user_id).await
    }

    async fn reply(
        &self,
        tx: &mut TenantTx,
        ticket_id: Uuid,
        id: Uuid,
        text: &str,
        template: Option<Template<'_>>,
    ) -> Result<String> {
        let template = template.map(|t| TemplateRef {
            name: t.name.to_owned(),
            language: t.language.to_owned(),
            params: t.params,
        });
        tickets::send_system_reply(tx, ticket_id, id, AUTHOR, text, template.as_ref()).await
    }

    async fn notify(&self, tx: &mut TenantTx, user_ids: &[Uuid], subject: &str, text: &str) -> Result<usize> {
        let tenant = tx.tenant_id();
        let users = accounts::users::repo::active_among(tx, tenant, user_ids).await?;
        mail_users(tx, &users, subject, text).await?;
        Ok(users.len())
    }

    async fn post_webhook(
        &self,
        app: &App,
        url: &str,
        headers: &[(&'static str, String)],
        body: Vec<u8>,
    ) -> std::result::Result<u16, WebhookFailure> {
        let mut request = app.egress.post(url).body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        // A company's own endpoint: any public https host; the operator's
        // EGRESS_ALLOW_HOSTS may add others (tests, an intranet bridge).
        match app.egress.send(request, egress::Scope::ANY_PUBLIC_HTTPS, |_| None).await {
            Ok(answer) => Ok(answer.status),
            Err(e) => Err(WebhookFailure {
                status: match &e {
                    egress::Error::Status { status, .. } => Some(*status),
                    _ => None,
                },
                message: e.to_string(),
            }),
        }
    }

    async fn admin_emails(&self, tx: &mut TenantTx) -> Result<Vec<String>> {
        let tenant = tx.tenant_id();
        accounts::users::repo::active_emails_of(tx, tenant, kernel::auth::Role::ADMINS).await
    }
}
