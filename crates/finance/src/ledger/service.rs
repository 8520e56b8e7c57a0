//! Payment rules. Every function runs in the caller's tenant transaction
//! and locks the invoices (in id order, so two payments never deadlock)
//! before reading what is owed: two people registering the same payment at
//! once are serialised, and the second finds the invoice already paid.

use chrono::NaiveDate;
use events::{InvoicePaid, PaymentNeedsReview, PaymentReceived, PaymentRefunded, Timeline, TimelineLinks};
use kernel::error::Violations;
use kernel::ids::new_id;
use kernel::money::Money;
use kernel::tenant::TenantTx;
use kernel::{Error, Result};
use uuid::Uuid;

use super::model::{Payment, PaymentMethod, PaymentStatus, RefundRequest, RegisterPaymentRequest};
use super::repo::{self, NewPayment, NewRefund};
use crate::fees::Policy;
use crate::invoices::model::{Invoice, InvoiceStatus};
use crate::invoices::repo as invoices;
use crate::parties;
use crate::settings::repo as settings;

fn brl(cents: i64) -> String {
    Money::brl(cents).format_brl()
}

/// Locks and loads invoices in id order; returns them in the order asked.
async fn lock_invoices(tx: &mut TenantTx, ids: &[Uuid]) -> Result<Vec<Option<Invoice>>> {
    let tenant = tx.tenant_id();
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut found = std::collections::HashMap::new();
    for id in sorted {
        if let Some(inv) = invoices::find(tx, tenant, id, true).await? {
            found.insert(id, inv);
        }
    }
    Ok(ids.iter().map(|id| found.get(id).cloned()).collect())
}

/// Applies `amount` to the invoices in order, fees first; returns what is left.
/// `accrue_on` is the date fees are counted to (the charge date for a
/// gateway payment of exactly the amount charged).
async fn distribute(
    tx: &mut TenantTx,
    payment_id: Uuid,
    mut left: i64,
    accrue_on: NaiveDate,
    policy: Policy,
    list: Vec<Invoice>,
) -> Result<i64> {
    let tenant = tx.tenant_id();
    for mut inv in list {
        if left == 0 {
            break;
        }
        let mut a = inv.amounts();
        a.accrue(policy, accrue_on);
        let due = a.balance(policy, accrue_on).due_cents;
        let take = left.min(due);
        if take <= 0 {
            continue;
        }
        a.paid_cents += take;
        left -= take;
        inv.late_fee_cents = a.late_fee_cents;
        inv.fees_accrued_on = a.fees_accrued_on;
        inv.paid_cents = a.paid_cents;
        let paid = a.balance(policy, accrue_on).due_cents == 0;
        inv.status = if paid { InvoiceStatus::Paid } else { InvoiceStatus::PartiallyPaid };
        invoices::save_amounts(tx, tenant, &inv).await?;
        repo::allocate(tx, tenant, payment_id, inv.id, take).await?;
        if paid {
            let ticket_id = invoices::ticket_of(tx, tenant, inv.id).await?;
            tx.emit(&InvoicePaid {
                invoice_id: inv.id,
                customer_id: inv.customer_id,
                paid_cents: inv.paid_cents,
                ticket_id,
                timeline: Timeline {
                    customer_id: inv.customer_id,
                    summary: format!("Fatura {} paga ({})", inv.label, brl(inv.paid_cents)),
                    links: TimelineLinks {
                        invoice_id: Some(inv.id),
                        payment_id: Some(payment_id),
                        ..Default::default()
                    },
                },
            })
            .await?;
        }
    }
    Ok(left)
}

async fn received(tx: &mut TenantTx, p: &NewPayment<'_>) -> Result<()> {
    tx.emit(&PaymentReceived {
        payment_id: p.id,
        customer_id: p.customer_id,
        amount_cents: p.amount_cents,
        method: p.method,
        timeline: Timeline {
            customer_id: p.customer_id,
            summary: format!("Pagamento de {} recebido ({})", brl(p.amount_cents), p.method.label()),
            links: TimelineLinks { payment_id: Some(p.id), ..Default::default() },
        },
    })
    .await?;
    Ok(())
}

