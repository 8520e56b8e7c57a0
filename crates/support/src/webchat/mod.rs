//! The web-chat widget's side: a visitor gets a signed token
//! `<tenant>.<channel>.<visitor>.<mac>` (kept in the browser, so the
//! conversation survives page loads), sends messages over HTTP (stored and
//! processed like any webhook) and receives replies and typing over
//! Socket.IO in the `/webchat` namespace, room `webchat:<visitor>`.

pub mod digest;
pub mod http;
mod repo;
pub mod settings;

use kernel::{App, Error, Result};
use uuid::Uuid;

const PURPOSE: &str = "webchat-visitor";

pub fn visitor_room(visitor: &str) -> String {
    format!("webchat:{visitor}")
}

/// The name a visitor sees on a reply: the agent's first name when the
/// company chose so (a person wrote it), else the chat's public title.
pub fn public_author(
    settings: &settings::WebchatSettings,
    title: &str,
    author_id: Option<Uuid>,
    author_name: &str,
) -> String {
    match (settings.show_agent_name, author_id, author_name.split_whitespace().next()) {
        (true, Some(_), Some(first)) => first.to_string(),
        _ => title.to_string(),
    }
}

/// The chat's public title: the channel's own, else the company's name.
pub async fn public_title(
    conn: &mut sqlx::PgConnection,
    tenant_id: Uuid,
    settings: &settings::WebchatSettings,
) -> Result<String> {
    match &settings.title {
        Some(t) => Ok(t.clone()),
        None => crate::channels::repo::company_name(conn, tenant_id).await,
    }
}

pub struct Visitor {
    pub tenant_id: Uuid,
    pub channel_id: Uuid,
    pub visitor_id: Uuid,
}

fn data(tenant: Uuid, channel: Uuid, visitor: Uuid) -> Vec<u8> {
    [tenant.as_bytes().as_slice(), channel.as_bytes(), visitor.as_bytes()].concat()
}

pub fn token(app: &App, tenant: Uuid, channel: Uuid, visitor: Uuid) -> String {
    let tag = kernel::secrets::mac(&app.config, PURPOSE, &data(tenant, channel, visitor));
    format!("{tenant}.{channel}.{visitor}.{}", hex::encode(&tag[..20]))
}

/// The visitor behind a token, or 401.
pub fn verify(app: &App, token: &str) -> Result<Visitor> {
    let bad = || Error::Unauthorized("Sessão de chat inválida: recarregue a página.".into());
    let parts: Vec<&str> = token.trim().split('.').collect();
    let [t, c, v, tag] = parts.as_slice() else { return Err(bad()) };
    let (Ok(tenant_id), Ok(channel_id), Ok(visitor_id)) = (t.parse(), c.parse(), v.parse()) else {
        return Err(bad());
    };
    let tag = hex::decode(tag).map_err(|_| bad())?;
    if !kernel::secrets::verify_mac(&app.config, PURPOSE, &data(tenant_id, channel_id, visitor_id), &tag) {
        return Err(bad());
    }
    Ok(Visitor { tenant_id, channel_id, visitor_id })
}
