//! `conectcrm`: serve | worker | migrate | seed-demo | openapi | events | plan set.

use std::net::SocketAddr;

use clap::{Parser, Subcommand};
use kernel::config::Config;
use tokio_util::sync::CancellationToken;

#[derive(Parser)]
#[command(name = "conectcrm", version, about = "ConectCRM — atendimento, CRM, financeiro e automação")]
struct Cli {
    /// Refuse development defaults (JWT_SECRET required, JSON logs).
    #[arg(long, global = true)]
    production: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// HTTP API, Socket.IO and the web app; runs the worker too unless --no-worker.
    Serve {
        #[arg(long)]
        no_worker: bool,
        /// Do not apply pending migrations at start-up.
        #[arg(long)]
        skip_migrations: bool,
    },
    /// Background jobs, cron schedules and the event dispatcher only.
    Worker {
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
    },
    /// Creates the database roles and applies pending migrations.
    Migrate,
    /// Creates a demo company with one user of every role.
    SeedDemo {
        #[arg(long, default_value = server::seed::DEMO_COMPANY)]
        company: String,
        #[arg(long, default_value = server::seed::DEMO_EMAIL)]
        email: String,
        #[arg(long, default_value = server::seed::DEMO_PASSWORD)]
        password: String,
    },
    /// Prints the OpenAPI document.
    Openapi,
    /// Prints docs/EVENTS.md: every domain event, its fields, who emits and who consumes it.
    Events,
    /// The offline AI models, measured on your own labelled data.
    Ai {
        #[command(subcommand)]
        command: AiCommand,
    },
    /// The dashboard's rollups.
    Analytics {
        #[command(subcommand)]
        command: AnalyticsCommand,
    },
    /// Company plans (operators only, until plans are billed).
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
}

#[derive(Subcommand)]
enum AiCommand {
    /// Trains the triage model on one JSON-lines file and prints accuracy,
    /// macro-F1 and the confusion matrix on another. Lines:
    /// {"text": ..., "category": ..., "priority": ..., "sentiment": ...}
    /// (priority and sentiment optional).
    Eval {
        #[arg(long)]
        train: std::path::PathBuf,
        #[arg(long)]
        test: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum AnalyticsCommand {
    /// Recomputes the dashboard's rollups from the records (after a bug
    /// fix, a restore, or to check them): of one company, else of all.
    Rebuild {
        /// The company's id (tenant id) or CNPJ; every company when absent.
        #[arg(long)]
        company: Option<String>,
    },
}

#[derive(Subcommand)]
enum PlanCommand {
    /// Moves a company to another plan (refused if it uses more than the plan allows).
    Set {
        /// The company's id (tenant id) or CNPJ.
        #[arg(long)]
        company: String,
        /// Plan code: starter, pro, enterprise.
        #[arg(long)]
        plan: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        println!("{}", server::routes::openapi_document().to_pretty_json()?);
        return Ok(());
    }
    if let Command::Events = cli.command {
        print!("{}", server::events_doc::markdown(&server::registry()?));
        return Ok(());
    }
    if let Command::Ai { command: AiCommand::Eval { train, test } } = &cli.command {
        let read = |path: &std::path::Path| -> anyhow::Result<Vec<ai::eval::Example>> {
            let text =
                std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            ai::eval::parse_jsonl(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
        };
        print!("{}", ai::eval::evaluate(&read(train)?, &read(test)?));
        return Ok(());
    }
    let config = match Config::from_env(cli.production) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("conectcrm: {e}");
            std::process::exit(2);
        }
    };
    server::telemetry::init_logs(config.json_logs);
    match cli.command {
        Command::Migrate => {
            kernel::db::prepare(&config).await?;
            tracing::info!("migrations applied");
        }
        Command::SeedDemo { company, email, password } => {
            kernel::db::prepare(&config).await?;
            let app = server::build_app(config).await?;
            let outcome = server::seed::seed_demo(&app, &company, &email, &password).await?;
            if outcome.created {
                println!("Empresa de demonstração criada: {company}");
            } else {
                println!("A empresa com {email} já existe; nada foi alterado.");
            }
            println!("Senha de todos os usuários: {password}");
            for (role, email) in outcome.users {
                println!("  {:<14} {email}", role.label());
            }
        }
        Command::Plan { command: PlanCommand::Set { company, plan } } => {
            let app = server::build_app(config).await?;
            let changed = server::ops::set_plan(&app, &company, &plan).await?;
            println!(
                "Plano agora: {} ({} usuários ativos de {}).",
                changed.plan.name, changed.usage.users, changed.plan.limits.users
            );
        }
        Command::Analytics { command: AnalyticsCommand::Rebuild { company } } => {
            let app = server::build_app(config).await?;
            for (tenant, read) in server::ops::rebuild_analytics(&app, company.as_deref()).await? {
                println!("{tenant}: {read} registros recontados.");
            }
        }
        Command::Worker { concurrency } => {
            let redis = config.redis_url.is_some();
            let app = server::build_app(config).await?;
            // The dispatcher emits live events; from a worker-only process they
            // reach the serving nodes' sockets only through the Redis adapter.
            let _socket = server::socket::attach(axum::Router::new(), &app).await?;
            if !redis {
                tracing::warn!(
                    "worker without REDIS_URL: live (Socket.IO) events of jobs run here reach no browser"
                );
            }
            let shutdown = shutdown_signal();
            let background = spawn_background(&app, concurrency, &shutdown);
            shutdown.cancelled().await;
            for task in background {
                let _ = task.await;
            }
        }
        Command::Serve { no_worker, skip_migrations } => {
            if !skip_migrations {
                kernel::db::prepare(&config).await?;
            }
            let bind = config.bind;
            let public = config.frontend_url.clone();
            let app = server::build_app(config).await?;
            let shutdown = shutdown_signal();
            let background = if no_worker { Vec::new() } else { spawn_background(&app, 4, &shutdown) };
            let listener = tokio::net::TcpListener::bind(bind).await?;
            tracing::info!(%bind, "ConectCRM ouvindo");
            println!("ConectCRM pronto em http://{bind} (links de e-mail usam {public})");
            let router = server::routes::router(app).await?;
            let stop = shutdown.clone();
            axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
                .with_graceful_shutdown(async move { stop.cancelled().await })
                .await?;
            for task in background {
                let _ = task.await;
            }
        }
        Command::Openapi | Command::Events | Command::Ai { .. } => {}
    }
    Ok(())
}

fn spawn_background(
    app: &kernel::App,
    concurrency: usize,
    shutdown: &CancellationToken,
) -> Vec<tokio::task::JoinHandle<()>> {
    vec![
        tokio::spawn(kernel::jobs::run_workers(app.clone(), concurrency, shutdown.clone())),
        tokio::spawn(kernel::jobs::run_scheduler(app.clone(), shutdown.clone())),
        tokio::spawn(kernel::outbox::run_dispatcher(app.clone(), shutdown.clone())),
    ]
}

/// Cancelled on SIGTERM or Ctrl-C: the server stops accepting, drains
/// in-flight requests, and workers finish the job at hand.
fn shutdown_signal() -> CancellationToken {
    let token = CancellationToken::new();
    let t = token.clone();
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        let term = async {
            if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                s.recv().await;
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! { _ = ctrl_c => {}, _ = term => {} }
        tracing::info!("shutting down");
        t.cancel();
    });
    token
}
