use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{
    CancelSubscriptionRequest, ChangeSubscriptionPlanRequest, CreateSubscriptionRequest, Subscription,
    SubscriptionFilter, SubscriptionPage,
};
use super::{repo, service};
use crate::FINANCE_ROLES;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_subscriptions, create_subscription))
        .routes(routes!(get_subscription, change_plan))
        .routes(routes!(pause_subscription))
        .routes(routes!(resume_subscription))
        .routes(routes!(cancel_subscription))
}

#[utoipa::path(get, path = "/subscriptions", tag = "finance", security(("bearer" = [])), params(SubscriptionFilter),
    responses((status = 200, body = SubscriptionPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_subscriptions(
    mut s: Session,
    ApiQuery(f): ApiQuery<SubscriptionFilter>,
) -> Result<ApiJson<SubscriptionPage>> {
    s.require(FINANCE_ROLES)?;
    let page = PageParams { limit: f.limit, cursor: f.cursor.clone(), q: f.q.clone() }.parse()?;
    let rows = repo::list(&mut s.tx, s.user.tenant_id, &page, &f).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |x| x.id);
    Ok(ApiJson(SubscriptionPage { items, next_cursor }))
}

/// A subscription without a contract (contracts create theirs when signed).
#[utoipa::path(post, path = "/subscriptions", tag = "finance", security(("bearer" = [])),
    request_body = CreateSubscriptionRequest,
    responses((status = 201, body = Subscription), (status = 422, body = Problem)))]
async fn create_subscription(
    mut s: Session,
    ApiJson(body): ApiJson<CreateSubscriptionRequest>,
) -> Result<Created<Subscription>> {
    s.require(FINANCE_ROLES)?;
    let sub = service::create(&mut s.tx, &body).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/subscriptions/{}", sub.id), sub))
}

#[utoipa::path(get, path = "/subscriptions/{id}", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = Subscription), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_subscription(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Subscription>> {
    s.require(FINANCE_ROLES)?;
    let sub = repo::find(&mut s.tx, s.user.tenant_id, id, false).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(sub))
}

/// Plan change: new amount from the next period, the rest of this one prorated by day on the next invoice.
#[utoipa::path(patch, path = "/subscriptions/{id}", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ChangeSubscriptionPlanRequest,
    responses((status = 200, body = Subscription), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn change_plan(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ChangeSubscriptionPlanRequest>,
) -> Result<ApiJson<Subscription>> {
    s.require(FINANCE_ROLES)?;
    let sub = service::change_plan(&mut s.tx, id, &body).await?;
    s.tx.commit().await?;
    Ok(ApiJson(sub))
}

#[utoipa::path(post, path = "/subscriptions/{id}/pause", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Subscription), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn pause_subscription(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Subscription>> {
    s.require(FINANCE_ROLES)?;
    let sub = service::pause(&mut s.tx, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(sub))
}

/// Periods that started while paused are not billed.
#[utoipa::path(post, path = "/subscriptions/{id}/resume", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Subscription), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn resume_subscription(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Subscription>> {
    s.require(FINANCE_ROLES)?;
    let sub = service::resume(&mut s.tx, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(sub))
}

#[utoipa::path(post, path = "/subscriptions/{id}/cancel", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CancelSubscriptionRequest,
    responses((status = 200, body = Subscription), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn cancel_subscription(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CancelSubscriptionRequest>,
) -> Result<ApiJson<Subscription>> {
    s.require(FINANCE_ROLES)?;
    let sub = service::cancel(&mut s.tx, id, &body.reason).await?;
    s.tx.commit().await?;
    Ok(ApiJson(sub))
}
