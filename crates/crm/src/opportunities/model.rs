use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::pipelines::model::StageKind;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Opportunity {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
    /// `open`, `won` or `lost`, from the stage.
    pub status: StageKind,
    pub title: String,
    pub value_cents: i64,
    pub currency: String,
    pub expected_close_date: Option<NaiveDate>,
    pub owner_id: Option<Uuid>,
    pub source: Option<String>,
    pub lost_reason: Option<String>,
    /// Order inside the stage column.
    pub position: f64,
    pub stage_entered_at: DateTime<Utc>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    /// The conversation (support ticket) the deal came from.
    pub ticket_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OpportunityPage {
    pub items: Vec<Opportunity>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOpportunityRequest {
    pub customer_id: Uuid,
    pub pipeline_id: Uuid,
    /// Defaults to the pipeline's first open stage.
    pub stage_id: Option<Uuid>,
    pub title: String,
    #[serde(default)]
    pub value_cents: i64,
    pub expected_close_date: Option<NaiveDate>,
    pub owner_id: Option<Uuid>,
    pub source: Option<String>,
    /// The conversation the deal comes from ("Criar oportunidade" on a ticket).
    pub ticket_id: Option<Uuid>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOpportunityRequest {
    pub title: Option<String>,
    pub value_cents: Option<i64>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<NaiveDate>)]
    pub expected_close_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<String>)]
    pub source: Option<Option<String>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    pub stage_id: Uuid,
    /// Place the card after this one in the target column. Omit it to put the
    /// card at the end; send the nil UUID (`00000000-0000-0000-0000-000000000000`)
    /// to put it at the top.
    pub after_id: Option<Uuid>,
    /// Required when moving to the lost stage.
    pub lost_reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpportunityFilter {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Title or customer name.
    pub q: Option<String>,
    pub pipeline_id: Option<Uuid>,
    pub stage_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub owner_id: Option<Uuid>,
    pub status: Option<StageKind>,
    /// Deals that came from this conversation.
    pub ticket_id: Option<Uuid>,
}
