//! Flow rules: saving (validated against the trigger's schema), the job
//! that runs active flows for every event, and dry runs.
//!
//! Exactly once: a run row is claimed per (flow, version, event) before any
//! action, so a redelivered event or a retried job never runs a flow twice
//! (a worker dying mid-run leaves it `running`; it is not run again).
//!
//! Loop protection: a flow acts at most [`MAX_RUNS_PER_HOUR`] times an hour
//! on one record (the event's ticket, else its customer); the next run is
//! recorded as skipped with the reason. A flow whose note triggers itself
//! (`NoteAdded` → note) therefore stops after that many notes.

use chrono::{Duration, Utc};
use kernel::App;
use kernel::jobs::Registry;
use kernel::outbox::DomainEvent;
use kernel::tenant::TenantTx;
use kernel::{Error, Result};
use serde_json::json;
use uuid::Uuid;

use super::definition::{self, evaluate, record_of, render, ticket_of};
use super::model::{
    Action, Condition, Definition, DryRunEvent, DryRunResult, Flow, FlowStatus, Run, RunStatus, Step,
    StepOutcome,
};
use super::repo::{self, FlowRow, NewRun, RunRow};
use crate::{ports, signing};

/// The queue name of the subscription to every event kind.
const RUN_FLOWS: &str = "automation.run_flows";

/// Runs that act per flow and record per hour before loop protection skips.
pub const MAX_RUNS_PER_HOUR: i64 = 20;

