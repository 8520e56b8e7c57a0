//! The state every handler and job receives.

use std::ops::Deref;
use std::sync::Arc;

use sqlx::PgPool;

use crate::auth::Tokens;
use crate::config::Config;
use crate::inbox::Sources;
use crate::jobs::Registry;
use crate::mail::Mailer;
use crate::realtime::Realtime;
use crate::storage::Storage;

pub struct AppInner {
    pub config: Config,
    /// Runtime pool: acts as `conectcrm_app`, RLS always applies.
    pub db: PgPool,
    /// Read models' pool (`DATABASE_READ_URL`, a replica): the runtime pool
    /// when none is set.
    pub read_db: PgPool,
    pub tokens: Tokens,
    pub mailer: Mailer,
    pub storage: Storage,
    pub realtime: Realtime,
    pub jobs: Registry,
    /// The webhook inbox's sources (whose job processes a channel's or a
    /// gateway's events), for the log and replay API.
    pub inbox: Sources,
    /// The one client for outbound HTTP (providers, media, later AI and
    /// webhooks), with the operator's allow-list.
    pub egress: egress::Egress,
}

#[derive(Clone)]
pub struct App(Arc<AppInner>);

impl App {
    pub fn new(inner: AppInner) -> Self {
        Self(Arc::new(inner))
    }

    /// Builds everything from the configuration, a job registry and the
    /// inbox's sources.
    pub async fn from_config(config: Config, jobs: Registry, inbox: Sources) -> anyhow::Result<Self> {
        let db = crate::db::connect_runtime(&config, 20).await?;
        let read_db = crate::db::connect_read(&config, &db, 10).await?;
        let tokens = Tokens::new(config.jwt_secret.expose().as_bytes(), config.access_token_ttl)?;
        let mailer = Mailer::from_config(&config)?;
        let storage = Storage::from_config(&config)?;
        let egress = egress::Egress::new(config.egress_allow_hosts.clone())?;
        Ok(Self::new(AppInner {
            config,
            db,
            read_db,
            tokens,
            mailer,
            storage,
            realtime: Realtime::default(),
            jobs,
            inbox,
            egress,
        }))
    }
}

impl Deref for App {
    type Target = AppInner;
    fn deref(&self) -> &AppInner {
        &self.0
    }
}
