//! Dunning (régua de cobrança): reminders before, on and after the due
//! date, by e-mail, on the schedule the company sets. Each reminder is a
//! delayed job per invoice and step, scheduled when the invoice is issued;
//! it sends nothing once the invoice is paid or cancelled, and records the
//! step so a retried job never sends twice. It also emits
//! `InvoiceReminderDue`, so other channels (WhatsApp, once support has it)
//! can send the same reminder without `finance` knowing them.

use kernel::App;
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::mail::SendEmail;
use kernel::money::Money;
use kernel::tenant::TenantTx;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::invoices::model::InvoiceStatus;
use crate::invoices::repo as invoices;
use crate::invoices::service::{self as invoice, with_balance};
use crate::parties;
use crate::settings::repo as settings;

/// A step is not sent when its day is this far in the past (an invoice
/// issued late, or a long outage): a "due in 3 days" note a week late
/// would only confuse.
const STALE_AFTER_DAYS: i64 = 2;

#[derive(Debug, Serialize, Deserialize)]
pub struct SendReminder {
    pub invoice_id: Uuid,
    pub offset_days: i32,
}

impl Job for SendReminder {
    const KIND: &'static str = "finance.dunning_reminder";
}

/// The day after an invoice's due date: if it is still unpaid,
/// `InvoiceOverdue` is announced (automation's "fatura vencida" trigger).
#[derive(Debug, Serialize, Deserialize)]
pub struct AnnounceOverdue {
    pub invoice_id: Uuid,
}

impl Job for AnnounceOverdue {
    const KIND: &'static str = "finance.invoice_overdue";
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: SendReminder| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("reminder without tenant"))?;
        remind(&app, tenant, &job).await
    });
    registry.handle(|app: App, tenant, job: AnnounceOverdue| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("overdue check without tenant"))?;
        announce_overdue(&app, tenant, &job).await
    });
}

async fn announce_overdue(app: &App, tenant: Uuid, job: &AnnounceOverdue) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(inv) = invoices::find(&mut tx, tenant, job.invoice_id, true).await? else { return Ok(()) };
    let s = settings::get(&mut tx, tenant).await?;
    let today = parties::company(&mut tx, tenant).await?.today();
    let inv = with_balance(inv, &s, today);
    if inv.status == InvoiceStatus::Overdue {
        tx.emit(&events::InvoiceOverdue {
            invoice_id: inv.id,
            number: inv.number,
            customer_id: inv.customer_id,
            due_date: inv.due_date,
            amount_due_cents: inv.amount_due_cents,
        })
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn remind(app: &App, tenant: Uuid, job: &SendReminder) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(inv) = invoices::find(&mut tx, tenant, job.invoice_id, true).await? else { return Ok(()) };
    let s = settings::get(&mut tx, tenant).await?;
    let company = parties::company(&mut tx, tenant).await?;
    let today = company.today();
    let day = inv.due_date + chrono::Duration::days(job.offset_days as i64);
    let inv = with_balance(inv, &s, today);
    // A company whose owner has not confirmed the sign-up address could have
    // been opened with someone else's name: it reminds nobody (the step is
    // skipped, not queued, so confirming later does not send a backlog).
    if !company.email_confirmed
        || !inv.status.is_receivable()
        || !s.dunning_enabled
        || !s.dunning_offsets.contains(&job.offset_days)
        || (today - day).num_days() > STALE_AFTER_DAYS
    {
        return Ok(());
    }
    let first = invoices::record_notice(&mut tx, tenant, inv.id, job.offset_days).await?;
    if !first {
        return Ok(());
    }
    let customer = parties::customer(&mut tx, tenant, inv.customer_id).await?;
    let link = invoice::public_link(app, tenant, inv.id);
    let due = Money::brl(inv.amount_due_cents).format_brl();
    let when = match job.offset_days {
        d if d < 0 => format!("vence em {} dia(s), em {}", -d, inv.due_date.format("%d/%m/%Y")),
        0 => "vence hoje".to_string(),
        d => format!("venceu há {d} dia(s), em {}", inv.due_date.format("%d/%m/%Y")),
    };
    if let Some(to) = customer.as_ref().and_then(|c| c.emails.first()) {
        let name = customer.as_ref().map(|c| c.name.as_str()).unwrap_or("");
        let email = SendEmail {
            to: to.clone(),
            subject: format!("Lembrete: fatura {} {when} — {}", inv.label, company.display_name()),
            text: format!(
                "Olá, {name}!\n\nA fatura {} de {} {when}. Valor para pagamento hoje: {due}.\n\n\
                 Pague por PIX, boleto ou cartão pelo link:\n{link}\n\nSe já pagou, desconsidere esta mensagem.\n",
                inv.label,
                company.display_name()
            ),
            html: None,
            attachments: vec![],
        };
        jobs::enqueue(&mut tx, Some(tenant), &email, EnqueueOptions::default()).await?;
    }
    tx.emit(&events::InvoiceReminderDue {
        invoice_id: inv.id,
        customer_id: inv.customer_id,
        offset_days: job.offset_days,
        amount_due_cents: inv.amount_due_cents,
        link: link.to_string(),
        phones: customer.map(|c| c.phones).unwrap_or_default(),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}
