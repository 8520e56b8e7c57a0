//! Contract rules. Signing and cancelling emit `ContractSigned` /
//! `ContractCancelled` in the same transaction; finance bills from them.

use chrono::{NaiveDate, Utc};
use kernel::error::Violations;
use kernel::ids::new_id;
use kernel::tenant::TenantTx;
use kernel::{Error, Result};
use uuid::Uuid;

use events::{ContractCancelled, ContractLine, ContractSigned, Timeline, TimelineLinks};

use super::model::{Contract, ContractStatus, CreateContractRequest, UpdateContractRequest};
use super::repo;
use crate::customers::repo as customers;
use crate::lines;
use crate::proposals::model::Proposal;
use crate::proposals::repo::next_number;

pub fn number_label(n: i64) -> String {
    format!("CT-{n:04}")
}

fn check_terms(v: &mut Violations, term_months: Option<i32>, billing_day: i32) {
    if term_months.is_some_and(|t| !(1..=600).contains(&t)) {
        v.add("term_months", "Prazo entre 1 e 600 meses (ou vazio para indeterminado).");
    }
    if !(1..=31).contains(&billing_day) {
        v.add("billing_day", "Dia de cobrança entre 1 e 31.");
    }
}

/// A draft contract typed by hand.
pub async fn create(tx: &mut TenantTx, req: &CreateContractRequest) -> Result<Contract> {
    let tenant = tx.tenant_id();
    let mut v = Violations::new();
    if req.title.trim().is_empty() || req.title.chars().count() > 200 {
        v.add("title", "Informe o título (até 200 caracteres).");
    }
    let customer = customers::find(tx, tenant, req.customer_id).await?;
    if customer.is_none() {
        v.add("customer_id", "Cliente não encontrado.");
    }
    let billing_day = req.billing_day.unwrap_or(req.start_date.format("%d").to_string().parse().unwrap_or(1));
    check_terms(&mut v, req.term_months, billing_day);
    let priced = lines::price(tx, &req.items, 0, &mut v).await?;
    v.finish()?;
    let (Some(customer), Some(priced)) = (customer, priced) else {
        return Err(Error::internal("checked above"));
    };
    let contract = Contract {
        id: new_id(),
        number: next_number(tx, tenant, "contracts").await?,
        customer_id: customer.id,
        customer_name: customer.name,
        proposal_id: None,
        opportunity_id: None,
        title: req.title.trim().to_string(),
        status: ContractStatus::Draft,
        recurrence: priced.recurrence,
        start_date: req.start_date,
        term_months: req.term_months,
        billing_day,
        one_time_cents: priced.totals.one_time_cents,
        recurring_cents: priced.totals.recurring_cents,
        currency: "BRL".into(),
        items: priced.items,
        signed_at: None,
        cancelled_at: None,
        cancel_reason: None,
        version: 1,
        created_at: Utc::now(),
    };
    repo::save(tx, tenant, &contract).await?;
    repo::find(tx, tenant, contract.id).await?.ok_or(Error::NotFound)
}

/// The contract of an accepted proposal, signed at acceptance.
pub async fn from_accepted_proposal(tx: &mut TenantTx, p: &Proposal, today: NaiveDate) -> Result<Contract> {
    let tenant = tx.tenant_id();
    if let Some(existing) = repo::find_by_proposal(tx, tenant, p.id).await? {
        return repo::find(tx, tenant, existing).await?.ok_or(Error::NotFound);
    }
    let contract = Contract {
        id: new_id(),
        number: next_number(tx, tenant, "contracts").await?,
        customer_id: p.customer_id,
        customer_name: p.customer_name.clone(),
        proposal_id: Some(p.id),
        opportunity_id: p.opportunity_id,
        title: p.title.clone(),
        status: ContractStatus::Draft,
        recurrence: p.recurrence,
        start_date: today,
        term_months: None,
        billing_day: today.format("%d").to_string().parse().unwrap_or(1),
        one_time_cents: p.one_time_cents,
        recurring_cents: p.recurring_cents,
        currency: "BRL".into(),
        items: p
            .items
            .iter()
            .map(|i| crate::proposals::model::LineItem { id: new_id(), ..i.clone() })
            .collect(),
        signed_at: None,
        cancelled_at: None,
        cancel_reason: None,
        version: 1,
        created_at: Utc::now(),
    };
    repo::save(tx, tenant, &contract).await?;
    sign(tx, contract.id).await
}

