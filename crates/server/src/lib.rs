//! The `conectcrm` server: the only crate that knows every module. It wires
//! routes, Socket.IO, the worker and the web app together.

pub mod automation_actions;
pub mod cep;
pub mod directory;
pub mod events_doc;
pub mod inbox;
pub mod ops;
pub mod ratelimit;
pub mod routes;
pub mod search;
pub mod seed;
pub mod socket;
pub mod telemetry;
pub mod web;

use kernel::App;
use kernel::config::Config;
use kernel::jobs::Registry;
use kernel::mail::{SendEmail, SendSealedEmail};

/// Every job and subscription of every module.
pub fn registry() -> anyhow::Result<Registry> {
    let mut r = Registry::default();
    r.handle(|app: App, _tenant, mail: SendEmail| async move { app.mailer.send(&mail).await });
    r.handle(|app: App, tenant, mail: SendSealedEmail| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("a sealed e-mail without its tenant"))?;
        app.mailer.send(&mail.open(&app.config, tenant)?).await
    });
    r.handle(|app: App, _tenant, _: ops::Janitor| async move { ops::janitor(&app).await });
    r.schedule::<ops::Janitor>("janitor", "0 17 * * * *")?;
    accounts::register_jobs(&mut r);
    crm::register_jobs(&mut r);
    finance::register_jobs(&mut r);
    support::register_jobs(&mut r);
    automation::register_jobs(&mut r);
    analytics::register_jobs(&mut r);
    support::directory::install(std::sync::Arc::new(directory::CrmDirectory));
    automation::ports::install(std::sync::Arc::new(automation_actions::SupportActions));
    Ok(r)
}

/// Builds the application state (pool as the runtime role, mailer,
/// storage, jobs and the inbox's sources) from a configuration.
pub async fn build_app(config: Config) -> anyhow::Result<App> {
    App::from_config(config, registry()?, inbox::sources()).await
}