/// A payment registered by a person: PIX received, transfer, cash…
pub async fn register(tx: &mut TenantTx, user_id: Uuid, req: &RegisterPaymentRequest) -> Result<Payment> {
    let tenant = tx.tenant_id();
    let today = parties::company(tx, tenant).await?.today();
    let on = req.received_on.unwrap_or(today);
    let mut v = Violations::new();
    if req.amount_cents <= 0 {
        v.add("amount_cents", "O valor deve ser maior que zero.");
    } else if req.amount_cents > 100_000_000_000 {
        v.add("amount_cents", "Valor alto demais.");
    }
    if req.method == PaymentMethod::Credit {
        v.add("method", "Para usar o crédito do cliente, aplique-o na fatura.");
    }
    if on > today {
        v.add("received_on", "A data do recebimento não pode ser no futuro.");
    }
    if req.reference.chars().count() > 200 {
        v.add("reference", "Referência com até 200 caracteres.");
    }
    if req.invoice_ids.len() > 50 {
        v.add("invoice_ids", "Até 50 faturas por pagamento.");
    }
    v.finish()?;

    let mut v = Violations::new();
    let explicit = !req.invoice_ids.is_empty();
    let ids = if explicit {
        req.invoice_ids.clone()
    } else {
        let customer = req
            .customer_id
            .ok_or_else(|| Error::field("customer_id", "Informe o cliente ou as faturas pagas."))?;
        invoices::receivable_of_customer(tx, tenant, customer).await?
    };
    let locked = lock_invoices(tx, &ids).await?;
    let mut customer_id = req.customer_id;
    let mut list = Vec::with_capacity(locked.len());
    for (i, inv) in locked.into_iter().enumerate() {
        let Some(inv) = inv else {
            v.add(&format!("invoice_ids[{i}]"), "Fatura não encontrada.");
            continue;
        };
        if *customer_id.get_or_insert(inv.customer_id) != inv.customer_id {
            v.add(&format!("invoice_ids[{i}]"), "As faturas de um pagamento devem ser do mesmo cliente.");
        }
        if explicit && !inv.status.is_receivable() {
            return Err(Error::conflict(
                Some("invoice_ids"),
                format!("A fatura {} está {} e não recebe pagamentos.", inv.label, inv.status.label()),
            ));
        }
        list.push(inv);
    }
    v.finish()?;
    let customer_id = customer_id.ok_or(Error::NotFound)?;
    if parties::customer(tx, tenant, customer_id).await?.is_none() {
        return Err(Error::field("customer_id", "Cliente não encontrado."));
    }
    let policy = settings::get(tx, tenant).await?.policy();
    let payment = NewPayment {
        id: new_id(),
        customer_id,
        method: req.method,
        amount_cents: req.amount_cents,
        received_on: on,
        reference: req.reference.trim(),
        gateway: None,
        gateway_payment_id: None,
        status: PaymentStatus::Confirmed,
        review_reason: None,
        intended_invoice_id: None,
        created_by: Some(user_id),
    };
    repo::insert(tx, tenant, &payment).await?;
    let left = distribute(tx, payment.id, req.amount_cents, on, policy, list).await?;
    if left > 0 {
        repo::credit_entry(tx, tenant, customer_id, left, Some(payment.id), None, "Pagamento excedente")
            .await?;
    }
    received(tx, &payment).await?;
    repo::find(tx, tenant, payment.id, false).await?.ok_or(Error::NotFound)
}

#[derive(Debug, PartialEq, Eq)]
pub enum GatewayOutcome {
    /// The gateway reported this payment before: nothing done.
    Duplicate,
    Settled,
    /// Held for a person: the reason.
    Review(String),
}

pub struct GatewayPayment<'a> {
    pub gateway: &'a str,
    pub gateway_payment_id: &'a str,
    pub invoice_id: Option<Uuid>,
    pub amount_cents: i64,
    pub received_on: NaiveDate,
    pub method: PaymentMethod,
}

