//! Read-only views of the company (owned by `accounts`) and of customers
//! (owned by `crm`), for invoices, PIX codes, e-mails and the public page.
//! Finance never writes these tables.

use chrono::{NaiveDate, Utc};
use kernel::Result;
use kernel::address::Address;
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

pub struct Company {
    pub name: String,
    pub trade_name: Option<String>,
    pub cnpj: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<Json<Address>>,
    pub timezone: String,
    pub logo_key: Option<String>,
    /// The owner confirmed the sign-up address; until then the company
    /// mails nothing to its customers (see `Session::require_confirmed_company`).
    pub email_confirmed: bool,
}

impl Company {
    pub fn display_name(&self) -> &str {
        self.trade_name.as_deref().unwrap_or(&self.name)
    }

    pub fn city(&self) -> Option<String> {
        self.address.as_ref().map(|a| a.0.city.clone())
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        kernel::business_hours::timezone(&self.timezone)
    }

    /// The company's calendar date now.
    pub fn today(&self) -> NaiveDate {
        Utc::now().with_timezone(&self.tz()).date_naive()
    }

    /// The company as the issuer printed on its invoices and receipts.
    pub fn as_issuer(&self) -> documents::Party {
        documents::Party {
            name: self.display_name().to_string(),
            document: self.cnpj.as_deref().map(kernel::br::document_label),
            email: self.email.clone(),
            phone: self.phone.clone(),
            address: self.address.as_ref().map(|a| a.0.one_line()),
        }
    }
}

pub async fn company(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Company> {
    Ok(sqlx::query_as!(
        Company,
        r#"select c.name, c.trade_name, c.cnpj, c.email, c.phone, c.address as "address: Json<Address>", c.timezone,
                  f.object_key as "logo_key?", c.email_confirmed_at is not null as "email_confirmed!"
             from companies c left join files f on f.tenant_id = c.tenant_id and f.id = c.logo_file_id
            where c.tenant_id = $1"#,
        tenant_id
    )
    .fetch_one(conn)
    .await?)
}

pub struct Customer {
    pub id: Uuid,
    pub name: String,
    pub document: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub address: Option<Json<Address>>,
}

/// A customer that still exists (merged ones resolve to the survivor).
pub async fn customer(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Customer>> {
    Ok(sqlx::query_as!(
        Customer,
        r#"select c.id, c.name, c.document, c.emails, c.phones, c.address as "address: Json<Address>"
             from customers c
          where c.tenant_id = $1
            and c.id = (select coalesce(m.merged_into, m.id) from customers m where m.tenant_id = $1 and m.id = $2)
            and c.merged_into is null"#,
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}
