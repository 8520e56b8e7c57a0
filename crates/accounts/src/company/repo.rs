use kernel::Result;
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use crate::images::repo::StoredFile;

use super::model::{Address, BusinessHours, Company, CompanyChange};
use crate::auth::model::MeCompany;

struct CompanyRow {
    tenant_id: Uuid,
    name: String,
    trade_name: Option<String>,
    cnpj: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    address: Option<Json<Address>>,
    timezone: String,
    business_hours: Json<Vec<BusinessHours>>,
    logo_file_id: Option<Uuid>,
    plan_code: String,
    updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<CompanyRow> for Company {
    fn from(r: CompanyRow) -> Self {
        Company {
            id: r.tenant_id,
            name: r.name,
            trade_name: r.trade_name,
            cnpj: r.cnpj,
            email: r.email,
            phone: r.phone,
            address: r.address.map(|a| a.0),
            timezone: r.timezone,
            business_hours: r.business_hours.0,
            has_logo: r.logo_file_id.is_some(),
            plan_code: r.plan_code,
            updated_at: r.updated_at,
        }
    }
}

pub async fn get(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Company> {
    let row = sqlx::query_as!(
        CompanyRow,
        r#"select tenant_id, name, trade_name, cnpj, email, phone,
                  address as "address: Json<Address>", timezone,
                  business_hours as "business_hours!: Json<Vec<BusinessHours>>",
                  logo_file_id, plan_code, updated_at
             from companies where tenant_id = $1"#,
        tenant_id
    )
    .fetch_one(conn)
    .await?;
    Ok(row.into())
}

pub async fn summary(conn: &mut PgConnection, tenant_id: Uuid) -> Result<MeCompany> {
    Ok(sqlx::query_as!(
        MeCompany,
        "select tenant_id as id, name, trade_name, plan_code from companies where tenant_id = $1",
        tenant_id
    )
    .fetch_one(conn)
    .await?)
}

/// Applies a checked change; absent fields keep their value.
pub async fn update(conn: &mut PgConnection, tenant_id: Uuid, c: &CompanyChange) -> Result<()> {
    let address = c.address.as_ref().map(|a| a.as_ref().map(|a| Json(a.clone())));
    let hours = c.business_hours.as_ref().map(|h| Json(h.clone()));
    sqlx::query!(
        r#"update companies set
             name = coalesce($2, name),
             trade_name = case when $3 then $4 else trade_name end,
             cnpj = case when $5 then $6 else cnpj end,
             email = case when $7 then $8 else email end,
             phone = case when $9 then $10 else phone end,
             address = case when $11 then $12 else address end,
             timezone = coalesce($13, timezone),
             business_hours = coalesce($14, business_hours)
           where tenant_id = $1"#,
        tenant_id,
        c.name,
        c.trade_name.is_some(),
        c.trade_name.clone().flatten(),
        c.cnpj.is_some(),
        c.cnpj.clone().flatten(),
        c.email.is_some(),
        c.email.clone().flatten(),
        c.phone.is_some(),
        c.phone.clone().flatten(),
        address.is_some(),
        address.flatten() as Option<Json<Address>>,
        c.timezone,
        hours as Option<Json<Vec<BusinessHours>>>,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn logo(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Option<StoredFile>> {
    Ok(sqlx::query_as!(
        StoredFile,
        "select f.id, f.object_key, f.content_type
           from companies c join files f on f.tenant_id = c.tenant_id and f.id = c.logo_file_id
          where c.tenant_id = $1",
        tenant_id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn set_logo(conn: &mut PgConnection, tenant_id: Uuid, file_id: Option<Uuid>) -> Result<()> {
    sqlx::query!("update companies set logo_file_id = $2 where tenant_id = $1", tenant_id, file_id)
        .execute(conn)
        .await?;
    Ok(())
}
