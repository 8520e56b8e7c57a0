//! Database roles, migrations and the runtime pool.
//!
//! Two roles, created once per cluster by [`bootstrap`]:
//! - `conectcrm_owner` (NOLOGIN) owns every table; migrations run as it.
//! - `conectcrm_app` (NOLOGIN unless an operator gives it a password) is
//!   what the server's pool acts as: not a superuser, no BYPASSRLS, owns
//!   nothing, so row-level security always applies to it.
//!
//! `APP_DATABASE_URL=postgres://conectcrm_app:<password>@…` gives the
//! runtime role a login: [`prepare`] sets that password on the role (the
//! operator chooses it; nothing else needs to know it), so production runs
//! with a pool that could not leave the role even by `RESET ROLE`.
//!
//! When `APP_DATABASE_URL` is not set, the pool connects with
//! `DATABASE_URL` and switches to the runtime role with `SET ROLE` on every
//! new connection — even a superuser URL then acts as `conectcrm_app`.

use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, Executor, PgConnection, PgPool};

use crate::config::Config;

pub const OWNER_ROLE: &str = "conectcrm_owner";
pub const APP_ROLE: &str = "conectcrm_app";

pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations");

/// Creates the two roles (idempotent, safe to run concurrently) and gives
/// the owner role what it needs in this database. Needs a connection with
/// CREATEROLE (or a superuser): the `DATABASE_URL` user.
pub async fn bootstrap(database_url: &str) -> anyhow::Result<()> {
    let mut conn = PgConnection::connect(database_url).await?;
    // Roles are cluster-wide: serialise concurrent bootstraps (parallel
    // test processes) so two CREATE ROLE never race.
    conn.execute("select pg_advisory_lock(72707369)").await?;
    let result = bootstrap_locked(&mut conn).await;
    conn.execute("select pg_advisory_unlock(72707369)").await?;
    result
}

async fn bootstrap_locked(conn: &mut PgConnection) -> anyhow::Result<()> {
    conn.execute(
        r#"
        do $$
        begin
            if not exists (select 1 from pg_roles where rolname = 'conectcrm_owner') then
                create role conectcrm_owner nologin;
            end if;
            if not exists (select 1 from pg_roles where rolname = 'conectcrm_app') then
                create role conectcrm_app nologin nosuperuser nobypassrls nocreatedb nocreaterole noinherit;
            end if;
            -- A non-superuser admin needs membership to SET ROLE.
            if not (select rolsuper from pg_roles where rolname = current_user) then
                execute format('grant conectcrm_owner to %I', current_user);
                execute format('grant conectcrm_app to %I', current_user);
            end if;
        end
        $$;
        "#,
    )
    .await?;
    conn.execute("grant usage, create on schema public to conectcrm_owner").await?;
    conn.execute("grant usage on schema public to conectcrm_app").await?;
    // Trusted extensions the modules rely on (full-text search without accents).
    conn.execute("create extension if not exists unaccent").await?;
    Ok(())
}

/// Bootstraps roles and applies every pending migration as the owner role.
pub async fn migrate(database_url: &str) -> anyhow::Result<()> {
    bootstrap(database_url).await?;
    let mut conn = PgConnection::connect(database_url).await?;
    conn.execute("set role conectcrm_owner").await?;
    MIGRATOR.run(&mut conn).await?;
    Ok(())
}

/// Migrates, and when `APP_DATABASE_URL` logs in as `conectcrm_app` with a
/// password, lets that role log in with it (idempotent: every start sets
/// the password the configuration holds).
pub async fn prepare(config: &Config) -> anyhow::Result<()> {
    migrate(config.database_url.expose()).await?;
    let Some(app_url) = &config.app_database_url else { return Ok(()) };
    let parsed = url::Url::parse(app_url.expose())?;
    let password =
        parsed.password().map(|p| percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned());
    if parsed.username() != APP_ROLE {
        return Ok(());
    }
    let Some(password) = password else {
        anyhow::bail!("APP_DATABASE_URL logs in as {APP_ROLE} without a password");
    };
    let mut conn = PgConnection::connect(config.database_url.expose()).await?;
    // ALTER ROLE takes no bind parameters: the password travels as a
    // session setting and is quoted by format(%L) inside the server.
    sqlx::query("select set_config('conectcrm.app_password', $1, false)")
        .bind(&password)
        .execute(&mut conn)
        .await?;
    conn.execute(
        "do $$ begin
           execute format('alter role conectcrm_app login password %L',
                          current_setting('conectcrm.app_password'));
         end $$",
    )
    .await?;
    conn.close().await?;
    Ok(())
}

/// The pool every request and job uses; it always acts as `conectcrm_app`.
pub async fn connect_runtime(config: &Config, max_connections: u32) -> anyhow::Result<PgPool> {
    let (url, switch_role) = match &config.app_database_url {
        Some(url) => (url.expose().to_string(), false),
        None => (config.database_url.expose().to_string(), true),
    };
    let options: PgConnectOptions = url.parse::<PgConnectOptions>()?.application_name("conectcrm");
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if switch_role {
                    conn.execute("set role conectcrm_app").await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// The pool read models use: `DATABASE_READ_URL` (a replica) acting as
/// `conectcrm_app` in read-only transactions, or the runtime pool itself.
pub async fn connect_read(config: &Config, runtime: &PgPool, max_connections: u32) -> anyhow::Result<PgPool> {
    let Some(url) = &config.database_read_url else { return Ok(runtime.clone()) };
    let options: PgConnectOptions =
        url.expose().parse::<PgConnectOptions>()?.application_name("conectcrm-read");
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                // The runtime role (RLS applies) and no writes, even by mistake.
                conn.execute("set role conectcrm_app; set default_transaction_read_only = on").await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// `DATABASE_URL` with another database name (tests, `./run.sh`).
pub fn with_database(url: &str, database: &str) -> anyhow::Result<String> {
    let mut parsed = url::Url::parse(url)?;
    parsed.set_path(&format!("/{database}"));
    Ok(parsed.to_string())
}
