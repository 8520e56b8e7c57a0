use axum::extract::State;
use axum::http::{StatusCode, header};
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
    CancelInvoiceRequest, CreateInvoiceRequest, Invoice, InvoiceFilter, InvoicePage, PixCharge, PublicLink,
    SendInvoiceRequest, SentInvoice,
};
use super::{document, repo, service};
use crate::gateways::charges;
use crate::gateways::model::ChargeRequest;
use crate::ledger::model::Payment;
use crate::ledger::service as ledger;
use crate::settings::repo as settings;
use crate::{FINANCE_ROLES, parties};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_invoices, create_invoice))
        .routes(routes!(get_invoice))
        .routes(routes!(issue_invoice))
        .routes(routes!(cancel_invoice))
        .routes(routes!(invoice_pdf))
        .routes(routes!(invoice_link))
        .routes(routes!(invoice_pix))
        .routes(routes!(send_invoice))
        .routes(routes!(charge_invoice))
        .routes(routes!(apply_credit))
}

#[utoipa::path(get, path = "/invoices", tag = "finance", security(("bearer" = [])), params(InvoiceFilter),
    responses((status = 200, body = InvoicePage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_invoices(mut s: Session, ApiQuery(f): ApiQuery<InvoiceFilter>) -> Result<ApiJson<InvoicePage>> {
    s.require(FINANCE_ROLES)?;
    let tenant = s.user.tenant_id;
    let page = PageParams { limit: f.limit, cursor: f.cursor.clone(), q: f.q.clone() }.parse()?;
    let today = parties::company(&mut s.tx, tenant).await?.today();
    let cfg = settings::get(&mut s.tx, tenant).await?;
    let rows = repo::list(&mut s.tx, tenant, &page, &f, today).await?;
    s.tx.commit().await?;
    let rows = rows.into_iter().map(|i| service::with_balance(i, &cfg, today)).collect();
    let (items, next_cursor) = page.finish(rows, |i| i.id);
    Ok(ApiJson(InvoicePage { items, next_cursor }))
}

/// An invoice typed by hand (open, or a draft to issue later).
#[utoipa::path(post, path = "/invoices", tag = "finance", security(("bearer" = [])), request_body = CreateInvoiceRequest,
    responses((status = 201, body = Invoice), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_invoice(
    mut s: Session,
    ApiJson(body): ApiJson<CreateInvoiceRequest>,
) -> Result<Created<Invoice>> {
    s.require(FINANCE_ROLES)?;
    let inv = service::create(&mut s.tx, s.user.id, &body).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/invoices/{}", inv.id), inv))
}

#[utoipa::path(get, path = "/invoices/{id}", tag = "finance", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Invoice), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_invoice(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Invoice>> {
    s.require(FINANCE_ROLES)?;
    let inv = service::get(&mut s.tx, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(inv))
}

/// Draft → open: payable, reminders scheduled.
#[utoipa::path(post, path = "/invoices/{id}/issue", tag = "finance", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Invoice), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn issue_invoice(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Invoice>> {
    s.require(FINANCE_ROLES)?;
    let inv = service::issue(&mut s.tx, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(inv))
}

#[utoipa::path(post, path = "/invoices/{id}/cancel", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CancelInvoiceRequest,
    responses((status = 200, body = Invoice), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn cancel_invoice(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CancelInvoiceRequest>,
) -> Result<ApiJson<Invoice>> {
    s.require(FINANCE_ROLES)?;
    let inv = service::cancel(&mut s.tx, id, &body.reason).await?;
    s.tx.commit().await?;
    Ok(ApiJson(inv))
}

pub fn pdf_response(label: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{label}.pdf\"")),
        ],
        bytes,
    )
        .into_response()
}

#[utoipa::path(get, path = "/invoices/{id}/pdf", tag = "finance", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn invoice_pdf(State(app): State<App>, mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<Response> {
    s.require(FINANCE_ROLES)?;
    let tenant = s.user.tenant_id;
    let inv = service::get(&mut s.tx, id).await?;
    let data = document::gather(&app, &mut s.tx, &inv).await?;
    s.tx.commit().await?;
    let label = inv.label.clone();
    let bytes = document::render(&app, data).await?;
    let _ = tenant;
    Ok(pdf_response(&label, bytes))
}

/// The customer's payment page (stable; anyone with it can see and pay the invoice).
#[utoipa::path(get, path = "/invoices/{id}/link", tag = "finance", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PublicLink), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn invoice_link(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<PublicLink>> {
    s.require(FINANCE_ROLES)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id, false).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(PublicLink { link: service::public_link(&app, tenant, id) }))
}

/// PIX copia e cola and QR code for what is due today (409 when there is no PIX key or nothing to pay).
#[utoipa::path(get, path = "/invoices/{id}/pix", tag = "finance", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PixCharge), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn invoice_pix(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<PixCharge>> {
    s.require(FINANCE_ROLES)?;
    let tenant = s.user.tenant_id;
    let inv = service::get(&mut s.tx, id).await?;
    let cfg = settings::get(&mut s.tx, tenant).await?;
    let company = parties::company(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    if cfg.pix_key.is_none() && inv.gateway_pix_payload.is_none() {
        return Err(Error::conflict(None, "Cadastre a chave PIX da empresa em Financeiro › Configurações."));
    }
    service::pix_charge(&inv, &cfg, &company).map(ApiJson).ok_or_else(|| {
        Error::conflict(None, format!("A fatura {} está {}: nada a cobrar.", inv.label, inv.status.label()))
    })
}

/// E-mails the invoice (PDF attached, payment link in the text).
#[utoipa::path(post, path = "/invoices/{id}/send", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = SendInvoiceRequest,
    responses((status = 200, body = SentInvoice), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem)))]
async fn send_invoice(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<SendInvoiceRequest>,
) -> Result<Response> {
    s.require(FINANCE_ROLES)?;
    s.require_confirmed_company()?;
    let fingerprint = idempotency::fingerprint("POST", &format!("/invoices/{id}/send"), &body);
    if let Some(key) = &key
        && let Some(replayed) = idempotency::replay(&mut s.tx, key, &fingerprint).await?
    {
        s.tx.commit().await?;
        return Ok(replayed);
    }
    let sent = document::send(&app, &mut s.tx, id, body.to.as_deref()).await?;
    if let Some(key) = &key {
        idempotency::remember(&mut s.tx, key, &fingerprint, StatusCode::OK, &sent).await?;
    }
    s.tx.commit().await?;
    Ok(ApiJson(sent).into_response())
}

/// Creates a charge at a gateway: card (Stripe Checkout) or PIX + boleto (Asaas).
#[utoipa::path(post, path = "/invoices/{id}/charge", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ChargeRequest,
    responses((status = 200, body = Invoice), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 502, body = Problem), (status = 422, body = Problem)))]
async fn charge_invoice(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ChargeRequest>,
) -> Result<ApiJson<Invoice>> {
    s.require(FINANCE_ROLES)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id, false).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(charges::charge(&app, tenant, id, body.method).await?))
}

/// Pays the invoice with the customer's credit (as far as it goes).
#[utoipa::path(post, path = "/invoices/{id}/apply-credit", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Payment), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn apply_credit(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Payment>> {
    s.require(FINANCE_ROLES)?;
    let p = ledger::apply_credit(&mut s.tx, s.user.id, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(p))
}