/// A payment a gateway reported. Settles the invoice when the amount is
/// what is due (or exactly what was charged); anything else is held for
/// review, never silently accepted.
pub async fn record_gateway_payment(tx: &mut TenantTx, g: &GatewayPayment<'_>) -> Result<GatewayOutcome> {
    let tenant = tx.tenant_id();
    if repo::find_by_gateway(tx, tenant, g.gateway, g.gateway_payment_id).await?.is_some() {
        return Ok(GatewayOutcome::Duplicate);
    }
    let invoice_id = match g.invoice_id {
        Some(id) => Some(id),
        None => invoices::find_by_gateway_ref(tx, tenant, g.gateway_payment_id).await?,
    };
    let invoice = match invoice_id {
        Some(id) => invoices::find(tx, tenant, id, true).await?,
        None => None,
    };
    let Some(inv) = invoice else {
        return Err(Error::internal(format!(
            "{} payment {} names no invoice of this company",
            g.gateway, g.gateway_payment_id
        )));
    };
    if g.amount_cents <= 0 {
        return Err(Error::internal("gateway payment with a non-positive amount"));
    }
    let policy = settings::get(tx, tenant).await?.policy();
    let due_now = inv.amounts().balance(policy, g.received_on).due_cents;
    let charged_exactly = inv.charged_cents == Some(g.amount_cents) && inv.charged_on.is_some();
    let review = if !inv.status.is_receivable() {
        Some(format!("A fatura {} estava {} quando o pagamento chegou.", inv.label, inv.status.label()))
    } else if g.amount_cents != due_now && !charged_exactly {
        Some(format!(
            "Valor recebido ({}) diferente do devido na fatura {} ({}).",
            brl(g.amount_cents),
            inv.label,
            brl(due_now)
        ))
    } else {
        None
    };
    let payment = NewPayment {
        id: new_id(),
        customer_id: inv.customer_id,
        method: g.method,
        amount_cents: g.amount_cents,
        received_on: g.received_on,
        reference: g.gateway_payment_id,
        gateway: Some(g.gateway),
        gateway_payment_id: Some(g.gateway_payment_id),
        status: if review.is_some() { PaymentStatus::Review } else { PaymentStatus::Confirmed },
        review_reason: review.as_deref(),
        intended_invoice_id: Some(inv.id),
        created_by: None,
    };
    let review = review.clone();
    if !repo::insert(tx, tenant, &payment).await? {
        return Ok(GatewayOutcome::Duplicate);
    }
    if let Some(reason) = review {
        tx.emit(&PaymentNeedsReview {
            payment_id: payment.id,
            invoice_id: inv.id,
            reason: reason.to_string(),
        })
        .await?;
        return Ok(GatewayOutcome::Review(reason));
    }
    let accrue_on =
        if g.amount_cents == due_now { g.received_on } else { inv.charged_on.unwrap_or(g.received_on) };
    let left = distribute(tx, payment.id, g.amount_cents, accrue_on, policy, vec![inv]).await?;
    if left > 0 {
        repo::credit_entry(
            tx,
            tenant,
            payment.customer_id,
            left,
            Some(payment.id),
            None,
            "Pagamento excedente",
        )
        .await?;
    }
    received(tx, &payment).await?;
    Ok(GatewayOutcome::Settled)
}

/// A person accepts a payment held for review: it is applied to the
/// invoice it was meant for (what exceeds the balance becomes credit).
pub async fn accept_review(tx: &mut TenantTx, payment_id: Uuid) -> Result<Payment> {
    let tenant = tx.tenant_id();
    let p = repo::find(tx, tenant, payment_id, true).await?.ok_or(Error::NotFound)?;
    if p.status != PaymentStatus::Review {
        return Err(Error::conflict(None, "Este pagamento não está aguardando conferência."));
    }
    if p.refunded_cents > 0 {
        return Err(Error::conflict(None, "Este pagamento já teve estorno; não pode mais ser aplicado."));
    }
    let list: Vec<Invoice> = match p.intended_invoice_id {
        Some(id) => lock_invoices(tx, &[id])
            .await?
            .into_iter()
            .flatten()
            .filter(|i| i.status.is_receivable())
            .collect(),
        None => vec![],
    };
    repo::set_status(tx, tenant, payment_id, "confirmed").await?;
    let policy = settings::get(tx, tenant).await?.policy();
    let left = distribute(tx, payment_id, p.amount_cents, p.received_on, policy, list).await?;
    if left > 0 {
        repo::credit_entry(
            tx,
            tenant,
            p.customer_id,
            left,
            Some(payment_id),
            None,
            "Pagamento conferido sem fatura em aberto",
        )
        .await?;
    }
    tx.emit(&PaymentReceived {
        payment_id: p.id,
        customer_id: p.customer_id,
        amount_cents: p.amount_cents,
        method: p.method,
        timeline: Timeline {
            customer_id: p.customer_id,
            summary: format!("Pagamento de {} conferido e aplicado", brl(p.amount_cents)),
            links: TimelineLinks { payment_id: Some(p.id), ..Default::default() },
        },
    })
    .await?;
    repo::find(tx, tenant, payment_id, false).await?.ok_or(Error::NotFound)
}

