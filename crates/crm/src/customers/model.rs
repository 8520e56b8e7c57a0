use chrono::{DateTime, Utc};
use kernel::address::Address;
use kernel::br::{Cnpj, Cpf};
use kernel::email::Email;
use kernel::error::Violations;
use kernel::phone::Phone;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CustomerKind {
    /// Pessoa física (CPF).
    Person,
    /// Pessoa jurídica (CNPJ).
    Company,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CustomerStatus {
    Lead,
    Active,
    Inactive,
}

impl CustomerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerKind::Person => "person",
            CustomerKind::Company => "company",
        }
    }
}

impl CustomerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerStatus::Lead => "lead",
            CustomerStatus::Active => "active",
            CustomerStatus::Inactive => "inactive",
        }
    }
}

pub fn parse_enum<T: serde::de::DeserializeOwned>(s: &str) -> kernel::Result<T> {
    serde_json::from_value(Value::String(s.to_string()))
        .map_err(|_| kernel::Error::internal(format!("bad enum {s}")))
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Contact {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub name: String,
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Customer {
    pub id: Uuid,
    pub kind: CustomerKind,
    pub name: String,
    pub trade_name: Option<String>,
    /// CPF or CNPJ, digits (and letters for alphanumeric CNPJ) only.
    pub document: Option<String>,
    pub emails: Vec<String>,
    /// E.164.
    pub phones: Vec<String>,
    pub address: Option<Address>,
    pub tags: Vec<String>,
    pub owner_id: Option<Uuid>,
    pub status: CustomerStatus,
    pub notes: Option<String>,
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub custom_fields: Map<String, Value>,
    /// Optimistic concurrency: send it back in `If-Match` when updating.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerPage {
    pub items: Vec<Customer>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerDetail {
    #[serde(flatten)]
    pub customer: Customer,
    pub contacts: Vec<Contact>,
}

/// Another customer that shares a document, e-mail or phone.
#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateHint {
    pub customer_id: Uuid,
    pub name: String,
    /// `document`, `emails` or `phones`.
    pub field: String,
    pub value: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedCustomer {
    #[serde(flatten)]
    pub customer: Customer,
    /// Customers that already have this CPF/CNPJ, e-mail or phone; the new
    /// one was saved anyway: merge them if they are the same.
    pub duplicates: Vec<DuplicateHint>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCustomerRequest {
    pub kind: CustomerKind,
    pub name: String,
    pub trade_name: Option<String>,
    pub document: Option<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    pub address: Option<Address>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub owner_id: Option<Uuid>,
    pub status: Option<CustomerStatus>,
    pub notes: Option<String>,
    #[serde(default)]
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub custom_fields: Map<String, Value>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCustomerRequest {
    pub kind: Option<CustomerKind>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<String>)]
    pub trade_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<String>)]
    pub document: Option<Option<String>>,
    pub emails: Option<Vec<String>>,
    pub phones: Option<Vec<String>>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<Address>)]
    pub address: Option<Option<Address>>,
    pub tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    pub status: Option<CustomerStatus>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<String>)]
    pub notes: Option<Option<String>>,
    /// Keys to set; `null` removes a value.
    #[schema(value_type = Option<std::collections::HashMap<String, serde_json::Value>>)]
    pub custom_fields: Option<Map<String, Value>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeRequest {
    /// The customer that disappears into the one in the path.
    pub merge_id: Uuid,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactRequest {
    pub name: String,
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Order of the customer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CustomerSort {
    /// Latest first.
    Recent,
    /// Alphabetical.
    Name,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CustomerFilter {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Full text over name, trade name, document, e-mails and phones; accents ignored.
    pub q: Option<String>,
    pub status: Option<CustomerStatus>,
    pub tag: Option<String>,
    pub owner_id: Option<Uuid>,
    /// Default `recent`.
    pub sort: Option<CustomerSort>,
    /// Custom field filter `key:value` (exact match; for multiselect, contains).
    pub field: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DuplicateQuery {
    pub document: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Ignore this customer (when editing it).
    pub exclude: Option<Uuid>,
}

/// Parsed, normalised customer data.
#[derive(Debug, Clone, Default)]
pub struct CustomerData {
    pub kind: Option<CustomerKind>,
    pub name: Option<String>,
    pub trade_name: Option<Option<String>>,
    pub document: Option<Option<String>>,
    pub emails: Option<Vec<String>>,
    pub phones: Option<Vec<String>>,
    pub address: Option<Option<Address>>,
    pub tags: Option<Vec<String>>,
    pub owner_id: Option<Option<Uuid>>,
    pub status: Option<CustomerStatus>,
    pub notes: Option<Option<String>>,
    pub custom_fields: Option<Map<String, Value>>,
}

/// CPF for people, CNPJ for companies.
pub fn parse_document(kind: CustomerKind, raw: &str) -> Result<String, String> {
    match kind {
        CustomerKind::Person => {
            Cpf::parse(raw).map(|c| c.as_str().to_string()).map_err(|e| format!("CPF: {e}"))
        }
        CustomerKind::Company => {
            Cnpj::parse(raw).map(|c| c.as_str().to_string()).map_err(|e| format!("CNPJ: {e}"))
        }
    }
}

fn opt_text(v: &mut Violations, field: &str, value: Option<&str>, max: usize) -> Option<String> {
    let t = value.map(str::trim).filter(|t| !t.is_empty())?;
    if t.chars().count() > max {
        v.add(field, format!("Use até {max} caracteres."));
    }
    Some(t.to_string())
}

pub fn clean_emails(v: &mut Violations, emails: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in emails.iter().enumerate() {
        if let Some(e) = v.check(&format!("emails.{i}"), Email::parse(raw))
            && !out.contains(&e.as_str().to_string())
        {
            out.push(e.as_str().to_string());
        }
    }
    out
}

pub fn clean_phones(v: &mut Violations, phones: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in phones.iter().enumerate() {
        if let Some(p) = v.check(&format!("phones.{i}"), Phone::parse(raw))
            && !out.contains(&p.as_str().to_string())
        {
            out.push(p.as_str().to_string());
        }
    }
    out
}

fn clean_tags(v: &mut Violations, tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim().to_lowercase();
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > 40 {
            v.add("tags", "Cada etiqueta deve ter até 40 caracteres.");
        } else if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

impl CreateCustomerRequest {
    pub fn parse(&self, v: &mut Violations) -> CustomerData {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            v.add("name", "Informe o nome (até 200 caracteres).");
        }
        let document = self
            .document
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .and_then(|d| v.check("document", parse_document(self.kind, d)));
        CustomerData {
            kind: Some(self.kind),
            name: Some(name.to_string()),
            trade_name: Some(opt_text(v, "trade_name", self.trade_name.as_deref(), 200)),
            document: Some(document),
            emails: Some(clean_emails(v, &self.emails)),
            phones: Some(clean_phones(v, &self.phones)),
            address: Some(self.address.as_ref().map(|a| a.checked("address", v))),
            tags: Some(clean_tags(v, &self.tags)),
            owner_id: Some(self.owner_id),
            status: Some(self.status.unwrap_or(CustomerStatus::Lead)),
            notes: Some(opt_text(v, "notes", self.notes.as_deref(), 5000)),
            custom_fields: Some(self.custom_fields.clone()),
        }
    }
}

impl UpdateCustomerRequest {
    /// `kind` is the customer's kind after the update (documents depend on it).
    pub fn parse(&self, kind: CustomerKind, v: &mut Violations) -> CustomerData {
        let name = self.name.as_deref().map(str::trim).map(|n| {
            if n.is_empty() || n.chars().count() > 200 {
                v.add("name", "Informe o nome (até 200 caracteres).");
            }
            n.to_string()
        });
        CustomerData {
            kind: self.kind,
            name,
            trade_name: self.trade_name.as_ref().map(|t| opt_text(v, "trade_name", t.as_deref(), 200)),
            document: self.document.as_ref().map(|d| {
                d.as_deref()
                    .filter(|d| !d.trim().is_empty())
                    .and_then(|d| v.check("document", parse_document(kind, d)))
            }),
            emails: self.emails.as_ref().map(|e| clean_emails(v, e)),
            phones: self.phones.as_ref().map(|p| clean_phones(v, p)),
            address: self.address.as_ref().map(|a| a.as_ref().map(|a| a.checked("address", v))),
            tags: self.tags.as_ref().map(|t| clean_tags(v, t)),
            owner_id: self.owner_id,
            status: self.status,
            notes: self.notes.as_ref().map(|n| opt_text(v, "notes", n.as_deref(), 5000)),
            custom_fields: self.custom_fields.clone(),
        }
    }
}
