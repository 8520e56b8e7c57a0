//! Plan limits, checked where a limit can be crossed.

use kernel::tenant::TenantTx;
use kernel::{Error, Result};

use super::model::CompanyPlan;
use super::repo;

/// Moves the company of `tx` to another plan. A plan too small for what
/// the company already uses is refused, naming the limit. Only operators
/// call this (`conectcrm plan set`): no plan is billed yet, so no user may
/// pick one.
pub async fn change(tx: &mut TenantTx, plan_code: &str) -> Result<CompanyPlan> {
    let tenant = tx.tenant_id();
    let plan =
        repo::find(tx, plan_code).await?.ok_or_else(|| Error::field("plan_code", "Plano inexistente."))?;
    let usage = repo::usage(tx, tenant).await?;
    let too_small = |limit: &str, used: i64, max: i32, what: &str| {
        (used > i64::from(max)).then(|| Error::PlanTooSmall {
            limit: limit.into(),
            max: i64::from(max),
            plan: plan.code.clone(),
            message: format!(
                "O plano {} permite {max} {what}, e a empresa usa {used}. Reduza o uso antes de mudar.",
                plan.name
            ),
        })
    };
    if let Some(e) = too_small("users", usage.users, plan.limits.users, "usuários ativos")
        .or_else(|| too_small("storage_mb", usage.storage_mb, plan.limits.storage_mb, "MB de arquivos"))
        .or_else(|| too_small("channels", usage.channels, plan.limits.channels, "canais"))
    {
        return Err(e);
    }
    repo::set_company_plan(tx, tenant, &plan.code).await?;
    tx.emit(&events::CompanyUpdated { company_id: tx.tenant_id(), plan_code: Some(plan.code.clone()) })
        .await?;
    Ok(CompanyPlan { plan, usage })
}

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
