use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery};
use kernel::idempotency::{self, IdempotencyKey};
use kernel::pagination::{MAX_LIMIT, decode_cursor, encode_cursor};
use kernel::session::Session;
use kernel::{App, Error, Result};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{
    Activity, InvoiceInChatRequest, LinkCustomerRequest, Message, MessageFilter, MessagePage,
    ProposalInChatRequest, ReplyRequest, SnoozeRequest, Ticket, TicketFilter, TicketMergeRequest, TicketPage,
    TransferRequest, UpdateTicketRequest, ViewCounts,
};
use super::{repo, sale, service};
use crate::SUPPORT_ROLES;

/// Enums only the list's query parameters use: utoipa collects schemas from
/// bodies, not from `IntoParams`, so they are declared here for the document
/// (and the web's generated types).
#[derive(utoipa::OpenApi)]
#[openapi(components(schemas(
    super::model::TicketView,
    super::model::TicketStatusFilter,
    super::model::SlaFilter
)))]
struct FilterSchemas;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::with_openapi(<FilterSchemas as utoipa::OpenApi>::openapi())
        .routes(routes!(list_tickets))
        .routes(routes!(ticket_counts))
        .routes(routes!(get_ticket, update_ticket))
        .routes(routes!(list_messages, post_message))
        .routes(routes!(send_proposal_in_chat))
        .routes(routes!(send_invoice_in_chat))
        .routes(routes!(retry_message))
        .routes(routes!(ticket_activities))
        .routes(routes!(transfer_ticket))
        .routes(routes!(snooze_ticket))
        .routes(routes!(merge_ticket))
        .routes(routes!(link_customer))
        .routes(routes!(read_ticket))
        .routes(routes!(download_attachment))
        .routes(routes!(render_canned))
}

fn limit(l: Option<i64>) -> Result<i64> {
    let l = l.unwrap_or(50);
    if !(1..=MAX_LIMIT).contains(&l) {
        return Err(Error::field("limit", format!("Use um valor entre 1 e {MAX_LIMIT}.")));
    }
    Ok(l)
}

/// The inbox list: views mine / unassigned / my_teams / all, filters, latest activity first.
#[utoipa::path(get, path = "/tickets", tag = "support", security(("bearer" = [])), params(TicketFilter),
    responses((status = 200, body = TicketPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_tickets(mut s: Session, ApiQuery(f): ApiQuery<TicketFilter>) -> Result<ApiJson<TicketPage>> {
    s.require(SUPPORT_ROLES)?;
    let limit = limit(f.limit)?;
    let mut rows = repo::list(&mut s.tx, s.user.tenant_id, s.user.id, &f, limit).await?;
    s.tx.commit().await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more { rows.last().map(repo::encode_cursor) } else { None };
    Ok(ApiJson(TicketPage { items: rows, next_cursor }))
}

/// Open tickets per view, and how many have unread customer messages.
#[utoipa::path(get, path = "/tickets/counts", tag = "support", security(("bearer" = [])),
    responses((status = 200, body = ViewCounts), (status = 403, body = Problem)))]
async fn ticket_counts(mut s: Session) -> Result<ApiJson<ViewCounts>> {
    s.require(SUPPORT_ROLES)?;
    let c = repo::counts(&mut s.tx, s.user.tenant_id, s.user.id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(ViewCounts {
        mine: c.mine,
        unassigned: c.unassigned,
        my_teams: c.my_teams,
        all: c.all,
        unread: c.unread,
    }))
}

#[utoipa::path(get, path = "/tickets/{id}", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Ticket), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_ticket(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Ticket>> {
    s.require(SUPPORT_ROLES)?;
    let t = repo::find(&mut s.tx, s.user.tenant_id, id, false).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(t))
}

