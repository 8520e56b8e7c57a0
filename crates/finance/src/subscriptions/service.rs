use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone};
use events::{SubscriptionCancelled, SubscriptionChanged, SubscriptionStarted, Timeline, TimelineLinks};
use kernel::error::Violations;
use kernel::ids::new_id;
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::money::{Money, div_round};
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::{
    ChangeSubscriptionPlanRequest, CreateSubscriptionRequest, Subscription, SubscriptionStatus,
};
use super::repo::{self, NewSubscription};
use crate::invoices::model::InvoiceStatus;
use crate::invoices::repo::{self as invoice_repo, NewInvoice, NewItem};
use crate::invoices::service as invoices;
use crate::parties::{self, Company};
use crate::schedule;
use crate::settings::repo as settings;

/// Bills every period of a subscription that has started.
#[derive(Debug, Serialize, Deserialize)]
pub struct BillSubscription {
    pub subscription_id: Uuid,
}

impl Job for BillSubscription {
    const KIND: &'static str = "finance.bill_subscription";
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: BillSubscription| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("billing without tenant"))?;
        let mut tx = TenantTx::begin(&app.db, tenant).await?;
        bill_due(&mut tx, job.subscription_id).await?;
        tx.commit().await?;
        Ok(())
    });
}

/// Enqueues the billing job for the period starting on `next` (00:05 in the company's timezone).
async fn schedule_billing(tx: &mut TenantTx, company: &Company, id: Uuid, next: NaiveDate) -> Result<()> {
    let tenant = tx.tenant_id();
    let at = company
        .tz()
        .from_local_datetime(&next.and_time(NaiveTime::from_hms_opt(0, 5, 0).unwrap_or_default()))
        .earliest()
        .map(|t| t.to_utc());
    jobs::enqueue(
        tx,
        Some(tenant),
        &BillSubscription { subscription_id: id },
        EnqueueOptions { run_at: at, dedupe_key: Some(format!("bill:{id}:{next}")), ..Default::default() },
    )
    .await?;
    Ok(())
}

fn check_interval(v: &mut Violations, interval: i32) {
    if ![1, 3, 12].contains(&interval) {
        v.add("interval_months", "Periodicidade mensal (1), trimestral (3) ou anual (12).");
    }
}

pub struct Start<'a> {
    pub contract_id: Option<Uuid>,
    pub customer_id: Uuid,
    pub description: &'a str,
    pub amount_cents: i64,
    pub interval_months: i32,
    pub start_date: NaiveDate,
    pub anchor_day: i32,
    pub ends_on: Option<NaiveDate>,
}

/// Creates the subscription (once per contract) and bills what is due.
pub async fn start(tx: &mut TenantTx, s: &Start<'_>) -> Result<Option<Uuid>> {
    let tenant = tx.tenant_id();
    let first = schedule::first_period_start(s.start_date, s.anchor_day as u32);
    let new = NewSubscription {
        id: new_id(),
        contract_id: s.contract_id,
        customer_id: s.customer_id,
        description: s.description,
        amount_cents: s.amount_cents,
        interval_months: s.interval_months,
        anchor_day: s.anchor_day,
        first_period_start: first,
        ends_on: s.ends_on,
    };
    if !repo::insert(tx, tenant, &new).await? {
        return Ok(None);
    }
    tx.emit(&SubscriptionStarted {
        subscription_id: new.id,
        customer_id: s.customer_id,
        amount_cents: s.amount_cents,
        timeline: Timeline {
            customer_id: s.customer_id,
            summary: format!(
                "Assinatura iniciada: {} ({})",
                s.description,
                Money::brl(s.amount_cents).format_brl()
            ),
            links: TimelineLinks { subscription_id: Some(new.id), ..Default::default() },
        },
    })
    .await?;
    bill_due(tx, new.id).await?;
    Ok(Some(new.id))
}

