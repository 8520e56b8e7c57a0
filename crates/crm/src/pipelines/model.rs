use chrono::{DateTime, Utc};
use kernel::error::Violations;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::opportunities::model::Opportunity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StageKind {
    Open,
    Won,
    Lost,
}

impl StageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Open => "open",
            StageKind::Won => "won",
            StageKind::Lost => "lost",
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Stage {
    pub id: Uuid,
    pub name: String,
    pub position: i32,
    /// Chance of closing, 0–100 %.
    pub probability: i32,
    pub kind: StageKind,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Pipeline {
    pub id: Uuid,
    pub name: String,
    /// In board order.
    pub stages: Vec<Stage>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageInput {
    /// Existing stage to keep (omit for a new one).
    pub id: Option<Uuid>,
    pub name: String,
    pub probability: i32,
    #[serde(default = "open")]
    pub kind: StageKind,
}

fn open() -> StageKind {
    StageKind::Open
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PipelineRequest {
    pub name: String,
    /// In board order; at least one open stage, exactly one won and one lost.
    pub stages: Vec<StageInput>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BoardColumn {
    pub stage: Stage,
    /// Opportunities in the stage, by position (first 200).
    pub opportunities: Vec<Opportunity>,
    pub count: i64,
    pub total_cents: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Board {
    pub pipeline: Pipeline,
    pub columns: Vec<BoardColumn>,
}

impl PipelineRequest {
    pub fn check(&self) -> kernel::Result<()> {
        let mut v = Violations::new();
        if self.name.trim().is_empty() || self.name.chars().count() > 100 {
            v.add("name", "Informe o nome do funil (até 100 caracteres).");
        }
        for (i, s) in self.stages.iter().enumerate() {
            if s.name.trim().is_empty() || s.name.chars().count() > 100 {
                v.add(&format!("stages.{i}.name"), "Informe o nome da etapa (até 100 caracteres).");
            }
            if !(0..=100).contains(&s.probability) {
                v.add(&format!("stages.{i}.probability"), "Probabilidade de 0 a 100.");
            }
        }
        let count = |k: StageKind| self.stages.iter().filter(|s| s.kind == k).count();
        if count(StageKind::Open) == 0 {
            v.add("stages", "O funil precisa de ao menos uma etapa em aberto.");
        }
        if count(StageKind::Won) != 1 || count(StageKind::Lost) != 1 {
            v.add("stages", "O funil precisa de exatamente uma etapa de ganho e uma de perda.");
        }
        if self.stages.len() > 30 {
            v.add("stages", "Use no máximo 30 etapas.");
        }
        v.finish()
    }
}
