//! Socket.IO: authenticated by the access token in the handshake
//! (`auth: {token}`). A socket joins its tenant's room, the room of each
//! area its role may read (`tenant:<id>:support`, `:crm`, `:finance`,
//! `:admin` — the same [`Area`] map the REST handlers require), its user's
//! and its login's rooms, and a ticket's room only if it may read that
//! ticket. The login is re-checked every [`RECHECK`]: a revoked login or a
//! deactivated user is disconnected, a changed role changes the rooms.
//! With `REDIS_URL`, the Redis adapter carries emits across nodes.

use events::live::{AgentTyping, Left, Signal, Viewing, VisitorTyping};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use kernel::App;
use kernel::auth::Area;
use kernel::realtime::{Fanout, area_room, session_room, tenant_room, user_room};
use kernel::session::{CurrentUser, Session};
use serde::Deserialize;
use socketioxide::SocketIo;
use socketioxide::adapter::{Adapter, LocalAdapter};
use socketioxide::extract::{AckSender, Data, SocketRef, State, TryData};
use socketioxide::handler::ConnectHandler;
use socketioxide_redis::{FredAdapter, RedisAdapterConfig, RedisAdapterCtr};

/// How often a connected socket's login and role are checked again. An
/// explicit logout or password change disconnects at once; this catches
/// what happens elsewhere (a node that missed it, a role change).
pub const RECHECK: Duration = Duration::from_secs(60);

