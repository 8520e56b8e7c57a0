//! The durable job queue, in PostgreSQL.
//!
//! A job is a row in `jobs`. A worker claims the oldest ready row with
//! `FOR UPDATE SKIP LOCKED` and keeps that row lock (in a transaction that
//! does nothing else) while the job runs, so no two workers ever run the
//! same job, and a worker that dies releases the lock and the job is
//! retried. Failures are retried with exponential backoff; after
//! `max_attempts` the job is dead and shown to the company's admins.
//! Cron schedules enqueue ticks with a dedupe key, so any number of nodes
//! produce each tick once.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::app::App;
use crate::error::Result;
use crate::outbox::DomainEvent;
use events::{Envelope, Event};

/// A typed background job.
pub trait Job: Serialize + DeserializeOwned + Send + 'static {
    /// Stable name stored in the queue.
    const KIND: &'static str;
    const MAX_ATTEMPTS: i32 = 10;
}

#[derive(Debug, Default, Clone)]
pub struct EnqueueOptions {
    pub run_at: Option<DateTime<Utc>>,
    pub dedupe_key: Option<String>,
    pub max_attempts: Option<i32>,
}

/// Enqueues in the caller's transaction: the job exists if and only if the
/// change that asked for it committed. Returns false when the dedupe key
/// already existed.
pub async fn enqueue<J: Job>(
    conn: &mut PgConnection,
    tenant_id: Option<Uuid>,
    job: &J,
    mut options: EnqueueOptions,
) -> Result<bool> {
    options.max_attempts.get_or_insert(J::MAX_ATTEMPTS);
    let payload = serde_json::to_value(job).map_err(anyhow::Error::from)?;
    enqueue_raw(conn, J::KIND, tenant_id, payload, options).await
}

pub async fn enqueue_raw(
    conn: &mut PgConnection,
    kind: &str,
    tenant_id: Option<Uuid>,
    payload: serde_json::Value,
    options: EnqueueOptions,
) -> Result<bool> {
    // One round trip: the workers are woken (at commit) by the statement
    // that queues the job, and only when it queued one.
    let inserted = sqlx::query_scalar!(
        r#"with saved as (
               insert into jobs (kind, tenant_id, payload, run_at, dedupe_key, max_attempts)
               values ($1, $2, $3, coalesce($4, now()), $5, $6)
               on conflict (dedupe_key) do nothing
               returning id)
           select count(*) as "inserted!" from saved, lateral (select pg_notify('conectcrm_jobs', '')) woken"#,
        kind,
        tenant_id,
        payload,
        options.run_at,
        options.dedupe_key,
        options.max_attempts.unwrap_or(10),
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(inserted == 1)
}

/// A job to queue now with [`enqueue_many_raw`].
pub struct NewJob<'a> {
    pub kind: &'a str,
    pub tenant_id: Option<Uuid>,
    pub payload: serde_json::Value,
    pub dedupe_key: String,
}

/// Many jobs in one statement (a dispatch batch's subscribers), each due
/// now with the default attempts; one already queued under its dedupe key
/// is skipped. Returns how many were queued.
pub async fn enqueue_many_raw(conn: &mut PgConnection, jobs: Vec<NewJob<'_>>) -> Result<i64> {
    if jobs.is_empty() {
        return Ok(0);
    }
    let mut kinds = Vec::with_capacity(jobs.len());
    let mut tenants = Vec::with_capacity(jobs.len());
    let mut payloads = Vec::with_capacity(jobs.len());
    let mut keys = Vec::with_capacity(jobs.len());
    for j in jobs {
        kinds.push(j.kind.to_owned());
        tenants.push(j.tenant_id);
        payloads.push(j.payload);
        keys.push(j.dedupe_key);
    }
    let inserted = sqlx::query_scalar!(
        r#"with saved as (
               insert into jobs (kind, tenant_id, payload, dedupe_key)
               select j.kind, j.tenant_id, j.payload, j.dedupe_key
                 from unnest($1::text[], $2::uuid[], $3::jsonb[], $4::text[]) with ordinality
                      as j(kind, tenant_id, payload, dedupe_key, n)
                order by j.n
               on conflict (dedupe_key) do nothing
               returning id)
           select count(*) as "inserted!" from saved, lateral (select pg_notify('conectcrm_jobs', '')) woken"#,
        &kinds,
        &tenants as &[Option<Uuid>],
        &payloads,
        &keys
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(inserted)
}

