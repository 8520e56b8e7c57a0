//! A confirmed payment's receipt (recibo) as a PDF, built like the
//! invoice's document (`invoices/document.rs`): the data is gathered in the
//! request's transaction, rendered outside it.

use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};

use super::model::Payment;
use crate::parties;

fn brl(cents: i64) -> String {
    kernel::money::Money::brl(cents).format_brl()
}

/// What the receipt prints, and the company's logo to fetch.
pub struct ReceiptData {
    doc: documents::ReceiptDoc,
    logo_key: Option<String>,
}

pub async fn gather(tx: &mut TenantTx, p: &Payment) -> Result<ReceiptData> {
    let tenant = tx.tenant_id();
    let company = parties::company(tx, tenant).await?;
    let customer = parties::customer(tx, tenant, p.customer_id).await?;
    let doc = documents::ReceiptDoc {
        number: format!("REC-{}", &p.id.simple().to_string()[..8].to_uppercase()),
        company: company.as_issuer(),
        customer: documents::Party {
            name: p.customer_name.clone(),
            document: customer.as_ref().and_then(|c| c.document.as_deref()).map(kernel::br::document_label),
            email: None,
            phone: None,
            address: None,
        },
        amount: brl(p.amount_cents),
        method: p.method.label().to_string(),
        received_on: p.received_on.format("%d/%m/%Y").to_string(),
        reference: p.reference.clone(),
        invoices: p.allocations.iter().map(|a| a.invoice_label.clone()).collect(),
        refunded: (p.refunded_cents > 0).then(|| brl(p.refunded_cents)),
        issued_on: company.today().format("%d/%m/%Y").to_string(),
    };
    Ok(ReceiptData { doc, logo_key: company.logo_key })
}

/// The receipt's number and PDF bytes.
pub async fn render(app: &App, data: ReceiptData) -> Result<(String, Vec<u8>)> {
    let logo = crate::invoices::document::logo(app, data.logo_key.as_deref()).await;
    let label = data.doc.number.clone();
    let doc = data.doc;
    let bytes = tokio::task::spawn_blocking(move || documents::receipt_pdf(&doc, logo))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(Error::Internal)?;
    Ok((label, bytes))
}