#[derive(Debug, Deserialize)]
pub struct Handshake {
    token: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SocketAuthError {
    #[error("unauthorized")]
    Unauthorized,
}

async fn authenticate<A: Adapter>(
    s: SocketRef<A>,
    TryData(auth): TryData<Handshake>,
    State(app): State<App>,
) -> Result<(), SocketAuthError> {
    let auth = auth.map_err(|_| SocketAuthError::Unauthorized)?;
    let claims = app.tokens.verify_access(&auth.token).map_err(|_| SocketAuthError::Unauthorized)?;
    let session = Session::open(&app, claims.tid, claims.sub, Some(claims.sid))
        .await
        .map_err(|_| SocketAuthError::Unauthorized)?;
    let _ = session.tx.commit().await;
    // Rooms and handlers are set up here, before the CONNECT answer is sent:
    // socketioxide runs the connect handler only after that answer, so a
    // client emitting right after `connect` would otherwise race it.
    s.join(tenant_room(session.user.tenant_id));
    s.join(user_room(session.user.id));
    s.join(session_room(claims.sid));
    sync_area_rooms(&s, &session.user);
    s.on("join", on_join::<A>);
    s.on("leave", on_leave::<A>);
    s.on("typing", on_typing::<A>);
    s.on("presence", on_presence::<A>);
    s.extensions.insert(session.user);
    Ok(())
}

/// The area rooms of the user's role, and none other.
fn sync_area_rooms<A: Adapter>(s: &SocketRef<A>, user: &CurrentUser) {
    for area in Area::ALL {
        let room = area_room(user.tenant_id, area);
        if area.allows(user.role) {
            s.join(room);
        } else {
            s.leave(room);
        }
    }
}

/// Re-reads the login every [`RECHECK`] while the socket lives.
async fn recheck<A: Adapter>(s: SocketRef<A>, app: App) {
    let mut tick = tokio::time::interval(RECHECK);
    tick.tick().await;
    loop {
        tick.tick().await;
        if !s.connected() {
            return;
        }
        let Some(user) = s.extensions.get::<CurrentUser>() else { return };
        match Session::open(&app, user.tenant_id, user.id, user.session_id).await {
            Ok(session) => {
                let _ = session.tx.commit().await;
                if session.user.role != user.role {
                    leave_ticket_rooms(&s);
                    sync_area_rooms(&s, &session.user);
                }
                s.extensions.insert(session.user);
            }
            Err(kernel::Error::Unauthorized(_)) => {
                let _ = s.disconnect();
                return;
            }
            // The database is briefly unreachable: keep the socket, try again.
            Err(e) => tracing::warn!(error = %e, "socket session re-check failed"),
        }
    }
}

fn leave_ticket_rooms<A: Adapter>(s: &SocketRef<A>) {
    for room in s.rooms() {
        if support::realtime::is_ticket_room(&room) {
            s.leave(room);
        }
    }
}

#[derive(Debug, Deserialize)]
struct JoinRequest {
    room: String,
}

async fn on_connect<A: Adapter>(s: SocketRef<A>, State(app): State<App>) {
    if let Some(user) = s.extensions.get::<CurrentUser>() {
        tracing::debug!(user_id = %user.id, socket = %s.id, "socket connected");
    }
    tokio::spawn(recheck(s, app));
}

/// Rooms other than the automatic ones are resources; a socket joins one
/// only if its user may read it. A ticket's room carries typing and "who is
/// viewing"; everyone already in it hears that this user opened the ticket.
async fn on_join<A: Adapter>(
    s: SocketRef<A>,
    Data(request): Data<JoinRequest>,
    ack: AckSender<A>,
    State(app): State<App>,
) {
    let Some(user) = s.extensions.get::<CurrentUser>() else {
        let _ = ack.send(&serde_json::json!({ "ok": false }));
        return;
    };
    let allowed = if request.room == tenant_room(user.tenant_id) || request.room == user_room(user.id) {
        true
    } else if let Some(ticket) = support::realtime::ticket_of_room(&request.room) {
        support::realtime::may_join_ticket_room(&app, &user, ticket).await
    } else {
        false
    };
    if allowed {
        s.join(request.room.clone());
        if support::realtime::is_ticket_room(&request.room) {
            let viewing = Viewing { room: request.room.clone(), user_id: user.id, name: user.name.clone() };
            let _ = s.to(request.room.clone()).emit(Viewing::NAME, &viewing).await;
        }
    }
    let _ = ack.send(&serde_json::json!({ "ok": allowed }));
}

async fn on_leave<A: Adapter>(s: SocketRef<A>, Data(request): Data<JoinRequest>) {
    if let Some(user) = s.extensions.get::<CurrentUser>()
        && support::realtime::is_ticket_room(&request.room)
    {
        let left = Left { room: request.room.clone(), user_id: user.id };
        let _ = s.to(request.room.clone()).emit(Left::NAME, &left).await;
    }
    s.leave(request.room);
}

#[derive(Debug, Deserialize)]
struct TypingRequest {
    ticket_id: uuid::Uuid,
}

/// An agent typing: the others viewing the ticket see it, and so does a
/// web-chat visitor.
async fn on_typing<A: Adapter>(s: SocketRef<A>, Data(request): Data<TypingRequest>, State(app): State<App>) {
    let Some(user) = s.extensions.get::<CurrentUser>() else { return };
    let room = support::realtime::ticket_room(request.ticket_id);
    if !s.rooms().iter().any(|r| *r == room) {
        return;
    }
    let typing = AgentTyping { ticket_id: request.ticket_id, user_id: user.id, name: user.name.clone() };
    let _ = s.to(room).emit(AgentTyping::NAME, &typing).await;
    support::realtime::agent_typing(&app, &user, request.ticket_id).await;
}

#[derive(Debug, Deserialize)]
struct PresenceRequest {
    status: String,
}

async fn on_presence<A: Adapter>(
    s: SocketRef<A>,
    Data(request): Data<PresenceRequest>,
    State(app): State<App>,
) {
    let Some(user) = s.extensions.get::<CurrentUser>() else { return };
    let Ok(mut tx) = kernel::tenant::TenantTx::begin(&app.db, user.tenant_id).await else { return };
    if support::teams::http::presence(&app, &mut tx, user.tenant_id, user.id, &request.status).await.is_ok() {
        let _ = tx.commit().await;
    }
}

/// The web-chat widget's namespace: a visitor token in the handshake, one
/// room per visitor; agents' replies and typing arrive there.
async fn authenticate_visitor<A: Adapter>(
    s: SocketRef<A>,
    TryData(auth): TryData<Handshake>,
    State(app): State<App>,
) -> Result<(), SocketAuthError> {
    let auth = auth.map_err(|_| SocketAuthError::Unauthorized)?;
    let visitor = support::webchat::verify(&app, &auth.token).map_err(|_| SocketAuthError::Unauthorized)?;
    s.join(support::webchat::visitor_room(&visitor.visitor_id.to_string()));
    s.on("typing", on_visitor_typing::<A>);
    s.extensions.insert(VisitorIdentity { tenant_id: visitor.tenant_id, visitor_id: visitor.visitor_id });
    Ok(())
}

#[derive(Clone)]
struct VisitorIdentity {
    tenant_id: uuid::Uuid,
    visitor_id: uuid::Uuid,
}

async fn on_visitor_typing<A: Adapter>(s: SocketRef<A>, State(app): State<App>) {
    if let Some(v) = s.extensions.get::<VisitorIdentity>() {
        let typing = VisitorTyping { contact_address: format!("visitor:{}", v.visitor_id) };
        app.realtime.signal_tenant(v.tenant_id, &typing).await;
    }
}

async fn on_visitor_connect<A: Adapter>(_s: SocketRef<A>) {}

struct SocketFanout<A: Adapter>(SocketIo<A>);

#[async_trait::async_trait]
impl<A: Adapter> Fanout for SocketFanout<A> {
    async fn emit(&self, room: String, event: &str, data: serde_json::Value) {
        // Web-chat visitors live in their own namespace.
        let ops = match room.starts_with("webchat:") {
            true => match self.0.of("/webchat") {
                Some(ns) => ns.to(room),
                None => return,
            },
            false => self.0.to(room),
        };
        if let Err(e) = ops.emit(event, &data).await {
            tracing::warn!(error = %e, event, "socket.io emit failed");
        }
    }

