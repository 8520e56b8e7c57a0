//! SLA: first-response and resolution targets per priority, counted in
//! business minutes of the ticket's team (or the company's hours). A
//! delayed job per ticket and target fires at 80 % of the window (warning)
//! and at the due time (breach); it does nothing when the target was met.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use events::SlaTarget;
use kernel::error::{Problem, Violations};
use kernel::http::ApiJson;
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::session::Session;
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::tickets::model::Priority;
use crate::tickets::repo as tickets;
use crate::{SUPPORT_ADMINS, SUPPORT_ROLES};

mod repo;

pub use kernel::business_hours::{Hours, add_business_minutes};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SlaPolicy {
    pub priority: Priority,
    pub first_response_minutes: i32,
    pub resolution_minutes: i32,
}

/// Defaults until a company sets its own (business minutes).
pub fn default_policy(p: Priority) -> SlaPolicy {
    let (first, resolution) = match p {
        Priority::Urgent => (30, 240),
        Priority::High => (60, 480),
        Priority::Normal => (240, 1440),
        Priority::Low => (480, 2880),
    };
    SlaPolicy { priority: p, first_response_minutes: first, resolution_minutes: resolution }
}

const PRIORITIES: [Priority; 4] = [Priority::Low, Priority::Normal, Priority::High, Priority::Urgent];

pub async fn policies(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<SlaPolicy>> {
    let rows = repo::stored(conn, tenant_id).await?;
    Ok(PRIORITIES
        .iter()
        .map(|p| rows.iter().find(|r| r.priority == *p).cloned().unwrap_or_else(|| default_policy(*p)))
        .collect())
}

pub async fn policy(conn: &mut PgConnection, tenant_id: Uuid, p: Priority) -> Result<SlaPolicy> {
    Ok(policies(conn, tenant_id)
        .await?
        .into_iter()
        .find(|x| x.priority == p)
        .unwrap_or_else(|| default_policy(p)))
}

/// The hours that count for a team: its own, else the company's.
pub async fn hours_for(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    team_id: Option<Uuid>,
) -> Result<(Tz, Hours)> {
    let company = repo::company_hours(conn, tenant_id).await?;
    let tz = kernel::business_hours::timezone(&company.timezone);
    let team_hours = match team_id {
        Some(t) => {
            crate::teams::repo::find_team(conn, tenant_id, t).await?.map(|t| t.hours()).unwrap_or_default()
        }
        None => vec![],
    };
    let hours = if team_hours.is_empty() {
        Hours::from_json(company.business_hours)
    } else {
        Hours::from_windows(&team_hours)
    };
    Ok((tz, hours))
}

/// Due times for a ticket opened `at`.
pub async fn due_times(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    team_id: Option<Uuid>,
    priority: Priority,
    at: DateTime<Utc>,
) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
    let p = policy(conn, tenant_id, priority).await?;
    let (tz, hours) = hours_for(conn, tenant_id, team_id).await?;
    Ok((
        add_business_minutes(at, p.first_response_minutes as i64, tz, &hours),
        add_business_minutes(at, p.resolution_minutes as i64, tz, &hours),
    ))
}

