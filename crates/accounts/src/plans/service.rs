//! Plan limits, checked where a limit can be crossed.

use kernel::tenant::TenantTx;
use kernel::{Error, Result};

use super::repo;

/// Fails with a plan-limit problem when one more active user would not fit.
/// Pending invitations count, so a company cannot invite past its limit.
pub async fn ensure_room_for_user(tx: &mut TenantTx, pending_invitations: i64) -> Result<()> {
    let tenant_id = tx.tenant_id();
    let plan = repo::of_company(tx, tenant_id).await?;
    let usage = repo::usage(tx, tenant_id).await?;
    let max = i64::from(plan.limits.users);
    if usage.users + pending_invitations >= max {
        return Err(Error::PlanLimit {
            limit: "users".into(),
            max,
            plan: plan.code,
            message: format!(
                "O plano {} permite até {max} usuários ativos (incluindo convites pendentes). Faça upgrade do plano para adicionar mais.",
                plan.name
            ),
        });
    }
    Ok(())
}

/// Fails when a new file of `bytes` would exceed the plan's storage.
pub async fn ensure_room_for_bytes(tx: &mut TenantTx, bytes: i64) -> Result<()> {
    let tenant_id = tx.tenant_id();
    let plan = repo::of_company(tx, tenant_id).await?;
    let used: i64 = sqlx::query_scalar!(
        r#"select coalesce(sum(size_bytes), 0)::bigint as "used!" from files where tenant_id = $1"#,
        tenant_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let max_mb = i64::from(plan.limits.storage_mb);
    if used + bytes > max_mb * 1024 * 1024 {
        return Err(Error::PlanLimit {
            limit: "storage_mb".into(),
            max: max_mb,
            plan: plan.code,
            message: format!("O plano {} permite {max_mb} MB de arquivos. Faça upgrade do plano.", plan.name),
        });
    }
    Ok(())
}
