//! What arrives: provider webhooks and web-chat messages are verified,
//! stored raw in the kernel's inbox (one row per provider message or
//! status, keyed by the provider's id, so redeliveries are not stored
//! twice) and acknowledged; [`intake`] turns them into tickets and
//! messages. A channel's log and replay are the inbox's.

pub mod hooks;
pub mod intake;

use kernel::inbox::{Source, SourceKind};
use kernel::{Result, inbox};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::SUPPORT_ADMINS;
use intake::ProcessInbound;

/// A channel as an inbox source: its log is for those who configure
/// channels; [`ProcessInbound`] processes (and replays) its events.
pub fn inbox_source() -> Source {
    Source::new::<ProcessInbound>(SourceKind::Channel, SUPPORT_ADMINS, |conn, tenant, id| {
        Box::pin(channel_exists(conn, tenant, id))
    })
}

async fn channel_exists(conn: &mut PgConnection, tenant: Uuid, id: Uuid) -> Result<bool> {
    Ok(crate::channels::repo::find(conn, tenant, id).await?.is_some())
}

/// Stores one item of a channel's delivery and queues its intake.
pub(crate) async fn store(
    conn: &mut PgConnection,
    tenant: Uuid,
    channel: &crate::channels::repo::ChannelRow,
    key: &str,
    body: &str,
    content_type: &str,
    unreadable: Option<&str>,
) -> Result<bool> {
    let new = inbox::NewEvent {
        source: inbox::SourceRef { kind: SourceKind::Channel, id: channel.id },
        provider: channel.kind()?.as_str(),
        event_id: key,
        kind: "",
        body,
        content_type,
        unreadable,
    };
    Ok(inbox::store::<ProcessInbound>(conn, tenant, &new).await?.is_some())
}
