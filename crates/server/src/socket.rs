//! Socket.IO: authenticated by the access token in the handshake
//! (`auth: {token}`); a socket joins only its own tenant's and user's rooms,
//! and any other room only after a check that it belongs to the tenant.
//! With `REDIS_URL`, the Redis adapter carries emits across nodes.

use std::sync::Arc;

use axum::Router;
use kernel::App;
use kernel::realtime::{Fanout, tenant_room, user_room};
use kernel::session::{CurrentUser, Session};
use serde::Deserialize;
use socketioxide::SocketIo;
use socketioxide::adapter::{Adapter, LocalAdapter};
use socketioxide::extract::{AckSender, Data, SocketRef, State, TryData};
use socketioxide::handler::ConnectHandler;
use socketioxide_redis::{FredAdapter, RedisAdapterConfig, RedisAdapterCtr};

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
    let session =
        Session::open(&app, claims.tid, claims.sub).await.map_err(|_| SocketAuthError::Unauthorized)?;
    let _ = session.tx.commit().await;
    // Rooms and handlers are set up here, before the CONNECT answer is sent:
    // socketioxide runs the connect handler only after that answer, so a
    // client emitting right after `connect` would otherwise race it.
    s.join(tenant_room(session.user.tenant_id));
    s.join(user_room(session.user.id));
    s.on("join", on_join::<A>);
    s.extensions.insert(session.user);
    Ok(())
}

#[derive(Debug, Deserialize)]
struct JoinRequest {
    room: String,
}

async fn on_connect<A: Adapter>(s: SocketRef<A>) {
    if let Some(user) = s.extensions.get::<CurrentUser>() {
        tracing::debug!(user_id = %user.id, socket = %s.id, "socket connected");
    }
}

/// Rooms other than the automatic two are resources (a ticket, later);
/// each module will register how to check that one belongs to the tenant.
/// Until then every such request is refused.
async fn on_join<A: Adapter>(s: SocketRef<A>, Data(request): Data<JoinRequest>, ack: AckSender<A>) {
    let allowed = s
        .extensions
        .get::<CurrentUser>()
        .is_some_and(|u| request.room == tenant_room(u.tenant_id) || request.room == user_room(u.id));
    if allowed {
        s.join(request.room);
    }
    let _ = ack.send(&serde_json::json!({ "ok": allowed }));
}

struct SocketFanout<A: Adapter>(SocketIo<A>);

#[async_trait::async_trait]
impl<A: Adapter> Fanout for SocketFanout<A> {
    async fn emit(&self, room: String, event: &str, data: serde_json::Value) {
        if let Err(e) = self.0.to(room).emit(event, &data).await {
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
            app.realtime.attach(Arc::new(SocketFanout(io)));
            tracing::info!("Socket.IO fan-out through Redis");
            Ok(router.layer(layer))
        }
    }
}
