//! The company's model learns from its agents: a ticket whose category,
//! priority or team an agent changed, or that was resolved, becomes a
//! training example with the labels it ended with; every
//! [`RETRAIN_EVERY`] new examples a job retrains the model.

use ai::{CompanyModel, Labelled};
use events::Priority;
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::repo;

/// New examples that make a retraining worthwhile (and the first model).
pub const RETRAIN_EVERY: i64 = 10;
/// The newest examples a model learns from.
const MAX_EXAMPLES: i64 = 5000;

#[derive(Debug, Serialize, Deserialize)]
pub struct TrainTriageModel {}

impl Job for TrainTriageModel {
    const KIND: &'static str = "support.train_triage_model";
    const MAX_ATTEMPTS: i32 = 3;
}

/// An agent changed these fields (`category`, `priority`, `team`) of a
/// triaged ticket.
pub async fn corrected(tx: &mut TenantTx, ticket_id: Uuid, fields: &[&str]) -> Result<()> {
    let tenant = tx.tenant_id();
    if repo::mark_corrected(tx, tenant, ticket_id, fields).await? {
        learn(tx, ticket_id).await?;
    }
    Ok(())
}

/// Keeps the ticket's labels as an example and asks for a retraining when
/// enough new ones arrived.
pub async fn learn(tx: &mut TenantTx, ticket_id: Uuid) -> Result<()> {
    let tenant = tx.tenant_id();
    if !repo::save_example(tx, tenant, ticket_id).await? {
        return Ok(());
    }
    let (all, new) = repo::example_counts(tx, tenant).await?;
    if new >= RETRAIN_EVERY {
        jobs::enqueue(
            tx,
            Some(tenant),
            &TrainTriageModel {},
            EnqueueOptions {
                dedupe_key: Some(format!("triage-train:{tenant}:{}", all / RETRAIN_EVERY)),
                ..Default::default()
            },
        )
        .await?;
    }
    Ok(())
}

/// Trains the company's model on its newest examples and stores it.
pub async fn train(tx: &mut TenantTx) -> Result<usize> {
    let tenant = tx.tenant_id();
    let examples = repo::examples(tx, tenant, MAX_EXAMPLES).await?;
    let model = CompanyModel::train(examples.iter().map(|e| Labelled {
        text: &e.text,
        category: e.category.as_deref(),
        priority: e.priority.as_deref().and_then(Priority::parse),
    }));
    let json = serde_json::to_value(&model).map_err(|e| kernel::Error::Internal(e.into()))?;
    repo::save_model(tx, tenant, &json, examples.len() as i32).await?;
    Ok(examples.len())
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, _: TrainTriageModel| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("triage training without tenant"))?;
        let mut tx = TenantTx::begin(&app.db, tenant).await?;
        let n = train(&mut tx).await?;
        tx.commit().await?;
        tracing::info!(%tenant, examples = n, "triage model trained");
        Ok(())
    });
}