/// Gives money back: first the payment's unused credit, then its
/// invoices (most recent allocation first).
pub async fn refund(
    tx: &mut TenantTx,
    user_id: Option<Uuid>,
    payment_id: Uuid,
    req: &RefundRequest,
    gateway_ref: Option<String>,
) -> Result<Payment> {
    let tenant = tx.tenant_id();
    let reason = req.reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(Error::field("reason", "Informe o motivo do estorno (até 1000 caracteres)."));
    }
    let p = repo::find(tx, tenant, payment_id, true).await?.ok_or(Error::NotFound)?;
    if p.status == PaymentStatus::Rejected {
        return Err(Error::conflict(None, "Este pagamento já foi devolvido."));
    }
    if p.method == PaymentMethod::Credit {
        return Err(Error::conflict(
            None,
            "Crédito aplicado não é dinheiro recebido: não há o que estornar.",
        ));
    }
    let refundable = p.amount_cents - p.refunded_cents;
    let amount = req.amount_cents.unwrap_or(refundable);
    if amount <= 0 {
        return Err(Error::field("amount_cents", "O valor do estorno deve ser maior que zero."));
    }
    if amount > refundable {
        return Err(Error::field(
            "amount_cents",
            format!(
                "O estorno ({}) passa do que ainda pode ser estornado ({}).",
                brl(amount),
                brl(refundable)
            ),
        ));
    }
    let mut left = amount;
    let mut first_ref = gateway_ref;
    let mut next_ref = move || first_ref.take();
    if p.status == PaymentStatus::Review {
        repo::insert_refund(
            tx,
            tenant,
            &NewRefund {
                payment_id,
                invoice_id: None,
                amount_cents: left,
                reason,
                gateway_ref: next_ref(),
                created_by: user_id,
            },
        )
        .await?;
        left = 0;
    } else {
        let unused = repo::credit_of_payment(tx, tenant, payment_id)
            .await?
            .min(repo::credit_balance(tx, tenant, p.customer_id).await?);
        let from_credit = left.min(unused.max(0));
        if from_credit > 0 {
            repo::credit_entry(tx, tenant, p.customer_id, -from_credit, Some(payment_id), None, "Estorno")
                .await?;
            repo::insert_refund(
                tx,
                tenant,
                &NewRefund {
                    payment_id,
                    invoice_id: None,
                    amount_cents: from_credit,
                    reason,
                    gateway_ref: next_ref(),
                    created_by: user_id,
                },
            )
            .await?;
            left -= from_credit;
        }
        let already = repo::refunded_by_invoice(tx, tenant, payment_id).await?;
        let ids: Vec<Uuid> = p.allocations.iter().rev().map(|a| a.invoice_id).collect();
        let locked = lock_invoices(tx, &ids).await?;
        for (alloc, inv) in p.allocations.iter().rev().zip(locked) {
            let Some(mut inv) = inv else { continue };
            if left == 0 {
                break;
            }
            let done = already.iter().find(|(i, _)| *i == Some(inv.id)).map(|(_, s)| *s).unwrap_or(0);
            let take = left.min(alloc.amount_cents - done).min(inv.paid_cents - inv.refunded_cents);
            if take <= 0 {
                continue;
            }
            inv.refunded_cents += take;
            if inv.refunded_cents == inv.paid_cents && inv.status == InvoiceStatus::Paid {
                inv.status = InvoiceStatus::Refunded;
            }
            invoices::save_amounts(tx, tenant, &inv).await?;
            repo::insert_refund(
                tx,
                tenant,
                &NewRefund {
                    payment_id,
                    invoice_id: Some(inv.id),
                    amount_cents: take,
                    reason,
                    gateway_ref: next_ref(),
                    created_by: user_id,
                },
            )
            .await?;
            left -= take;
        }
    }
    if left > 0 {
        return Err(Error::conflict(
            Some("amount_cents"),
            "Parte deste pagamento virou crédito e já foi usada em outra fatura; estorne o valor por aquela fatura.",
        ));
    }
    repo::add_refunded(tx, tenant, payment_id, amount).await?;
    if p.status == PaymentStatus::Review && amount == refundable {
        repo::set_status(tx, tenant, payment_id, "rejected").await?;
    }
    tx.emit(&PaymentRefunded {
        payment_id,
        customer_id: p.customer_id,
        amount_cents: amount,
        timeline: Timeline {
            customer_id: p.customer_id,
            summary: format!("Estorno de {}: {reason}", brl(amount)),
            links: TimelineLinks { payment_id: Some(payment_id), ..Default::default() },
        },
    })
    .await?;
    repo::find(tx, tenant, payment_id, false).await?.ok_or(Error::NotFound)
}

