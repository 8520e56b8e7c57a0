use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{CustomField, FieldType};

struct Row {
    id: Uuid,
    key: String,
    label: String,
    field_type: String,
    options: Vec<String>,
    required: bool,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl TryFrom<Row> for CustomField {
    type Error = kernel::Error;
    fn try_from(r: Row) -> Result<Self> {
        Ok(CustomField {
            id: r.id,
            key: r.key,
            label: r.label,
            field_type: FieldType::parse(&r.field_type)?,
            options: r.options,
            required: r.required,
            created_at: r.created_at,
        })
    }
}

pub async fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<CustomField>> {
    let rows = sqlx::query_as!(
        Row,
        "select id, key, label, field_type, options, required, created_at
           from custom_field_definitions where tenant_id = $1 order by id",
        tenant_id
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(CustomField::try_from).collect()
}

#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    key: &str,
    label: &str,
    field_type: FieldType,
    options: &[String],
    required: bool,
) -> Result<CustomField> {
    let row = sqlx::query_as!(
        Row,
        "insert into custom_field_definitions (tenant_id, id, key, label, field_type, options, required)
         values ($1, $2, $3, $4, $5, $6, $7)
         returning id, key, label, field_type, options, required, created_at",
        tenant_id,
        id,
        key,
        label,
        field_type.as_str(),
        options,
        required
    )
    .fetch_one(conn)
    .await?;
    row.try_into()
}

/// Deletes the definition and its values on every customer.
pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    let key = sqlx::query_scalar!(
        "delete from custom_field_definitions where tenant_id = $1 and id = $2 returning key",
        tenant_id,
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(key) = key else { return Ok(false) };
    sqlx::query!(
        "update customers set custom_fields = custom_fields - $2::text
          where tenant_id = $1 and custom_fields ? $2::text",
        tenant_id,
        key
    )
    .execute(conn)
    .await?;
    Ok(true)
}