    async fn disconnect(&self, room: String) {
        let _ = self.0.to(room).disconnect().await;
    }
}

/// Adds Socket.IO at `/socket.io` to the router and connects the app's
/// real-time fan-out to it.
pub async fn attach(router: Router<App>, app: &App) -> anyhow::Result<Router<App>> {
    match &app.config.redis_url {
        None => {
            let (layer, io) = SocketIo::builder().with_state(app.clone()).build_layer();
            io.ns("/", on_connect::<LocalAdapter>.with(authenticate::<LocalAdapter>));
            io.ns("/webchat", on_visitor_connect::<LocalAdapter>.with(authenticate_visitor::<LocalAdapter>));
            app.realtime.attach(Arc::new(SocketFanout(io)));
            Ok(router.layer(layer))
        }
        Some(url) => {
            let mut config = fred::prelude::Config::from_url(url.expose())?;
            // fred does not read the protocol from the URL; the adapter needs RESP3.
            config.version = fred::types::RespVersion::RESP3;
            let client = fred::prelude::Builder::from_config(config).build_subscriber_client()?;
            let adapter = RedisAdapterCtr::new_with_fred_config(
                client,
                RedisAdapterConfig::new().with_prefix("conectcrm-socket.io"),
            )
            .await?;
            let (layer, io) = SocketIo::builder()
                .with_state(app.clone())
                .with_adapter::<FredAdapter<_>>(adapter)
                .build_layer();
            io.ns("/", on_connect::<FredAdapter<_>>.with(authenticate::<FredAdapter<_>>)).await?;
            io.ns(
                "/webchat",
                on_visitor_connect::<FredAdapter<_>>.with(authenticate_visitor::<FredAdapter<_>>),
            )
            .await?;
            app.realtime.attach(Arc::new(SocketFanout(io)));
            tracing::info!("Socket.IO fan-out through Redis");
            Ok(router.layer(layer))
        }
    }
}
