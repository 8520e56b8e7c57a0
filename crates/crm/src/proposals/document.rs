//! Proposal → PDF (through the `documents` adapter) and its e-mail.

use kernel::App;
use kernel::br::{Cnpj, document_label};
use kernel::money::Money;
use kernel::phone::Phone;

use super::model::Proposal;
use super::pricing::format_quantity;
use super::repo::CompanyProfile;
use crate::customers::model::Customer;
use crate::products::model::Billing;

fn brl(cents: i64) -> String {
    Money::brl(cents).format_brl()
}

pub fn billing_label(b: Billing) -> &'static str {
    match b {
        Billing::OneTime => "único",
        Billing::Monthly => "mensal",
        Billing::Quarterly => "trimestral",
        Billing::Yearly => "anual",
    }
}

pub fn number_label(n: i64) -> String {
    format!("PROP-{n:04}")
}

pub fn to_doc(
    p: &Proposal,
    company: &CompanyProfile,
    customer: &Customer,
    link: Option<String>,
) -> documents::ProposalDoc {
    let tz = kernel::business_hours::timezone(&company.timezone);
    let issued = p.sent_at.unwrap_or(p.created_at).with_timezone(&tz);
    documents::ProposalDoc {
        number: number_label(p.number),
        title: p.title.clone(),
        version: p.revision,
        issued_on: issued.format("%d/%m/%Y").to_string(),
        valid_until: p.valid_until.format("%d/%m/%Y").to_string(),
        company: documents::Party {
            name: company.trade_name.clone().unwrap_or_else(|| company.name.clone()),
            document: company
                .cnpj
                .as_deref()
                .map(|c| Cnpj::parse(c).map(|c| c.formatted()).unwrap_or(c.to_string())),
            email: company.email.clone(),
            phone: company
                .phone
                .as_deref()
                .map(|p| Phone::parse(p).map(|p| p.display()).unwrap_or(p.to_string())),
            address: company.address.as_ref().map(|a| a.0.one_line()),
        },
        customer: documents::Party {
            name: customer.name.clone(),
            document: customer.document.as_deref().map(document_label),
            email: customer.emails.first().cloned(),
            phone: customer.phones.first().map(|p| Phone::parse(p).map(|p| p.display()).unwrap_or(p.clone())),
            address: customer.address.as_ref().map(|a| a.one_line()),
        },
        lines: p
            .items
            .iter()
            .map(|i| documents::Line {
                description: i.description.clone(),
                quantity: format_quantity(i.quantity_milli),
                unit: i.unit.clone(),
                unit_price: brl(i.unit_price_cents),
                discount: if i.discount_bp == 0 {
                    String::new()
                } else {
                    format!("{}%", format_quantity(i.discount_bp as i64 * 10))
                },
                total: brl(i.total_cents),
                billing: billing_label(i.billing).into(),
            })
            .collect(),
        subtotal: brl(p.subtotal_cents),
        discount: brl(p.discount_cents),
        total: brl(p.total_cents),
        one_time: (p.recurring_cents > 0).then(|| brl(p.one_time_cents)),
        recurring: (p.recurring_cents > 0).then(|| brl(p.recurring_cents)),
        recurrence: (p.recurring_cents > 0).then(|| billing_label(p.recurrence).to_string()),
        terms: p.terms.clone(),
        link,
    }
}

/// Renders the PDF off the async threads (Typst is CPU-bound).
pub async fn render(
    app: &App,
    p: &Proposal,
    company: &CompanyProfile,
    customer: &Customer,
    link: Option<String>,
) -> anyhow::Result<Vec<u8>> {
    let logo = match &company.logo_key {
        Some(key) => app.storage.get(key).await.ok().map(|b| b.to_vec()),
        None => None,
    };
    let doc = to_doc(p, company, customer, link);
    tokio::task::spawn_blocking(move || documents::proposal_pdf(&doc, logo)).await?
}