/// Status (resolving asks the customer for a rating), priority, subject, category, tags.
#[utoipa::path(patch, path = "/tickets/{id}", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = UpdateTicketRequest,
    responses((status = 200, body = Ticket), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_ticket(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<UpdateTicketRequest>,
) -> Result<ApiJson<Ticket>> {
    s.require(SUPPORT_ROLES)?;
    let user = s.user.clone();
    let t = service::update(&mut s.tx, &user, id, &body).await?;
    s.tx.commit().await?;
    Ok(ApiJson(t))
}

/// The conversation, newest first, in pages (`cursor` = older).
#[utoipa::path(get, path = "/tickets/{id}/messages", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path), MessageFilter),
    responses((status = 200, body = MessagePage), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn list_messages(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(f): ApiQuery<MessageFilter>,
) -> Result<ApiJson<MessagePage>> {
    s.require(SUPPORT_ROLES)?;
    let tenant = s.user.tenant_id;
    let limit = limit(f.limit)?;
    repo::find(&mut s.tx, tenant, id, false).await?.ok_or(Error::NotFound)?;
    let before = match f.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(decode_cursor(c).ok_or_else(|| Error::field("cursor", "Cursor inválido."))?),
        None => None,
    };
    let mut rows = repo::messages(&mut s.tx, tenant, id, before, limit + 1, true).await?;
    s.tx.commit().await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more { rows.last().map(|m| encode_cursor(m.id)) } else { None };
    Ok(ApiJson(MessagePage { items: rows, next_cursor }))
}

/// A reply to the customer (queued, or scheduled with `send_at`) or an internal note.
/// Send an `Idempotency-Key` so a retried request never sends twice.
#[utoipa::path(post, path = "/tickets/{id}/messages", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = ReplyRequest,
    responses((status = 201, body = Message), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn post_message(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<ReplyRequest>,
) -> Result<Response> {
    s.require(SUPPORT_ROLES)?;
    let fingerprint = idempotency::fingerprint("POST", &format!("/tickets/{id}/messages"), &body);
    if let Some(key) = &key
        && let Some(replayed) = idempotency::replay(&mut s.tx, key, &fingerprint).await?
    {
        s.tx.commit().await?;
        return Ok(replayed);
    }
    let user = s.user.clone();
    let m = service::reply(&mut s.tx, &user, id, &body).await?;
    if let Some(key) = &key {
        idempotency::remember(&mut s.tx, key, &fingerprint, StatusCode::CREATED, &m).await?;
    }
    s.tx.commit().await?;
    Ok((StatusCode::CREATED, ApiJson(m)).into_response())
}

/// "Enviar no chat": sends one of the customer's proposals into the
/// conversation (a new public link, shown as a card); the proposal is linked
/// to the ticket and its acceptance appears in the thread. For people who
/// work in both support and sales.
#[utoipa::path(post, path = "/tickets/{id}/proposals", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ProposalInChatRequest,
    responses((status = 201, body = Message), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn send_proposal_in_chat(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ProposalInChatRequest>,
) -> Result<Response> {
    s.require(SUPPORT_ROLES)?;
    s.require(kernel::auth::Area::Crm.roles())?;
    s.require_confirmed_company()?;
    let user = s.user.clone();
    let m = sale::send_proposal(&app, &mut s.tx, &user, id, &body).await?;
    s.tx.commit().await?;
    Ok((StatusCode::CREATED, ApiJson(m)).into_response())
}

/// "Enviar no chat": sends one of the customer's open invoices into the
/// conversation — what is due today with late fees, its payment page and
/// the PIX copia e cola — as a card; the payment appears in the thread.
/// For people who work in both support and finance.
#[utoipa::path(post, path = "/tickets/{id}/invoices", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = InvoiceInChatRequest,
    responses((status = 201, body = Message), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn send_invoice_in_chat(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<InvoiceInChatRequest>,
) -> Result<Response> {
    s.require(SUPPORT_ROLES)?;
    s.require(kernel::auth::Area::Finance.roles())?;
    s.require_confirmed_company()?;
    let user = s.user.clone();
    let m = sale::send_invoice(&app, &mut s.tx, &user, id, &body).await?;
    s.tx.commit().await?;
    Ok((StatusCode::CREATED, ApiJson(m)).into_response())
}

/// Sends a failed message again.
#[utoipa::path(post, path = "/tickets/{id}/messages/{message_id}/retry", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("message_id" = Uuid, Path)),
    responses((status = 200, body = Message), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn retry_message(
    mut s: Session,
    ApiPath((id, message_id)): ApiPath<(Uuid, Uuid)>,
) -> Result<ApiJson<Message>> {
    s.require(SUPPORT_ROLES)?;
    let user = s.user.clone();
    let m = service::retry(&mut s.tx, &user, id, message_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(m))
}

/// Every change: who, what and when.
#[utoipa::path(get, path = "/tickets/{id}/activities", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = Vec<Activity>), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn ticket_activities(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Vec<Activity>>> {
    s.require(SUPPORT_ROLES)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id, false).await?.ok_or(Error::NotFound)?;
    let a = repo::activities(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(a))
}

/// To another agent, team or queue, with a note.
#[utoipa::path(post, path = "/tickets/{id}/transfer", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = TransferRequest,
    responses((status = 200, body = Ticket), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn transfer_ticket(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<TransferRequest>,
) -> Result<ApiJson<Ticket>> {
    s.require(SUPPORT_ROLES)?;
    let user = s.user.clone();
    let t = service::transfer(&mut s.tx, &user, id, &body).await?;
    s.tx.commit().await?;
    Ok(ApiJson(t))
}

/// Pending until a date; then it reopens by itself (or when the customer writes).
#[utoipa::path(post, path = "/tickets/{id}/snooze", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = SnoozeRequest,
    responses((status = 200, body = Ticket), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn snooze_ticket(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SnoozeRequest>,
) -> Result<ApiJson<Ticket>> {
    s.require(SUPPORT_ROLES)?;
    let user = s.user.clone();
    let t = service::snooze(&mut s.tx, &user, id, &body).await?;
    s.tx.commit().await?;
    Ok(ApiJson(t))
}

/// Moves this ticket's messages into another and closes this one.
#[utoipa::path(post, path = "/tickets/{id}/merge", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = TicketMergeRequest,
    responses((status = 200, body = Ticket), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn merge_ticket(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<TicketMergeRequest>,
) -> Result<ApiJson<Ticket>> {
    s.require(SUPPORT_ROLES)?;
    let user = s.user.clone();
    let t = service::merge(&mut s.tx, &user, id, &body).await?;
    s.tx.commit().await?;
    Ok(ApiJson(t))
}

/// Links the ticket to the existing customer its contact really is (an
/// agent's decision, e.g. after checking a web-chat visitor's identity).
#[utoipa::path(post, path = "/tickets/{id}/customer", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = LinkCustomerRequest,
    responses((status = 200, body = Ticket), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem)))]
async fn link_customer(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<LinkCustomerRequest>,
) -> Result<ApiJson<Ticket>> {
    s.require(SUPPORT_ROLES)?;
    let user = s.user.clone();
    let t = service::link_customer(&mut s.tx, &user, id, &body).await?;
    s.tx.commit().await?;
    Ok(ApiJson(t))
}

/// Marks the customer's messages as read.
#[utoipa::path(post, path = "/tickets/{id}/read", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn read_ticket(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(SUPPORT_ROLES)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id, false).await?.ok_or(Error::NotFound)?;
    repo::mark_read(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/tickets/{id}/attachments/{attachment_id}", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("attachment_id" = Uuid, Path)),
    responses((status = 200, content_type = "application/octet-stream"), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn download_attachment(
    State(app): State<App>,
    mut s: Session,
    ApiPath((id, attachment_id)): ApiPath<(Uuid, Uuid)>,
) -> Result<Response> {
    s.require(SUPPORT_ROLES)?;
    let a = repo::attachment(&mut s.tx, s.user.tenant_id, id, attachment_id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    let bytes = app.storage.get(&a.object_key).await.map_err(Error::Internal)?;
    // Only raster images show inline, typed by their bytes (an SVG or HTML
    // file declared `image/png` is no image). Everything else downloads as
    // opaque bytes, sandboxed should a browser render it anyway.
    let (disposition, content_type) = match kernel::storage::raster_image_type(&bytes) {
        Some(raster) => ("inline", raster),
        None => ("attachment", "application/octet-stream"),
    };
    let filename: String =
        a.filename.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '\\')).collect();
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("{disposition}; filename=\"{filename}\"")),
            (header::CONTENT_SECURITY_POLICY, "sandbox".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RenderedCanned {
    pub text: String,
}

/// A canned response with this ticket's variables filled in.
#[utoipa::path(get, path = "/tickets/{id}/canned/{canned_id}", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("canned_id" = Uuid, Path)),
    responses((status = 200, body = RenderedCanned), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn render_canned(
    mut s: Session,
    ApiPath((id, canned_id)): ApiPath<(Uuid, Uuid)>,
) -> Result<ApiJson<RenderedCanned>> {
    s.require(SUPPORT_ROLES)?;
    let tenant = s.user.tenant_id;
    let t = repo::find(&mut s.tx, tenant, id, false).await?.ok_or(Error::NotFound)?;
    let body = crate::canned::repo::body(&mut s.tx, tenant, canned_id).await?.ok_or(Error::NotFound)?;
    let contact = repo::contact_name(&mut s.tx, tenant, id, &t.contact_address).await?;
    s.tx.commit().await?;
    let values = crate::canned::CannedValues {
        contact: contact.as_deref().unwrap_or(&t.customer_name),
        customer: &t.customer_name,
        agent: &s.user.name,
        ticket_number: t.number,
    };
    Ok(ApiJson(RenderedCanned { text: crate::canned::render(&body, &values) }))
}
