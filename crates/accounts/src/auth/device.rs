//! What a login was started or renewed from: the browser's User-Agent and
//! the client's address, so "Sessões ativas" can tell devices apart.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;
use kernel::client_ip::ClientIp;
use kernel::{App, Error};

/// Longest User-Agent kept (the column's limit).
const MAX_USER_AGENT: usize = 400;

#[derive(Debug, Clone, Default)]
pub struct Device {
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

impl<S> FromRequestParts<S> for Device
where
    App: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        let ClientIp(ip) = ClientIp::from_request_parts(parts, state).await?;
        let user_agent = parts
            .headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().filter(|c| !c.is_control()).take(MAX_USER_AGENT).collect::<String>())
            .filter(|ua| !ua.trim().is_empty());
        Ok(Device { user_agent, ip: Some(ip.to_string()) })
    }
}
