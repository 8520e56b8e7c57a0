use axum::extract::State;
use kernel::error::Problem;
use kernel::http::ApiJson;
use kernel::session::Session;
use kernel::{App, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::model::{CompanyPlan, Plan};
use super::repo;

pub fn router() -> OpenApiRouter<App> {
    // No route changes the plan: until plans are billed, an operator does
    // it with `conectcrm plan set` (see `service::change`).
    OpenApiRouter::new().routes(routes!(list_plans)).routes(routes!(company_plan))
}

/// The plan catalogue (public: the pricing page uses it too).
#[utoipa::path(get, path = "/plans", tag = "plans",
    responses((status = 200, body = Vec<Plan>)))]
async fn list_plans(State(app): State<App>) -> Result<ApiJson<Vec<Plan>>> {
    let mut conn = app.db.acquire().await?;
    Ok(ApiJson(repo::list(&mut conn).await?))
}

/// The company's plan and what it uses of each limit.
#[utoipa::path(get, path = "/company/plan", tag = "plans", security(("bearer" = [])),
    responses((status = 200, body = CompanyPlan), (status = 401, body = Problem)))]
async fn company_plan(mut s: Session) -> Result<ApiJson<CompanyPlan>> {
    let tenant = s.user.tenant_id;
    let plan = repo::of_company(&mut s.tx, tenant).await?;
    let usage = repo::usage(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    Ok(ApiJson(CompanyPlan { plan, usage }))
}
