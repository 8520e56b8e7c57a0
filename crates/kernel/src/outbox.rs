//! The domain-event outbox.
//!
//! A module records an event with [`crate::tenant::TenantTx::emit`] in the
//! same transaction as the change, so the event exists if and only if the
//! change committed. The dispatcher, woken by `NOTIFY` at commit, then:
//! 1. enqueues one job per subscriber of the event's kind (deduplicated by
//!    event id and subscriber, in the same transaction that marks the event
//!    dispatched) — delivery is at-least-once and consumers are idempotent;
//! 2. emits the event to the Socket.IO room of those who may see it
//!    ([`crate::realtime::audience_of`]).

use std::time::Duration;

use chrono::{DateTime, Utc};
use events::{Envelope, Event};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use sqlx::postgres::PgListener;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::app::App;
use crate::error::Result;
use crate::ids::new_id;
use crate::jobs;

pub const CHANNEL: &str = "conectcrm_outbox";

/// An event as stored, and what subscribers receive as their job payload;
/// [`DomainEvent::decode`] turns it into the type its producer emitted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DomainEvent {
    pub event_id: Uuid,
    pub tenant_id: Uuid,
    pub kind: String,
    /// Jobs queued before events carried a version hold version 1 payloads.
    #[serde(default = "first_version")]
    pub version: i16,
    pub payload: serde_json::Value,
    pub occurred_at: DateTime<Utc>,
    /// The automation run whose action caused it (none for a person's or
    /// a provider's event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
}

/// What caused an event: an automation run, `depth` runs deep (an event
/// of a person is depth 0; a flow acting on it causes depth 1, and so on).
/// Automation reads it to stop flows that feed each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cause {
    pub run_id: Uuid,
    pub flow_id: Uuid,
    pub depth: i16,
}

fn first_version() -> i16 {
    1
}