/// A refund a gateway reported, as its running total for the payment:
/// only the part not yet recorded is refunded, so redeliveries and
/// out-of-order events change nothing.
pub async fn record_gateway_refund(
    tx: &mut TenantTx,
    gateway: &str,
    gateway_payment_id: &str,
    refunded_total_cents: i64,
) -> Result<bool> {
    let tenant = tx.tenant_id();
    let Some(payment_id) = repo::find_by_gateway(tx, tenant, gateway, gateway_payment_id).await? else {
        // The payment's own event has not been processed yet: fail, so the job retries.
        return Err(Error::internal(format!("{gateway} refund before its payment {gateway_payment_id}")));
    };
    let p = repo::find(tx, tenant, payment_id, true).await?.ok_or(Error::NotFound)?;
    let delta = refunded_total_cents.min(p.amount_cents) - p.refunded_cents;
    if delta <= 0 {
        return Ok(false);
    }
    let reason = format!("Estorno informado pelo {gateway}");
    refund(
        tx,
        None,
        payment_id,
        &RefundRequest { amount_cents: Some(delta), reason },
        Some(format!("{gateway}:{gateway_payment_id}:{refunded_total_cents}")),
    )
    .await?;
    Ok(true)
}

/// Uses the customer's credit on an invoice.
pub async fn apply_credit(tx: &mut TenantTx, user_id: Uuid, invoice_id: Uuid) -> Result<Payment> {
    let tenant = tx.tenant_id();
    let inv = lock_invoices(tx, &[invoice_id]).await?.pop().flatten().ok_or(Error::NotFound)?;
    if !inv.status.is_receivable() {
        return Err(Error::conflict(None, format!("A fatura {} está {}.", inv.label, inv.status.label())));
    }
    let balance = repo::credit_balance(tx, tenant, inv.customer_id).await?;
    if balance <= 0 {
        return Err(Error::conflict(None, "Este cliente não tem crédito."));
    }
    let today = parties::company(tx, tenant).await?.today();
    let policy = settings::get(tx, tenant).await?.policy();
    let mut a = inv.amounts();
    a.accrue(policy, today);
    let take = balance.min(a.balance(policy, today).due_cents);
    let payment = NewPayment {
        id: new_id(),
        customer_id: inv.customer_id,
        method: PaymentMethod::Credit,
        amount_cents: take,
        received_on: today,
        reference: "Crédito do cliente",
        gateway: None,
        gateway_payment_id: None,
        status: PaymentStatus::Confirmed,
        review_reason: None,
        intended_invoice_id: Some(inv.id),
        created_by: Some(user_id),
    };
    repo::insert(tx, tenant, &payment).await?;
    repo::credit_entry(
        tx,
        tenant,
        inv.customer_id,
        -take,
        None,
        Some(inv.id),
        &format!("Usado na fatura {}", inv.label),
    )
    .await?;
    distribute(tx, payment.id, take, today, policy, vec![inv]).await?;
    repo::find(tx, tenant, payment.id, false).await?.ok_or(Error::NotFound)
}
