//! What finance does with CRM's contract events, read as the very types
//! CRM emits (the `events` catalogue): `finance` never imports `crm`.
//!
//! `ContractSigned`: the once-only part is invoiced now; a recurring part
//! becomes a subscription billed from the first anchor day on or after the
//! contract's start. `ContractCancelled`: the subscription stops (invoices
//! already issued stay; cancel them one by one if they should not be paid).

use chrono::Months;
use events::{Billing, ContractCancelled, ContractSigned, Envelope};
use kernel::App;
use kernel::ids::new_id;
use kernel::jobs::Registry;
use kernel::tenant::TenantTx;

use crate::invoices::model::InvoiceStatus;
use crate::invoices::repo::{NewInvoice, NewItem};
use crate::invoices::service as invoices;
use crate::parties;
use crate::settings::repo as settings;
use crate::subscriptions::model::SubscriptionStatus;
use crate::subscriptions::repo as subscriptions;
use crate::subscriptions::service::{self as subscription, Start};

pub fn register(registry: &mut Registry) {
    registry.on("finance.bill_signed_contract", |app: App, signed: Envelope<ContractSigned>| async move {
        let mut tx = TenantTx::begin(&app.db, signed.tenant_id).await?;
        bill(&mut tx, &signed.event).await?;
        tx.commit().await?;
        Ok(())
    });
    registry.on(
        "finance.stop_cancelled_contract",
        |app: App, cancelled: Envelope<ContractCancelled>| async move {
            let ContractCancelled { contract_id, reason, .. } = cancelled.event;
            let mut tx = TenantTx::begin(&app.db, cancelled.tenant_id).await?;
            let tenant = tx.tenant_id();
            if let Some(id) = subscriptions::find_by_contract(&mut tx, tenant, contract_id).await?
                && let Some(sub) = subscriptions::find(&mut tx, tenant, id, true).await?
                && matches!(sub.status, SubscriptionStatus::Active | SubscriptionStatus::Paused)
            {
                subscription::cancel(&mut tx, id, &format!("Contrato cancelado: {reason}")).await?;
            }
            tx.commit().await?;
            Ok(())
        },
    );
}

async fn bill(tx: &mut TenantTx, k: &ContractSigned) -> kernel::Result<()> {
    let tenant = tx.tenant_id();
    let label = format!("CT-{:04}", k.number);
    let invoiced = crate::invoices::repo::contract_invoiced(tx, tenant, k.contract_id).await?;
    if k.one_time_cents > 0 && !invoiced {
        let company = parties::company(tx, tenant).await?;
        let today = company.today();
        let due_in = settings::get(tx, tenant).await?.due_in_days as i64;
        let items: Vec<NewItem> = k
            .items
            .iter()
            .filter(|i| i.billing == Billing::OneTime)
            .map(|i| NewItem {
                description: i.description.clone(),
                quantity_milli: i.quantity_milli,
                unit_price_cents: i.unit_price_cents,
                total_cents: i.total_cents,
            })
            .collect();
        let subtotal = items.iter().map(|i| i.total_cents).sum::<i64>().max(k.one_time_cents);
        let description = format!("Contrato {label}");
        let new = NewInvoice {
            id: new_id(),
            number: kernel::counters::next(tx, tenant, "invoices").await?,
            customer_id: k.customer_id,
            contract_id: Some(k.contract_id),
            subscription_id: None,
            period: None,
            status: InvoiceStatus::Open,
            issue_date: today,
            due_date: today + chrono::Duration::days(due_in),
            description: &description,
            subtotal_cents: subtotal,
            discount_cents: subtotal - k.one_time_cents,
            total_cents: k.one_time_cents,
            created_by: None,
        };
        invoices::insert(tx, &company, &new, &items).await?;
        // The sale happened in a conversation: its invoice belongs there, so
        // "Enviar no chat" and its payment note find it.
        if let Some(ticket) = k.ticket_id {
            crate::invoices::repo::link_ticket(tx, tenant, new.id, ticket).await?;
        }
    }
    if let Some(interval) = k.recurrence.interval_months()
        && k.recurring_cents > 0
    {
        let recurring: Vec<&str> = k
            .items
            .iter()
            .filter(|i| i.billing != Billing::OneTime)
            .map(|i| i.description.as_str())
            .collect();
        let description = match recurring.as_slice() {
            [one] => format!("{one} ({label})"),
            [first, rest @ ..] => format!("{first} + {} ({label})", rest.len()),
            [] => format!("Contrato {label}"),
        };
        let description: String = description.chars().take(200).collect();
        let ends_on = k.term_months.and_then(|m| k.start_date.checked_add_months(Months::new(m as u32)));
        subscription::start(
            tx,
            &Start {
                contract_id: Some(k.contract_id),
                customer_id: k.customer_id,
                description: &description,
                amount_cents: k.recurring_cents,
                interval_months: interval,
                start_date: k.start_date,
                anchor_day: k.billing_day,
                ends_on,
            },
        )
        .await?;
    }
    Ok(())
}
