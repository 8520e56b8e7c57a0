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

use events::Audience;
use events::live::Signal;

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

/// The room of those who may receive `audience`'s events live; none for
/// the product's own bookkeeping.
pub fn audience_room(tenant_id: Uuid, audience: Audience) -> Option<String> {
    Some(match audience {
        Audience::Everyone => tenant_room(tenant_id),
        Audience::Support => area_room(tenant_id, Area::Support),
        Audience::Crm => area_room(tenant_id, Area::Crm),
        Audience::Finance => area_room(tenant_id, Area::Finance),
        Audience::Admin => area_room(tenant_id, Area::Admin),
        Audience::Internal => return None,
    })
}

/// Who may see a stored event, from its catalogue entry; a kind the
/// catalogue does not know goes to admins only, so nothing is ever
/// broadcast by accident.
pub fn audience_of(kind: &str) -> Audience {
    events::info(kind).map(|e| e.audience).unwrap_or(Audience::Admin)
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

    /// A stored domain event, to the people of its company who may see it
    /// ([`audience_of`]); its Socket.IO name is its kind.
    pub(crate) async fn emit_event(&self, tenant_id: Uuid, kind: &str, payload: &serde_json::Value) {
        if let Some(room) = audience_room(tenant_id, audience_of(kind)) {
            self.emit(room, kind, payload).await;
        }
    }

    /// A live signal to the people of the company it is meant for.
    pub async fn signal_tenant<S: Signal>(&self, tenant_id: Uuid, signal: &S) {
        if let Some(room) = audience_room(tenant_id, S::AUDIENCE) {
            self.emit(room, S::NAME, signal).await;
        }
    }

    /// A live signal to one room (a ticket, a web-chat visitor).
    pub async fn signal_room<S: Signal>(&self, room: String, signal: &S) {
        self.emit(room, S::NAME, signal).await;
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
    fn events_go_to_the_area_of_their_audience() {
        let t = Uuid::nil();
        assert_eq!(audience_of("MessageReceived"), Audience::Support);
        assert_eq!(audience_of("InvoiceIssued"), Audience::Finance);
        assert_eq!(audience_of("ProposalSent"), Audience::Crm);
        assert_eq!(audience_of("CustomerCreated"), Audience::Everyone);
        assert_eq!(audience_of("UserInvited"), Audience::Admin);
        assert_eq!(audience_of("SomethingNew"), Audience::Admin);
        assert_eq!(audience_room(t, Audience::Everyone), Some(tenant_room(t)));
        assert_eq!(audience_room(t, Audience::Finance), Some(area_room(t, Area::Finance)));
        assert_eq!(audience_of("FlowInvoiceDue"), Audience::Internal);
        assert_eq!(audience_room(t, Audience::Internal), None);
    }
}