pub async fn create(tx: &mut TenantTx, req: &CreateSubscriptionRequest) -> Result<Subscription> {
    let tenant = tx.tenant_id();
    let mut v = Violations::new();
    if parties::customer(tx, tenant, req.customer_id).await?.is_none() {
        v.add("customer_id", "Cliente não encontrado.");
    }
    let description = req.description.trim();
    if description.is_empty() || description.chars().count() > 200 {
        v.add("description", "Descreva a assinatura (até 200 caracteres).");
    }
    if req.amount_cents <= 0 {
        v.add("amount_cents", "O valor deve ser maior que zero.");
    }
    check_interval(&mut v, req.interval_months);
    let today = parties::company(tx, tenant).await?.today();
    let start_date = req.start_date.unwrap_or(today);
    let anchor = req.anchor_day.unwrap_or(start_date.day() as i32);
    if !(1..=31).contains(&anchor) {
        v.add("anchor_day", "Dia de cobrança entre 1 e 31.");
    }
    if req.ends_on.is_some_and(|e| e <= start_date) {
        v.add("ends_on", "O fim deve ser depois do início.");
    }
    v.finish()?;
    let id = start(
        tx,
        &Start {
            contract_id: None,
            customer_id: req.customer_id,
            description,
            amount_cents: req.amount_cents,
            interval_months: req.interval_months,
            start_date,
            anchor_day: anchor,
            ends_on: req.ends_on,
        },
    )
    .await?
    .ok_or(Error::internal("a subscription without contract cannot collide"))?;
    repo::find(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}

/// Issues the invoices of every period that has started, then schedules
/// the next run. Idempotent: periods already billed are skipped by key.
pub async fn bill_due(tx: &mut TenantTx, id: Uuid) -> Result<usize> {
    let tenant = tx.tenant_id();
    let Some(sub) = repo::find(tx, tenant, id, true).await? else { return Ok(0) };
    if sub.status != SubscriptionStatus::Active {
        return Ok(0);
    }
    let company = parties::company(tx, tenant).await?;
    let today = company.today();
    let due_in = settings::get(tx, tenant).await?.due_in_days as i64;
    let (anchor, interval) = (sub.anchor_day as u32, sub.interval_months as u32);
    let mut next = sub.next_billing_date;
    let mut adjustment = sub.pending_adjustment_cents;
    let mut billed = 0;
    let in_term = |d: NaiveDate| sub.ends_on.is_none_or(|end| d < end);
    // A bound on one run; the next run continues (e.g. years of downtime on a monthly plan).
    while next <= today && in_term(next) && billed < 120 {
        let after = schedule::next_period_start(next, anchor, interval);
        let end = after.pred_opt().unwrap_or(after);
        let end = sub.ends_on.and_then(|e| e.pred_opt()).map_or(end, |e| e.min(end));
        let mut items = vec![NewItem {
            description: format!(
                "{} — {} a {}",
                sub.description,
                next.format("%d/%m/%Y"),
                end.format("%d/%m/%Y")
            ),
            quantity_milli: 1000,
            unit_price_cents: sub.amount_cents,
            total_cents: sub.amount_cents,
        }];
        // A credit larger than the period carries over; the invoice stays positive.
        let billed_already = invoice_repo::period_billed(tx, tenant, id, next).await?;
        if billed_already {
            next = after;
            continue;
        }
        let applied = adjustment.max(-(sub.amount_cents - 1));
        if applied != 0 {
            items.push(NewItem {
                description: "Ajuste proporcional da mudança de plano".into(),
                quantity_milli: 1000,
                unit_price_cents: applied,
                total_cents: applied,
            });
        }
        let total = sub.amount_cents + applied;
        let new = NewInvoice {
            id: new_id(),
            number: kernel::counters::next(tx, tenant, "invoices").await?,
            customer_id: sub.customer_id,
            contract_id: sub.contract_id,
            subscription_id: Some(sub.id),
            period: Some((next, end)),
            status: InvoiceStatus::Open,
            issue_date: next,
            due_date: next + chrono::Duration::days(due_in),
            description: &sub.description,
            subtotal_cents: sub.amount_cents + applied.max(0),
            discount_cents: (-applied).max(0),
            total_cents: total,
            created_by: None,
        };
        // Items carry the adjustment as a line; the header shows it as discount or extra.
        invoices::insert(tx, &company, &new, &items).await?;
        adjustment -= applied;
        billed += 1;
        next = after;
    }
    let ended = !in_term(next);
    repo::advance(tx, tenant, id, next, adjustment, ended).await?;
    if !ended {
        schedule_billing(tx, &company, id, next).await?;
    }
    Ok(billed)
}

/// The new amount applies from the next period; the remaining days of the
/// current one are charged (or credited) pro rata on the next invoice.
pub async fn change_plan(
    tx: &mut TenantTx,
    id: Uuid,
    req: &ChangeSubscriptionPlanRequest,
) -> Result<Subscription> {
    let tenant = tx.tenant_id();
    let sub = repo::find(tx, tenant, id, true).await?.ok_or(Error::NotFound)?;
    if matches!(sub.status, SubscriptionStatus::Cancelled | SubscriptionStatus::Ended) {
        return Err(Error::conflict(None, "Assinatura encerrada não muda de plano."));
    }
    let mut v = Violations::new();
    if req.amount_cents <= 0 {
        v.add("amount_cents", "O valor deve ser maior que zero.");
    }
    let description = req.description.as_deref().map(str::trim).unwrap_or(&sub.description).to_string();
    if description.is_empty() || description.chars().count() > 200 {
        v.add("description", "Descreva a assinatura (até 200 caracteres).");
    }
    v.finish()?;
    let today = parties::company(tx, tenant).await?.today();
    let (anchor, interval) = (sub.anchor_day as u32, sub.interval_months as u32);
    let next = sub.next_billing_date;
    let prev = schedule::previous_period_start(next, anchor, interval);
    // Only inside a period already billed (not before the first one).
    let billed_current = invoice_repo::period_billed(tx, tenant, id, prev).await?;
    let adjustment = if billed_current && today >= prev && today < next {
        let remaining = (next - today).num_days() as i128;
        let length = (next - prev).num_days().max(1) as i128;
        div_round((req.amount_cents - sub.amount_cents) as i128 * remaining, length) as i64
    } else {
        0
    };
    repo::change_plan(tx, tenant, id, req.amount_cents, &description, adjustment).await?;
    tx.emit(&SubscriptionChanged {
        subscription_id: id,
        customer_id: sub.customer_id,
        from_cents: sub.amount_cents,
        to_cents: req.amount_cents,
        adjustment_cents: adjustment,
        timeline: Timeline {
            customer_id: sub.customer_id,
            summary: format!(
                "Assinatura alterada de {} para {}",
                Money::brl(sub.amount_cents).format_brl(),
                Money::brl(req.amount_cents).format_brl()
            ),
            links: TimelineLinks { subscription_id: Some(id), ..Default::default() },
        },
    })
    .await?;
    repo::find(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}

pub async fn pause(tx: &mut TenantTx, id: Uuid) -> Result<Subscription> {
    let tenant = tx.tenant_id();
    let sub = repo::find(tx, tenant, id, true).await?.ok_or(Error::NotFound)?;
    if sub.status != SubscriptionStatus::Active {
        return Err(Error::conflict(None, "Só uma assinatura ativa pode ser pausada."));
    }
    repo::set_status(tx, tenant, id, SubscriptionStatus::Paused, None).await?;
    tx.emit(&events::SubscriptionPaused { subscription_id: id, customer_id: sub.customer_id }).await?;
    repo::find(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}

/// Periods that started while paused are not billed; billing resumes with
/// the first period starting today or later.
pub async fn resume(tx: &mut TenantTx, id: Uuid) -> Result<Subscription> {
    let tenant = tx.tenant_id();
    let sub = repo::find(tx, tenant, id, true).await?.ok_or(Error::NotFound)?;
    if sub.status != SubscriptionStatus::Paused {
        return Err(Error::conflict(None, "Só uma assinatura pausada pode ser retomada."));
    }
    let company = parties::company(tx, tenant).await?;
    let next = schedule::catch_up(
        sub.next_billing_date,
        company.today(),
        sub.anchor_day as u32,
        sub.interval_months as u32,
    );
    repo::set_next(tx, tenant, id, next).await?;
    repo::set_status(tx, tenant, id, SubscriptionStatus::Active, None).await?;
    tx.emit(&events::SubscriptionResumed { subscription_id: id, customer_id: sub.customer_id }).await?;
    bill_due(tx, id).await?;
    repo::find(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}

pub async fn cancel(tx: &mut TenantTx, id: Uuid, reason: &str) -> Result<Subscription> {
    let tenant = tx.tenant_id();
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(Error::field("reason", "Informe o motivo do cancelamento (até 1000 caracteres)."));
    }
    let sub = repo::find(tx, tenant, id, true).await?.ok_or(Error::NotFound)?;
    if !matches!(sub.status, SubscriptionStatus::Active | SubscriptionStatus::Paused) {
        return Err(Error::conflict(None, "Esta assinatura já está encerrada."));
    }
    repo::set_status(tx, tenant, id, SubscriptionStatus::Cancelled, Some(reason)).await?;
    tx.emit(&SubscriptionCancelled {
        subscription_id: id,
        customer_id: sub.customer_id,
        mrr_cents: sub.mrr_cents,
        timeline: Timeline {
            customer_id: sub.customer_id,
            summary: format!("Assinatura cancelada: {reason}"),
            links: TimelineLinks { subscription_id: Some(id), ..Default::default() },
        },
    })
    .await?;
    repo::find(tx, tenant, id, false).await?.ok_or(Error::NotFound)
}
