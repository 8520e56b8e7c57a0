use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::idempotency::{self, IdempotencyKey};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{
    CreateProposalRequest, Proposal, ProposalFilter, ProposalLink, ProposalPage, ProposalVersion,
    SendProposalRequest, SentProposal, UpdateProposalRequest,
};
use super::{document, repo, service};
use crate::CRM_ROLES;
use crate::customers::repo as customers;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_proposals, create_proposal))
        .routes(routes!(get_proposal, update_proposal, delete_proposal))
        .routes(routes!(proposal_versions))
        .routes(routes!(proposal_pdf))
        .routes(routes!(send_proposal))
        .routes(routes!(proposal_link))
}

#[utoipa::path(get, path = "/proposals", tag = "crm", security(("bearer" = [])), params(ProposalFilter),
    responses((status = 200, body = ProposalPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_proposals(
    mut s: Session,
    ApiQuery(f): ApiQuery<ProposalFilter>,
) -> Result<ApiJson<ProposalPage>> {
    s.require(CRM_ROLES)?;
    let page = PageParams { limit: f.limit, cursor: f.cursor.clone(), q: f.q.clone() }.parse()?;
    let rows = repo::list(&mut s.tx, s.user.tenant_id, &page, &f).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |p| p.id);
    Ok(ApiJson(ProposalPage { items, next_cursor }))
}

/// A draft proposal; totals are computed here (see `pricing.rs`).
#[utoipa::path(post, path = "/proposals", tag = "crm", security(("bearer" = [])), request_body = CreateProposalRequest,
    responses((status = 201, body = Proposal), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_proposal(
    mut s: Session,
    ApiJson(body): ApiJson<CreateProposalRequest>,
) -> Result<Created<Proposal>> {
    s.require(CRM_ROLES)?;
    let p = service::create(&mut s.tx, &s.user, &body).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/proposals/{}", p.id), p))
}

#[utoipa::path(get, path = "/proposals/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Proposal), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_proposal(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Proposal>> {
    s.require(CRM_ROLES)?;
    let p = repo::find(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(p))
}

/// Edits a draft in place; editing a sent proposal keeps the sent version
/// (see `/versions`) and makes a new draft revision.
#[utoipa::path(patch, path = "/proposals/{id}", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "version being edited")),
    request_body = UpdateProposalRequest,
    responses((status = 200, body = Proposal), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn update_proposal(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<UpdateProposalRequest>,
) -> Result<ApiJson<Proposal>> {
    s.require(CRM_ROLES)?;
    let p = service::update(&mut s.tx, id, &body, kernel::http::if_match(&headers)?).await?;
    s.tx.commit().await?;
    Ok(ApiJson(p))
}

/// Deletes a draft; a proposal that was sent stays as history.
#[utoipa::path(delete, path = "/proposals/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn delete_proposal(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(CRM_ROLES)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if !repo::delete_draft(&mut s.tx, tenant, id).await? {
        return Err(Error::conflict(None, "Só rascunhos podem ser excluídos."));
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/proposals/{id}/versions", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<ProposalVersion>), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn proposal_versions(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<Vec<ProposalVersion>>> {
    s.require(CRM_ROLES)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let versions = repo::versions(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(versions))
}

pub fn pdf_response(number: i64, bytes: Vec<u8>) -> Response {
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(v) =
        HeaderValue::from_str(&format!("inline; filename=\"{}.pdf\"", document::number_label(number)))
    {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// The proposal as PDF (current revision).
#[utoipa::path(get, path = "/proposals/{id}/pdf", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn proposal_pdf(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response> {
    s.require(CRM_ROLES)?;
    let tenant = s.user.tenant_id;
    let p = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let customer = customers::find(&mut s.tx, tenant, p.customer_id).await?.ok_or(Error::NotFound)?;
    let company = repo::company_profile(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    let pdf = document::render(&app, &p, &company, &customer, None).await?;
    Ok(pdf_response(p.number, pdf))
}

/// The live public link again, to copy or share on WhatsApp; the link stays the same.
#[utoipa::path(get, path = "/proposals/{id}/link", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ProposalLink), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem)))]
async fn proposal_link(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<ProposalLink>> {
    s.require(CRM_ROLES)?;
    let link = service::link(&app, &mut s.tx, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(link))
}

/// Sends by e-mail with the PDF attached and a new public link (the
/// previous link stops working). Honours `Idempotency-Key`: a retry with the
/// same key gets the first answer and sends nothing.
#[utoipa::path(post, path = "/proposals/{id}/send", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header, description = "retry-safe key")),
    request_body = SendProposalRequest,
    responses((status = 200, body = SentProposal), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn send_proposal(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<SendProposalRequest>,
) -> Result<Response> {
    s.require(CRM_ROLES)?;
    s.require_confirmed_company()?;
    let fingerprint = idempotency::fingerprint("POST", &format!("/proposals/{id}/send"), &body);
    if let Some(key) = &key
        && let Some(replayed) = idempotency::replay(&mut s.tx, key, &fingerprint).await?
    {
        s.tx.commit().await?;
        return Ok(replayed);
    }
    let user = s.user.clone();
    let sent = service::send(&app, &mut s.tx, &user, id, body.to.as_deref()).await?;
    if let Some(key) = &key {
        idempotency::remember(&mut s.tx, key, &fingerprint, StatusCode::OK, &sent).await?;
    }
    s.tx.commit().await?;
    Ok(ApiJson(sent).into_response())
}
