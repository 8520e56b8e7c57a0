use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::users::model::User;

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    pub company_name: String,
    pub name: String,
    pub email: String,
    pub password: String,
}

/// The same answer whether the address was free or already had an account.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignupAccepted {
    pub message: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmEmailRequest {
    pub token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    pub refresh_token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForgotPasswordRequest {
    pub email: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    pub token: String,
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeCompany {
    pub id: Uuid,
    pub name: String,
    pub trade_name: Option<String>,
    pub plan_code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub user: User,
    pub company: MeCompany,
    /// Added under the person's e-mail replies (empty: none).
    pub signature: String,
}

/// One login (a refresh-token family) that can still be renewed.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginSession {
    pub id: Uuid,
    pub started_at: DateTime<Utc>,
    /// The last sign-in or renewal.
    pub last_seen_at: DateTime<Utc>,
    /// As the browser sent it; the web app names the browser and system.
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    /// The login making this request.
    pub current: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginSessions {
    pub items: Vec<LoginSession>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EndedSessions {
    pub ended: usize,
}
