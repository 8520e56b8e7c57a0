//! Real-time fan-out to Socket.IO rooms. Rooms are `tenant:<id>`,
//! `user:<id>` and, later, `ticket:<id>`; the server's connect handler puts
//! a socket only in its own tenant's and user's rooms.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use socketioxide::SocketIo;
use uuid::Uuid;

#[derive(Clone, Default)]
pub struct Realtime {
    io: Arc<OnceLock<SocketIo>>,
}

pub fn tenant_room(tenant_id: Uuid) -> String {
    format!("tenant:{tenant_id}")
}

pub fn user_room(user_id: Uuid) -> String {
    format!("user:{user_id}")
}

impl Realtime {
    /// Called once by the server when the Socket.IO layer exists.
    pub fn attach(&self, io: SocketIo) {
        let _ = self.io.set(io);
    }

    pub async fn emit_to_tenant<T: Serialize + ?Sized>(&self, tenant_id: Uuid, event: &str, data: &T) {
        if let Some(io) = self.io.get()
            && let Err(e) = io.to(tenant_room(tenant_id)).emit(event, data).await
        {
            tracing::warn!(error = %e, event, "socket.io emit failed");
        }
    }

    pub async fn emit_to_user<T: Serialize + ?Sized>(&self, user_id: Uuid, event: &str, data: &T) {
        if let Some(io) = self.io.get()
            && let Err(e) = io.to(user_room(user_id)).emit(event, data).await
        {
            tracing::warn!(error = %e, event, "socket.io emit failed");
        }
    }

    /// Closes every socket of a user (deactivated, logged out everywhere).
    pub async fn disconnect_user(&self, user_id: Uuid) {
        if let Some(io) = self.io.get() {
            let _ = io.to(user_room(user_id)).disconnect().await;
        }
    }
}
