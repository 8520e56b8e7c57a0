use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanLimits {
    pub users: i32,
    pub channels: i32,
    pub storage_mb: i32,
    pub ai_triages_per_month: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Plan {
    pub code: String,
    pub name: String,
    pub price_cents: i64,
    pub currency: String,
    pub limits: PlanLimits,
    pub features: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanUsage {
    /// Active users.
    pub users: i64,
    /// Connected channels (counted once the support module stores them).
    pub channels: i64,
    /// Stored files, in MiB, rounded up.
    pub storage_mb: i64,
    /// AI triages this calendar month (counted once automation runs them).
    pub ai_triages_this_month: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompanyPlan {
    pub plan: Plan,
    pub usage: PlanUsage,
}
