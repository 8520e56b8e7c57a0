use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub use kernel::business_hours::BusinessWindow;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Member {
    pub user_id: Uuid,
    pub name: String,
    pub capacity: i32,
    /// online, away, offline.
    pub presence: String,
    pub open_tickets: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Team {
    pub id: Uuid,
    pub name: String,
    /// Empty: the company's hours.
    pub business_hours: Vec<BusinessWindow>,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct MemberInput {
    pub user_id: Uuid,
    /// Default 10.
    pub capacity: Option<i32>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveTeamRequest {
    pub name: String,
    #[serde(default)]
    pub business_hours: Vec<BusinessWindow>,
    #[serde(default)]
    pub members: Vec<MemberInput>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Routing {
    RoundRobin,
    LeastBusy,
    Manual,
}

impl Routing {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RoundRobin => "round_robin",
            Self::LeastBusy => "least_busy",
            Self::Manual => "manual",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "round_robin" => Some(Self::RoundRobin),
            "least_busy" => Some(Self::LeastBusy),
            "manual" => Some(Self::Manual),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Queue {
    pub id: Uuid,
    pub name: String,
    pub team_id: Uuid,
    pub routing: Routing,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveQueueRequest {
    pub name: String,
    pub team_id: Uuid,
    pub routing: Routing,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PresenceRequest {
    /// online, away, offline.
    pub status: String,
}
