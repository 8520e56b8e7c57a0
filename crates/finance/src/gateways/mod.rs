//! Payment gateways per company (Stripe, Asaas): sealed credentials, a
//! connection test, charges for invoices, and the provider webhooks —
//! verified, stored raw in the kernel's inbox, acknowledged, then processed
//! by a job. A gateway's log and replay are the inbox's.

pub mod charges;
pub mod hooks;
pub mod http;
pub mod model;
pub mod repo;
pub mod webhooks;

use kernel::inbox::{Source, SourceKind};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::FINANCE_ADMINS;

/// A gateway as an inbox source: its log is for those who configure
/// gateways; [`webhooks::ProcessWebhook`] processes (and replays) its
/// events. An unreadable body is sent again from the provider, not
/// replayed.
pub fn inbox_source() -> Source {
    Source::new::<webhooks::ProcessWebhook>(SourceKind::Gateway, FINANCE_ADMINS, |conn, tenant, id| {
        Box::pin(gateway_exists(conn, tenant, id))
    })
    .refusing_unreadable_replay("Este conteúdo não pôde ser lido; reenvie o evento pelo painel do provedor.")
}

async fn gateway_exists(conn: &mut PgConnection, tenant: Uuid, id: Uuid) -> kernel::Result<bool> {
    Ok(repo::find(conn, tenant, id).await?.is_some())
}
