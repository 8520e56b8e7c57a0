//! Other modules reach the timeline through their domain events: every
//! event type of the catalogue with a `timeline` field becomes an entry,
//! exactly once (keyed by event id). CRM imports no other module.

use events::Timeline;
use kernel::App;
use kernel::jobs::Registry;
use kernel::outbox::DomainEvent;
use kernel::tenant::TenantTx;
use serde::Deserialize;

use super::model::NewEntry;
use super::repo;

/// The queue name of the timeline's subscription.
const RECORD_TIMELINE_EVENT: &str = "crm.timeline_from_event";

/// The `timeline` field every such event type has.
#[derive(Deserialize)]
struct WithTimeline {
    timeline: Timeline,
}

pub fn register(registry: &mut Registry) {
    let kinds: Vec<&'static str> =
        events::catalogue().iter().filter(|e| e.has_timeline).map(|e| e.kind).collect();
    registry.on_each(
        RECORD_TIMELINE_EVENT,
        &kinds,
        |app: App, event| async move { record(&app, event).await },
    );
}

async fn record(app: &App, event: DomainEvent) -> anyhow::Result<()> {
    let WithTimeline { timeline: hint } = serde_json::from_value(event.payload.clone())?;
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
            data: serde_json::to_value(&hint.links)?,
            actor_id: None,
            event_id: Some(event.event_id),
            occurred_at: Some(event.occurred_at),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