type BoxFuture = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;
type Handler = Arc<dyn Fn(App, Option<Uuid>, serde_json::Value) -> BoxFuture + Send + Sync>;

struct Schedule {
    name: &'static str,
    cron: cron::Schedule,
    job_kind: &'static str,
}

/// Which code runs each job kind, which jobs each event kind feeds, and the
/// cron schedules. Built at start-up by the server from every module.
#[derive(Default)]
pub struct Registry {
    handlers: HashMap<&'static str, Handler>,
    subscribers: HashMap<&'static str, Vec<&'static str>>,
    batch_subscribers: HashMap<&'static str, Vec<&'static str>>,
    schedules: Vec<Schedule>,
}

impl Registry {
    pub fn handle<J, F, Fut>(&mut self, f: F) -> &mut Self
    where
        J: Job,
        F: Fn(App, Option<Uuid>, J) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let f = Arc::new(f);
        self.handlers.insert(
            J::KIND,
            Arc::new(move |app, tenant, payload| {
                let f = f.clone();
                Box::pin(async move {
                    let job: J = serde_json::from_value(payload)
                        .map_err(|e| anyhow::anyhow!("payload of {} does not parse: {e}", J::KIND))?;
                    f(app, tenant, job).await
                })
            }),
        );
        self
    }

    /// Runs `f` for every event of type `E`, as the job `job_kind` (its
    /// stable name in the queue): the consumer receives the very type the
    /// producer emitted. A stored payload of another version fails the job
    /// with a [`crate::outbox::DecodeError`] (kept, visible to admins)
    /// instead of being misread.
    pub fn on<E, F, Fut>(&mut self, job_kind: &'static str, f: F) -> &mut Self
    where
        E: Event,
        F: Fn(App, Envelope<E>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let f = Arc::new(f);
        self.on_each(job_kind, &[E::KIND], move |app, stored| {
            let f = f.clone();
            async move { f(app, stored.decode::<E>()?).await }
        })
    }

    /// Runs `f` for every event of the given kinds, undecoded: for a
    /// consumer of a field many events share (the CRM timeline takes every
    /// event whose type has a `timeline`).
    pub fn on_each<F, Fut>(&mut self, job_kind: &'static str, kinds: &[&'static str], f: F) -> &mut Self
    where
        F: Fn(App, DomainEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let f = Arc::new(f);
        self.handlers.insert(
            job_kind,
            Arc::new(move |app, _tenant, payload| {
                let f = f.clone();
                Box::pin(async move {
                    let stored: DomainEvent = serde_json::from_value(payload)
                        .map_err(|e| anyhow::anyhow!("payload of {job_kind} does not parse: {e}"))?;
                    f(app, stored).await
                })
            }),
        );
        for kind in kinds {
            self.subscribers.entry(kind).or_default().push(job_kind);
        }
        self
    }

    /// Runs `f` once per company and dispatch batch (up to 200 events, in
    /// order) with that company's events of the given kinds, undecoded:
    /// for a consumer that looks at nearly every event and does nothing
    /// with most of them (automation), one job instead of one per event.
    /// The consumer stays idempotent per event, as with [`Self::on_each`].
    pub fn on_batch<F, Fut>(&mut self, job_kind: &'static str, kinds: &[&'static str], f: F) -> &mut Self
    where
        F: Fn(App, Uuid, Vec<DomainEvent>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let f = Arc::new(f);
        self.handlers.insert(
            job_kind,
            Arc::new(move |app, tenant, payload| {
                let f = f.clone();
                Box::pin(async move {
                    let tenant = tenant.ok_or_else(|| anyhow::anyhow!("{job_kind} without a company"))?;
                    let batch: EventBatch = serde_json::from_value(payload)
                        .map_err(|e| anyhow::anyhow!("payload of {job_kind} does not parse: {e}"))?;
                    f(app, tenant, batch.events).await
                })
            }),
        );
        for kind in kinds {
            self.batch_subscribers.entry(kind).or_default().push(job_kind);
        }
        self
    }

    /// Enqueues `J` (deserialised from `{}`) at every tick of `cron_expr`
    /// (seconds-first cron syntax, UTC).
    pub fn schedule<J: Job>(&mut self, name: &'static str, cron_expr: &str) -> anyhow::Result<&mut Self> {
        let cron = cron::Schedule::from_str(cron_expr).map_err(|e| anyhow::anyhow!("cron {name}: {e}"))?;
        self.schedules.push(Schedule { name, cron, job_kind: J::KIND });
        Ok(self)
    }

    /// The jobs an event of `kind` feeds.
    pub fn subscribers_for(&self, kind: &str) -> Vec<&'static str> {
        self.subscribers.get(kind).cloned().unwrap_or_default()
    }

    /// The batch jobs ([`Self::on_batch`]) an event of `kind` feeds.
    pub fn batch_subscribers_for(&self, kind: &str) -> &[&'static str] {
        self.batch_subscribers.get(kind).map(Vec::as_slice).unwrap_or_default()
    }

    pub fn knows(&self, kind: &str) -> bool {
        self.handlers.contains_key(kind)
    }
}

