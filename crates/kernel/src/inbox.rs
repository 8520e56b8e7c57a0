//! The webhook inbox: everything a provider sends us — messages to a
//! support channel, payment events to a finance gateway — is verified by
//! the domain's hook handler, stored here raw before the provider gets its
//! 200, and processed later by the job the source registered. A provider
//! redelivers until it gets a 200, so a row is keyed by its source and the
//! provider's id: a redelivery is stored once. A signed body we cannot
//! read is stored too, as failed with the reason, so a person sees it in
//! the source's log and the provider stops retrying.
//!
//! One table (`inbox_events`) and one log/replay API for every source; a
//! domain contributes only its verify step (in its handler) and a
//! [`Processor`] job, and registers a [`Source`] that the server collects
//! in [`Sources`] so the replay endpoint finds the right job.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Role;
use crate::error::{Error, Result};
use crate::jobs::{self, EnqueueOptions, Job};
use crate::pagination::PageRequest;

/// What an event was sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A support channel (WhatsApp, Twilio, e-mail, web chat).
    Channel,
    /// A finance payment gateway (Stripe, Asaas).
    Gateway,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Channel => "channel",
            Self::Gateway => "gateway",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "channel" => Some(Self::Channel),
            "gateway" => Some(Self::Gateway),
            _ => None,
        }
    }
}

/// A source as the API names it: `channel:<id>`, `gateway:<id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceRef {
    pub kind: SourceKind,
    pub id: Uuid,
}

impl SourceRef {
    pub fn parse(s: &str) -> Option<Self> {
        let (kind, id) = s.split_once(':')?;
        Some(Self { kind: SourceKind::parse(kind)?, id: id.parse().ok()? })
    }
}

/// Where an event is on its way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum InboxStatus {
    /// Stored, its job queued (or about to run again after a replay).
    Received,
    Processed,
    /// Nothing to do (a repeat, an event we do not use); the reason says why.
    Ignored,
    /// Unreadable or not applicable; the reason says why. Replayable.
    Failed,
}

impl InboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Processed => "processed",
            Self::Ignored => "ignored",
            Self::Failed => "failed",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "received" => Ok(Self::Received),
            "processed" => Ok(Self::Processed),
            "ignored" => Ok(Self::Ignored),
            "failed" => Ok(Self::Failed),
            other => Err(Error::internal(format!("inbox status {other}"))),
        }
    }
}

/// The job that processes one stored event of a source.
pub trait Processor: Job {
    fn for_event(event_id: Uuid) -> Self;
}

pub type BoxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;
/// Whether the source exists in the company (tenant, source id).
pub type Exists = for<'c> fn(&'c mut PgConnection, Uuid, Uuid) -> BoxFuture<'c, Result<bool>>;

/// What a domain tells the inbox about one kind of source.
pub struct Source {
    pub kind: SourceKind,
    /// Who may read its log and replay its events (the same roles that
    /// manage the source itself).
    pub readers: &'static [Role],
    exists: Exists,
    job_kind: &'static str,
    job_payload: fn(Uuid) -> Result<serde_json::Value>,
    max_attempts: i32,
    unreadable_replay: Option<&'static str>,
}

impl Source {
    pub fn new<J: Processor>(kind: SourceKind, readers: &'static [Role], exists: Exists) -> Self {
        Self {
            kind,
            readers,
            exists,
            job_kind: J::KIND,
            job_payload: |id| serde_json::to_value(J::for_event(id)).map_err(Error::internal),
            max_attempts: J::MAX_ATTEMPTS,
            unreadable_replay: None,
        }
    }

    /// An unreadable body of this source is not replayed: the person is
    /// told `why` (409) instead — e.g. to send it again from the provider.
    pub fn refusing_unreadable_replay(mut self, why: &'static str) -> Self {
        self.unreadable_replay = Some(why);
        self
    }

    pub async fn exists(&self, conn: &mut PgConnection, tenant_id: Uuid, source_id: Uuid) -> Result<bool> {
        (self.exists)(conn, tenant_id, source_id).await
    }

    async fn enqueue(
        &self,
        conn: &mut PgConnection,
        tenant_id: Uuid,
        id: Uuid,
        dedupe: String,
    ) -> Result<()> {
        let options = EnqueueOptions {
            dedupe_key: Some(dedupe),
            max_attempts: Some(self.max_attempts),
            ..Default::default()
        };
        jobs::enqueue_raw(conn, self.job_kind, Some(tenant_id), (self.job_payload)(id)?, options).await?;
        Ok(())
    }
}

