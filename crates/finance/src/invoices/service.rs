//! Invoice rules: creating (by hand, from a contract, for a subscription
//! period), issuing a draft, cancelling, the balance on a date, the public
//! link and the PIX code.

use chrono::{NaiveDate, NaiveTime, TimeZone};
use events::{InvoiceCancelled, InvoiceIssued, Timeline, TimelineLinks};
use kernel::error::Violations;
use kernel::ids::new_id;
use kernel::jobs::{self, EnqueueOptions};
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use payments::pix::{self, BrCode, PixKey};
use uuid::Uuid;

use super::model::{CreateInvoiceRequest, Invoice, InvoiceStatus, PixCharge};
use super::repo::{self, NewInvoice, NewItem, label};
use crate::dunning::{AnnounceOverdue, SendReminder};
use crate::parties::{self, Company};
use crate::settings::model::FinanceSettings;
use crate::settings::repo as settings;

const LINK_PURPOSE: &str = "invoice-link";

/// Fills the amount due today and shows open invoices past due as overdue.
pub fn with_balance(mut inv: Invoice, s: &FinanceSettings, today: NaiveDate) -> Invoice {
    let b = inv.amounts().balance(s.policy(), today);
    if inv.status.is_receivable() {
        inv.amount_due_cents = b.due_cents;
        inv.fees_due_cents = b.fees_cents;
        if inv.due_date < today {
            inv.status = InvoiceStatus::Overdue;
        }
    }
    inv
}

/// Reads an invoice as the user sees it (balance as of the company's today).
pub async fn get(tx: &mut TenantTx, id: Uuid) -> Result<Invoice> {
    let tenant = tx.tenant_id();
    let inv = repo::find(tx, tenant, id, false).await?.ok_or(Error::NotFound)?;
    let s = settings::get(tx, tenant).await?;
    let today = parties::company(tx, tenant).await?.today();
    Ok(with_balance(inv, &s, today))
}

fn quantity_milli(q: f64) -> Option<i64> {
    let milli = (q * 1000.0).round();
    ((q * 1000.0 - milli).abs() < 1e-6 && (1.0..=1e9).contains(&milli)).then_some(milli as i64)
}

/// An invoice typed by hand.
pub async fn create(tx: &mut TenantTx, user_id: Uuid, req: &CreateInvoiceRequest) -> Result<Invoice> {
    let tenant = tx.tenant_id();
    let mut v = Violations::new();
    let customer = parties::customer(tx, tenant, req.customer_id).await?;
    if customer.is_none() {
        v.add("customer_id", "Cliente não encontrado.");
    }
    if let Some(contract_id) = req.contract_id {
        let belongs = repo::contract_customer(tx, tenant, contract_id).await?;
        match belongs {
            None => v.add("contract_id", "Contrato não encontrado."),
            Some(owner) if owner != req.customer_id => {
                v.add("contract_id", "Este contrato é de outro cliente.")
            }
            Some(_) => {}
        }
    }
    let company = parties::company(tx, tenant).await?;
    let issue_date = req.issue_date.unwrap_or_else(|| company.today());
    if req.due_date < issue_date {
        v.add("due_date", "O vencimento não pode ser antes da emissão.");
    }
    if req.description.chars().count() > 1000 {
        v.add("description", "Descrição com até 1000 caracteres.");
    }
    if req.items.is_empty() || req.items.len() > 200 {
        v.add("items", "Inclua de 1 a 200 itens.");
    }
    let mut items = Vec::with_capacity(req.items.len());
    let mut subtotal: i64 = 0;
    for (i, item) in req.items.iter().enumerate() {
        let description = item.description.trim();
        if description.is_empty() || description.chars().count() > 500 {
            v.add(&format!("items[{i}].description"), "Descreva o item (até 500 caracteres).");
        }
        if item.unit_price_cents <= 0 || item.unit_price_cents > 100_000_000_000 {
            v.add(&format!("items[{i}].unit_price_cents"), "O preço deve ser maior que zero.");
        }
        let Some(q) = quantity_milli(item.quantity.unwrap_or(1.0)) else {
            v.add(&format!("items[{i}].quantity"), "Quantidade maior que zero, com até 3 casas decimais.");
            continue;
        };
        let total = kernel::money::div_round(q as i128 * item.unit_price_cents as i128, 1000) as i64;
        subtotal = subtotal.saturating_add(total);
        items.push(NewItem {
            description: description.to_string(),
            quantity_milli: q,
            unit_price_cents: item.unit_price_cents,
            total_cents: total,
        });
    }
    if req.discount_cents < 0 {
        v.add("discount_cents", "O desconto não pode ser negativo.");
    } else if v.is_empty() && req.discount_cents >= subtotal {
        v.add("discount_cents", "O desconto deve ser menor que o subtotal.");
    }
    v.finish()?;
    let customer = customer.ok_or(Error::NotFound)?;
    let new = NewInvoice {
        id: new_id(),
        number: kernel::counters::next(tx, tenant, "invoices").await?,
        customer_id: customer.id,
        contract_id: req.contract_id,
        subscription_id: None,
        period: None,
        status: if req.draft { InvoiceStatus::Draft } else { InvoiceStatus::Open },
        issue_date,
        due_date: req.due_date,
        description: req.description.trim(),
        subtotal_cents: subtotal,
        discount_cents: req.discount_cents,
        total_cents: subtotal - req.discount_cents,
        created_by: Some(user_id),
    };
    insert(tx, &company, &new, &items).await?;
    get(tx, new.id).await
}

