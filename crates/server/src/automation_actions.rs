//! What automation flows do to tickets, people and the outside world: the
//! server is the only place that knows automation, support and accounts.

use automation::ports::{
    AUTHOR, ActionPort, AutomationLimits, CustomerRecord, InvoiceRecord, InvoiceVia, NewDeal, Notice,
    Template, TicketRecord, WebhookFailure,
};
use chrono::Utc;
use events::{ChannelKind, Priority, TicketStatus};
use kernel::jobs::{self, EnqueueOptions};
use kernel::mail::SendEmail;
use kernel::money::Money;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use support::tickets::model::TemplateRef;
use support::tickets::service as tickets;
use uuid::Uuid;

pub struct SupportActions;

#[async_trait::async_trait]
impl ActionPort for SupportActions {
    async fn timezone(&self, tx: &mut TenantTx) -> Result<chrono_tz::Tz> {
        let tenant = tx.tenant_id();
        let company = accounts::company::repo::get(tx, tenant).await?;
        // Validated when saved; an unreadable one falls back to Brasília's.
        Ok(kernel::business_hours::timezone(&company.timezone))
    }

    async fn limits(&self, tx: &mut TenantTx) -> Result<AutomationLimits> {
        let tenant = tx.tenant_id();
        let plan = accounts::plans::repo::of_company(tx, tenant).await?;
        Ok(AutomationLimits {
            plan_name: plan.name,
            plan_code: plan.code,
            active_flows: plan.limits.active_flows,
            runs_per_month: plan.limits.automation_runs_per_month,
        })
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

    async fn customer(&self, tx: &mut TenantTx, customer_id: Uuid) -> Result<Option<CustomerRecord>> {
        let tenant = tx.tenant_id();
        let Some(c) = crm::customers::repo::find(tx, tenant, customer_id).await? else { return Ok(None) };
        Ok(Some(CustomerRecord {
            name: c.name,
            email: c.emails.into_iter().next(),
            phone: c.phones.into_iter().next(),
            status: c.status.as_str().to_owned(),
            tags: c.tags,
            custom_fields: c.custom_fields,
        }))
    }

    async fn invoice(&self, app: &App, tx: &mut TenantTx, invoice_id: Uuid) -> Result<Option<InvoiceRecord>> {
        let Some(told) = finance::invoices::service::as_told(app, tx, invoice_id).await? else {
            return Ok(None);
        };
        let inv = told.invoice;
        Ok(Some(InvoiceRecord {
            label: inv.label,
            status: inv.status.as_str().to_owned(),
            total: Money::brl(inv.total_cents).format_brl(),
            amount_due: Money::brl(inv.amount_due_cents).format_brl(),
            amount_due_cents: inv.amount_due_cents,
            due_date: inv.due_date,
            link: told.link,
            pix_code: told.pix_payload,
        }))
    }

    async fn business_hours(
        &self,
        tx: &mut TenantTx,
    ) -> Result<(chrono_tz::Tz, kernel::business_hours::Hours)> {
        let tenant = tx.tenant_id();
        support::sla::hours_for(tx, tenant, None).await
    }

    async fn invoices_due(
        &self,
        tx: &mut TenantTx,
        due_on: chrono::NaiveDate,
        after: Option<Uuid>,
        limit: i64,
    ) -> Result<Vec<(Uuid, Uuid)>> {
        let tenant = tx.tenant_id();
        finance::invoices::repo::receivable_due_on(tx, tenant, due_on, after, limit).await
    }

    async fn email_customer(
        &self,
        tx: &mut TenantTx,
        customer_id: Uuid,
        id: Uuid,
        subject: &str,
        text: &str,
    ) -> Result<String> {
        let tenant = tx.tenant_id();
        let customer = crm::customers::repo::find(tx, tenant, customer_id).await?.ok_or(Error::NotFound)?;
        let to = customer.emails.first().cloned().ok_or_else(|| {
            Error::field("customer", format!("{} não tem e-mail cadastrado.", customer.name))
        })?;
        let mail = SendEmail {
            to: to.clone(),
            subject: subject.to_owned(),
            text: text.to_owned(),
            html: None,
            attachments: vec![],
        };
        // One e-mail per run and step, whatever repeats the step.
        let once =
            EnqueueOptions { dedupe_key: Some(format!("automation.email:{id}")), ..Default::default() };
        jobs::enqueue(tx, Some(tenant), &mail, once).await?;
        Ok(to)
    }

    async fn send_invoice(
        &self,
        app: &App,
        tx: &mut TenantTx,
        invoice_id: Uuid,
        via: InvoiceVia,
        id: Uuid,
    ) -> Result<String> {
        let inv = finance::invoices::service::get(tx, invoice_id).await?;
        if !inv.status.is_receivable() {
            return Err(Error::conflict(
                None,
                format!("A fatura {} está {}: nada a enviar.", inv.label, inv.status.label()),
            ));
        }
        match via {
            InvoiceVia::Email => {
                let sent = finance::invoices::document::send(app, tx, invoice_id, None).await?;
                Ok(format!("Fatura {} enviada por e-mail para {}.", inv.label, sent.to))
            }
            InvoiceVia::Whatsapp => {
                use support::tickets::sale::{InvoiceMessage, invoice_on_whatsapp};
                let what = InvoiceMessage::Send;
                match invoice_on_whatsapp(app, tx, id, invoice_id, inv.customer_id, what, AUTHOR).await? {
                    Some(number) => {
                        Ok(format!("Fatura {} enviada no WhatsApp (ticket #{number}).", inv.label))
                    }
                    None => Err(Error::conflict(
                        None,
                        format!("{} não tem conversa no WhatsApp para receber a fatura.", inv.customer_name),
                    )),
                }
            }
        }
    }

    async fn create_opportunity(&self, tx: &mut TenantTx, deal: NewDeal<'_>) -> Result<String> {
        let req = crm::opportunities::model::CreateOpportunityRequest {
            customer_id: deal.customer_id,
            pipeline_id: deal.pipeline_id,
            stage_id: deal.stage_id,
            title: deal.title.to_owned(),
            value_cents: deal.value_cents,
            expected_close_date: None,
            owner_id: deal.owner_id,
            source: Some(AUTHOR.to_owned()),
            ticket_id: deal.ticket_id,
        };
        Ok(crm::opportunities::service::create(tx, None, &req).await?.title)
    }

    async fn move_opportunity(
        &self,
        tx: &mut TenantTx,
        opportunity_id: Uuid,
        stage_id: Uuid,
    ) -> Result<String> {
        let tenant = tx.tenant_id();
        let req = crm::opportunities::model::MoveRequest { stage_id, after_id: None, lost_reason: None };
        let o = crm::opportunities::service::move_to(tx, None, opportunity_id, &req).await?;
        let pipeline = crm::pipelines::repo::find(tx, tenant, o.pipeline_id).await?.ok_or(Error::NotFound)?;
        Ok(pipeline.stages.into_iter().find(|s| s.id == o.stage_id).map_or_else(String::new, |s| s.name))
    }

    async fn set_custom_field(
        &self,
        tx: &mut TenantTx,
        customer_id: Uuid,
        key: &str,
        value: &serde_json::Value,
    ) -> Result<()> {
        let mut fields = serde_json::Map::new();
        fields.insert(key.to_owned(), value.clone());
        let req = crm::customers::model::UpdateCustomerRequest {
            custom_fields: Some(fields),
            ..Default::default()
        };
        // Other runs (a customer's invoices fan out together) or a person
        // may save the customer meanwhile: the row is held first, so the
        // field is set on the customer as it is then, never refused as stale.
        let tenant = tx.tenant_id();
        crm::customers::repo::lock(tx, tenant, customer_id).await?;
        crm::customers::service::update(tx, customer_id, &req, None).await.map(drop)
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

    async fn notify(&self, tx: &mut TenantTx, notice: Notice<'_>) -> Result<usize> {
        let tenant = tx.tenant_id();
        let users = accounts::users::repo::active_among(tx, tenant, notice.user_ids).await?;
        let job = accounts::notifications::service::Notify {
            event_id: notice.step_id,
            kind: accounts::notifications::model::Kind::Automation,
            title: notice.subject.to_owned(),
            body: notice.text.to_owned(),
            subject: notice.about,
            users: users.iter().map(|u| u.id).collect(),
        };
        accounts::notifications::service::enqueue(tx, &job).await?;
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
