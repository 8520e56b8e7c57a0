//! The customer's side of a proposal: no login, only the unguessable link.
//! A wrong, replaced or other-company token is a plain 404.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kernel::client_ip::ClientIp;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath};
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::model::{AcceptRequest, PublicProposal, RejectRequest};
use super::{document, http::pdf_response, service};
use crate::customers::repo as customers;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(view))
        .routes(routes!(pdf))
        .routes(routes!(accept))
        .routes(routes!(reject))
}

/// Shows the proposal (the first view marks it as viewed).
#[utoipa::path(get, path = "/public/proposals/{token}", tag = "public", params(("token" = String, Path)),
    responses((status = 200, body = PublicProposal), (status = 404, body = Problem)))]
async fn view(State(app): State<App>, ApiPath(token): ApiPath<String>) -> Result<ApiJson<PublicProposal>> {
    Ok(ApiJson(service::public_view(&app, &token).await?))
}

#[utoipa::path(get, path = "/public/proposals/{token}/pdf", tag = "public", params(("token" = String, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404, body = Problem)))]
async fn pdf(State(app): State<App>, ApiPath(token): ApiPath<String>) -> Result<Response> {
    let (mut tx, p) = service::open_public(&app, &token).await?;
    let tenant = tx.tenant_id();
    let customer = customers::find(&mut tx, tenant, p.customer_id).await?.ok_or(Error::NotFound)?;
    let company = super::repo::company_profile(&mut tx, tenant).await?;
    tx.commit().await?;
    let bytes = document::render(&app, &p, &company, &customer, None).await?;
    Ok(pdf_response(p.number, bytes))
}

/// Accepts with name and CPF/CNPJ or e-mail; time and IP are recorded.
#[utoipa::path(post, path = "/public/proposals/{token}/accept", tag = "public", params(("token" = String, Path)),
    request_body = AcceptRequest,
    responses((status = 204), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn accept(
    State(app): State<App>,
    ApiPath(token): ApiPath<String>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<AcceptRequest>,
) -> Result<StatusCode> {
    service::accept(&app, &token, &body, &ip.to_string()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/public/proposals/{token}/reject", tag = "public", params(("token" = String, Path)),
    request_body = RejectRequest,
    responses((status = 204), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn reject(
    State(app): State<App>,
    ApiPath(token): ApiPath<String>,
    ApiJson(body): ApiJson<RejectRequest>,
) -> Result<StatusCode> {
    service::reject(&app, &token, &body.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}
