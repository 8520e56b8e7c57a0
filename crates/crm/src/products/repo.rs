use kernel::Result;
use kernel::pagination::PageRequest;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::Product;
use crate::customers::model::parse_enum;

struct Row {
    id: Uuid,
    sku: String,
    name: String,
    description: Option<String>,
    unit: String,
    price_cents: i64,
    billing: String,
    active: bool,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl TryFrom<Row> for Product {
    type Error = kernel::Error;
    fn try_from(r: Row) -> Result<Self> {
        Ok(Product {
            id: r.id,
            sku: r.sku,
            name: r.name,
            description: r.description,
            unit: r.unit,
            price_cents: r.price_cents,
            currency: "BRL".into(),
            billing: parse_enum(&r.billing)?,
            active: r.active,
            created_at: r.created_at,
        })
    }
}

pub async fn upsert(conn: &mut PgConnection, tenant_id: Uuid, p: &Product) -> Result<Product> {
    let row = sqlx::query_as!(
        Row,
        "insert into products (tenant_id, id, sku, name, description, unit, price_cents, billing, active)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (tenant_id, id) do update set sku = excluded.sku, name = excluded.name,
             description = excluded.description, unit = excluded.unit, price_cents = excluded.price_cents,
             billing = excluded.billing, active = excluded.active
         returning id, sku, name, description, unit, price_cents, billing, active, created_at",
        tenant_id,
        p.id,
        p.sku,
        p.name,
        p.description,
        p.unit,
        p.price_cents,
        p.billing.as_str(),
        p.active
    )
    .fetch_one(conn)
    .await?;
    row.try_into()
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Product>> {
    let row = sqlx::query_as!(
        Row,
        "select id, sku, name, description, unit, price_cents, billing, active, created_at
           from products where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    row.map(Product::try_from).transpose()
}

/// By name; `q` matches name or SKU without accents.
pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    page: &PageRequest,
    active: Option<bool>,
) -> Result<Vec<Product>> {
    let pattern = page.like_pattern();
    let rows = sqlx::query_as!(
        Row,
        "select id, sku, name, description, unit, price_cents, billing, active, created_at
           from products
          where tenant_id = $1
            and ($2::text is null or immutable_unaccent(name) ilike immutable_unaccent($2) or sku ilike $2)
            and ($3::bool is null or active = $3)
            and ($4::uuid is null or id < $4)
          order by id desc limit $5",
        tenant_id,
        pattern,
        active,
        page.after,
        page.fetch_limit()
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(Product::try_from).collect()
}
