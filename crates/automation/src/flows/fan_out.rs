//! A scheduled flow over invoices ("3 dias antes do vencimento"): each
//! firing reads the company's open invoices due on the days the flow names,
//! a page at a time through the due-date index, and emits one
//! `FlowInvoiceDue` per invoice, which only that flow runs on — so every
//! invoice gets its own run, history and exactly-once guarantee, no other
//! company is read and the set is never held in memory.
//!
//! Each page is one transaction: its events and the job of the next page
//! commit together (a retried page emits nothing twice; the next page's
//! job is deduplicated by its position).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kernel::jobs::{self, EnqueueOptions, Job};
use kernel::tenant::TenantTx;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::definition::invoice_days;
use super::model::{Condition, FlowStatus};
use super::repo::{self, FlowRow};
use crate::ports;

/// Invoices per page (and per transaction).
pub const PAGE: i64 = 500;

/// The next page of one firing.
#[derive(Debug, Serialize, Deserialize)]
pub struct FanOutInvoices {
    pub flow_id: Uuid,
    pub version: i32,
    pub fired_at: DateTime<Utc>,
    /// The firing day in the company's timezone (`days_to_due` counts from it).
    pub day: NaiveDate,
    /// Due dates still to read, the current one first.
    pub due_dates: Vec<NaiveDate>,
    /// The last invoice of the previous page of the current date.
    pub after: Option<Uuid>,
}

impl Job for FanOutInvoices {
    const KIND: &'static str = "automation.fan_out_invoices";
}

impl FanOutInvoices {
    fn dedupe_key(&self) -> String {
        let date = self.due_dates.first().map(NaiveDate::to_string).unwrap_or_default();
        let after = self.after.map(|a| a.to_string()).unwrap_or_default();
        format!(
            "automation.fan_out:{}:{}:{}:{date}:{after}",
            self.flow_id,
            self.version,
            self.fired_at.timestamp()
        )
    }
}

/// A firing of `flow`: queues its first page (in the caller's transaction).
pub async fn start(
    tx: &mut TenantTx,
    flow: &FlowRow,
    conditions: &Condition,
    fired_at: DateTime<Utc>,
) -> kernel::Result<()> {
    let tz = ports::get()?.timezone(tx).await?;
    let day = fired_at.with_timezone(&tz).date_naive();
    let due_dates = invoice_days(conditions)
        .unwrap_or_default()
        .into_iter()
        .map(|n| day + Duration::days(i64::from(n)))
        .collect::<Vec<_>>();
    if due_dates.is_empty() {
        return Ok(());
    }
    let first =
        FanOutInvoices { flow_id: flow.id, version: flow.version, fired_at, day, due_dates, after: None };
    queue(tx, &first).await
}

async fn queue(tx: &mut TenantTx, job: &FanOutInvoices) -> kernel::Result<()> {
    let tenant = tx.tenant_id();
    let options = EnqueueOptions { dedupe_key: Some(job.dedupe_key()), ..Default::default() };
    jobs::enqueue(tx, Some(tenant), job, options).await.map(drop)
}

/// One page: the flow must still be active at the version that fired.
pub async fn page(app: &kernel::App, tenant: Uuid, job: FanOutInvoices) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(flow) = repo::find(&mut tx, tenant, job.flow_id).await? else { return Ok(()) };
    if flow.status != FlowStatus::Active.as_str() || flow.version != job.version {
        return Ok(());
    }
    let Some(&due_on) = job.due_dates.first() else { return Ok(()) };
    let invoices = ports::get()?.invoices_due(&mut tx, due_on, job.after, PAGE).await?;
    let days_to_due = i32::try_from((due_on - job.day).num_days())?;
    let due: Vec<events::FlowInvoiceDue> = invoices
        .iter()
        .map(|&(invoice_id, customer_id)| events::FlowInvoiceDue {
            flow_id: flow.id,
            invoice_id,
            customer_id,
            due_date: due_on,
            days_to_due,
            fired_at: job.fired_at,
        })
        .collect();
    tx.emit_all(&due).await?;
    let next = match invoices.last() {
        Some(&(last, _)) if i64::try_from(invoices.len())? == PAGE => {
            Some(FanOutInvoices { after: Some(last), due_dates: job.due_dates.clone(), ..job })
        }
        _ if job.due_dates.len() > 1 => {
            Some(FanOutInvoices { after: None, due_dates: job.due_dates[1..].to_vec(), ..job })
        }
        _ => None,
    };
    if let Some(next) = next {
        queue(&mut tx, &next).await?;
    }
    tx.commit().await?;
    Ok(())
}
