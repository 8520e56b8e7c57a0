//! Other modules reach the timeline through their domain events: an event
//! whose payload carries `timeline: {customer_id, summary, data}` becomes an
//! entry, exactly once (keyed by event id). CRM imports no other module.

use kernel::App;
use kernel::jobs::{Job, Registry};
use kernel::outbox::DomainEvent;
use kernel::tenant::TenantTx;
use serde::{Deserialize, Serialize};

use super::model::{NewEntry, TimelineHint};
use super::repo;

#[derive(Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordTimelineEvent(pub DomainEvent);

impl Job for RecordTimelineEvent {
    const KIND: &'static str = "crm.timeline_from_event";
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, _tenant, RecordTimelineEvent(event)| async move { record(&app, event).await });
    registry.subscribe_where::<RecordTimelineEvent>(|event| event.payload.get("timeline").is_some());
}

async fn record(app: &App, event: DomainEvent) -> anyhow::Result<()> {
    let hint: TimelineHint = serde_json::from_value(event.payload["timeline"].clone())?;
    let mut tx = TenantTx::begin(&app.db, event.tenant_id).await?;
    // An event about a customer merged or deleted since lands on the survivor, or nowhere.
    let Some(customer_id) = repo::resolve_customer(&mut tx, event.tenant_id, hint.customer_id).await? else {
        return Ok(());
    };
    repo::insert(
        &mut tx,
        event.tenant_id,
        NewEntry {
            customer_id,
            opportunity_id: None,
            kind: &event.kind,
            summary: hint.summary,
            data: hint.data,
            actor_id: None,
            event_id: Some(event.event_id),
            occurred_at: Some(event.occurred_at),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
