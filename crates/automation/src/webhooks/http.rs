//! `/integrations/webhooks`: owners and admins manage the company's
//! endpoints, see each one's deliveries and replay them.

use axum::extract::State;
use axum::http::StatusCode;
use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{
    CreateWebhookRequest, DeliveryParams, UpdateWebhookRequest, WebhookDelivery, WebhookDeliveryPage,
    WebhookEndpoint, WebhookEndpointWithSecret,
};
use super::repo::{self, NewEndpoint};
use super::service;
use crate::INTEGRATION_ROLES;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_webhooks, create_webhook))
        .routes(routes!(get_webhook, update_webhook, delete_webhook))
        .routes(routes!(enable_webhook))
        .routes(routes!(rotate_secret))
        .routes(routes!(test_webhook))
        .routes(routes!(list_deliveries))
        .routes(routes!(replay_delivery))
}

#[utoipa::path(get, path = "/integrations/webhooks", tag = "integrations", security(("bearer" = [])),
    responses((status = 200, body = Vec<WebhookEndpoint>), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_webhooks(mut s: Session) -> Result<ApiJson<Vec<WebhookEndpoint>>> {
    s.require(INTEGRATION_ROLES)?;
    let rows = repo::list(&mut s.tx, s.user.tenant_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(rows.into_iter().map(service::to_endpoint).collect()))
}

/// A new endpoint, switched on, with its signing secret — shown whole in
/// this answer only.
#[utoipa::path(post, path = "/integrations/webhooks", tag = "integrations", security(("bearer" = [])),
    request_body = CreateWebhookRequest,
    responses((status = 201, body = WebhookEndpointWithSecret), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_webhook(
    State(app): State<App>,
    mut s: Session,
    ApiJson(b): ApiJson<CreateWebhookRequest>,
) -> Result<Created<WebhookEndpointWithSecret>> {
    s.require(INTEGRATION_ROLES)?;
    let mut v = Violations::new();
    let url = service::check_url(&app, &mut v, &b.url);
    let description = service::check_description(&mut v, &b.description);
    let kinds = service::check_kinds(&mut v, &b.event_kinds);
    v.finish()?;
    let tenant = s.user.tenant_id;
    let sealed = crate::signing::new_secret(&app, tenant)?;
    let row = repo::insert(
        &mut s.tx,
        tenant,
        &NewEndpoint {
            id: kernel::ids::new_id(),
            url: &url,
            description: &description,
            event_kinds: &kinds,
            secret: &sealed,
            created_by: s.user.id,
        },
    )
    .await?;
    s.tx.commit().await?;
    let secret = service::open_secret(&app, tenant, &row.secret)?;
    let endpoint = service::to_endpoint(row);
    Ok(Created(
        format!("/api/v1/integrations/webhooks/{}", endpoint.id),
        WebhookEndpointWithSecret { endpoint, secret },
    ))
}

#[utoipa::path(get, path = "/integrations/webhooks/{id}", tag = "integrations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = WebhookEndpoint), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_webhook(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<WebhookEndpoint>> {
    s.require(INTEGRATION_ROLES)?;
    let row = repo::find(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(service::to_endpoint(row)))
}

/// Changes the URL, description or events; `enabled: false` switches it
/// off by hand (`true` as `/enable`).
#[utoipa::path(patch, path = "/integrations/webhooks/{id}", tag = "integrations", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateWebhookRequest,
    responses((status = 200, body = WebhookEndpoint), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_webhook(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(b): ApiJson<UpdateWebhookRequest>,
) -> Result<ApiJson<WebhookEndpoint>> {
    s.require(INTEGRATION_ROLES)?;
    let mut v = Violations::new();
    let url = b.url.as_deref().map(|u| service::check_url(&app, &mut v, u));
    let description = b.description.as_deref().map(|d| service::check_description(&mut v, d));
    let kinds = b.event_kinds.as_deref().map(|k| service::check_kinds(&mut v, k));
    v.finish()?;
    let tenant = s.user.tenant_id;
    let mut row =
        repo::update(&mut s.tx, tenant, id, url.as_deref(), description.as_deref(), kinds.as_deref())
            .await?
            .ok_or(Error::NotFound)?;
    if let Some(enabled) = b.enabled.filter(|e| *e != row.enabled) {
        let reason = (!enabled).then_some("Desativado por um administrador.");
        row = repo::set_enabled(&mut s.tx, tenant, id, enabled, reason).await?.ok_or(Error::NotFound)?;
    }
    s.tx.commit().await?;
    Ok(ApiJson(service::to_endpoint(row)))
}

/// Deletes the endpoint and its delivery log.
#[utoipa::path(delete, path = "/integrations/webhooks/{id}", tag = "integrations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_webhook(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(INTEGRATION_ROLES)?;
    if repo::delete(&mut s.tx, s.user.tenant_id, id).await? == 0 {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Switches the endpoint back on (after persistent failure or by hand)
/// and resets its failure count. Failed deliveries stay failed: replay
/// the ones that matter.
#[utoipa::path(post, path = "/integrations/webhooks/{id}/enable", tag = "integrations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = WebhookEndpoint), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn enable_webhook(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<WebhookEndpoint>> {
    s.require(INTEGRATION_ROLES)?;
    let row = repo::set_enabled(&mut s.tx, s.user.tenant_id, id, true, None).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(service::to_endpoint(row)))
}

/// A new signing secret, shown whole in this answer only; the old one
/// stops signing at once (deliveries already under way use the new one).
#[utoipa::path(post, path = "/integrations/webhooks/{id}/rotate-secret", tag = "integrations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = WebhookEndpointWithSecret), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn rotate_secret(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<WebhookEndpointWithSecret>> {
    s.require(INTEGRATION_ROLES)?;
    let tenant = s.user.tenant_id;
    let sealed = crate::signing::new_secret(&app, tenant)?;
    let row = repo::set_secret(&mut s.tx, tenant, id, &sealed).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    let secret = service::open_secret(&app, tenant, &row.secret)?;
    Ok(ApiJson(WebhookEndpointWithSecret { endpoint: service::to_endpoint(row), secret }))
}

