//! Real-time fan-out to Socket.IO rooms. Rooms are `tenant:<id>`,
//! `user:<id>` and, later, `ticket:<id>`; the server's connect handler puts
//! a socket only in its own tenant's and user's rooms.
//!
//! The kernel only knows a [`Fanout`]: the server plugs in Socket.IO with
//! the in-process adapter, or with the Redis adapter when `REDIS_URL` is set
//! so an event emitted on one node reaches sockets on every node.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use uuid::Uuid;

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

pub fn user_room(user_id: Uuid) -> String {
    format!("user:{user_id}")
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

    pub async fn emit_to_tenant<T: Serialize + ?Sized>(&self, tenant_id: Uuid, event: &str, data: &T) {
        self.emit(tenant_room(tenant_id), event, data).await;
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
}
