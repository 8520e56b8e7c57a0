//! The customer's side of an invoice: no login, only the unguessable link
//! `<tenant>.<invoice>.<mac>`. A wrong or other-company token is a plain 404.

use axum::extract::State;
use axum::response::Response;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath};
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::http::pdf_response;
use super::model::{CardCheckout, PublicInvoice};
use super::{document, service};
use crate::gateways::charges;
use crate::gateways::model::{ChargeMethod, GatewayProvider};
use crate::gateways::repo as gateways;
use crate::parties;
use crate::settings::repo as settings;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(view)).routes(routes!(pdf)).routes(routes!(pay_by_card))
}

#[utoipa::path(get, path = "/public/invoices/{token}", tag = "public", params(("token" = String, Path)),
    responses((status = 200, body = PublicInvoice), (status = 404, body = Problem)))]
async fn view(State(app): State<App>, ApiPath(token): ApiPath<String>) -> Result<ApiJson<PublicInvoice>> {
    let (tenant, id) = service::parse_public_token(&app, &token)?;
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let inv = service::get(&mut tx, id).await?;
    if inv.status == super::model::InvoiceStatus::Draft {
        return Err(Error::NotFound);
    }
    let company = parties::company(&mut tx, tenant).await?;
    let cfg = settings::get(&mut tx, tenant).await?;
    let card = gateways::find_enabled(&mut tx, tenant, GatewayProvider::Stripe.as_str()).await?.is_some();
    tx.commit().await?;
    let receivable = inv.status.is_receivable();
    Ok(ApiJson(PublicInvoice {
        company_name: company.display_name().to_string(),
        company_document: company.cnpj.as_deref().map(kernel::br::document_label),
        pix: service::pix_charge(&inv, &cfg, &company),
        card_available: card && receivable,
        boleto_line: inv.boleto_line.clone().filter(|_| receivable),
        boleto_url: inv.boleto_url.clone().filter(|_| receivable),
        label: inv.label,
        customer_name: inv.customer_name,
        status: inv.status,
        issue_date: inv.issue_date,
        due_date: inv.due_date,
        description: inv.description,
        items: inv.items,
        subtotal_cents: inv.subtotal_cents,
        discount_cents: inv.discount_cents,
        total_cents: inv.total_cents,
        paid_cents: inv.paid_cents,
        amount_due_cents: inv.amount_due_cents,
        fees_due_cents: inv.fees_due_cents,
        currency: inv.currency,
    }))
}

#[utoipa::path(get, path = "/public/invoices/{token}/pdf", tag = "public", params(("token" = String, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404, body = Problem)))]
async fn pdf(State(app): State<App>, ApiPath(token): ApiPath<String>) -> Result<Response> {
    let (tenant, id) = service::parse_public_token(&app, &token)?;
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let inv = service::get(&mut tx, id).await?;
    if inv.status == super::model::InvoiceStatus::Draft {
        return Err(Error::NotFound);
    }
    let data = document::gather(&app, &mut tx, &inv).await?;
    tx.commit().await?;
    Ok(pdf_response(&inv.label, document::render(&app, data).await?))
}

/// Opens a card checkout (Stripe) for what is due today; the page redirects to it.
#[utoipa::path(post, path = "/public/invoices/{token}/card", tag = "public", params(("token" = String, Path)),
    responses((status = 200, body = CardCheckout), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 502, body = Problem)))]
async fn pay_by_card(
    State(app): State<App>,
    ApiPath(token): ApiPath<String>,
) -> Result<ApiJson<CardCheckout>> {
    let (tenant, id) = service::parse_public_token(&app, &token)?;
    let inv = charges::charge(&app, tenant, id, ChargeMethod::Card).await?;
    let url = inv
        .card_url
        .ok_or_else(|| Error::Unavailable("O Stripe não devolveu o link de pagamento.".into()))?;
    Ok(ApiJson(CardCheckout { url }))
}
