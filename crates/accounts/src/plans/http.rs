use axum::extract::State;
use kernel::auth::Role;
use kernel::error::Problem;
use kernel::http::ApiJson;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::model::{ChangePlanRequest, CompanyPlan, Plan};
use super::repo;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(list_plans)).routes(routes!(company_plan, change_plan))
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

/// Moves the company to another plan (owner only). A plan too small for
/// what the company already uses is refused, naming the limit.
#[utoipa::path(put, path = "/company/plan", tag = "plans", security(("bearer" = [])),
    request_body = ChangePlanRequest,
    responses((status = 200, body = CompanyPlan), (status = 403, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn change_plan(
    mut s: Session,
    ApiJson(body): ApiJson<ChangePlanRequest>,
) -> Result<ApiJson<CompanyPlan>> {
    s.require(&[Role::Owner])?;
    let tenant = s.user.tenant_id;
    let plan = repo::find(&mut s.tx, &body.plan_code)
        .await?
        .ok_or_else(|| Error::field("plan_code", "Plano inexistente."))?;
    let usage = repo::usage(&mut s.tx, tenant).await?;
    let too_small = |limit: &str, used: i64, max: i32, what: &str| {
        (used > i64::from(max)).then(|| Error::PlanTooSmall {
            limit: limit.into(),
            max: i64::from(max),
            plan: plan.code.clone(),
            message: format!(
                "O plano {} permite {max} {what}, e sua empresa usa {used}. Reduza o uso antes de mudar.",
                plan.name
            ),
        })
    };
    if let Some(e) = too_small("users", usage.users, plan.limits.users, "usuários ativos")
        .or_else(|| too_small("storage_mb", usage.storage_mb, plan.limits.storage_mb, "MB de arquivos"))
        .or_else(|| too_small("channels", usage.channels, plan.limits.channels, "canais"))
    {
        return Err(e);
    }
    repo::set_company_plan(&mut s.tx, tenant, &plan.code).await?;
    s.tx.emit("company.updated", &serde_json::json!({ "plan_code": plan.code })).await?;
    s.tx.commit().await?;
    Ok(ApiJson(CompanyPlan { plan, usage }))
}