/// The payload of an [`Registry::on_batch`] job: one company's events of a
/// dispatch batch, in order.
#[derive(Debug, Serialize, Deserialize)]
pub struct EventBatch {
    pub events: Vec<DomainEvent>,
}

/// A job that failed every attempt, as its company's admins see it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeadJob {
    pub id: i64,
    pub kind: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub dead_at: Option<DateTime<Utc>>,
}

/// A company's dead jobs, newest first. `jobs` is global: the tenant
/// filter here is the isolation.
pub async fn dead_of_tenant(conn: &mut PgConnection, tenant_id: Uuid, limit: i64) -> Result<Vec<DeadJob>> {
    Ok(sqlx::query_as!(
        DeadJob,
        "select id, kind, attempts, last_error, created_at, dead_at from jobs
          where tenant_id = $1 and dead_at is not null order by id desc limit $2",
        tenant_id,
        limit
    )
    .fetch_all(conn)
    .await?)
}

/// Puts a company's dead job back in the queue with fresh attempts.
pub async fn retry_dead(conn: &mut PgConnection, tenant_id: Uuid, id: i64) -> Result<bool> {
    Ok(sqlx::query!(
        "update jobs set dead_at = null, attempts = 0, run_at = now()
          where id = $1 and tenant_id = $2 and dead_at is not null",
        id,
        tenant_id
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Removes jobs finished more than a week ago; returns how many.
pub async fn purge_done(db: &sqlx::PgPool) -> Result<u64> {
    Ok(sqlx::query!("delete from jobs where done_at < now() - interval '7 days'")
        .execute(db)
        .await?
        .rows_affected())
}

fn backoff(attempt: i32) -> Duration {
    // 2s, 4s, 8s … capped at one hour.
    Duration::from_secs(2u64.saturating_pow(attempt.clamp(1, 12) as u32).min(3600))
}

/// Claims and runs one ready job. Returns whether there was one.
pub async fn work_once(app: &App) -> Result<bool> {
    let mut claim = app.db.begin().await?;
    let Some(job) = sqlx::query!(
        r#"select id, kind, tenant_id, payload, attempts, max_attempts from jobs
           where done_at is null and dead_at is null and run_at <= now()
           order by run_at, id limit 1
           for update skip locked"#
    )
    .fetch_optional(&mut *claim)
    .await?
    else {
        return Ok(false);
    };
    let attempt = job.attempts + 1;
    let outcome = match app.jobs.handlers.get(job.kind.as_str()).cloned() {
        None => Err(anyhow::anyhow!("no handler for job kind {}", job.kind)),
        Some(handler) => {
            let run = handler(app.clone(), job.tenant_id, job.payload);
            match tokio::time::timeout(Duration::from_secs(300), run).await {
                Ok(result) => result,
                Err(_) => Err(anyhow::anyhow!("timed out after 300 s")),
            }
        }
    };
    match outcome {
        Ok(()) => {
            sqlx::query!(
                "update jobs set done_at = now(), attempts = $2, last_error = null where id = $1",
                job.id,
                attempt
            )
            .execute(&mut *claim)
            .await?;
            metrics::counter!("jobs_done_total", "kind" => job.kind.clone()).increment(1);
        }
        Err(e) => {
            let message = format!("{e:#}");
            let dead = attempt >= job.max_attempts;
            let retry_at = Utc::now() + backoff(attempt);
            sqlx::query!(
                r#"update jobs set attempts = $2, last_error = $3,
                       run_at = case when $4 then run_at else $5 end,
                       dead_at = case when $4 then now() else null end
                   where id = $1"#,
                job.id,
                attempt,
                message,
                dead,
                retry_at
            )
            .execute(&mut *claim)
            .await?;
            tracing::warn!(job_id = job.id, kind = %job.kind, attempt, dead, error = %message, "job failed");
            metrics::counter!("jobs_failed_total", "kind" => job.kind.clone()).increment(1);
        }
    }
    claim.commit().await?;
    Ok(true)
}

/// Runs `concurrency` job loops until `shutdown`; a job in flight finishes.
pub async fn run_workers(app: App, concurrency: usize, shutdown: CancellationToken) {
    let notify = Arc::new(tokio::sync::Notify::new());
    let listener_task = {
        let app = app.clone();
        let notify = notify.clone();
        let shutdown = shutdown.clone();
        tokio::spawn(async move {
            let Ok(mut listener) = sqlx::postgres::PgListener::connect_with(&app.db).await else {
                return;
            };
            if listener.listen("conectcrm_jobs").await.is_err() {
                return;
            }
            loop {
                tokio::select! {
                    _ = shutdown.cancelled() => return,
                    n = listener.recv() => {
                        if n.is_err() { tokio::time::sleep(Duration::from_secs(1)).await; }
                        notify.notify_waiters();
                    }
                }
            }
        })
    };
    let mut loops = Vec::new();
    for _ in 0..concurrency.max(1) {
        let app = app.clone();
        let notify = notify.clone();
        let shutdown = shutdown.clone();
        loops.push(tokio::spawn(async move {
            while !shutdown.is_cancelled() {
                match work_once(&app).await {
                    Ok(true) => continue,
                    Ok(false) => {}
                    Err(e) => tracing::error!(error = %e, "job queue unavailable"),
                }
                tokio::select! {
                    _ = shutdown.cancelled() => {}
                    _ = notify.notified() => {}
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
        }));
    }
    for l in loops {
        let _ = l.await;
    }
    listener_task.abort();
}

/// Enqueues cron ticks until `shutdown`. Each tick's dedupe key is its name
/// and time, so several nodes enqueue each tick once. Ticks missed while
/// every node was down (up to one hour back) are coalesced into one run.
pub async fn run_scheduler(app: App, shutdown: CancellationToken) {
    let mut since = Utc::now() - chrono::Duration::hours(1);
    loop {
        let now = Utc::now();
        for schedule in &app.jobs.schedules {
            if let Some(tick) = schedule.cron.after(&since).take_while(|t| *t <= now).last() {
                let key = format!("cron:{}:{}", schedule.name, tick.timestamp());
                let result = async {
                    let mut conn = app.db.acquire().await?;
                    enqueue_raw(
                        &mut conn,
                        schedule.job_kind,
                        None,
                        serde_json::json!({}),
                        EnqueueOptions { dedupe_key: Some(key), ..Default::default() },
                    )
                    .await
                }
                .await;
                if let Err(e) = result {
                    tracing::error!(error = %e, schedule = schedule.name, "cron enqueue failed");
                }
            }
        }
        since = now;
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::from_secs(2));
        assert_eq!(backoff(3), Duration::from_secs(8));
        assert_eq!(backoff(50), Duration::from_secs(3600));
    }
}
