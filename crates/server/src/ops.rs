//! Operations: housekeeping of the queue and outbox, and the dead-letter
//! view that lets a company's admins see and retry failed jobs.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use kernel::auth::Role;
use kernel::error::Problem;
use kernel::http::ApiJson;
use kernel::jobs::Job;
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Removes finished jobs and dispatched events older than a week.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Janitor {}

impl Job for Janitor {
    const KIND: &'static str = "ops.janitor";
}

pub async fn janitor(app: &App) -> anyhow::Result<()> {
    let jobs = sqlx::query!("delete from jobs where done_at < now() - interval '7 days'")
        .execute(&app.db)
        .await?
        .rows_affected();
    let events = sqlx::query!("delete from outbox_events where dispatched_at < now() - interval '7 days'")
        .execute(&app.db)
        .await?
        .rows_affected();
    tracing::info!(jobs, events, "janitor removed old rows");
    Ok(())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeadJob {
    pub id: i64,
    pub kind: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub dead_at: Option<DateTime<Utc>>,
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
    responses((status = 200, body = DeadJobPage), (status = 403, body = Problem)))]
async fn dead_jobs(mut s: Session, Query(params): Query<PageParams>) -> Result<ApiJson<DeadJobPage>> {
    s.require(Role::ADMINS)?;
    let page = params.parse()?;
    // `jobs` is global: the tenant filter here is the isolation.
    let items = sqlx::query_as!(
        DeadJob,
        "select id, kind, attempts, last_error, created_at, dead_at from jobs
          where tenant_id = $1 and dead_at is not null order by id desc limit $2",
        s.user.tenant_id,
        page.limit
    )
    .fetch_all(&mut *s.tx)
    .await?;
    s.tx.commit().await?;
    Ok(ApiJson(DeadJobPage { items }))
}

/// Puts a dead job back in the queue with a fresh set of attempts.
#[utoipa::path(post, path = "/jobs/{id}/retry", tag = "ops", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 202), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn retry_job(mut s: Session, Path(id): Path<i64>) -> Result<StatusCode> {
    s.require(Role::ADMINS)?;
    let n = sqlx::query!(
        "update jobs set dead_at = null, attempts = 0, run_at = now()
          where id = $1 and tenant_id = $2 and dead_at is not null",
        id,
        s.user.tenant_id
    )
    .execute(&mut *s.tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::ACCEPTED)
}
