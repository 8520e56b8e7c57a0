//! Flow rules: saving (validated against the trigger's schema), the job
//! that runs active flows for every event, and dry runs.
//!
//! Exactly once: a run row is claimed per (flow, version, event) before any
//! action, so a redelivered event or a retried job never runs a flow twice
//! (a worker dying mid-run leaves it `running`; it is not run again).
//!
//! Loop protection: every event a run's actions cause carries the run and
//! its depth ([`Cause`]); an event [`MAX_DEPTH`] runs deep starts no run.
//! And a flow acts at most [`MAX_RUNS_PER_HOUR`] times an hour on one
//! record (the event's ticket, else its customer). Either way the run is
//! recorded as skipped with the reason.
//!
//! A `wait` step holds the run (status `waiting`, a delayed job); after
//! it the flow must still run the same version and its conditions are
//! checked again on the ticket as it is then, else the run is cancelled.

use std::collections::HashMap;

use chrono::{Datelike, Duration, Utc};
use events::Event;
use kernel::App;
use kernel::jobs::{EnqueueOptions, Job, Registry};
use kernel::mail::SendEmail;
use kernel::outbox::{Cause, DomainEvent};
use kernel::tenant::TenantTx;
use kernel::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::definition::{self, customer_of, evaluate, id_at, record_of, render, ticket_of};
use super::fan_out;
use super::model::{
    Action, Definition, DryRunEvent, DryRunResult, Flow, FlowStatus, Run, RunStatus, Step, StepOutcome,
};
use super::repo::{self, FlowRow, NewRun, RunRow};
use super::schedule::{self, ScheduleTick};
use crate::{ports, signing};

/// The queue name of the subscription to every event kind.
const RUN_FLOWS: &str = "automation.run_flows";

/// Runs that act per flow and record per hour before loop protection skips.
pub const MAX_RUNS_PER_HOUR: i64 = 20;

/// An event caused by this many automation runs in a chain starts no more.
pub const MAX_DEPTH: i16 = 5;

/// How long runs whose conditions did not hold stay in the history.
pub const SKIPPED_RUNS_KEPT_DAYS: i64 = 30;

/// Skipped runs one janitor pass deletes per company at most (the next
/// hour's pass goes on), so a backlog never holds a long transaction.
const PURGE_BATCH: i64 = 10_000;

/// Refuses to switch one more flow on past the plan's limit (403, naming it).
pub async fn ensure_room_for_flow(tx: &mut TenantTx) -> Result<()> {
    let tenant = tx.tenant_id();
    let limits = ports::get()?.limits(tx).await?;
    if repo::count_active(tx, tenant).await? >= i64::from(limits.active_flows) {
        let max = limits.active_flows;
        return Err(Error::PlanLimit {
            limit: "active_flows".into(),
            max: i64::from(max),
            plan: limits.plan_code,
            message: format!(
                "O plano {} permite até {max} fluxos ativos. Pause ou arquive um fluxo, ou faça upgrade do plano.",
                limits.plan_name
            ),
        });
    }
    Ok(())
}

/// Counts a run that is about to act in the company's month; past the
/// plan's limit it does not act: the reason is returned (the run is then
/// recorded as skipped) and admins are told once a month.
async fn over_monthly_limit(tx: &mut TenantTx) -> anyhow::Result<Option<String>> {
    let tenant = tx.tenant_id();
    let port = ports::get()?;
    let limits = port.limits(tx).await?;
    let today = Utc::now().date_naive();
    let month = today.with_day(1).unwrap_or(today);
    if repo::count_run(tx, tenant, month, limits.runs_per_month).await? {
        return Ok(None);
    }
    let reason = format!(
        "Limite do plano {}: {} execuções de automação por mês. Os fluxos voltam a agir no próximo mês, ou faça upgrade do plano.",
        limits.plan_name, limits.runs_per_month
    );
    for to in port.admin_emails(tx).await? {
        let mail = SendEmail {
            subject: "Automação parada: limite mensal do plano atingido".to_owned(),
            text: format!("Olá!\n\n{reason}\n\nAs execuções deste mês ficam no histórico como ignoradas.\n"),
            to: to.clone(),
            html: None,
            attachments: vec![],
        };
        // Once per month and person, however many runs are refused.
        let once = EnqueueOptions {
            dedupe_key: Some(format!("automation.limit:{tenant}:{month}:{to}")),
            ..Default::default()
        };
        kernel::jobs::enqueue(tx, Some(tenant), &mail, once).await?;
    }
    Ok(Some(reason))
}

/// The janitor's part for one company: skipped runs older than
/// [`SKIPPED_RUNS_KEPT_DAYS`]. Runs that acted (succeeded, failed,
/// cancelled) are the company's history and stay.
pub async fn purge_skipped(app: &App, tenant: Uuid) -> anyhow::Result<u64> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let before = Utc::now() - Duration::days(SKIPPED_RUNS_KEPT_DAYS);
    let gone = repo::purge_skipped(&mut tx, tenant, before, PURGE_BATCH).await?;
    tx.commit().await?;
    Ok(gone)
}

