use kernel::Result;
use kernel::address::Address;
use kernel::pagination::PageRequest;
use serde_json::{Map, Value};
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::model::{Contact, Customer, CustomerFilter, DuplicateHint, parse_enum};

struct Row {
    id: Uuid,
    kind: String,
    name: String,
    trade_name: Option<String>,
    document: Option<String>,
    emails: Vec<String>,
    phones: Vec<String>,
    address: Option<Json<Address>>,
    tags: Vec<String>,
    owner_id: Option<Uuid>,
    status: String,
    notes: Option<String>,
    custom_fields: Json<Map<String, Value>>,
    version: i32,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
}

impl TryFrom<Row> for Customer {
    type Error = kernel::Error;
    fn try_from(r: Row) -> Result<Self> {
        Ok(Customer {
            id: r.id,
            kind: parse_enum(&r.kind)?,
            name: r.name,
            trade_name: r.trade_name,
            document: r.document,
            emails: r.emails,
            phones: r.phones,
            address: r.address.map(|a| a.0),
            tags: r.tags,
            owner_id: r.owner_id,
            status: parse_enum(&r.status)?,
            notes: r.notes,
            custom_fields: r.custom_fields.0,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// Writes every column of `c` (insert, or update guarded by `expected_version`).
pub async fn insert(conn: &mut PgConnection, tenant_id: Uuid, c: &Customer) -> Result<Customer> {
    let row = sqlx::query_as!(
        Row,
        r#"insert into customers (tenant_id, id, kind, name, trade_name, document, emails, phones, address, tags,
                                  owner_id, status, notes, custom_fields)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           returning id, kind, name, trade_name, document, emails, phones,
                     address as "address: Json<Address>", tags, owner_id, status, notes,
                     custom_fields as "custom_fields!: Json<Map<String, Value>>", version, created_at, updated_at"#,
        tenant_id,
        c.id,
        c.kind.as_str(),
        c.name,
        c.trade_name,
        c.document,
        &c.emails,
        &c.phones,
        c.address.clone().map(Json) as Option<Json<Address>>,
        &c.tags,
        c.owner_id,
        c.status.as_str(),
        c.notes,
        Json(c.custom_fields.clone()) as Json<Map<String, Value>>,
    )
    .fetch_one(conn)
    .await?;
    row.try_into()
}

/// `None` when the stored version is not `expected_version` (someone else saved first).
pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    c: &Customer,
    expected_version: i32,
) -> Result<Option<Customer>> {
    let row = sqlx::query_as!(
        Row,
        r#"update customers set kind = $3, name = $4, trade_name = $5, document = $6, emails = $7, phones = $8,
                  address = $9, tags = $10, owner_id = $11, status = $12, notes = $13, custom_fields = $14,
                  version = version + 1
            where tenant_id = $1 and id = $2 and version = $15 and merged_into is null
           returning id, kind, name, trade_name, document, emails, phones,
                     address as "address: Json<Address>", tags, owner_id, status, notes,
                     custom_fields as "custom_fields!: Json<Map<String, Value>>", version, created_at, updated_at"#,
        tenant_id,
        c.id,
        c.kind.as_str(),
        c.name,
        c.trade_name,
        c.document,
        &c.emails,
        &c.phones,
        c.address.clone().map(Json) as Option<Json<Address>>,
        &c.tags,
        c.owner_id,
        c.status.as_str(),
        c.notes,
        Json(c.custom_fields.clone()) as Json<Map<String, Value>>,
        expected_version,
    )
    .fetch_optional(conn)
    .await?;
    row.map(Customer::try_from).transpose()
}

/// A live (not merged) customer.
/// Holds the customer's row until the transaction ends, so a change made
/// by the system (an automation) reads and writes its current version.
pub async fn lock(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!("select id from customers where tenant_id = $1 and id = $2 for update", tenant_id, id)
        .fetch_optional(conn)
        .await?;
    Ok(())
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Customer>> {
    let row = sqlx::query_as!(
        Row,
        r#"select id, kind, name, trade_name, document, emails, phones,
                  address as "address: Json<Address>", tags, owner_id, status, notes,
                  custom_fields as "custom_fields!: Json<Map<String, Value>>", version, created_at, updated_at
             from customers where tenant_id = $1 and id = $2 and merged_into is null"#,
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    row.map(Customer::try_from).transpose()
}

/// Filtered, searched, sorted page (`limit + 1` rows; see `PageRequest::finish`).
pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    page: &PageRequest,
    f: &CustomerFilter,
) -> Result<Vec<Customer>> {
    let (field_key, field_value) = match f.field.as_deref().and_then(|s| s.split_once(':')) {
        Some((k, v)) => (Some(k.to_string()), Some(v.to_string())),
        None => (None, None),
    };
    let by_name = f.sort == Some(super::model::CustomerSort::Name);
    let rows = sqlx::query_as!(
        Row,
        r#"select c.id, c.kind, c.name, c.trade_name, c.document, c.emails, c.phones,
                  c.address as "address: Json<Address>", c.tags, c.owner_id, c.status, c.notes,
                  c.custom_fields as "custom_fields!: Json<Map<String, Value>>", c.version, c.created_at, c.updated_at
             from customers c
            where c.tenant_id = $1 and c.merged_into is null
              and ($2::text is null or c.search @@ search_query($2))
              and ($3::text is null or c.status = $3)
              and ($4::text is null or c.tags @> array[$4])
              and ($5::uuid is null or c.owner_id = $5)
              and ($6::text is null or c.custom_fields -> $6 = to_jsonb($7::text)
                   or c.custom_fields -> $6 @> jsonb_build_array($7::text)
                   or (c.custom_fields -> $6)::text = $7)
              and ($8::uuid is null or (case when $9
                     then (lower(c.name), c.id) > (select lower(x.name), x.id from customers x where x.tenant_id = $1 and x.id = $8)
                     else c.id < $8 end))
            order by case when $9 then lower(c.name) end, case when $9 then c.id end, c.id desc
            limit $10"#,
        tenant_id,
        page.q,
        f.status.map(|s| s.as_str()),
        f.tag.as_deref().map(str::to_lowercase),
        f.owner_id,
        field_key,
        field_value,
        page.after,
        by_name,
        page.fetch_limit(),
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(Customer::try_from).collect()
}

/// Live customers sharing a document, an e-mail or a phone.
pub async fn duplicates(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    document: Option<&str>,
    emails: &[String],
    phones: &[String],
    exclude: Option<Uuid>,
) -> Result<Vec<DuplicateHint>> {
    let rows = sqlx::query!(
        r#"select id, name, document, emails, phones from customers
            where tenant_id = $1 and merged_into is null and ($5::uuid is null or id <> $5)
              and ((document is not null and document = $2) or emails && $3 or phones && $4)
            order by id limit 20"#,
        tenant_id,
        document,
        emails,
        phones,
        exclude
    )
    .fetch_all(conn)
    .await?;
    let mut hints = Vec::new();
    for r in rows {
        if let (Some(d), Some(doc)) = (document, r.document.as_deref())
            && d == doc
        {
            hints.push(DuplicateHint {
                customer_id: r.id,
                name: r.name.clone(),
                field: "document".into(),
                value: d.into(),
            });
        }
        for e in r.emails.iter().filter(|e| emails.contains(e)) {
            hints.push(DuplicateHint {
                customer_id: r.id,
                name: r.name.clone(),
                field: "emails".into(),
                value: e.clone(),
            });
        }
        for p in r.phones.iter().filter(|p| phones.contains(p)) {
            hints.push(DuplicateHint {
                customer_id: r.id,
                name: r.name.clone(),
                field: "phones".into(),
                value: p.clone(),
            });
        }
    }
    Ok(hints)
}

pub async fn count_opportunities(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from opportunities where tenant_id = $1 and customer_id = $2"#,
        tenant_id,
        id
    )
    .fetch_one(conn)
    .await?)
}

pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    let n = sqlx::query!(
        "delete from customers where tenant_id = $1 and id = $2 and merged_into is null",
        tenant_id,
        id
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Moves everything that points at `merged` to `survivor` and retires `merged`.
pub async fn merge(conn: &mut PgConnection, tenant_id: Uuid, survivor: Uuid, merged: Uuid) -> Result<()> {
    sqlx::query!(
        "update contacts set customer_id = $2 where tenant_id = $1 and customer_id = $3",
        tenant_id,
        survivor,
        merged
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update opportunities set customer_id = $2 where tenant_id = $1 and customer_id = $3",
        tenant_id,
        survivor,
        merged
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update timeline_entries set customer_id = $2 where tenant_id = $1 and customer_id = $3",
        tenant_id,
        survivor,
        merged
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update customers set merged_into = $2, version = version + 1 where tenant_id = $1 and id = $3",
        tenant_id,
        survivor,
        merged
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn contacts(conn: &mut PgConnection, tenant_id: Uuid, customer_id: Uuid) -> Result<Vec<Contact>> {
    Ok(sqlx::query_as!(
        Contact,
        "select id, customer_id, name, job_title, email, phone, created_at
           from contacts where tenant_id = $1 and customer_id = $2 order by id",
        tenant_id,
        customer_id
    )
    .fetch_all(conn)
    .await?)
}

pub async fn find_contact(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Contact>> {
    Ok(sqlx::query_as!(
        Contact,
        "select id, customer_id, name, job_title, email, phone, created_at from contacts where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn upsert_contact(conn: &mut PgConnection, tenant_id: Uuid, c: &Contact) -> Result<Contact> {
    Ok(sqlx::query_as!(
        Contact,
        "insert into contacts (tenant_id, id, customer_id, name, job_title, email, phone)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (tenant_id, id) do update set name = excluded.name, job_title = excluded.job_title,
             email = excluded.email, phone = excluded.phone
         returning id, customer_id, name, job_title, email, phone, created_at",
        tenant_id,
        c.id,
        c.customer_id,
        c.name,
        c.job_title,
        c.email,
        c.phone
    )
    .fetch_one(conn)
    .await?)
}

pub async fn delete_contact(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    let n = sqlx::query!("delete from contacts where tenant_id = $1 and id = $2", tenant_id, id)
        .execute(conn)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Every live customer's id by CPF/CNPJ and by e-mail, loaded once so an
/// import matches rows in memory instead of one query per row.
pub async fn identity_index(
    conn: &mut PgConnection,
    tenant_id: Uuid,
) -> Result<(std::collections::HashMap<String, Uuid>, std::collections::HashMap<String, Uuid>)> {
    let rows = sqlx::query!(
        "select id, document, emails from customers where tenant_id = $1 and merged_into is null",
        tenant_id
    )
    .fetch_all(conn)
    .await?;
    let mut by_document = std::collections::HashMap::new();
    let mut by_email = std::collections::HashMap::new();
    for r in rows {
        if let Some(d) = r.document {
            by_document.insert(d, r.id);
        }
        for e in r.emails {
            by_email.entry(e).or_insert(r.id);
        }
    }
    Ok((by_document, by_email))
}
