//! The rooms support owns on the product's Socket.IO connection: one per
//! ticket (who is viewing or typing in it). The server runs the sockets;
//! who may enter a ticket's room, and what a visitor hears when an agent
//! types, are support's rules and live here.

use kernel::App;
use kernel::session::CurrentUser;
use kernel::tenant::TenantTx;
use uuid::Uuid;

use crate::tickets;
use crate::webchat;

const TICKET_ROOM: &str = "ticket:";

pub fn ticket_room(ticket_id: Uuid) -> String {
    format!("{TICKET_ROOM}{ticket_id}")
}

/// The ticket of a room name, when it is a ticket's room.
pub fn ticket_of_room(room: &str) -> Option<Uuid> {
    room.strip_prefix(TICKET_ROOM).and_then(|t| t.parse().ok())
}

pub fn is_ticket_room(room: &str) -> bool {
    room.starts_with(TICKET_ROOM)
}

/// The same rule as `GET /tickets/{id}`: who may read the ticket may join its room.
pub async fn may_join_ticket_room(app: &App, user: &CurrentUser, ticket_id: Uuid) -> bool {
    let Ok(mut tx) = TenantTx::begin(&app.db, user.tenant_id).await else { return false };
    let readable = tickets::service::can_read(&mut tx, user, ticket_id).await.unwrap_or(false);
    let _ = tx.commit().await;
    readable
}

/// An agent is typing in a ticket: a web-chat visitor on the other side sees it too.
pub async fn agent_typing(app: &App, user: &CurrentUser, ticket_id: Uuid) {
    let Ok(mut tx) = TenantTx::begin(&app.db, user.tenant_id).await else { return };
    if let Ok(Some(t)) = tickets::repo::find(&mut tx, user.tenant_id, ticket_id, false).await
        && let Some(visitor) = t.contact_address.strip_prefix("visitor:")
    {
        app.realtime.signal_room(webchat::visitor_room(visitor), &events::live::TypingToVisitor {}).await;
    }
    let _ = tx.commit().await;
}