/// Due times counted again from when the ticket was opened, for a
/// priority or team that changed before anyone took it (the LLM's
/// refinement of a new ticket), with their checks. A check scheduled for
/// the old times finds the ticket not yet due and does nothing.
pub async fn replan(tx: &mut TenantTx, ticket_id: Uuid) -> Result<()> {
    let tenant = tx.tenant_id();
    let Some(t) = tickets::find(tx, tenant, ticket_id, true).await? else { return Ok(()) };
    let (first, resolution) = due_times(tx, tenant, t.team_id, t.priority, t.created_at).await?;
    tickets::set_due_times(tx, tenant, ticket_id, first, resolution).await?;
    let mut targets = Vec::with_capacity(2);
    if t.first_response_at.is_none() {
        targets.push(("first_response", first));
    }
    if t.resolved_at.is_none() {
        targets.push(("resolution", resolution));
    }
    schedule(tx, ticket_id, t.created_at, &targets).await
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CheckSla {
    pub ticket_id: Uuid,
    /// "first_response" or "resolution".
    pub target: String,
    pub breach: bool,
}

impl Job for CheckSla {
    const KIND: &'static str = "support.sla_check";
}

/// Schedules the warning (at 80 % of the window) and breach checks.
pub async fn schedule(
    tx: &mut TenantTx,
    ticket_id: Uuid,
    opened: DateTime<Utc>,
    targets: &[(&str, DateTime<Utc>)],
) -> Result<()> {
    let tenant = tx.tenant_id();
    for (target, due) in targets {
        let warn = opened + (*due - opened) * 4 / 5;
        for (breach, at) in [(false, warn), (true, *due)] {
            jobs::enqueue(
                tx,
                Some(tenant),
                &CheckSla { ticket_id, target: target.to_string(), breach },
                EnqueueOptions {
                    run_at: Some(at),
                    dedupe_key: Some(format!("sla:{ticket_id}:{target}:{breach}:{}", due.timestamp())),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    Ok(())
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: CheckSla| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("sla check without tenant"))?;
        let mut tx = TenantTx::begin(&app.db, tenant).await?;
        check(&mut tx, &job, Utc::now()).await?;
        tx.commit().await?;
        Ok(())
    });
}

/// Marks and announces a warning or breach when the target is still unmet.
pub async fn check(tx: &mut TenantTx, job: &CheckSla, now: DateTime<Utc>) -> Result<bool> {
    let tenant = tx.tenant_id();
    let Some(t) = tickets::find(tx, tenant, job.ticket_id, true).await? else { return Ok(false) };
    let (due, done) = match job.target.as_str() {
        "first_response" => (t.first_response_due, t.first_response_at),
        _ => (t.resolution_due, t.resolved_at),
    };
    let Some(due) = due else { return Ok(false) };
    if done.is_some() || !t.status.is_open() || (job.breach && now < due) {
        return Ok(false);
    }
    tickets::set_sla_mark(tx, tenant, t.id, job.breach).await?;
    let target = SlaTarget::parse(&job.target).unwrap_or(SlaTarget::Resolution);
    if job.breach {
        tx.emit(&events::SlaBreached {
            ticket_id: t.id,
            number: t.number,
            target,
            due,
            assignee_id: t.assignee_id,
            team_id: t.team_id,
        })
        .await?;
    } else {
        tx.emit(&events::SlaWarningReached {
            ticket_id: t.id,
            number: t.number,
            target,
            due,
            assignee_id: t.assignee_id,
            team_id: t.team_id,
        })
        .await?;
    }
    tickets::log(
        tx,
        tenant,
        t.id,
        None,
        if job.breach { "sla.breached" } else { "sla.warning" },
        json!({ "target": job.target }),
    )
    .await?;
    Ok(true)
}

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(list_policies, save_policies))
}

#[utoipa::path(get, path = "/sla-policies", tag = "support", security(("bearer" = [])),
    responses((status = 200, body = Vec<SlaPolicy>), (status = 403, body = Problem)))]
async fn list_policies(mut s: Session) -> Result<ApiJson<Vec<SlaPolicy>>> {
    s.require(SUPPORT_ROLES)?;
    let p = policies(&mut s.tx, s.user.tenant_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(p))
}

/// Replaces the targets (business minutes) of the priorities given.
#[utoipa::path(put, path = "/sla-policies", tag = "support", security(("bearer" = [])), request_body = Vec<SlaPolicy>,
    responses((status = 200, body = Vec<SlaPolicy>), (status = 422, body = Problem)))]
async fn save_policies(
    mut s: Session,
    ApiJson(body): ApiJson<Vec<SlaPolicy>>,
) -> Result<ApiJson<Vec<SlaPolicy>>> {
    s.require(SUPPORT_ADMINS)?;
    let mut v = Violations::new();
    for (i, p) in body.iter().enumerate() {
        if !(1..=525_600).contains(&p.first_response_minutes)
            || !(1..=525_600).contains(&p.resolution_minutes)
        {
            v.add(&format!("[{i}]"), "Prazos entre 1 minuto e 1 ano.");
        } else if p.first_response_minutes > p.resolution_minutes {
            v.add(
                &format!("[{i}].first_response_minutes"),
                "A primeira resposta não pode vir depois da resolução.",
            );
        }
    }
    v.finish()?;
    let tenant = s.user.tenant_id;
    for p in &body {
        repo::save(&mut s.tx, tenant, p).await?;
    }
    let p = policies(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    Ok(ApiJson(p))
}