/// Failed runs in a row after which a flow pauses itself.
pub const MAX_FAILURES_IN_A_ROW: i32 = 5;

pub fn to_flow(app: &App, tenant_id: Uuid, row: FlowRow) -> Result<Flow> {
    let secret = kernel::secrets::open(&app.config, tenant_id, &row.secret)?;
    let draft = row.draft.map(serde_json::from_value).transpose().map_err(Error::internal)?;
    Ok(Flow {
        schedule: row.schedule,
        draft,
        paused_reason: row.paused_reason,
        id: row.id,
        name: row.name,
        trigger_kind: row.trigger_kind,
        conditions: serde_json::from_value(row.conditions).map_err(Error::internal)?,
        actions: serde_json::from_value(row.actions).map_err(Error::internal)?,
        status: FlowStatus::parse(&row.status).ok_or_else(|| Error::internal("unknown flow status"))?,
        version: row.version,
        webhook_secret: String::from_utf8(secret).map_err(Error::internal)?,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

pub fn to_run(row: RunRow) -> Result<Run> {
    Ok(Run {
        id: row.id,
        flow_id: row.flow_id,
        flow_version: row.flow_version,
        event_id: row.event_id,
        event_kind: row.event_kind,
        record_id: row.record_id,
        status: RunStatus::parse(&row.status),
        steps: serde_json::from_value(row.steps).map_err(Error::internal)?,
        error: row.error,
        depth: row.depth,
        resume_at: row.resume_at,
        started_at: row.started_at,
        finished_at: row.finished_at,
    })
}

pub fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(Error::field("name", "Dê um nome ao fluxo (até 120 caracteres)."));
    }
    Ok(name.to_owned())
}

/// Resumes a run held by a `wait` step (or retried): a delayed job, so
/// it survives restarts.
#[derive(Debug, Serialize, Deserialize)]
pub struct ResumeRun {
    pub run_id: Uuid,
}

impl Job for ResumeRun {
    const KIND: &'static str = "automation.resume_run";
}

pub fn register(registry: &mut Registry) {
    let kinds: Vec<&'static str> = events::catalogue().iter().map(|e| e.kind).collect();
    registry.on_batch(RUN_FLOWS, &kinds, |app: App, tenant, batch| async move {
        run_flows(&app, tenant, batch).await
    });
    registry.handle(|app: App, tenant, job: ResumeRun| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("resume without tenant"))?;
        resume(&app, tenant, job.run_id).await
    });
    registry.handle(|app: App, tenant, job: fan_out::FanOutInvoices| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("fan-out without tenant"))?;
        fan_out::page(&app, tenant, job).await
    });
    registry.handle(|app: App, tenant, tick: ScheduleTick| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("tick without tenant"))?;
        fire(&app, tenant, tick).await
    });
}

/// A scheduled time: the flow (still active, same version) gets its
/// `FlowScheduleFired` — or, over invoices, the first page of its
/// fan-out — and its next time, in one transaction.
async fn fire(app: &App, tenant: Uuid, tick: ScheduleTick) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(flow) = repo::find(&mut tx, tenant, tick.flow_id).await? else { return Ok(()) };
    if flow.status != FlowStatus::Active.as_str() || flow.version != tick.version {
        // Paused, archived or republished: that version's chain ends here
        // (activation or publishing starts the current one).
        return Ok(());
    }
    if flow.trigger_kind == events::FlowInvoiceDue::KIND {
        fan_out::start(&mut tx, &flow, &flow_definition(&flow)?.conditions, tick.at).await?;
    } else {
        tx.emit(&events::FlowScheduleFired { flow_id: flow.id, fired_at: tick.at }).await?;
    }
    schedule::queue_next(&mut tx, &flow, tick.at).await?;
    tx.commit().await?;
    Ok(())
}

