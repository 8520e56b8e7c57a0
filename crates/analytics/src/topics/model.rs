use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct RisingTerm {
    pub term: String,
    /// First messages of each period that use it.
    pub current: i64,
    pub previous: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryTrend {
    /// None: tickets without a category.
    pub category: Option<String>,
    /// Tickets opened in the period, and in the one before.
    pub current: i64,
    pub previous: i64,
    /// None when the period before had none.
    pub change_pct: Option<f64>,
    pub rising: Vec<RisingTerm>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TopicTrends {
    /// The period: `[from, to)`; the one before ends at `from`.
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub days: i32,
    pub categories: Vec<CategoryTrend>,
    /// More tickets were opened than were read (the latest were).
    pub truncated: bool,
}
