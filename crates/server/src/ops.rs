//! Operations: housekeeping of the queue and outbox, the dead-letter view
//! that lets a company's admins see and retry failed jobs, and operator
//! commands (`conectcrm plan set`).

use axum::http::StatusCode;
use kernel::auth::Role;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery};
use kernel::jobs::{DeadJob, Job};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use serde::{Deserialize, Serialize};
use sqlx::Connection;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// `conectcrm plan set --company <id or CNPJ> --plan <code>`: the only way
/// to change a company's plan until plans are billed. A CNPJ is looked up
/// on the operator's connection (`DATABASE_URL`); the change itself runs
/// in the company's tenant transaction like any other.
pub async fn set_plan(
    app: &App,
    company: &str,
    plan: &str,
) -> anyhow::Result<accounts::plans::model::CompanyPlan> {
    let tenant = company_id(app, company).await?;
    let mut tx = kernel::tenant::TenantTx::begin(&app.db, tenant).await?;
    if accounts::company::repo::summary(&mut tx, tenant).await.is_err() {
        anyhow::bail!("nenhuma empresa com o id {tenant}");
    }
    let changed = accounts::plans::service::change(&mut tx, plan).await.map_err(|e| {
        let problem = e.to_problem();
        let fields = problem.errors.unwrap_or_default().into_iter().map(|f| f.message).collect::<Vec<_>>();
        anyhow::anyhow!("{} {}", problem.detail, fields.join(" "))
    })?;
    tx.commit().await?;
    tracing::info!(tenant_id = %tenant, plan, "plan changed by an operator");
    Ok(changed)
}

/// A company named by its id or its CNPJ (looked up on the operator's
/// connection, `DATABASE_URL`).
async fn company_id(app: &App, company: &str) -> anyhow::Result<uuid::Uuid> {
    if let Ok(id) = uuid::Uuid::parse_str(company.trim()) {
        return Ok(id);
    }
    let cnpj = kernel::br::Cnpj::parse(company)
        .map_err(|e| anyhow::anyhow!("--company: nem id nem CNPJ válido ({e})"))?;
    let mut conn = sqlx::PgConnection::connect(app.config.database_url.expose()).await?;
    accounts::plans::repo::company_by_cnpj(&mut conn, cnpj.as_str())
        .await?
        .ok_or_else(|| anyhow::anyhow!("nenhuma empresa com o CNPJ {}", cnpj.as_str()))
}

/// `conectcrm analytics rebuild [--company <id or CNPJ>]`: the dashboard's
/// rollups recomputed from the records, of one company or of each in turn
/// (listed on the operator's connection). Returns (company, records read).
pub async fn rebuild_analytics(app: &App, company: Option<&str>) -> anyhow::Result<Vec<(uuid::Uuid, u64)>> {
    let companies = match company {
        Some(c) => vec![company_id(app, c).await?],
        None => every_company(app).await?,
    };
    let mut out = Vec::with_capacity(companies.len());
    for tenant in companies {
        let read = analytics::dashboard::rollup::rebuild(app, tenant).await?;
        tracing::info!(tenant_id = %tenant, records = read, "dashboard rollups rebuilt");
        out.push((tenant, read));
    }
    Ok(out)
}

/// Every company, listed on the operator's connection (the runtime role
/// sees one company at a time).
async fn every_company(app: &App) -> anyhow::Result<Vec<uuid::Uuid>> {
    let mut conn = sqlx::PgConnection::connect(app.config.database_url.expose()).await?;
    Ok(accounts::plans::repo::all_companies(&mut conn).await?)
}

/// Removes finished jobs and dispatched events older than a week, and
/// each company's skipped automation runs older than 30 days.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Janitor {}

impl Job for Janitor {
    const KIND: &'static str = "ops.janitor";
}

pub async fn janitor(app: &App) -> anyhow::Result<()> {
    let jobs = kernel::jobs::purge_done(&app.db).await?;
    let events = kernel::outbox::purge_dispatched(&app.db).await?;
    // Tenant tables are behind forced RLS: company by company.
    let mut skipped_runs = 0;
    for tenant in every_company(app).await? {
        skipped_runs += automation::flows::service::purge_skipped(app, tenant).await?;
    }
    tracing::info!(jobs, events, skipped_runs, "janitor removed old rows");
    Ok(())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeadJobPage {
    pub items: Vec<DeadJob>,
}

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(dead_jobs)).routes(routes!(retry_job))
}

/// Jobs of this company that failed every attempt (owner/admin).
#[utoipa::path(get, path = "/jobs/dead", tag = "ops", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = DeadJobPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn dead_jobs(mut s: Session, ApiQuery(params): ApiQuery<PageParams>) -> Result<ApiJson<DeadJobPage>> {
    s.require(Role::ADMINS)?;
    let page = params.parse()?;
    let items = kernel::jobs::dead_of_tenant(&mut s.tx, s.user.tenant_id, page.limit).await?;
    s.tx.commit().await?;
    Ok(ApiJson(DeadJobPage { items }))
}

/// Puts a dead job back in the queue with a fresh set of attempts.
#[utoipa::path(post, path = "/jobs/{id}/retry", tag = "ops", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 202), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn retry_job(mut s: Session, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    s.require(Role::ADMINS)?;
    if !kernel::jobs::retry_dead(&mut s.tx, s.user.tenant_id, id).await? {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::ACCEPTED)
}