/// The job: one company's events of a dispatch batch, in order; for each,
/// every active flow of its kind. The flows are loaded once per batch and
/// indexed by kind; conditions are evaluated in memory and the runs whose
/// conditions did not hold are recorded together in one statement, so an
/// event that starts nothing costs no round trip of its own.
async fn run_flows(app: &App, tenant: Uuid, batch: Vec<DomainEvent>) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let flows = repo::active_all(&mut tx, tenant).await?;
    tx.commit().await?;
    if flows.is_empty() {
        return Ok(());
    }
    let mut by_kind: HashMap<&str, Vec<(&FlowRow, Definition)>> = HashMap::new();
    for flow in &flows {
        by_kind.entry(flow.trigger_kind.as_str()).or_default().push((flow, flow_definition(flow)?));
    }
    let mut not_held = Vec::new();
    for event in &batch {
        let Some(candidates) = by_kind.get(event.kind.as_str()) else { continue };
        // Definitions were checked against this build's schema of the kind; a
        // payload of another version is not read as if it were.
        if events::info(&event.kind).map(|e| e.version) != Some(event.version) {
            tracing::warn!(kind = %event.kind, version = event.version, "automation skips an event of another version");
            continue;
        }
        let own = own_flow(event)?;
        for (flow, d) in candidates {
            if own.is_some_and(|id| id != flow.id) {
                continue;
            }
            if !definition::reads_records(d) {
                let (held, steps) = evaluate(&d.conditions, &event.payload);
                if !held {
                    not_held.push(skipped_run(event, flow, d, steps)?);
                    continue;
                }
            }
            start_run(app, event, flow, d).await?;
        }
    }
    if !not_held.is_empty() {
        let mut tx = TenantTx::begin(&app.db, tenant).await?;
        repo::record_skipped(&mut tx, tenant, &not_held).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// A button, a schedule and a fan-out over invoices run their own flow only.
fn own_flow(event: &DomainEvent) -> anyhow::Result<Option<Uuid>> {
    Ok(if event.kind == events::FlowRunRequested::KIND {
        Some(event.decode::<events::FlowRunRequested>()?.event.flow_id)
    } else if event.kind == events::FlowScheduleFired::KIND {
        Some(event.decode::<events::FlowScheduleFired>()?.event.flow_id)
    } else if event.kind == events::FlowInvoiceDue::KIND {
        Some(event.decode::<events::FlowInvoiceDue>()?.event.flow_id)
    } else {
        None
    })
}

const NOT_HELD: &str = "Condições não atendidas.";

/// The record of a flow whose conditions did not hold on an event.
fn skipped_run(
    event: &DomainEvent,
    flow: &FlowRow,
    d: &Definition,
    mut steps: Vec<Step>,
) -> anyhow::Result<repo::SkippedRun> {
    steps.extend(not_run(&d.actions, 0));
    Ok(repo::SkippedRun {
        id: kernel::ids::new_id(),
        flow_id: flow.id,
        flow_version: flow.version,
        event_id: event.event_id,
        event_kind: event.kind.clone(),
        record_id: record_of(&event.payload),
        steps: steps_json(&steps)?,
        error: NOT_HELD.to_owned(),
        depth: event.cause.map_or(0, |c| c.depth),
    })
}

fn steps_json(steps: &[Step]) -> anyhow::Result<serde_json::Value> {
    Ok(serde_json::to_value(steps)?)
}

/// The event's payload with what the definition reads as it is now: the
/// ticket under `record`, the customer under `customer`, the invoice under
/// `invoice`, the company's hours under `now`. `None` when a record the
/// event names is gone.
async fn payload_with_records(
    app: &App,
    tx: &mut TenantTx,
    d: &Definition,
    payload: &serde_json::Value,
) -> anyhow::Result<Option<serde_json::Value>> {
    use definition::{CUSTOMER, INVOICE, NOW, RECORD, reads};
    let mut payload = payload.clone();
    if !payload.is_object() {
        return Ok(Some(payload));
    }
    let port = ports::get()?;
    fn add(payload: &mut serde_json::Value, key: &str, value: serde_json::Value) {
        if let Some(map) = payload.as_object_mut() {
            map.insert(key.to_owned(), value);
        }
    }
    let wants_customer = reads(d, CUSTOMER);
    if (reads(d, RECORD) || (wants_customer && customer_of(&payload).is_none()))
        && let Some(ticket) = ticket_of(&payload)
    {
        let Some(record) = port.ticket(tx, ticket).await? else { return Ok(None) };
        add(&mut payload, RECORD, serde_json::to_value(record)?);
    }
    if wants_customer && let Some(id) = customer_of(&payload) {
        let Some(customer) = port.customer(tx, id).await? else { return Ok(None) };
        add(&mut payload, CUSTOMER, serde_json::to_value(customer)?);
    }
    if reads(d, INVOICE)
        && let Some(id) = id_at(&payload, "invoice_id")
    {
        let Some(invoice) = port.invoice(app, tx, id).await? else { return Ok(None) };
        add(&mut payload, INVOICE, serde_json::to_value(invoice)?);
    }
    if reads(d, NOW) {
        let (tz, hours) = port.business_hours(tx).await?;
        let now = Utc::now();
        let business_hours = kernel::business_hours::next_open(now, tz, &hours) <= now;
        add(&mut payload, NOW, serde_json::to_value(ports::NowRecord { business_hours })?);
    }
    Ok(Some(payload))
}

fn not_run(actions: &[Action], from: usize) -> impl Iterator<Item = Step> + '_ {
    actions.iter().enumerate().skip(from).map(|(i, a)| Step {
        step: format!("actions[{i}]"),
        label: a.label().to_owned(),
        outcome: StepOutcome::NotRun,
        detail: None,
    })
}

