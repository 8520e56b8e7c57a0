//! Saving pipelines, and the default pipeline every new company gets (from
//! the `company.created` event, so accounts knows nothing of CRM).

use events::{CompanyCreated, Envelope};
use kernel::ids::new_id;
use kernel::jobs::Registry;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use uuid::Uuid;

use super::model::{Pipeline, PipelineRequest, Stage, StageInput, StageKind};
use super::repo;

/// Creates or replaces a pipeline and its stages (in the given order).
pub async fn save(tx: &mut TenantTx, id: Option<Uuid>, req: &PipelineRequest) -> Result<Pipeline> {
    req.check()?;
    let tenant = tx.tenant_id();
    let existing = match id {
        Some(id) => Some(repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?),
        None => None,
    };
    let pipeline_id = id.unwrap_or_else(new_id);
    repo::upsert_pipeline(tx, tenant, pipeline_id, req.name.trim()).await?;
    let mut keep = Vec::new();
    let mut stages = Vec::new();
    for (i, input) in req.stages.iter().enumerate() {
        let stage_id = match input.id {
            Some(sid) if existing.as_ref().is_some_and(|p| p.stages.iter().any(|s| s.id == sid)) => sid,
            Some(_) => {
                return Err(Error::field(format!("stages.{i}.id"), "Etapa de outro funil."));
            }
            None => new_id(),
        };
        keep.push(stage_id);
        stages.push(Stage {
            id: stage_id,
            name: input.name.trim().to_string(),
            position: i as i32,
            probability: input.probability,
            kind: input.kind,
        });
    }
    if !repo::delete_other_stages(tx, tenant, pipeline_id, &keep).await? {
        return Err(Error::conflict(
            Some("stages"),
            "Uma etapa removida ainda tem oportunidades: mova-as antes.",
        ));
    }
    for stage in &stages {
        repo::upsert_stage(tx, tenant, pipeline_id, stage).await?;
    }
    repo::find(tx, tenant, pipeline_id).await?.ok_or(Error::NotFound)
}

pub fn default_request() -> PipelineRequest {
    let stage = |name: &str, probability: i32, kind: StageKind| StageInput {
        id: None,
        name: name.into(),
        probability,
        kind,
    };
    PipelineRequest {
        name: "Funil de vendas".into(),
        stages: vec![
            stage("Novo", 10, StageKind::Open),
            stage("Qualificado", 30, StageKind::Open),
            stage("Proposta enviada", 60, StageKind::Open),
            stage("Negociação", 80, StageKind::Open),
            stage("Ganho", 100, StageKind::Won),
            stage("Perdido", 0, StageKind::Lost),
        ],
    }
}

/// Gives a new company its first pipeline.
pub fn register(registry: &mut Registry) {
    registry.on("crm.default_pipeline", |app: App, event: Envelope<CompanyCreated>| async move {
        let mut tx = TenantTx::begin(&app.db, event.tenant_id).await?;
        // Idempotent: a redelivered event finds the pipeline already there.
        if repo::count(&mut tx, event.tenant_id).await? == 0 {
            save(&mut tx, None, &default_request()).await?;
        }
        tx.commit().await?;
        Ok(())
    });
}