pub async fn update(
    tx: &mut TenantTx,
    id: Uuid,
    req: &UpdateContractRequest,
    if_match: Option<i32>,
) -> Result<Contract> {
    let tenant = tx.tenant_id();
    let mut k = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if k.status != ContractStatus::Draft {
        return Err(Error::conflict(None, "Só contratos em rascunho podem ser alterados."));
    }
    if if_match.is_some_and(|v| v != k.version) {
        return Err(Error::conflict(
            None,
            "Este contrato foi alterado por outra pessoa. Recarregue para ver a versão atual.",
        ));
    }
    let mut v = Violations::new();
    if let Some(title) = &req.title {
        if title.trim().is_empty() || title.chars().count() > 200 {
            v.add("title", "Informe o título (até 200 caracteres).");
        }
        k.title = title.trim().to_string();
    }
    if let Some(d) = req.start_date {
        k.start_date = d;
    }
    if let Some(t) = req.term_months {
        k.term_months = t;
    }
    if let Some(b) = req.billing_day {
        k.billing_day = b;
    }
    check_terms(&mut v, k.term_months, k.billing_day);
    let priced = match &req.items {
        Some(items) => lines::price(tx, items, 0, &mut v).await?,
        None => None,
    };
    v.finish()?;
    if let Some(priced) = priced {
        k.items = priced.items;
        k.recurrence = priced.recurrence;
        k.one_time_cents = priced.totals.one_time_cents;
        k.recurring_cents = priced.totals.recurring_cents;
    }
    repo::save(tx, tenant, &k).await?;
    tx.emit(&events::ContractUpdated { contract_id: id }).await?;
    repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)
}

pub async fn sign(tx: &mut TenantTx, id: Uuid) -> Result<Contract> {
    let tenant = tx.tenant_id();
    repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if !repo::transition(tx, tenant, id, &[ContractStatus::Draft], ContractStatus::Active, None).await? {
        return Err(Error::conflict(None, "Só um contrato em rascunho pode ser assinado."));
    }
    let k = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let ticket_id = match k.proposal_id {
        Some(p) => crate::proposals::repo::find(tx, tenant, p).await?.and_then(|p| p.ticket_id),
        None => None,
    };
    let event = ContractSigned {
        ticket_id,
        contract_id: k.id,
        number: k.number,
        customer_id: k.customer_id,
        recurrence: k.recurrence,
        start_date: k.start_date,
        term_months: k.term_months,
        billing_day: k.billing_day,
        one_time_cents: k.one_time_cents,
        recurring_cents: k.recurring_cents,
        items: k
            .items
            .iter()
            .map(|i| ContractLine {
                description: i.description.clone(),
                quantity_milli: i.quantity_milli,
                unit_price_cents: i.unit_price_cents,
                total_cents: i.total_cents,
                billing: i.billing,
            })
            .collect(),
        timeline: Timeline {
            customer_id: k.customer_id,
            summary: format!("Contrato {} assinado", number_label(k.number)),
            links: TimelineLinks { contract_id: Some(k.id), ..Default::default() },
        },
    };
    tx.emit(&event).await?;
    Ok(k)
}

pub async fn cancel(tx: &mut TenantTx, id: Uuid, reason: &str) -> Result<Contract> {
    let tenant = tx.tenant_id();
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(Error::field("reason", "Informe o motivo do cancelamento (até 1000 caracteres)."));
    }
    let k = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let from = [ContractStatus::Draft, ContractStatus::Active, ContractStatus::Suspended];
    if !repo::transition(tx, tenant, id, &from, ContractStatus::Cancelled, Some(reason)).await? {
        return Err(Error::conflict(None, "Este contrato já foi encerrado ou cancelado."));
    }
    tx.emit(&ContractCancelled {
        contract_id: id,
        customer_id: k.customer_id,
        reason: reason.to_string(),
        timeline: Timeline {
            customer_id: k.customer_id,
            summary: format!("Contrato {} cancelado: {reason}", number_label(k.number)),
            links: TimelineLinks { contract_id: Some(id), ..Default::default() },
        },
    })
    .await?;
    repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)
}

pub async fn change_status(tx: &mut TenantTx, id: Uuid, to: ContractStatus) -> Result<Contract> {
    let tenant = tx.tenant_id();
    repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let from: &[ContractStatus] = match to {
        ContractStatus::Suspended => &[ContractStatus::Active],
        ContractStatus::Active => &[ContractStatus::Suspended],
        ContractStatus::Ended => &[ContractStatus::Active, ContractStatus::Suspended],
        _ => return Err(Error::field("status", "Transição inválida.")),
    };
    if !repo::transition(tx, tenant, id, from, to, None).await? {
        return Err(Error::conflict(None, "O contrato não está num estado que permita esta mudança."));
    }
    tx.emit(&events::ContractStatusChanged { contract_id: id, status: to }).await?;
    repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)
}
