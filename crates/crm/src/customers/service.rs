//! Customer rules: parse and validate, warn about duplicates, optimistic
//! concurrency, merge.

use events::{CustomerCreated, CustomerMerged, CustomerUpdated};
use kernel::error::{OnConstraint, Violations};
use kernel::ids::new_id;
use kernel::session::CurrentUser;
use kernel::tenant::TenantTx;
use kernel::{Error, Result};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::model::{
    CreateCustomerRequest, CreatedCustomer, Customer, CustomerData, CustomerKind, CustomerStatus,
    UpdateCustomerRequest,
};
use super::repo;
use crate::custom_fields::{model::check_values, repo as custom_fields};
use crate::timeline::model::NewEntry;
use crate::timeline::repo as timeline;

const OWNER_FK: &str = "customers_tenant_id_owner_id_fkey";

fn bad_owner() -> Error {
    Error::field("owner_id", "Responsável inexistente nesta empresa.")
}

pub fn stale() -> Error {
    Error::conflict(None, "Este cliente foi alterado por outra pessoa. Recarregue para ver a versão atual.")
}

fn apply(c: &mut Customer, d: CustomerData) {
    if let Some(v) = d.kind {
        c.kind = v;
    }
    if let Some(v) = d.name {
        c.name = v;
    }
    if let Some(v) = d.trade_name {
        c.trade_name = v;
    }
    if let Some(v) = d.document {
        c.document = v;
    }
    if let Some(v) = d.emails {
        c.emails = v;
    }
    if let Some(v) = d.phones {
        c.phones = v;
    }
    if let Some(v) = d.address {
        c.address = v;
    }
    if let Some(v) = d.tags {
        c.tags = v;
    }
    if let Some(v) = d.owner_id {
        c.owner_id = v;
    }
    if let Some(v) = d.status {
        c.status = v;
    }
    if let Some(v) = d.notes {
        c.notes = v;
    }
    if let Some(changes) = d.custom_fields {
        for (k, v) in changes {
            if v.is_null() {
                c.custom_fields.remove(&k);
            } else {
                c.custom_fields.insert(k, v);
            }
        }
    }
}