/// Inserts and, unless a draft, announces it and schedules its reminders.
/// Callers check first that the period (or the contract's once-only
/// invoice) is not billed; a collision here is an error, so the whole
/// transaction — and the number it took — rolls back: numbers stay gapless.
pub async fn insert(
    tx: &mut TenantTx,
    company: &Company,
    new: &NewInvoice<'_>,
    items: &[NewItem],
) -> Result<()> {
    let tenant = tx.tenant_id();
    if !repo::insert(tx, tenant, new, items).await? {
        return Err(Error::conflict(None, "Este período ou contrato já foi faturado."));
    }
    if new.status == InvoiceStatus::Open {
        issued(tx, company, new.id, new.number, new.customer_id, new.total_cents, new.due_date).await?;
    }
    Ok(())
}

async fn issued(
    tx: &mut TenantTx,
    company: &Company,
    id: Uuid,
    number: i64,
    customer_id: Uuid,
    total_cents: i64,
    due_date: NaiveDate,
) -> Result<()> {
    let tenant = tx.tenant_id();
    let s = settings::get(tx, tenant).await?;
    let tz = company.tz();
    for offset in &s.dunning_offsets {
        let day = due_date + chrono::Duration::days(*offset as i64);
        let at = tz
            .from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()))
            .earliest()
            .map(|t| t.to_utc());
        jobs::enqueue(
            tx,
            Some(tenant),
            &SendReminder { invoice_id: id, offset_days: *offset },
            EnqueueOptions {
                run_at: at,
                dedupe_key: Some(format!("dunning:{id}:{offset}")),
                ..Default::default()
            },
        )
        .await?;
    }
    let overdue_on = tz
        .from_local_datetime(&(due_date + chrono::Duration::days(1)).and_time(NaiveTime::MIN))
        .earliest()
        .map(|t| t.to_utc());
    jobs::enqueue(
        tx,
        Some(tenant),
        &AnnounceOverdue { invoice_id: id },
        EnqueueOptions {
            run_at: overdue_on,
            dedupe_key: Some(format!("overdue:{id}")),
            ..Default::default()
        },
    )
    .await?;
    let amount = kernel::money::Money::brl(total_cents).format_brl();
    tx.emit(&InvoiceIssued {
        invoice_id: id,
        number,
        customer_id,
        total_cents,
        due_date,
        timeline: Timeline {
            customer_id,
            summary: format!(
                "Fatura {} emitida: {amount}, vence em {}",
                label(number),
                due_date.format("%d/%m/%Y")
            ),
            links: TimelineLinks { invoice_id: Some(id), ..Default::default() },
        },
    })
    .await?;
    Ok(())
}

/// Draft → open.
pub async fn issue(tx: &mut TenantTx, id: Uuid) -> Result<Invoice> {
    let tenant = tx.tenant_id();
    let inv = repo::find(tx, tenant, id, true).await?.ok_or(Error::NotFound)?;
    if inv.status != InvoiceStatus::Draft {
        return Err(Error::conflict(None, "Só uma fatura em rascunho pode ser emitida."));
    }
    repo::set_status(tx, tenant, id, InvoiceStatus::Open).await?;
    let company = parties::company(tx, tenant).await?;
    issued(tx, &company, id, inv.number, inv.customer_id, inv.total_cents, inv.due_date).await?;
    get(tx, id).await
}