/// Every registered source, by kind; built by the server.
#[derive(Default)]
pub struct Sources(HashMap<SourceKind, Source>);

impl Sources {
    pub fn with(mut self, source: Source) -> Self {
        self.0.insert(source.kind, source);
        self
    }

    pub fn get(&self, kind: SourceKind) -> Result<&Source> {
        self.0.get(&kind).ok_or_else(|| Error::internal(format!("no inbox source {}", kind.as_str())))
    }
}

/// A stored event, body included (for its processor).
#[derive(Debug, Clone)]
pub struct Event {
    pub id: Uuid,
    pub source_kind: String,
    pub source_id: Uuid,
    pub provider: String,
    pub event_id: String,
    pub kind: String,
    pub body: String,
    pub content_type: String,
    pub status: String,
    pub error: Option<String>,
    pub attempts: i32,
    pub received_at: DateTime<Utc>,
    pub processed_at: Option<DateTime<Utc>>,
}

impl Event {
    pub fn status(&self) -> Result<InboxStatus> {
        InboxStatus::parse(&self.status)
    }

    /// Stored without being readable (keyed by the body's digest).
    pub fn is_unreadable(&self) -> bool {
        self.event_id.starts_with(UNREADABLE_PREFIX)
    }
}

/// A line of a source's log: what arrived and what became of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InboxEntry {
    pub id: Uuid,
    pub source_kind: SourceKind,
    pub source_id: Uuid,
    /// whatsapp, twilio_sms, twilio_whatsapp, email, webchat, stripe, asaas.
    pub provider: String,
    /// The provider's id of what arrived (`unreadable:<sha-256>` when the
    /// body could not be read).
    pub event_id: String,
    /// The provider's event type, when it names one.
    pub kind: String,
    pub status: InboxStatus,
    /// Why it was ignored or failed, or a note for a person.
    pub error: Option<String>,
    pub attempts: i32,
    pub received_at: DateTime<Utc>,
    pub processed_at: Option<DateTime<Utc>>,
}

impl TryFrom<Event> for InboxEntry {
    type Error = Error;
    fn try_from(e: Event) -> Result<Self> {
        Ok(Self {
            status: e.status()?,
            source_kind: SourceKind::parse(&e.source_kind)
                .ok_or_else(|| Error::internal(format!("inbox source kind {}", e.source_kind)))?,
            id: e.id,
            source_id: e.source_id,
            provider: e.provider,
            event_id: e.event_id,
            kind: e.kind,
            error: e.error,
            attempts: e.attempts,
            received_at: e.received_at,
            processed_at: e.processed_at,
        })
    }
}

pub const UNREADABLE_PREFIX: &str = "unreadable:";

/// The key of a signed body we could not read: its digest, so the same
/// unreadable body is kept once.
pub fn unreadable_key(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{UNREADABLE_PREFIX}{}", hex::encode(Sha256::digest(body)))
}

pub struct NewEvent<'a> {
    pub source: SourceRef,
    pub provider: &'a str,
    pub event_id: &'a str,
    pub kind: &'a str,
    pub body: &'a str,
    pub content_type: &'a str,
    /// Why it could not be read: stored as failed, and no job is queued.
    pub unreadable: Option<&'a str>,
}

/// Stores a verified event and, when it is readable, queues `J` for it, in
/// the caller's transaction. Returns the new row's id, or None when the
/// source already had this provider id (a redelivery).
pub async fn store<J: Processor>(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    e: &NewEvent<'_>,
) -> Result<Option<Uuid>> {
    let id = crate::ids::new_id();
    let inserted = sqlx::query!(
        "insert into inbox_events (tenant_id, id, source_kind, source_id, provider, event_id, kind, body,
                                   content_type, status, error)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                 case when $10::text is null then 'received' else 'failed' end, $10)
         on conflict (tenant_id, source_kind, source_id, event_id) do nothing",
        tenant_id,
        id,
        e.source.kind.as_str(),
        e.source.id,
        e.provider,
        e.event_id,
        e.kind,
        e.body,
        e.content_type,
        e.unreadable
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !inserted {
        return Ok(None);
    }
    if e.unreadable.is_none() {
        jobs::enqueue(
            conn,
            Some(tenant_id),
            &J::for_event(id),
            EnqueueOptions { dedupe_key: Some(format!("inbox:{id}")), ..Default::default() },
        )
        .await?;
    }
    Ok(Some(id))
}