async fn start_run(app: &App, event: &DomainEvent, flow: &FlowRow, d: &Definition) -> anyhow::Result<()> {
    let tenant = event.tenant_id;
    let record_id = record_of(&event.payload);
    let depth = event.cause.map_or(0, |c| c.depth);
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let payload = payload_with_records(app, &mut tx, d, &event.payload).await?;
    let (held, mut steps) = match &payload {
        Some(p) => evaluate(&d.conditions, p),
        None => (false, vec![]),
    };
    // A fan-out over invoices is one event per invoice and firing by
    // construction: a customer with many invoices due is not a loop.
    let acted = match record_id {
        Some(r) if event.kind != events::FlowInvoiceDue::KIND => {
            repo::acted_since(&mut tx, tenant, flow.id, r, Utc::now() - Duration::hours(1)).await?
        }
        _ => 0,
    };
    let skipped = if payload.is_none() {
        Some("O registro do evento (ticket, cliente ou fatura) não existe mais.".to_owned())
    } else if !held {
        Some(NOT_HELD.to_owned())
    } else if depth >= MAX_DEPTH {
        Some(format!(
            "Proteção contra repetição: o evento foi causado por uma cadeia de {depth} automações (limite {MAX_DEPTH})."
        ))
    } else if acted >= MAX_RUNS_PER_HOUR {
        Some(format!(
            "Proteção contra repetição: este fluxo já rodou {MAX_RUNS_PER_HOUR} vezes na última hora para este registro."
        ))
    } else {
        None
    };
    if skipped.is_some() {
        steps.extend(not_run(&d.actions, 0));
    }
    let run_id = kernel::ids::new_id();
    let payload = payload.unwrap_or_else(|| event.payload.clone());
    let claimed = repo::claim_run(
        &mut tx,
        tenant,
        &NewRun {
            id: run_id,
            flow_id: flow.id,
            flow_version: flow.version,
            event_id: event.event_id,
            event_kind: &event.kind,
            record_id,
            status: if skipped.is_some() { RunStatus::Skipped.as_str() } else { RunStatus::Running.as_str() },
            steps: steps_json(&steps)?,
            error: skipped.as_deref(),
            finished: skipped.is_some(),
            payload: &payload,
            depth,
        },
    )
    .await?;
    if claimed
        && skipped.is_none()
        && let Some(reason) = over_monthly_limit(&mut tx).await?
    {
        steps.extend(not_run(&d.actions, 0));
        repo::finish_run(
            &mut tx,
            tenant,
            run_id,
            RunStatus::Skipped.as_str(),
            steps_json(&steps)?,
            Some(&reason),
        )
        .await?;
        tx.commit().await?;
        return Ok(());
    }
    tx.commit().await?;
    if !claimed || skipped.is_some() {
        return Ok(());
    }
    let run = Running {
        run_id,
        tenant,
        flow,
        event_id: event.event_id,
        occurred_at: event.occurred_at,
        kind: &event.kind,
        version: event.version,
        payload: &payload,
        depth,
    };
    go_on(app, &run, &d.actions, 0, steps).await
}

pub fn flow_definition(flow: &FlowRow) -> anyhow::Result<Definition> {
    Ok(Definition {
        trigger_kind: flow.trigger_kind.clone(),
        schedule: flow.schedule.clone(),
        conditions: serde_json::from_value(flow.conditions.clone())?,
        actions: serde_json::from_value(flow.actions.clone())?,
    })
}

/// A run under way: what its actions read.
struct Running<'a> {
    run_id: Uuid,
    tenant: Uuid,
    flow: &'a FlowRow,
    event_id: Uuid,
    occurred_at: chrono::DateTime<Utc>,
    kind: &'a str,
    version: i16,
    payload: &'a serde_json::Value,
    depth: i16,
}

impl Running<'_> {
    /// What the run's actions cause carries the run and one more level.
    fn cause(&self) -> Cause {
        Cause { run_id: self.run_id, flow_id: self.flow.id, depth: self.depth + 1 }
    }
}

