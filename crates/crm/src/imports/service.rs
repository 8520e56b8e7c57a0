//! Runs a CSV import as a job: every row parsed by the same rules as the
//! customer form, matched on CPF/CNPJ or e-mail to update instead of
//! duplicating, inside one transaction (all or nothing) unless the user chose
//! to skip bad rows. Progress is written on a separate connection so the
//! page can show it while the import's own transaction is still open.

use std::collections::BTreeMap;

use kernel::address::Address;
use kernel::error::{Error as KError, Violations};
use kernel::jobs::{Job, Registry};
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use serde_json::Map;
use uuid::Uuid;

use super::csv_file;
use super::model::RowError;
use super::repo;
use crate::customers::model::{CreateCustomerRequest, CustomerKind, CustomerStatus};
use crate::customers::{repo as customers, service as customer_rules};

/// Errors kept for the user to read.
const MAX_ERRORS: usize = 1000;
const PROGRESS_EVERY: usize = 500;

#[derive(Debug, Serialize, Deserialize)]
pub struct RunImport {
    pub import_id: Uuid,
    pub user_id: Uuid,
}

impl Job for RunImport {
    const KIND: &'static str = "crm.import_customers";
    const MAX_ATTEMPTS: i32 = 3;
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: RunImport| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("import without tenant"))?;
        run(&app, tenant, job).await.map_err(|e| anyhow::anyhow!("{e}"))
    });
}