pub async fn cancel(tx: &mut TenantTx, id: Uuid, reason: &str) -> Result<Invoice> {
    let tenant = tx.tenant_id();
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(Error::field("reason", "Informe o motivo do cancelamento (até 1000 caracteres)."));
    }
    let inv = repo::find(tx, tenant, id, true).await?.ok_or(Error::NotFound)?;
    match inv.status {
        InvoiceStatus::Cancelled => return Err(Error::conflict(None, "Esta fatura já está cancelada.")),
        InvoiceStatus::Paid | InvoiceStatus::Refunded => {
            return Err(Error::conflict(
                None,
                "Uma fatura paga não pode ser cancelada: estorne o pagamento.",
            ));
        }
        _ if inv.paid_cents > 0 => {
            return Err(Error::conflict(
                None,
                "Esta fatura já recebeu pagamentos: estorne-os antes de cancelar.",
            ));
        }
        _ => {}
    }
    repo::cancel(tx, tenant, id, reason).await?;
    tx.emit(&InvoiceCancelled {
        invoice_id: id,
        customer_id: inv.customer_id,
        reason: reason.to_string(),
        timeline: Timeline {
            customer_id: inv.customer_id,
            summary: format!("Fatura {} cancelada: {reason}", inv.label),
            links: TimelineLinks { invoice_id: Some(id), ..Default::default() },
        },
    })
    .await?;
    get(tx, id).await
}

/// `<tenant>.<invoice>.<mac>`: unguessable, shown again whenever asked, no storage.
pub fn public_token(app: &App, tenant_id: Uuid, invoice_id: Uuid) -> String {
    let data = [tenant_id.as_bytes().as_slice(), invoice_id.as_bytes().as_slice()].concat();
    let tag = kernel::secrets::mac(&app.config, LINK_PURPOSE, &data);
    format!("{tenant_id}.{invoice_id}.{}", hex_prefix(&tag))
}

fn hex_prefix(tag: &[u8]) -> String {
    tag.iter().take(20).map(|b| format!("{b:02x}")).collect()
}

pub fn public_link(app: &App, tenant_id: Uuid, invoice_id: Uuid) -> String {
    format!("{}/fatura/{}", app.config.frontend_url, public_token(app, tenant_id, invoice_id))
}

