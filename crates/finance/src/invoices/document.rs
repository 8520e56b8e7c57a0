//! Invoice → PDF (through the `documents` adapter) and its e-mail.

use kernel::br::document_label;
use kernel::email::Email;
use kernel::jobs::{Job, Registry};
use kernel::mail::{Attachment, SendEmail};
use kernel::money::Money;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::{Invoice, SentInvoice};
use super::service;
use crate::parties::{self, Company, Customer};
use crate::settings::repo as settings;

fn brl(cents: i64) -> String {
    Money::brl(cents).format_brl()
}

fn quantity(q: f64) -> String {
    let s = format!("{q:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

/// What the PDF needs, read inside the caller's transaction.
pub struct DocumentData {
    doc: documents::InvoiceDoc,
    qr_svg: Option<String>,
    logo_key: Option<String>,
}

fn to_doc(
    app: &App,
    tenant: Uuid,
    inv: &Invoice,
    company: &Company,
    customer: Option<&Customer>,
    pix: Option<&str>,
) -> documents::InvoiceDoc {
    let party_company = company.as_issuer();
    let party_customer = documents::Party {
        name: inv.customer_name.clone(),
        document: customer.and_then(|c| c.document.as_deref()).map(document_label),
        email: customer.and_then(|c| c.emails.first().cloned()),
        phone: None,
        address: customer.and_then(|c| c.address.as_ref()).map(|a| a.0.one_line()),
    };
    let receivable = inv.status.is_receivable();
    documents::InvoiceDoc {
        number: inv.label.clone(),
        status: inv.status.label().to_string(),
        issued_on: inv.issue_date.format("%d/%m/%Y").to_string(),
        due_on: inv.due_date.format("%d/%m/%Y").to_string(),
        period: match (inv.period_start, inv.period_end) {
            (Some(a), Some(b)) => Some(format!("{} a {}", a.format("%d/%m/%Y"), b.format("%d/%m/%Y"))),
            _ => None,
        },
        description: inv.description.clone(),
        company: party_company,
        customer: party_customer,
        lines: inv
            .items
            .iter()
            .map(|i| documents::InvoiceLine {
                description: i.description.clone(),
                quantity: quantity(i.quantity),
                unit_price: brl(i.unit_price_cents),
                total: brl(i.total_cents),
            })
            .collect(),
        subtotal: brl(inv.subtotal_cents),
        discount: brl(inv.discount_cents),
        total: brl(inv.total_cents),
        paid: (inv.paid_cents > 0).then(|| brl(inv.paid_cents)),
        amount_due: (receivable && inv.amount_due_cents != inv.total_cents)
            .then(|| brl(inv.amount_due_cents)),
        fees_note: (receivable && inv.fees_due_cents > 0)
            .then(|| format!("Inclui {} de multa e juros por atraso.", brl(inv.fees_due_cents))),
        pix_payload: pix.map(str::to_string),
        boleto_line: inv.boleto_line.clone().filter(|_| receivable),
        card_link: inv.card_url.clone().filter(|_| receivable),
        link: receivable.then(|| service::public_link(app, tenant, inv.id)),
    }
}

pub async fn gather(app: &App, tx: &mut TenantTx, inv: &Invoice) -> Result<DocumentData> {
    let tenant = tx.tenant_id();
    let company = parties::company(tx, tenant).await?;
    let customer = parties::customer(tx, tenant, inv.customer_id).await?;
    let cfg = settings::get(tx, tenant).await?;
    let pix = service::pix_charge(inv, &cfg, &company);
    Ok(DocumentData {
        doc: to_doc(app, tenant, inv, &company, customer.as_ref(), pix.as_ref().map(|p| p.payload.as_str())),
        qr_svg: pix.map(|p| p.qr_svg),
        logo_key: company.logo_key.clone(),
    })
}

/// The company's logo for a document; a missing file prints without it.
pub async fn logo(app: &App, key: Option<&str>) -> Option<Vec<u8>> {
    app.storage.get(key?).await.ok().map(|b| b.to_vec())
}

pub async fn render(app: &App, data: DocumentData) -> Result<Vec<u8>> {
    let logo = logo(app, data.logo_key.as_deref()).await;
    let DocumentData { doc, qr_svg, .. } = data;
    tokio::task::spawn_blocking(move || documents::invoice_pdf(&doc, logo, qr_svg))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(Error::Internal)
}

/// Renders and e-mails an invoice (a job: never inside a request).
#[derive(Debug, Serialize, Deserialize)]
pub struct SendInvoiceEmail {
    pub invoice_id: Uuid,
    pub to: String,
}

impl Job for SendInvoiceEmail {
    const KIND: &'static str = "finance.send_invoice";
}

/// With the company's "e-mail on issue" on (and its owner's address
/// confirmed), an issued invoice goes to the customer's first e-mail with
/// its PDF, once per event; a customer without e-mail is skipped.
async fn email_on_issue(app: &App, issued: &events::Envelope<events::InvoiceIssued>) -> anyhow::Result<()> {
    let tenant = issued.tenant_id;
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    if !settings::get(&mut tx, tenant).await?.email_on_issue
        || !parties::company(&mut tx, tenant).await?.email_confirmed
    {
        return Ok(());
    }
    match send(app, &mut tx, issued.event.invoice_id, None).await {
        Ok(_) => {}
        // No address on file, or cancelled before this ran: nothing to send.
        Err(Error::Validation(_) | Error::Conflict { .. }) => return Ok(()),
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(())
}

pub fn register(registry: &mut Registry) {
    registry.on(
        "finance.email_on_issue",
        |app: App, issued: events::Envelope<events::InvoiceIssued>| async move {
            email_on_issue(&app, &issued).await
        },
    );
    registry.handle(|app: App, tenant, job: SendInvoiceEmail| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("invoice e-mail without tenant"))?;
        let mut tx = TenantTx::begin(&app.db, tenant).await?;
        let inv = service::get(&mut tx, job.invoice_id).await?;
        let data = gather(&app, &mut tx, &inv).await?;
        let company = parties::company(&mut tx, tenant).await?;
        tx.commit().await?;
        let link = service::public_link(&app, tenant, inv.id);
        let pdf = render(&app, data).await?;
        let mail = SendEmail {
            to: job.to,
            subject: format!("Fatura {} — {}", inv.label, company.display_name()),
            text: format!(
                "Olá, {}!\n\n{} enviou a fatura {} no valor de {}, com vencimento em {}.\n\n\
                 Pague por PIX, boleto ou cartão pelo link:\n{link}\n\nO PDF segue anexo.\n",
                inv.customer_name,
                company.display_name(),
                inv.label,
                brl(inv.amount_due_cents.max(inv.total_cents)),
                inv.due_date.format("%d/%m/%Y"),
            ),
            html: None,
            attachments: vec![Attachment {
                filename: format!("{}.pdf", inv.label),
                content_type: "application/pdf".into(),
                content: pdf,
            }],
        };
        app.mailer.send(&mail).await
    });
}

/// Queues the e-mail with the PDF to the given address or the customer's first e-mail.
pub async fn send(app: &App, tx: &mut TenantTx, id: Uuid, to: Option<&str>) -> Result<SentInvoice> {
    let tenant = tx.tenant_id();
    let inv = service::get(tx, id).await?;
    if matches!(inv.status, super::model::InvoiceStatus::Draft | super::model::InvoiceStatus::Cancelled) {
        return Err(Error::conflict(
            None,
            format!("A fatura {} está {}: não pode ser enviada.", inv.label, inv.status.label()),
        ));
    }
    let customer = parties::customer(tx, tenant, inv.customer_id).await?;
    let to = match to.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Email::parse(t).map_err(|e| Error::field("to", e.to_string()))?.to_string(),
        None => customer
            .and_then(|c| c.emails.first().cloned())
            .ok_or_else(|| Error::field("to", "O cliente não tem e-mail: informe para quem enviar."))?,
    };
    kernel::jobs::enqueue(
        tx,
        Some(tenant),
        &SendInvoiceEmail { invoice_id: id, to: to.clone() },
        Default::default(),
    )
    .await?;
    tx.emit(&events::InvoiceSent { invoice_id: id, to: to.to_string() }).await?;
    Ok(SentInvoice { to, link: service::public_link(app, tenant, id) })
}
