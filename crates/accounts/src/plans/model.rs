use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanLimits {
    pub users: i32,
    pub channels: i32,
    pub storage_mb: i32,
    pub ai_triages_per_month: i32,
    /// Automation flows switched on at once.
    pub active_flows: i32,
    /// Automation runs that act, per calendar month.
    pub automation_runs_per_month: i32,
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
    /// Channels switched on.
    pub channels: i64,
    /// Stored files, in MiB, rounded up.
    pub storage_mb: i64,
    /// Triages an LLM answered this calendar month (the offline triage is free).
    pub ai_triages_this_month: i64,
    /// Automation flows switched on.
    pub active_flows: i64,
    /// Automation runs that acted this calendar month (UTC).
    pub automation_runs_this_month: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompanyPlan {
    pub plan: Plan,
    pub usage: PlanUsage,
}