/// The event, locked until the caller's transaction ends (a processor and
/// a replay of the same row take turns).
pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Event>> {
    Ok(sqlx::query_as!(
        Event,
        "select id, source_kind, source_id, provider, event_id, kind, body, content_type, status, error,
                attempts, received_at, processed_at
           from inbox_events where tenant_id = $1 and id = $2 for update",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// Records what processing made of the event (processed, ignored, failed)
/// and why.
pub async fn finish(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: InboxStatus,
    error: Option<&str>,
) -> Result<()> {
    sqlx::query!(
        "update inbox_events set status = $3, error = $4, processed_at = now(), attempts = attempts + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        status.as_str(),
        error
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_processed(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    note: Option<&str>,
) -> Result<()> {
    finish(conn, tenant_id, id, InboxStatus::Processed, note).await
}

pub async fn mark_failed(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, why: &str) -> Result<()> {
    finish(conn, tenant_id, id, InboxStatus::Failed, Some(why)).await
}

/// A source's log, newest first (ids are UUIDv7), optionally one status.
pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    source: SourceRef,
    page: &PageRequest,
    status: Option<InboxStatus>,
) -> Result<Vec<InboxEntry>> {
    let rows = sqlx::query_as!(
        Event,
        "select id, source_kind, source_id, provider, event_id, kind, ''::text as \"body!\",
                content_type, status, error, attempts, received_at, processed_at
           from inbox_events
          where tenant_id = $1 and source_kind = $2 and source_id = $3 and ($4::uuid is null or id < $4)
            and ($5::text is null or status = $5)
          order by id desc limit $6",
        tenant_id,
        source.kind.as_str(),
        source.id,
        page.after,
        status.map(InboxStatus::as_str),
        page.fetch_limit()
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(InboxEntry::try_from).collect()
}

/// Processes an event again (after whatever made it fail was fixed): back
/// to received, and its source's job queued anew. 404 when the company has
/// no such event, 409 when it was processed already or its source does not
/// replay unreadable bodies.
pub async fn replay(conn: &mut PgConnection, tenant_id: Uuid, source: &Source, event: &Event) -> Result<()> {
    if event.is_unreadable()
        && let Some(why) = source.unreadable_replay
    {
        return Err(Error::conflict(None, why));
    }
    if event.status()? == InboxStatus::Processed {
        return Err(Error::conflict(None, "Este evento já foi processado."));
    }
    sqlx::query!(
        "update inbox_events set status = 'received', error = null where tenant_id = $1 and id = $2",
        tenant_id,
        event.id
    )
    .execute(&mut *conn)
    .await?;
    // A fresh key: the first run's job is done (or dead) and must not
    // swallow this one.
    source.enqueue(conn, tenant_id, event.id, format!("inbox:{}:{}", event.id, crate::ids::new_id())).await
}

/// Deletes a source's events with the source (no foreign key can name
/// every kind of source).
pub async fn forget_source(conn: &mut PgConnection, tenant_id: Uuid, source: SourceRef) -> Result<()> {
    sqlx::query!(
        "delete from inbox_events where tenant_id = $1 and source_kind = $2 and source_id = $3",
        tenant_id,
        source.kind.as_str(),
        source.id
    )
    .execute(conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_named_by_kind_and_id() {
        let id = crate::ids::new_id();
        assert_eq!(
            SourceRef::parse(&format!("channel:{id}")),
            Some(SourceRef { kind: SourceKind::Channel, id })
        );
        assert_eq!(
            SourceRef::parse(&format!("gateway:{id}")),
            Some(SourceRef { kind: SourceKind::Gateway, id })
        );
        assert_eq!(SourceRef::parse(&format!("ticket:{id}")), None);
        assert_eq!(SourceRef::parse("channel:não-é-id"), None);
        assert_eq!(SourceRef::parse(&id.to_string()), None);
    }

    #[test]
    fn the_same_unreadable_body_has_the_same_key() {
        assert_eq!(unreadable_key(b"{x"), unreadable_key(b"{x"));
        assert_ne!(unreadable_key(b"{x"), unreadable_key(b"{y"));
        assert!(unreadable_key(b"").starts_with(UNREADABLE_PREFIX));
    }
}