/// Sends a signed `ping` now (also to a switched-off endpoint) and
/// answers with its delivery: succeeded with the status code, or failed
/// with the reason. Not retried; never counts towards switching off.
#[utoipa::path(post, path = "/integrations/webhooks/{id}/test", tag = "integrations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = WebhookDelivery), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn test_webhook(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<WebhookDelivery>> {
    s.require(INTEGRATION_ROLES)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    // The call must not hold the request's transaction open.
    drop(s);
    Ok(ApiJson(service::ping(&app, tenant, id).await?))
}

/// An endpoint's deliveries, newest first.
#[utoipa::path(get, path = "/integrations/webhooks/{id}/deliveries", tag = "integrations", security(("bearer" = [])),
    params(("id" = Uuid, Path), DeliveryParams),
    responses((status = 200, body = WebhookDeliveryPage), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn list_deliveries(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(p): ApiQuery<DeliveryParams>,
) -> Result<ApiJson<WebhookDeliveryPage>> {
    s.require(INTEGRATION_ROLES)?;
    let page = PageParams { limit: p.limit, cursor: p.cursor, q: None }.parse()?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let status = p.status.map(|st| st.as_str());
    let rows = repo::deliveries(&mut s.tx, tenant, id, status, page.after, page.fetch_limit()).await?;
    s.tx.commit().await?;
    let (rows, next_cursor) = page.finish(rows, |r| r.id);
    Ok(ApiJson(WebhookDeliveryPage {
        items: rows.into_iter().map(service::to_delivery).collect(),
        next_cursor,
    }))
}

/// Sends a finished delivery again (same body, same `X-ConectCRM-Delivery`,
/// a fresh signature) with a new round of retries. 409 while it is still
/// pending or while the endpoint is switched off.
#[utoipa::path(post, path = "/integrations/webhooks/{id}/deliveries/{delivery_id}/replay", tag = "integrations",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("delivery_id" = Uuid, Path)),
    responses((status = 202, body = WebhookDelivery), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn replay_delivery(
    mut s: Session,
    ApiPath((id, delivery_id)): ApiPath<(Uuid, Uuid)>,
) -> Result<(StatusCode, ApiJson<WebhookDelivery>)> {
    s.require(INTEGRATION_ROLES)?;
    let d = service::replay(&mut s.tx, id, delivery_id).await?;
    s.tx.commit().await?;
    Ok((StatusCode::ACCEPTED, ApiJson(d)))
}
