use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kernel::App;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery};
use kernel::idempotency::{self, IdempotencyKey};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{
    CustomerCredit, Payment, PaymentFilter, PaymentPage, RefundRequest, RegisterPaymentRequest,
};
use super::{repo, service};
use crate::FINANCE_ROLES;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_payments, register_payment))
        .routes(routes!(get_payment))
        .routes(routes!(refund_payment))
        .routes(routes!(accept_payment))
        .routes(routes!(customer_credit))
        .routes(routes!(payment_receipt))
}

#[utoipa::path(get, path = "/payments", tag = "finance", security(("bearer" = [])), params(PaymentFilter),
    responses((status = 200, body = PaymentPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_payments(mut s: Session, ApiQuery(f): ApiQuery<PaymentFilter>) -> Result<ApiJson<PaymentPage>> {
    s.require(FINANCE_ROLES)?;
    let page = PageParams { limit: f.limit, cursor: f.cursor.clone(), q: f.q.clone() }.parse()?;
    let rows = repo::list(&mut s.tx, s.user.tenant_id, &page, &f).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |p| p.id);
    Ok(ApiJson(PaymentPage { items, next_cursor }))
}

/// Registers money received (PIX, transfer, cash…), settling the given
/// invoices in order — or the customer's open ones, oldest first. What is
/// left becomes customer credit. Send an `Idempotency-Key` so a retry
/// never registers twice.
#[utoipa::path(post, path = "/payments", tag = "finance", security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header)), request_body = RegisterPaymentRequest,
    responses((status = 201, body = Payment), (status = 403, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn register_payment(
    mut s: Session,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<RegisterPaymentRequest>,
) -> Result<Response> {
    s.require(FINANCE_ROLES)?;
    let fingerprint = idempotency::fingerprint("POST", "/payments", &body);
    if let Some(key) = &key
        && let Some(replayed) = idempotency::replay(&mut s.tx, key, &fingerprint).await?
    {
        s.tx.commit().await?;
        return Ok(replayed);
    }
    let payment = service::register(&mut s.tx, s.user.id, &body).await?;
    if let Some(key) = &key {
        idempotency::remember(&mut s.tx, key, &fingerprint, StatusCode::CREATED, &payment).await?;
    }
    s.tx.commit().await?;
    let location = format!("/api/v1/payments/{}", payment.id);
    Ok((StatusCode::CREATED, [(axum::http::header::LOCATION, location)], ApiJson(payment)).into_response())
}

#[utoipa::path(get, path = "/payments/{id}", tag = "finance", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Payment), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_payment(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Payment>> {
    s.require(FINANCE_ROLES)?;
    let p = repo::find(&mut s.tx, s.user.tenant_id, id, false).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(p))
}

/// Gives money back, fully or in part (never more than was received and not yet refunded).
#[utoipa::path(post, path = "/payments/{id}/refund", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = RefundRequest,
    responses((status = 200, body = Payment), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn refund_payment(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<RefundRequest>,
) -> Result<Response> {
    s.require(FINANCE_ROLES)?;
    let fingerprint = idempotency::fingerprint("POST", &format!("/payments/{id}/refund"), &body);
    if let Some(key) = &key
        && let Some(replayed) = idempotency::replay(&mut s.tx, key, &fingerprint).await?
    {
        s.tx.commit().await?;
        return Ok(replayed);
    }
    let payment = service::refund(&mut s.tx, Some(s.user.id), id, &body, None).await?;
    if let Some(key) = &key {
        idempotency::remember(&mut s.tx, key, &fingerprint, StatusCode::OK, &payment).await?;
    }
    s.tx.commit().await?;
    Ok(ApiJson(payment).into_response())
}

/// Accepts a payment held for review (its amount did not match): it is applied to its invoice.
#[utoipa::path(post, path = "/payments/{id}/accept", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Payment), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn accept_payment(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Payment>> {
    s.require(FINANCE_ROLES)?;
    let p = service::accept_review(&mut s.tx, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(p))
}

#[utoipa::path(get, path = "/customers/{id}/credit", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CustomerCredit), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn customer_credit(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<CustomerCredit>> {
    s.require(FINANCE_ROLES)?;
    let tenant = s.user.tenant_id;
    crate::parties::customer(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let balance = repo::credit_balance(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(CustomerCredit { customer_id: id, balance_cents: balance, currency: "BRL".into() }))
}

/// The receipt (recibo) of a payment, as a PDF.
#[utoipa::path(get, path = "/payments/{id}/receipt", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn payment_receipt(
    axum::extract::State(app): axum::extract::State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response> {
    s.require(FINANCE_ROLES)?;
    let tenant = s.user.tenant_id;
    let p = repo::find(&mut s.tx, tenant, id, false).await?.ok_or(Error::NotFound)?;
    if p.status != super::model::PaymentStatus::Confirmed {
        return Err(Error::conflict(None, "Recibo só de pagamento confirmado."));
    }
    let receipt = super::receipt::gather(&mut s.tx, &p).await?;
    s.tx.commit().await?;
    let (label, bytes) = super::receipt::render(&app, receipt).await?;
    Ok(crate::invoices::http::pdf_response(&label, bytes))
}