/// The tenant and invoice behind a public token, or 404.
pub fn parse_public_token(app: &App, token: &str) -> Result<(Uuid, Uuid)> {
    let mut parts = token.splitn(3, '.');
    let (Some(t), Some(i), Some(tag)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(Error::NotFound);
    };
    let (Ok(tenant), Ok(invoice)) = (t.parse::<Uuid>(), i.parse::<Uuid>()) else {
        return Err(Error::NotFound);
    };
    let tag: Option<Vec<u8>> = (0..tag.len())
        .step_by(2)
        .map(|k| tag.get(k..k + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect();
    let data = [tenant.as_bytes().as_slice(), invoice.as_bytes().as_slice()].concat();
    match tag {
        Some(tag) if kernel::secrets::verify_mac(&app.config, LINK_PURPOSE, &data, &tag) => {
            Ok((tenant, invoice))
        }
        _ => Err(Error::NotFound),
    }
}

/// The PIX code for what is due today: the gateway's when a charge exists
/// for that amount, else a BR Code with the company's own key.
pub fn pix_charge(inv: &Invoice, s: &FinanceSettings, company: &Company) -> Option<PixCharge> {
    let (payload, amount_cents, source) = pix_copia_e_cola(inv, s, company)?;
    Some(PixCharge { qr_svg: pix::qr_svg(&payload), payload, amount_cents, source: source.into() })
}

/// The "PIX copia e cola" of what is due today, without drawing its QR
/// code: (payload, amount, "gateway" or "static"). The gateway's charge
/// when it is for that amount, else a static BR Code with the company's key.
pub fn pix_copia_e_cola(
    inv: &Invoice,
    s: &FinanceSettings,
    company: &Company,
) -> Option<(String, i64, &'static str)> {
    if !inv.status.is_receivable() || inv.amount_due_cents <= 0 {
        return None;
    }
    if let (Some(payload), Some(charged)) = (&inv.gateway_pix_payload, inv.charged_cents)
        && charged == inv.amount_due_cents
    {
        return Some((payload.clone(), charged, "gateway"));
    }
    let key = PixKey::parse(s.pix_key.as_deref()?).ok()?;
    let name = s.merchant_name.clone().unwrap_or_else(|| company.display_name().to_string());
    let city = s.merchant_city.clone().or_else(|| company.city()).unwrap_or_else(|| "BRASIL".into());
    // txid: letters and digits only, ≤ 25; the invoice label without the dash.
    let txid = inv.label.replace('-', "");
    let payload = pix::encode(&BrCode {
        key: &key,
        merchant_name: &name,
        merchant_city: &city,
        amount_cents: Some(inv.amount_due_cents),
        txid: Some(&txid),
        description: None,
    })
    .ok()?;
    Some((payload, inv.amount_due_cents, "static"))
}

/// A customer's receivable invoice as its owner may be told about it.
pub struct Receivable {
    /// With what is due today (late fees included).
    pub invoice: Invoice,
    /// Its public page.
    pub link: String,
    /// "PIX copia e cola" for what is due today, when the company has a
    /// key or a gateway made a charge.
    pub pix_payload: Option<String>,
}

/// A customer's receivable invoices, the earliest due first.
pub async fn receivable_of(
    app: &App,
    tx: &mut TenantTx,
    customer_id: Uuid,
    limit: i64,
) -> Result<Vec<Receivable>> {
    let tenant = tx.tenant_id();
    let company = parties::company(tx, tenant).await?;
    let today = company.today();
    let cfg = settings::get(tx, tenant).await?;
    let invoices = repo::receivable_of(tx, tenant, customer_id, limit).await?;
    Ok(invoices.into_iter().map(|i| told(app, tenant, i, &cfg, &company, today)).collect())
}

/// One invoice, whatever its status, as its customer is told about it
/// (amount due today, page, PIX text while it is open); `None` if unknown.
pub async fn as_told(app: &App, tx: &mut TenantTx, id: Uuid) -> Result<Option<Receivable>> {
    let tenant = tx.tenant_id();
    let Some(inv) = repo::find(tx, tenant, id, false).await? else { return Ok(None) };
    let company = parties::company(tx, tenant).await?;
    let cfg = settings::get(tx, tenant).await?;
    let today = company.today();
    Ok(Some(told(app, tenant, inv, &cfg, &company, today)))
}

fn told(
    app: &App,
    tenant: Uuid,
    i: Invoice,
    cfg: &FinanceSettings,
    company: &Company,
    today: NaiveDate,
) -> Receivable {
    let link = public_link(app, tenant, i.id);
    let invoice = with_balance(i, cfg, today);
    let pix_payload = pix_copia_e_cola(&invoice, cfg, company).map(|p| p.0);
    Receivable { invoice, link, pix_payload }
}

/// "Enviar no chat": an open invoice of `customer_id`, as receivable today,
/// linked to the conversation `ticket_id` (if it had none) so its payment
/// shows there. Another customer's or an unknown invoice, or one not open,
/// is a field error on `invoice_id`.
pub async fn share_in_chat(
    app: &App,
    tx: &mut TenantTx,
    invoice_id: Uuid,
    customer_id: Uuid,
    ticket_id: Uuid,
) -> Result<Receivable> {
    let tenant = tx.tenant_id();
    let unknown = || Error::field("invoice_id", "Fatura não encontrada.");
    let inv = repo::find(tx, tenant, invoice_id, true).await?.ok_or_else(unknown)?;
    if inv.customer_id != customer_id {
        return Err(Error::field("invoice_id", "Esta fatura é de outro cliente."));
    }
    if !inv.status.is_receivable() {
        return Err(Error::field("invoice_id", "Só uma fatura em aberto pode ser enviada para pagamento."));
    }
    repo::link_ticket(tx, tenant, invoice_id, ticket_id).await?;
    let company = parties::company(tx, tenant).await?;
    let cfg = settings::get(tx, tenant).await?;
    let invoice = with_balance(inv, &cfg, company.today());
    let pix_payload = pix_copia_e_cola(&invoice, &cfg, &company).map(|p| p.0);
    Ok(Receivable { link: public_link(app, tenant, invoice_id), invoice, pix_payload })
}