pub fn to_flow(app: &App, tenant_id: Uuid, row: FlowRow) -> Result<Flow> {
    let secret = kernel::secrets::open(&app.config, tenant_id, &row.secret)?;
    Ok(Flow {
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

pub fn register(registry: &mut Registry) {
    let kinds: Vec<&'static str> = events::catalogue().iter().map(|e| e.kind).collect();
    registry.on_each(RUN_FLOWS, &kinds, |app: App, event| async move { run_flows(&app, event).await });
}

/// The job: every active flow of the event's kind, one after the other.
async fn run_flows(app: &App, event: DomainEvent) -> anyhow::Result<()> {
    let tenant = event.tenant_id;
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let flows = repo::active_for(&mut tx, tenant, &event.kind).await?;
    tx.commit().await?;
    if flows.is_empty() {
        return Ok(());
    }
    // Definitions were checked against this build's schema of the kind; a
    // payload of another version is not read as if it were.
    let current = events::info(&event.kind).map(|e| e.version);
    if current != Some(event.version) {
        tracing::warn!(kind = %event.kind, version = event.version, "automation skips an event of another version");
        return Ok(());
    }
    for flow in flows {
        run_flow(app, &event, flow).await?;
    }
    Ok(())
}

fn steps_json(steps: &[Step]) -> anyhow::Result<serde_json::Value> {
    Ok(serde_json::to_value(steps)?)
}

async fn run_flow(app: &App, event: &DomainEvent, flow: FlowRow) -> anyhow::Result<()> {
    let tenant = event.tenant_id;
    let conditions: Condition = serde_json::from_value(flow.conditions.clone())?;
    let actions: Vec<Action> = serde_json::from_value(flow.actions.clone())?;
    let record_id = record_of(&event.payload);
    let (held, mut steps) = evaluate(&conditions, &event.payload);
    let run_id = kernel::ids::new_id();
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let acted = match record_id {
        Some(r) => repo::acted_since(&mut tx, tenant, flow.id, r, Utc::now() - Duration::hours(1)).await?,
        None => 0,
    };
    let skipped = if !held {
        Some("Condições não atendidas.".to_owned())
    } else if acted >= MAX_RUNS_PER_HOUR {
        Some(format!(
            "Proteção contra repetição: este fluxo já rodou {MAX_RUNS_PER_HOUR} vezes na última hora para este registro."
        ))
    } else {
        None
    };
    if skipped.is_some() {
        steps.extend(actions.iter().enumerate().map(|(i, a)| Step {
            step: format!("actions[{i}]"),
            label: a.label().to_owned(),
            outcome: StepOutcome::NotRun,
            detail: None,
        }));
    }
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
        },
    )
    .await?;
    tx.commit().await?;
    if !claimed || skipped.is_some() {
        return Ok(());
    }

    let secret = kernel::secrets::open(&app.config, tenant, &flow.secret)?;
    let mut error = None;
    for (i, action) in actions.iter().enumerate() {
        let outcome = if error.is_some() {
            Err(None)
        } else {
            act(app, event, &flow, run_id, &secret, action).await.map_err(Some)
        };
        let (outcome, detail) = match outcome {
            Ok(detail) => (StepOutcome::Succeeded, detail),
            Err(None) => (StepOutcome::NotRun, None),
            Err(Some(message)) => {
                error = Some(format!("Ação {}: {message}", i + 1));
                (StepOutcome::Failed, Some(message))
            }
        };
        steps.push(Step { step: format!("actions[{i}]"), label: action.label().to_owned(), outcome, detail });
    }
    let status = if error.is_some() { RunStatus::Failed } else { RunStatus::Succeeded };
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    repo::finish_run(&mut tx, tenant, run_id, status.as_str(), steps_json(&steps)?, error.as_deref()).await?;
    tx.commit().await?;
    Ok(())
}

/// One action; `Ok` may say what it did, `Err` is the pt-BR reason shown
/// in the run. Ticket actions commit on their own, so a later failing step
/// does not undo an earlier one (the run shows which ran).
async fn act(
    app: &App,
    event: &DomainEvent,
    flow: &FlowRow,
    run_id: Uuid,
    secret: &[u8],
    action: &Action,
) -> std::result::Result<Option<String>, String> {
    let port = ports::get().map_err(|e| e.to_string())?;
    if let Action::Webhook { url } = action {
        let body = json!({
            "event_id": event.event_id,
            "kind": event.kind,
            "version": event.version,
            "occurred_at": event.occurred_at,
            "flow_id": flow.id,
            "flow_version": flow.version,
            "payload": event.payload,
        });
        let body = serde_json::to_vec(&body).map_err(|e| e.to_string())?;
        // One id per run: a receiver that sees it twice (its own retry, a
        // proxy's) can drop the copy.
        let headers = signing::headers(secret, run_id, &body);
        port.post_webhook(app, url, &headers, body).await.map_err(|f| f.message)?;
        return Ok(Some("Entregue (resposta 2xx).".to_owned()));
    }
    let ticket_id = ticket_of(&event.payload).ok_or("Este evento não se refere a um ticket.")?;
    let fail = |e: Error| {
        e.to_problem().errors.and_then(|f| f.into_iter().next()).map_or(e.to_string(), |f| f.message)
    };
    let mut tx = TenantTx::begin(&app.db, event.tenant_id).await.map_err(fail)?;
    let detail = match action {
        Action::AddNote { text } => {
            let text = render(&event.kind, text, &event.payload)?;
            port.add_note(&mut tx, ticket_id, &text).await.map_err(fail)?;
            Some(text)
        }
        Action::SetPriority { priority } => {
            port.set_priority(&mut tx, ticket_id, *priority).await.map_err(fail)?;
            None
        }
        Action::AddTags { tags } => {
            port.add_tags(&mut tx, ticket_id, tags).await.map_err(fail)?;
            None
        }
        Action::Webhook { .. } => None,
    };
    tx.commit().await.map_err(fail)?;
    Ok(detail)
}

/// Evaluates a definition on the company's last `limit` events of its
/// trigger, changing nothing.
pub async fn dry_run(tx: &mut TenantTx, d: &Definition, limit: i64) -> Result<DryRunResult> {
    definition::validate(d)?;
    let tenant = tx.tenant_id();
    let stored = repo::latest_events(tx, tenant, &d.trigger_kind, limit).await?;
    let events = stored
        .into_iter()
        .map(|e| {
            let (matched, mut steps) = evaluate(&d.conditions, &e.payload);
            for (i, a) in d.actions.iter().enumerate() {
                let (outcome, detail) = match (matched, a) {
                    (false, _) => (StepOutcome::NotRun, None),
                    (true, Action::AddNote { text }) => match render(&d.trigger_kind, text, &e.payload) {
                        Ok(text) => (StepOutcome::WouldRun, Some(text)),
                        Err(message) => (StepOutcome::Failed, Some(message)),
                    },
                    (true, Action::Webhook { url }) => (StepOutcome::WouldRun, Some(format!("POST {url}"))),
                    (true, _) => (StepOutcome::WouldRun, None),
                };
                steps.push(Step {
                    step: format!("actions[{i}]"),
                    label: a.label().to_owned(),
                    outcome,
                    detail,
                });
            }
            DryRunEvent {
                event_id: e.event_id,
                occurred_at: e.created_at,
                record_id: record_of(&e.payload),
                matched,
                steps,
            }
        })
        .collect();
    Ok(DryRunResult { events })
}