/// A customer built from checked data.
pub fn new_customer(kind: CustomerKind, data: CustomerData) -> Customer {
    let now = chrono::Utc::now();
    let mut customer = Customer {
        id: new_id(),
        kind,
        name: String::new(),
        trade_name: None,
        document: None,
        emails: vec![],
        phones: vec![],
        address: None,
        tags: vec![],
        owner_id: None,
        status: CustomerStatus::Lead,
        notes: None,
        custom_fields: Map::new(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    apply(&mut customer, data);
    customer
}

/// An import row over an existing customer: the file's values win, lists
/// grow, and columns the file does not have (or empty cells) change nothing.
pub fn apply_import(c: &mut Customer, mut d: CustomerData, kind_given: bool, status_given: bool) {
    if !kind_given {
        d.kind = None;
    }
    if !status_given {
        d.status = None;
    }
    if let Some(emails) = d.emails.take() {
        for e in emails {
            if !c.emails.contains(&e) {
                c.emails.push(e);
            }
        }
    }
    if let Some(phones) = d.phones.take() {
        for p in phones {
            if !c.phones.contains(&p) {
                c.phones.push(p);
            }
        }
    }
    if let Some(tags) = d.tags.take() {
        for t in tags {
            if !c.tags.contains(&t) {
                c.tags.push(t);
            }
        }
    }
    // Empty cells do not erase what the customer already has.
    d.trade_name = d.trade_name.filter(|v| v.is_some());
    d.document = d.document.filter(|v| v.is_some());
    d.address = d.address.filter(|v| v.is_some());
    d.notes = d.notes.filter(|v| v.is_some());
    d.owner_id = None;
    d.custom_fields = None;
    apply(c, d);
}

pub async fn create(
    tx: &mut TenantTx,
    user: &CurrentUser,
    req: &CreateCustomerRequest,
) -> Result<CreatedCustomer> {
    let tenant = tx.tenant_id();
    let mut v = Violations::new();
    let data = req.parse(&mut v);
    let defs = custom_fields::list(tx, tenant).await?;
    check_values(&defs, &req.custom_fields, true, &mut v);
    v.finish()?;
    let customer = new_customer(req.kind, data);
    let duplicates =
        repo::duplicates(tx, tenant, customer.document.as_deref(), &customer.emails, &customer.phones, None)
            .await?;
    let saved = repo::insert(tx, tenant, &customer).await.on_constraint(OWNER_FK, bad_owner)?;
    timeline::insert(
        tx,
        tenant,
        NewEntry {
            customer_id: saved.id,
            opportunity_id: None,
            kind: "customer.created",
            summary: format!("Cliente cadastrado por {}", user.name),
            data: json!({}),
            actor_id: Some(user.id),
            event_id: None,
            occurred_at: None,
        },
    )
    .await?;
    tx.emit(&CustomerCreated { customer_id: saved.id, name: saved.name.clone() }).await?;
    Ok(CreatedCustomer { customer: saved, duplicates })
}

pub async fn update(
    tx: &mut TenantTx,
    id: Uuid,
    req: &UpdateCustomerRequest,
    if_match: Option<i32>,
) -> Result<Customer> {
    let tenant = tx.tenant_id();
    let mut customer = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if if_match.is_some_and(|v| v != customer.version) {
        return Err(stale());
    }
    let kind = req.kind.unwrap_or(customer.kind);
    let mut v = Violations::new();
    let data = req.parse(kind, &mut v);
    if let Some(fields) = &req.custom_fields {
        let defs = custom_fields::list(tx, tenant).await?;
        check_values(&defs, fields, false, &mut v);
    }
    // A kind change must come with a document of the new kind.
    if req.kind.is_some_and(|k| k != customer.kind) && data.document.is_none() && customer.document.is_some()
    {
        v.add("document", "Ao mudar entre pessoa física e jurídica, informe o novo documento.");
    }
    v.finish()?;
    let expected = if_match.unwrap_or(customer.version);
    apply(&mut customer, data);
    let saved = repo::update(tx, tenant, &customer, expected)
        .await
        .on_constraint(OWNER_FK, bad_owner)?
        .ok_or_else(stale)?;
    tx.emit(&CustomerUpdated { customer_id: id }).await?;
    Ok(saved)
}

/// `survivor` keeps its data and gains what only `merged` had; everything
/// pointing at `merged` moves to `survivor`.
pub async fn merge(
    tx: &mut TenantTx,
    user: &CurrentUser,
    survivor_id: Uuid,
    merged_id: Uuid,
) -> Result<Customer> {
    if survivor_id == merged_id {
        return Err(Error::field("merge_id", "Escolha outro cliente para unir."));
    }
    let tenant = tx.tenant_id();
    let mut survivor = repo::find(tx, tenant, survivor_id).await?.ok_or(Error::NotFound)?;
    let merged = repo::find(tx, tenant, merged_id)
        .await?
        .ok_or_else(|| Error::field("merge_id", "Cliente a unir não encontrado."))?;
    let expected = survivor.version;
    for e in merged.emails.iter() {
        if !survivor.emails.contains(e) {
            survivor.emails.push(e.clone());
        }
    }
    for p in merged.phones.iter() {
        if !survivor.phones.contains(p) {
            survivor.phones.push(p.clone());
        }
    }
    for t in merged.tags.iter() {
        if !survivor.tags.contains(t) {
            survivor.tags.push(t.clone());
        }
    }
    if survivor.document.is_none() && merged.kind == survivor.kind {
        survivor.document = merged.document.clone();
    }
    survivor.trade_name = survivor.trade_name.or(merged.trade_name.clone());
    survivor.address = survivor.address.or(merged.address.clone());
    survivor.owner_id = survivor.owner_id.or(merged.owner_id);
    survivor.notes = match (survivor.notes.take(), merged.notes.clone()) {
        (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
        (a, b) => a.or(b),
    };
    for (k, v) in merged.custom_fields.iter() {
        survivor.custom_fields.entry(k.clone()).or_insert_with(|| v.clone());
    }
    repo::merge(tx, tenant, survivor_id, merged_id).await?;
    let saved = repo::update(tx, tenant, &survivor, expected).await?.ok_or_else(stale)?;
    timeline::insert(
        tx,
        tenant,
        NewEntry {
            customer_id: survivor_id,
            opportunity_id: None,
            kind: "customer.merged",
            summary: format!("{} uniu o cadastro de {} a este cliente", user.name, merged.name),
            data: json!({ "merged_id": merged_id, "merged_name": merged.name }),
            actor_id: Some(user.id),
            event_id: None,
            occurred_at: None,
        },
    )
    .await?;
    // Other modules move their references on this event.
    tx.emit(&CustomerMerged { survivor_id, merged_id }).await?;
    Ok(saved)
}

pub fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The customer with this e-mail or phone, or a new lead with them —
/// for messages that arrive from someone (support's intake). A customer
/// merged into another resolves to the survivor.
pub async fn find_or_create_contact(
    tx: &mut TenantTx,
    name: Option<&str>,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<Uuid> {
    let tenant = tx.tenant_id();
    let emails: Vec<String> =
        email.map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()).into_iter().collect();
    let phones: Vec<String> =
        phone.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).into_iter().collect();
    if let Some(hit) = repo::duplicates(tx, tenant, None, &emails, &phones, None).await?.into_iter().next() {
        return Ok(hit.customer_id);
    }
    create_contact(tx, name, emails, phones).await
}

/// A new customer even when another has the same e-mail or phone: for a
/// contact nobody has verified yet (a web-chat visitor's typed name).
pub async fn create_contact(
    tx: &mut TenantTx,
    name: Option<&str>,
    emails: Vec<String>,
    phones: Vec<String>,
) -> Result<Uuid> {
    let tenant = tx.tenant_id();
    let shown = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .or_else(|| emails.first().cloned())
        .or_else(|| phones.first().cloned())
        .unwrap_or_else(|| "Visitante do site".into());
    let data = crate::customers::model::CustomerData {
        kind: Some(crate::customers::model::CustomerKind::Person),
        name: Some(shown.chars().take(200).collect()),
        emails: Some(emails),
        phones: Some(phones),
        ..Default::default()
    };
    let customer = new_customer(crate::customers::model::CustomerKind::Person, data);
    let saved = repo::insert(tx, tenant, &customer).await?;
    timeline::insert(
        tx,
        tenant,
        NewEntry {
            customer_id: saved.id,
            opportunity_id: None,
            kind: "customer.created",
            summary: "Cliente criado pelo atendimento (primeiro contato)".into(),
            data: json!({}),
            actor_id: None,
            event_id: None,
            occurred_at: None,
        },
    )
    .await?;
    tx.emit(&CustomerCreated { customer_id: saved.id, name: saved.name.clone() }).await?;
    Ok(saved.id)
}
