//! Real-time fan-out to Socket.IO rooms. Rooms are `tenant:<id>` (everyone
//! of the company), `tenant:<id>:<area>` (those whose role has that
//! [`Area`]), `user:<id>`, `session:<sid>` (one login, so logout can close
//! its sockets) and `ticket:<id>`. The server's connect handler puts a
//! socket in its tenant's, area, user's and session's rooms; tenant-wide
//! emits are routed by their kind ([`area_of`]) to the area room, so a
//! salesperson never receives a message preview or an invoice link.
//!
//! The kernel only knows a [`Fanout`]: the server plugs in Socket.IO with
//! the in-process adapter, or with the Redis adapter when `REDIS_URL` is set
//! so an event emitted on one node reaches sockets on every node.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use uuid::Uuid;

use crate::auth::Area;

#[async_trait::async_trait]
pub trait Fanout: Send + Sync {
    async fn emit(&self, room: String, event: &str, data: serde_json::Value);
    async fn disconnect(&self, room: String);
}

#[derive(Clone, Default)]
pub struct Realtime {
    fanout: Arc<OnceLock<Arc<dyn Fanout>>>,
}

pub fn tenant_room(tenant_id: Uuid) -> String {
    format!("tenant:{tenant_id}")
}

pub fn area_room(tenant_id: Uuid, area: Area) -> String {
    format!("tenant:{tenant_id}:{}", area.as_str())
}

pub fn user_room(user_id: Uuid) -> String {
    format!("user:{user_id}")
}

pub fn session_room(session_id: Uuid) -> String {
    format!("session:{session_id}")
}

/// Who may see a tenant-wide event, by the naming of the domain that emits
/// it; `None` is everyone of the company: customers (every role reads
/// them), and `user.*` / `company.*`, which carry only ids and the plan code
/// and tell each tab to re-read its own `/me`.
/// A kind no domain claims goes to admins only, so a new event is never
/// broadcast by accident — add its prefix here when it should reach more.
pub fn area_of(kind: &str) -> Option<Area> {
    const SUPPORT: &[&str] = &["Ticket", "Message", "Note", "Csat", "presence", "visitor_typing"];
    const CRM: &[&str] = &["opportunity.", "proposal.", "contract.", "Contract", "customers.imported"];
    const FINANCE: &[&str] = &["Invoice", "invoice.", "Payment", "Subscription"];
    const EVERYONE: &[&str] = &["customer.", "user.", "company."];
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| kind.starts_with(p));
    if starts(EVERYONE) {
        None
    } else if starts(SUPPORT) {
        Some(Area::Support)
    } else if starts(CRM) {
        Some(Area::Crm)
    } else if starts(FINANCE) {
        Some(Area::Finance)
    } else {
        Some(Area::Admin)
    }
}

impl Realtime {
    /// Called once by the server when the Socket.IO layer exists.
    pub fn attach(&self, fanout: Arc<dyn Fanout>) {
        let _ = self.fanout.set(fanout);
    }

    async fn emit<T: Serialize + ?Sized>(&self, room: String, event: &str, data: &T) {
        let Some(fanout) = self.fanout.get() else { return };
        match serde_json::to_value(data) {
            Ok(value) => fanout.emit(room, event, value).await,
            Err(e) => tracing::warn!(error = %e, event, "socket.io payload not serialisable"),
        }
    }

    /// To the people of the company who may see `event` ([`area_of`]).
    pub async fn emit_to_tenant<T: Serialize + ?Sized>(&self, tenant_id: Uuid, event: &str, data: &T) {
        let room = match area_of(event) {
            Some(area) => area_room(tenant_id, area),
            None => tenant_room(tenant_id),
        };
        self.emit(room, event, data).await;
    }

    /// Any other room (a ticket, a web-chat visitor).
    pub async fn emit_to_room<T: Serialize + ?Sized>(&self, room: String, event: &str, data: &T) {
        self.emit(room, event, data).await;
    }

    pub async fn emit_to_user<T: Serialize + ?Sized>(&self, user_id: Uuid, event: &str, data: &T) {
        self.emit(user_room(user_id), event, data).await;
    }

    /// Closes every socket of a user (deactivated, logged out everywhere).
    pub async fn disconnect_user(&self, user_id: Uuid) {
        if let Some(fanout) = self.fanout.get() {
            fanout.disconnect(user_room(user_id)).await;
        }
    }

    /// Closes the sockets of one login (logout, revoked by a password change).
    pub async fn disconnect_session(&self, session_id: Uuid) {
        if let Some(fanout) = self.fanout.get() {
            fanout.disconnect(session_room(session_id)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_go_to_the_area_of_their_domain() {
        assert_eq!(area_of("MessageReceived"), Some(Area::Support));
        assert_eq!(area_of("TicketAssigned"), Some(Area::Support));
        assert_eq!(area_of("InvoiceIssued"), Some(Area::Finance));
        assert_eq!(area_of("invoice.sent"), Some(Area::Finance));
        assert_eq!(area_of("proposal.sent"), Some(Area::Crm));
        assert_eq!(area_of("ContractSigned"), Some(Area::Crm));
        assert_eq!(area_of("customer.created"), None);
        assert_eq!(area_of("user.updated"), None);
        assert_eq!(area_of("invitation.created"), Some(Area::Admin));
        assert_eq!(area_of("SomethingNew"), Some(Area::Admin));
    }
}