fn split_list(value: &str, seps: &[char]) -> Vec<String> {
    value.split(|c| seps.contains(&c)).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn kind_of(value: Option<&str>, document: Option<&str>) -> CustomerKind {
    let v = value.unwrap_or("").to_lowercase();
    if ["pj", "juridica", "jurídica", "empresa", "company", "pessoa jurídica", "pessoa juridica"]
        .contains(&v.as_str())
    {
        return CustomerKind::Company;
    }
    if ["pf", "fisica", "física", "pessoa", "person", "pessoa física", "pessoa fisica"].contains(&v.as_str())
    {
        return CustomerKind::Person;
    }
    let digits = document.map(|d| d.chars().filter(char::is_ascii_alphanumeric).count()).unwrap_or(0);
    if digits == 14 { CustomerKind::Company } else { CustomerKind::Person }
}

fn status_of(value: Option<&str>, v: &mut Violations) -> Option<CustomerStatus> {
    match value.map(|s| s.trim().to_lowercase()).as_deref() {
        None | Some("") => None,
        Some("lead" | "prospect" | "potencial") => Some(CustomerStatus::Lead),
        Some("ativo" | "ativa" | "active" | "cliente") => Some(CustomerStatus::Active),
        Some("inativo" | "inativa" | "inactive") => Some(CustomerStatus::Inactive),
        Some(_) => {
            v.add("status", "Use lead, ativo ou inativo.");
            None
        }
    }
}

/// A row as a customer form.
pub fn row_to_request(
    row: &[String],
    columns: &[String],
    mapping: &BTreeMap<String, String>,
    v: &mut Violations,
) -> CreateCustomerRequest {
    let get = |field: &str| -> Option<&str> {
        let col = mapping.get(field)?;
        let i = columns.iter().position(|c| c == col)?;
        row.get(i).map(String::as_str).map(str::trim).filter(|s| !s.is_empty())
    };
    let document = get("document").map(str::to_string);
    let address = get("cep").map(|cep| Address {
        cep: cep.into(),
        street: get("street").unwrap_or("").into(),
        number: get("number").unwrap_or("s/n").into(),
        complement: get("complement").map(str::to_string),
        district: get("district").unwrap_or("").into(),
        city: get("city").unwrap_or("").into(),
        state: get("state").unwrap_or("").into(),
    });
    CreateCustomerRequest {
        kind: kind_of(get("kind"), document.as_deref()),
        name: get("name").unwrap_or("").into(),
        trade_name: get("trade_name").map(str::to_string),
        document,
        emails: get("email").map(|e| split_list(e, &[',', ';', ' ', '/'])).unwrap_or_default(),
        phones: get("phone").map(|p| split_list(p, &[',', ';', '/'])).unwrap_or_default(),
        address,
        tags: get("tags").map(|t| split_list(t, &[',', ';', '|'])).unwrap_or_default(),
        owner_id: None,
        status: status_of(get("status"), v),
        notes: get("notes").map(str::to_string),
        custom_fields: Map::new(),
    }
}

async fn run(app: &App, tenant: Uuid, job: RunImport) -> Result<()> {
    let mut progress = TenantTx::begin(&app.db, tenant).await?;
    let import = repo::find(&mut progress, tenant, job.import_id).await?.ok_or(KError::NotFound)?;
    let key = repo::object_key(&mut progress, tenant, job.import_id).await?.ok_or(KError::NotFound)?;
    progress.commit().await?;
    let mapping = import.mapping.clone().unwrap_or_default();
    let bytes = app.storage.get(&key).await?;
    let file = csv_file::read(&bytes).map_err(|e| KError::field("file", e))?;
    // Imported customers belong to whoever imported them.
    let user_id = job.user_id;
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let (mut by_document, mut by_email) = customers::identity_index(&mut tx, tenant).await?;
    let (mut created, mut updated, mut skipped) = (0i32, 0i32, 0i32);
    let mut errors: Vec<RowError> = Vec::new();
    for (i, row) in file.rows.iter().enumerate() {
        let line = i as i64 + 2;
        let mut v = Violations::new();
        let req = row_to_request(row, &file.columns, &mapping, &mut v);
        let data = req.parse(&mut v);
        let row_errors = match v.finish() {
            Ok(()) => None,
            Err(KError::Validation(list)) => Some(list),
            Err(other) => return Err(other),
        };
        if let Some(list) = row_errors {
            skipped += 1;
            for e in list {
                if errors.len() < MAX_ERRORS {
                    errors.push(RowError { line, field: e.field, message: e.message });
                }
            }
        } else {
            let document = data.document.clone().flatten();
            let existing_id = document
                .as_ref()
                .and_then(|d| by_document.get(d))
                .or_else(|| data.emails.as_ref().and_then(|e| e.iter().find_map(|e| by_email.get(e))))
                .copied();
            let existing = match existing_id {
                Some(id) => customers::find(&mut tx, tenant, id).await?,
                None => None,
            };
            let saved = match existing {
                Some(existing) => {
                    let mut merged = existing.clone();
                    let kind_given = mapping.contains_key("kind");
                    let status_given = req.status.is_some();
                    customer_rules::apply_import(&mut merged, data, kind_given, status_given);
                    updated += 1;
                    customers::update(&mut tx, tenant, &merged, existing.version).await?.unwrap_or(merged)
                }
                None => {
                    let mut customer = customer_rules::new_customer(req.kind, data);
                    customer.owner_id = Some(user_id);
                    created += 1;
                    customers::insert(&mut tx, tenant, &customer).await?
                }
            };
            // Later rows of the same file match this one too.
            if let Some(d) = &saved.document {
                by_document.insert(d.clone(), saved.id);
            }
            for e in &saved.emails {
                by_email.entry(e.clone()).or_insert(saved.id);
            }
        }
        if (i + 1) % PROGRESS_EVERY == 0 {
            let mut p = TenantTx::begin(&app.db, tenant).await?;
            repo::progress(&mut p, tenant, job.import_id, i as i32 + 1).await?;
            p.commit().await?;
        }
    }
    let processed = file.rows.len() as i32;
    let mut done = TenantTx::begin(&app.db, tenant).await?;
    if !errors.is_empty() && !import.skip_invalid {
        drop(tx); // all or nothing: nothing of this file is kept
        repo::finish(&mut done, tenant, job.import_id, false, processed, 0, 0, skipped, &errors).await?;
    } else {
        tx.emit(&events::CustomersImported {
            import_id: job.import_id,
            created: created as i64,
            updated: updated as i64,
            skipped: skipped as i64,
        })
        .await?;
        tx.commit().await?;
        repo::finish(&mut done, tenant, job.import_id, true, processed, created, updated, skipped, &errors)
            .await?;
    }
    done.commit().await?;
    Ok(())
}
