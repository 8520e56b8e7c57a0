//! Socket.IO: authenticated by the access token in the handshake
//! (`auth: {token}`); a socket joins only its own tenant's and user's rooms,
//! and any other room only after a check that it belongs to the tenant.

use kernel::App;
use kernel::realtime::{tenant_room, user_room};
use kernel::session::{CurrentUser, Session};
use serde::Deserialize;
use socketioxide::extract::{AckSender, Data, SocketRef, State, TryData};
use socketioxide::handler::ConnectHandler;

#[derive(Debug, Deserialize)]
pub struct Handshake {
    token: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SocketAuthError {
    #[error("unauthorized")]
    Unauthorized,
}

async fn authenticate(
    s: SocketRef,
    TryData(auth): TryData<Handshake>,
    State(app): State<App>,
) -> Result<(), SocketAuthError> {
    let auth = auth.map_err(|_| SocketAuthError::Unauthorized)?;
    let claims = app.tokens.verify_access(&auth.token).map_err(|_| SocketAuthError::Unauthorized)?;
    let session =
        Session::open(&app, claims.tid, claims.sub).await.map_err(|_| SocketAuthError::Unauthorized)?;
    let _ = session.tx.commit().await;
    // Rooms and handlers are set up here, before the CONNECT answer is sent:
    // socketioxide runs the connect handler only after that answer, so a
    // client emitting right after `connect` would otherwise race it.
    s.join(tenant_room(session.user.tenant_id));
    s.join(user_room(session.user.id));
    s.on("join", on_join);
    s.extensions.insert(session.user);
    Ok(())
}

#[derive(Debug, Deserialize)]
struct JoinRequest {
    room: String,
}

async fn on_connect(s: SocketRef) {
    if let Some(user) = s.extensions.get::<CurrentUser>() {
        tracing::debug!(user_id = %user.id, socket = %s.id, "socket connected");
    }
}

/// Rooms other than the automatic two are resources (a ticket, later);
/// each module will register how to check that one belongs to the tenant.
/// Until then every such request is refused.
async fn on_join(s: SocketRef, Data(request): Data<JoinRequest>, ack: AckSender) {
    let allowed = s
        .extensions
        .get::<CurrentUser>()
        .is_some_and(|u| request.room == tenant_room(u.tenant_id) || request.room == user_room(u.id));
    if allowed {
        s.join(request.room);
    }
    let _ = ack.send(&serde_json::json!({ "ok": allowed }));
}

pub fn layer(app: &App) -> socketioxide::layer::SocketIoLayer {
    let (layer, io) = socketioxide::SocketIo::builder().with_state(app.clone()).build_layer();
    io.ns("/", on_connect.with(authenticate));
    app.realtime.attach(io);
    layer
}