/// Runs the actions from `from` on; a `wait` holds the run (a delayed
/// job) and returns; the end records the outcome and counts it.
async fn go_on(
    app: &App,
    run: &Running<'_>,
    actions: &[Action],
    from: usize,
    mut steps: Vec<Step>,
) -> anyhow::Result<()> {
    let secret = kernel::secrets::open(&app.config, run.tenant, &run.flow.secret)?;
    let mut error = None;
    for (i, action) in actions.iter().enumerate().skip(from) {
        if action.is_wait() {
            let mut tx = TenantTx::begin(&app.db, run.tenant).await?;
            let now = Utc::now();
            let (resume_at, detail) = match action {
                Action::Wait { amount, unit } => {
                    let at = now + Duration::minutes(i64::from(*amount) * unit.minutes());
                    (at, format!("Esperando {amount} {} (até {}).", unit.name(), at.to_rfc3339()))
                }
                Action::WaitUntil { time, weekdays } => {
                    let clock = definition::clock_time(time).ok_or_else(|| {
                        kernel::Error::internal(format!("a checked flow holds the time {time:?}"))
                    })?;
                    let tz = ports::get()?.timezone(&mut tx).await?;
                    let at = definition::next_clock(now, tz, clock, *weekdays);
                    (at, format!("Esperando até {}.", at.with_timezone(&tz).format("%d/%m às %H:%M")))
                }
                _ => {
                    let (tz, hours) = ports::get()?.business_hours(&mut tx).await?;
                    let at = kernel::business_hours::next_open(now, tz, &hours);
                    (
                        at,
                        format!(
                            "Esperando o horário comercial (abre {}).",
                            at.with_timezone(&tz).format("%d/%m às %H:%M")
                        ),
                    )
                }
            };
            if resume_at <= now {
                // Open now: the step is done without holding the run.
                steps.push(Step {
                    step: format!("actions[{i}]"),
                    label: action.label().to_owned(),
                    outcome: StepOutcome::Succeeded,
                    detail: Some("Dentro do horário comercial: seguiu sem esperar.".to_owned()),
                });
                continue;
            }
            steps.push(Step {
                step: format!("actions[{i}]"),
                label: action.label().to_owned(),
                outcome: StepOutcome::Waiting,
                detail: Some(detail),
            });
            let next = i32::try_from(i + 1)?;
            repo::hold_run(&mut tx, run.tenant, run.run_id, steps_json(&steps)?, next, resume_at).await?;
            kernel::jobs::enqueue(
                &mut tx,
                Some(run.tenant),
                &ResumeRun { run_id: run.run_id },
                EnqueueOptions {
                    run_at: Some(resume_at),
                    dedupe_key: Some(format!("automation.resume:{}:{next}", run.run_id)),
                    ..Default::default()
                },
            )
            .await?;
            tx.commit().await?;
            return Ok(());
        }
        if matches!(action, Action::Reply { .. }) && auto_reply(run.payload) {
            // Not a failure: an out-of-office is simply not answered.
            steps.push(Step {
                step: format!("actions[{i}]"),
                label: action.label().to_owned(),
                outcome: StepOutcome::NotRun,
                detail: Some("Não enviada: a mensagem do cliente é uma resposta automática.".to_owned()),
            });
            continue;
        }
        let outcome = act(app, run, i, &secret, action).await;
        let (outcome, detail) = match outcome {
            Ok(detail) => (StepOutcome::Succeeded, detail),
            Err(message) => {
                error = Some(format!("Ação {}: {message}", i + 1));
                (StepOutcome::Failed, Some(message))
            }
        };
        steps.push(Step { step: format!("actions[{i}]"), label: action.label().to_owned(), outcome, detail });
        if error.is_some() {
            steps.extend(not_run(actions, i + 1));
            break;
        }
    }
    let status = if error.is_some() { RunStatus::Failed } else { RunStatus::Succeeded };
    let mut tx = TenantTx::begin(&app.db, run.tenant).await?;
    repo::finish_run(&mut tx, run.tenant, run.run_id, status.as_str(), steps_json(&steps)?, error.as_deref())
        .await?;
    let reason = format!(
        "Pausado automaticamente: falhou {MAX_FAILURES_IN_A_ROW} vezes seguidas (última: {}).",
        error.as_deref().unwrap_or_default()
    );
    let paused = repo::count_outcome(
        &mut tx,
        run.tenant,
        run.flow.id,
        error.is_some(),
        MAX_FAILURES_IN_A_ROW,
        &reason,
    )
    .await?;
    if let Some(flow) = paused {
        tx.emit(&events::FlowPaused { flow_id: flow.id, name: flow.name.clone(), reason: reason.clone() })
            .await?;
        for to in ports::get()?.admin_emails(&mut tx).await? {
            let mail = SendEmail {
                to,
                subject: format!("Fluxo \"{}\" pausado", flow.name),
                text: format!(
                    "Olá!\n\nO fluxo de automação \"{}\" foi pausado.\n\n{reason}\n\n\
                     Veja o histórico em Automação e ative-o de novo quando corrigir.\n",
                    flow.name
                ),
                html: None,
                attachments: vec![],
            };
            kernel::jobs::enqueue(&mut tx, Some(run.tenant), &mail, EnqueueOptions::default()).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// After a wait (or for a retry): goes on if the flow still runs the
/// run's version and its conditions still hold on the ticket as it is
/// now; otherwise the run is cancelled with the reason.
async fn resume(app: &App, tenant: Uuid, run_id: Uuid) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(pending) = repo::take_waiting(&mut tx, tenant, run_id).await? else { return Ok(()) };
    let flow = repo::find(&mut tx, tenant, pending.flow_id).await?;
    let mut steps: Vec<Step> = serde_json::from_value(pending.steps)?;
    let original = pending.payload.unwrap_or(serde_json::Value::Null);
    let cancel = |why: &str| Some(why.to_owned());
    let (flow, d, payload, reason) = match flow {
        Some(f) if f.status == FlowStatus::Active.as_str() && f.version == pending.flow_version => {
            let d = flow_definition(&f)?;
            match payload_with_records(app, &mut tx, &d, &original).await? {
                None => (Some(f), Some(d), original, cancel("O registro do evento não existe mais.")),
                Some(p) => {
                    let (held, checks) = evaluate(&d.conditions, &p);
                    if held {
                        (Some(f), Some(d), p, None)
                    } else {
                        steps.extend(checks);
                        (Some(f), Some(d), p, cancel("Depois da espera, as condições não valem mais."))
                    }
                }
            }
        }
        f => (f, None, original, cancel("O fluxo foi alterado, pausado ou arquivado durante a espera.")),
    };
    // The wait (or the failed step retried) is done either way.
    if let Some(last) = steps.last_mut()
        && last.outcome == StepOutcome::Waiting
    {
        last.outcome = StepOutcome::Succeeded;
    }
    if let Some(reason) = reason {
        if let Some(d) = &d {
            steps.extend(not_run(&d.actions, usize::try_from(pending.next_step)?));
        }
        repo::finish_run(
            &mut tx,
            tenant,
            run_id,
            RunStatus::Cancelled.as_str(),
            steps_json(&steps)?,
            Some(&reason),
        )
        .await?;
        tx.commit().await?;
        return Ok(());
    }
    tx.commit().await?;
    let (Some(flow), Some(d)) = (flow, d) else { return Ok(()) };
    let run = Running {
        run_id,
        tenant,
        flow: &flow,
        event_id: pending.event_id,
        occurred_at: Utc::now(),
        kind: &pending.event_kind,
        version: events::info(&pending.event_kind).map_or(1, |e| e.version),
        payload: &payload,
        depth: pending.depth,
    };
    go_on(app, &run, &d.actions, usize::try_from(pending.next_step)?, steps).await
}

/// Runs a failed run again from its failed step (the steps before it are
/// not repeated). 409 if the run did not fail.
pub async fn retry(tx: &mut TenantTx, run_id: Uuid) -> Result<()> {
    let tenant = tx.tenant_id();
    let run = repo::failed_run(tx, tenant, run_id)
        .await?
        .ok_or_else(|| Error::conflict(None, "Só uma execução que falhou pode ser repetida."))?;
    let mut steps: Vec<Step> = serde_json::from_value(run.steps).map_err(Error::internal)?;
    let failed = steps
        .iter()
        .position(|s| s.outcome == StepOutcome::Failed && s.step.starts_with("actions["))
        .ok_or_else(|| Error::conflict(None, "Esta execução não tem uma ação que falhou."))?;
    let index: i32 = steps[failed]
        .step
        .trim_start_matches("actions[")
        .trim_end_matches(']')
        .parse()
        .map_err(Error::internal)?;
    steps.truncate(failed);
    repo::hold_run(
        tx,
        tenant,
        run_id,
        serde_json::to_value(&steps).map_err(Error::internal)?,
        index,
        Utc::now(),
    )
    .await?;
    kernel::jobs::enqueue(tx, Some(tenant), &ResumeRun { run_id }, EnqueueOptions::default()).await?;
    Ok(())
}

/// One action; `Ok` may say what it did, `Err` is the pt-BR reason shown
/// in the run. Ticket actions commit on their own, so a later failing step
/// does not undo an earlier one (the run shows which ran); what they emit
/// carries the run as its cause.
async fn act(
    app: &App,
    run: &Running<'_>,
    index: usize,
    secret: &[u8],
    action: &Action,
) -> std::result::Result<Option<String>, String> {
    let port = ports::get().map_err(|e| e.to_string())?;
    let fill = |text: &str| render(run.kind, text, run.payload);
    if let Action::Webhook { url } = action {
        let body = json!({
            "event_id": run.event_id,
            "kind": run.kind,
            "version": run.version,
            "occurred_at": run.occurred_at,
            "flow_id": run.flow.id,
            "flow_version": run.flow.version,
            "payload": run.payload,
        });
        let body = serde_json::to_vec(&body).map_err(|e| e.to_string())?;
        // One id per run: a receiver that sees it twice (its own retry, a
        // proxy's) can drop the copy.
        let headers = signing::headers(secret, run.run_id, &body);
        port.post_webhook(app, url, &headers, body).await.map_err(|f| f.message)?;
        return Ok(Some("Entregue (resposta 2xx).".to_owned()));
    }
    // What the run shows is what a user would read in the API: the first
    // field's message or the problem's detail, never a database error's text.
    let fail = |e: Error| {
        if e.status().is_server_error() {
            tracing::error!(error = %e, run_id = %run.run_id, "automation step failed");
        }
        let problem = e.to_problem();
        problem.errors.and_then(|f| f.into_iter().next()).map_or(problem.detail, |f| f.message)
    };
    let mut tx = TenantTx::begin(&app.db, run.tenant).await.map_err(fail)?;
    tx.caused_by(run.cause());
    let payload = run.payload;
    let step_id = message_id(run.run_id, index);
    let detail = match action {
        Action::Notify { user_ids, subject, text } => {
            let (subject, text) = (fill(subject)?, fill(text)?);
            let notice = ports::Notice {
                user_ids,
                subject: &subject,
                text: &text,
                about: notice_about(payload),
                step_id,
            };
            let sent = port.notify(&mut tx, notice).await.map_err(fail)?;
            if sent == 0 {
                return Err("Nenhuma das pessoas escolhidas está ativa.".to_owned());
            }
            Some(match sent {
                1 => format!("Aviso para 1 pessoa: {subject}"),
                n => format!("Aviso para {n} pessoas: {subject}"),
            })
        }
        Action::EmailCustomer { subject, text } => {
            let customer = customer_id(port, &mut tx, payload).await?;
            let (subject, text) = (fill(subject)?, fill(text)?);
            let to = port.email_customer(&mut tx, customer, step_id, &subject, &text).await.map_err(fail)?;
            Some(format!("E-mail para {to}: {subject}"))
        }
        Action::SendInvoice { via } => {
            let invoice = id_at(payload, "invoice_id").ok_or("Este evento não se refere a uma fatura.")?;
            Some(port.send_invoice(app, &mut tx, invoice, *via, step_id).await.map_err(fail)?)
        }
        Action::CreateOpportunity { pipeline_id, stage_id, title, value_cents, owner_id } => {
            let customer_id = customer_id(port, &mut tx, payload).await?;
            let title = fill(title)?;
            let deal = ports::NewDeal {
                customer_id,
                pipeline_id: *pipeline_id,
                stage_id: *stage_id,
                title: &title,
                value_cents: *value_cents,
                owner_id: *owner_id,
                ticket_id: ticket_of(payload),
            };
            Some(format!(
                "Oportunidade criada: {}",
                port.create_opportunity(&mut tx, deal).await.map_err(fail)?
            ))
        }
        Action::MoveOpportunity { stage_id } => {
            let deal =
                id_at(payload, "opportunity_id").ok_or("Este evento não se refere a uma oportunidade.")?;
            let stage = port.move_opportunity(&mut tx, deal, *stage_id).await.map_err(fail)?;
            Some(format!("Oportunidade movida para {stage}."))
        }
        Action::SetCustomField { key, value } => {
            let customer = customer_id(port, &mut tx, payload).await?;
            let value = match value {
                serde_json::Value::String(t) => serde_json::Value::String(fill(t)?),
                other => other.clone(),
            };
            port.set_custom_field(&mut tx, customer, key, &value).await.map_err(fail)?;
            Some(format!("{key} = {value}"))
        }
        Action::Wait { .. }
        | Action::WaitBusinessHours {}
        | Action::WaitUntil { .. }
        | Action::Webhook { .. } => None,
        ticket_action => {
            let ticket_id = ticket_of(payload).ok_or("Este evento não se refere a um ticket.")?;
            match ticket_action {
                Action::AddNote { text } => {
                    let text = fill(text)?;
                    port.add_note(&mut tx, ticket_id, &text).await.map_err(fail)?;
                    Some(text)
                }
                Action::SetPriority { priority } => {
                    port.set_priority(&mut tx, ticket_id, *priority).await.map_err(fail)?;
                    None
                }
                Action::SetStatus { status } => {
                    port.set_status(&mut tx, ticket_id, *status).await.map_err(fail)?;
                    None
                }
                Action::AddTags { tags } => {
                    port.add_tags(&mut tx, ticket_id, tags).await.map_err(fail)?;
                    None
                }
                Action::Assign { team_id, user_id } => {
                    port.assign(&mut tx, ticket_id, *team_id, *user_id).await.map_err(fail)?;
                    None
                }
                Action::Reply { text, template } => {
                    if auto_reply(payload) {
                        return Err(
                            "A mensagem do cliente é uma resposta automática: nada foi enviado.".to_owned()
                        );
                    }
                    let text = fill(text)?;
                    let template = match template {
                        Some(t) => Some(ports::Template {
                            name: &t.name,
                            language: &t.language,
                            params: t
                                .params
                                .iter()
                                .map(|p| fill(p))
                                .collect::<std::result::Result<_, _>>()?,
                        }),
                        None => None,
                    };
                    Some(port.reply(&mut tx, ticket_id, step_id, &text, template).await.map_err(fail)?)
                }
                _ => None,
            }
        }
    };
    tx.commit().await.map_err(fail)?;
    Ok(detail)
}

/// The customer the event names, or its ticket's.
async fn customer_id(
    port: &std::sync::Arc<dyn ports::ActionPort>,
    tx: &mut TenantTx,
    payload: &serde_json::Value,
) -> std::result::Result<Uuid, String> {
    if let Some(id) = customer_of(payload) {
        return Ok(id);
    }
    let ticket = ticket_of(payload).ok_or("Este evento não se refere a um cliente.")?;
    match port.ticket(tx, ticket).await {
        Ok(Some(t)) => Ok(t.customer_id),
        Ok(None) => Err("O ticket do evento não existe mais.".to_owned()),
        Err(e) => {
            tracing::error!(error = %e, "automation could not read the ticket's customer");
            Err("Não foi possível ler o cliente do ticket.".to_owned())
        }
    }
}

/// An auto-reply of the customer's side (RFC 3834 `Auto-Submitted`, an
/// out-of-office): reply actions never answer it, or two robots talk forever.
fn auto_reply(payload: &serde_json::Value) -> bool {
    definition::lookup(payload, "auto_reply").and_then(serde_json::Value::as_bool).unwrap_or(false)
}

/// The message id of a run's reply step: the same run and step always
/// name the same message, so a repeated step cannot send twice (the id is
/// the message's primary key).
/// The record a notice opens: the most specific one the event names.
fn notice_about(payload: &serde_json::Value) -> Option<(events::live::NotificationSubject, Uuid)> {
    use events::live::NotificationSubject as S;
    [
        ("ticket_id", S::Ticket),
        ("invoice_id", S::Invoice),
        ("proposal_id", S::Proposal),
        ("payment_id", S::Payment),
        ("opportunity_id", S::Opportunity),
        ("customer_id", S::Customer),
    ]
    .into_iter()
    .find_map(|(field, kind)| id_at(payload, field).map(|id| (kind, id)))
}

fn message_id(run_id: Uuid, index: usize) -> Uuid {
    let mut bytes = *run_id.as_bytes();
    // The run id is a UUIDv7: its last bytes are random; the step index
    // changes them, keeping the version and variant bits.
    let i = u8::try_from(index).unwrap_or(u8::MAX);
    bytes[15] ^= i.wrapping_add(1);
    Uuid::from_bytes(bytes)
}

/// Evaluates a definition on the company's last `limit` events of its
/// trigger (with the tickets as they are now), changing nothing.
pub async fn dry_run(app: &App, tx: &mut TenantTx, d: &Definition, limit: i64) -> Result<DryRunResult> {
    definition::validate(d)?;
    let tenant = tx.tenant_id();
    let stored = repo::latest_events(tx, tenant, &d.trigger_kind, limit).await?;
    let mut events = Vec::with_capacity(stored.len());
    for e in stored {
        let payload = payload_with_records(app, tx, d, &e.payload).await.map_err(Error::internal)?;
        let (matched, mut steps) = match &payload {
            Some(p) => evaluate(&d.conditions, p),
            None => (false, vec![]),
        };
        let payload = payload.unwrap_or(e.payload);
        for (i, a) in d.actions.iter().enumerate() {
            let (outcome, detail) = if !matched {
                (StepOutcome::NotRun, None)
            } else {
                match would(&d.trigger_kind, a, &payload) {
                    Ok(detail) => (StepOutcome::WouldRun, detail),
                    Err(message) => (StepOutcome::Failed, Some(message)),
                }
            };
            steps.push(Step { step: format!("actions[{i}]"), label: a.label().to_owned(), outcome, detail });
        }
        events.push(DryRunEvent {
            event_id: e.event_id,
            occurred_at: e.created_at,
            record_id: record_of(&payload),
            matched,
            steps,
        });
    }
    Ok(DryRunResult { events })
}

/// What an action would do with this payload (its texts filled), or why
/// it would fail.
fn would(kind: &str, a: &Action, payload: &serde_json::Value) -> std::result::Result<Option<String>, String> {
    let texts = a
        .texts()
        .into_iter()
        .map(|(_, t)| render(kind, t, payload))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(match a {
        Action::Webhook { url } => Some(format!("POST {url}")),
        Action::Wait { amount, unit } => Some(format!("Esperaria {amount} {}.", unit.name())),
        Action::WaitBusinessHours {} => Some("Esperaria o horário comercial, se fechado.".to_owned()),
        Action::WaitUntil { time, weekdays: true } => {
            Some(format!("Esperaria até as {time} de um dia útil."))
        }
        Action::WaitUntil { time, weekdays: false } => Some(format!("Esperaria até as {time}.")),
        Action::SendInvoice { via: ports::InvoiceVia::Email } => {
            Some("Enviaria a fatura por e-mail.".to_owned())
        }
        Action::SendInvoice { via: ports::InvoiceVia::Whatsapp } => {
            Some("Enviaria a fatura no WhatsApp do cliente.".to_owned())
        }
        Action::MoveOpportunity { .. } => Some("Moveria a oportunidade de etapa.".to_owned()),
        Action::Reply { .. } if auto_reply(payload) => {
            Some("Não seria enviada: a mensagem do cliente é uma resposta automática.".to_owned())
        }
        _ if texts.is_empty() => None,
        _ => Some(texts.join(" — ")),
    })
}