/// Why a stored event cannot be read as the type a consumer expects.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("event {event_id} is a {found}, not a {expected}")]
    OtherKind { event_id: Uuid, found: String, expected: &'static str },
    /// A payload written by a newer (or retired) schema: the consumer must
    /// be updated rather than misread it; the job fails and is kept.
    #[error("{kind} version {found} is not supported (this build reads version {supported})")]
    UnsupportedVersion { kind: &'static str, found: i16, supported: i16 },
    #[error("{kind} payload does not match its type: {source}")]
    Payload { kind: &'static str, source: serde_json::Error },
}

impl DomainEvent {
    pub fn decode<E: Event>(&self) -> std::result::Result<Envelope<E>, DecodeError> {
        if self.kind != E::KIND {
            return Err(DecodeError::OtherKind {
                event_id: self.event_id,
                found: self.kind.clone(),
                expected: E::KIND,
            });
        }
        if self.version != E::VERSION {
            return Err(DecodeError::UnsupportedVersion {
                kind: E::KIND,
                found: self.version,
                supported: E::VERSION,
            });
        }
        let event = serde_json::from_value(self.payload.clone())
            .map_err(|source| DecodeError::Payload { kind: E::KIND, source })?;
        Ok(Envelope {
            event_id: self.event_id,
            tenant_id: self.tenant_id,
            occurred_at: self.occurred_at,
            event,
        })
    }
}

pub(crate) async fn record<E: Event>(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    event: &E,
    cause: Option<&Cause>,
) -> Result<Uuid> {
    let ids = record_many(conn, tenant_id, std::slice::from_ref(event), cause).await?;
    ids.into_iter().next().ok_or_else(|| crate::error::Error::internal("an event recorded without its id"))
}

/// Events of one kind in one statement (one, or a fan-out over thousands
/// of records), in order, each with its own id. One round trip: the
/// notification rides on the insert (PostgreSQL delivers it at commit, once
/// per transaction however many events).
pub(crate) async fn record_many<E: Event>(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    events: &[E],
    cause: Option<&Cause>,
) -> Result<Vec<Uuid>> {
    if events.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<Uuid> = events.iter().map(|_| new_id()).collect();
    let payloads = events
        .iter()
        .map(serde_json::to_value)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(anyhow::Error::from)?;
    let cause = cause.map(serde_json::to_value).transpose().map_err(anyhow::Error::from)?;
    sqlx::query!(
        "with saved as (
             insert into outbox_events (event_id, tenant_id, kind, version, payload, cause)
             select e.event_id, $2, $3, $4, e.payload, $5
               from unnest($1::uuid[], $6::jsonb[]) with ordinality as e(event_id, payload, n)
              order by e.n
             returning event_id)
         select pg_notify($7, '') from (select 1 from saved limit 1) s",
        &ids,
        tenant_id,
        E::KIND,
        E::VERSION,
        cause,
        &payloads,
        CHANNEL
    )
    .execute(&mut *conn)
    .await?;
    Ok(ids)
}

/// Removes events dispatched more than a week ago; returns how many.
pub async fn purge_dispatched(db: &sqlx::PgPool) -> Result<u64> {
    Ok(sqlx::query!("delete from outbox_events where dispatched_at < now() - interval '7 days'")
        .execute(db)
        .await?
        .rows_affected())
}

/// Dispatches up to one batch of pending events; returns how many.
pub async fn dispatch_pending(app: &App) -> Result<usize> {
    let mut tx = app.db.begin().await?;
    let events: Vec<DomainEvent> = sqlx::query!(
        r#"select event_id, tenant_id, kind, version, payload, created_at, cause
           from outbox_events where dispatched_at is null
           order by id limit 200 for update skip locked"#
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| DomainEvent {
        event_id: r.event_id,
        tenant_id: r.tenant_id,
        kind: r.kind,
        version: r.version,
        payload: r.payload,
        occurred_at: r.created_at,
        // Written by `record` from a `Cause`: unreadable only if edited by hand.
        cause: r.cause.and_then(|c| serde_json::from_value(c).ok()),
    })
    .collect();
    if events.is_empty() {
        return Ok(0);
    }
    // Every subscriber's job of the batch, queued in one statement.
    let mut queued = Vec::new();
    for event in &events {
        if events::info(&event.kind).is_none() {
            // No build of the product emits this kind any more: nobody
            // consumes it; it is marked dispatched and kept a week for a look.
            tracing::warn!(kind = %event.kind, event_id = %event.event_id, "unknown event kind: not delivered");
        }
        for job_kind in app.jobs.subscribers_for(&event.kind) {
            queued.push(jobs::NewJob {
                kind: job_kind,
                tenant_id: Some(event.tenant_id),
                payload: serde_json::to_value(event).map_err(anyhow::Error::from)?,
                dedupe_key: format!("event:{}:{}", event.event_id, job_kind),
            });
        }
    }
    // Batch consumers: one job per consumer and company, its events in order.
    let mut batches: Vec<(&'static str, Uuid, Vec<&DomainEvent>)> = Vec::new();
    for event in &events {
        for &job_kind in app.jobs.batch_subscribers_for(&event.kind) {
            match batches.iter_mut().find(|(j, t, _)| *j == job_kind && *t == event.tenant_id) {
                Some((_, _, list)) => list.push(event),
                None => batches.push((job_kind, event.tenant_id, vec![event])),
            }
        }
    }
    for (job_kind, tenant_id, list) in batches {
        let first = list.first().map(|e| e.event_id).unwrap_or_default();
        queued.push(jobs::NewJob {
            kind: job_kind,
            tenant_id: Some(tenant_id),
            payload: serde_json::json!({ "events": list }),
            dedupe_key: format!("events:{first}:{job_kind}"),
        });
    }
    jobs::enqueue_many_raw(&mut tx, queued).await?;
    let ids: Vec<Uuid> = events.iter().map(|e| e.event_id).collect();
    sqlx::query!("update outbox_events set dispatched_at = now() where event_id = any($1)", &ids)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    for event in &events {
        app.realtime.emit_event(event.tenant_id, &event.kind, &event.payload).await;
    }
    Ok(events.len())
}

/// Runs until `shutdown`: listens for commits and dispatches; polls every
/// few seconds as a safety net for a missed notification.
pub async fn run_dispatcher(app: App, shutdown: CancellationToken) {
    let mut listener = match PgListener::connect_with(&app.db).await {
        Ok(mut l) => match l.listen(CHANNEL).await {
            Ok(()) => Some(l),
            Err(e) => {
                tracing::warn!(error = %e, "outbox LISTEN failed; polling only");
                None
            }
        },
        Err(e) => {
            tracing::warn!(error = %e, "outbox listener unavailable; polling only");
            None
        }
    };
    loop {
        loop {
            match dispatch_pending(&app).await {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) => {
                    tracing::error!(error = %e, "outbox dispatch failed");
                    break;
                }
            }
        }
        let wait = async {
            match listener.as_mut() {
                Some(l) => {
                    let _ = tokio::time::timeout(Duration::from_secs(2), l.recv()).await;
                }
                None => tokio::time::sleep(Duration::from_millis(500)).await,
            }
        };
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = wait => {}
        }
    }
}
