use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::FinanceSettings;

/// The company's settings, or the defaults when it never saved any.
pub async fn get(conn: &mut PgConnection, tenant_id: Uuid) -> Result<FinanceSettings> {
    let row = sqlx::query_as!(
        FinanceSettings,
        "select fine_bp, interest_bp_month, due_in_days, pix_key, pix_key_kind, merchant_name, merchant_city,
                dunning_offsets, dunning_enabled, email_on_issue
           from finance_settings where tenant_id = $1",
        tenant_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.unwrap_or_default())
}

pub async fn save(conn: &mut PgConnection, tenant_id: Uuid, s: &FinanceSettings) -> Result<()> {
    sqlx::query!(
        "insert into finance_settings (tenant_id, fine_bp, interest_bp_month, due_in_days, pix_key, pix_key_kind,
                                       merchant_name, merchant_city, dunning_offsets, dunning_enabled,
                                       email_on_issue)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         on conflict (tenant_id) do update set
           fine_bp = excluded.fine_bp, interest_bp_month = excluded.interest_bp_month,
           due_in_days = excluded.due_in_days, pix_key = excluded.pix_key, pix_key_kind = excluded.pix_key_kind,
           merchant_name = excluded.merchant_name, merchant_city = excluded.merchant_city,
           dunning_offsets = excluded.dunning_offsets, dunning_enabled = excluded.dunning_enabled,
           email_on_issue = excluded.email_on_issue, updated_at = now()",
        tenant_id,
        s.fine_bp,
        s.interest_bp_month,
        s.due_in_days,
        s.pix_key,
        s.pix_key_kind,
        s.merchant_name,
        s.merchant_city,
        &s.dunning_offsets,
        s.dunning_enabled,
        s.email_on_issue
    )
    .execute(conn)
    .await?;
    Ok(())
}
