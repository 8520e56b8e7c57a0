//! Scheduled flows: a cron of five fields (minute hour day month weekday,
//! e.g. `0 9 * * Mon-Fri`, "todo dia útil às 9h") read in the company's
//! timezone. Each time is a delayed job ([`ScheduleTick`]) that emits
//! `FlowScheduleFired` for its flow and queues the next time, so a
//! schedule survives restarts, several workers fire it once (dedupe key per
//! flow, version and time) and a paused or republished flow stops its old
//! chain.

use std::str::FromStr;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use kernel::jobs::{self, EnqueueOptions, Job};
use kernel::tenant::TenantTx;
use kernel::{Error, Result};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::repo::FlowRow;

/// Fires closer together than this are refused.
pub const MIN_INTERVAL_MINUTES: i64 = 15;

/// The cron crate's form (seconds first) of a five-field expression.
fn parse(expr: &str) -> std::result::Result<cron::Schedule, String> {
    let fields: Vec<&str> = expr.split_whitespace().collect();
    if fields.len() != 5 {
        return Err("Use cinco campos: minuto hora dia mês dia-da-semana (ex.: 0 9 * * Mon-Fri).".into());
    }
    // The cron crate counts weekdays from Sunday = 1, unlike crontab's 0:
    // names mean the same in both.
    if fields[4].chars().any(|c| c.is_ascii_digit()) {
        return Err("Escreva os dias da semana pelo nome em inglês (Mon, Tue, …, Sun), ex.: Mon-Fri.".into());
    }
    cron::Schedule::from_str(&format!("0 {}", fields.join(" "))).map_err(|_| "Agenda inválida.".to_owned())
}

/// Checks an expression: valid, and not firing more often than every
/// [`MIN_INTERVAL_MINUTES`] minutes.
pub fn check(expr: &str) -> std::result::Result<(), String> {
    let schedule = parse(expr)?;
    let times: Vec<DateTime<Utc>> = schedule.upcoming(Utc).take(50).collect();
    if times.is_empty() {
        return Err("Esta agenda nunca acontece.".into());
    }
    if times.windows(2).any(|w| w[1] - w[0] < Duration::minutes(MIN_INTERVAL_MINUTES)) {
        return Err(format!("Agende com pelo menos {MIN_INTERVAL_MINUTES} minutos entre as execuções."));
    }
    Ok(())
}

/// The first time after `after`, read in `tz`.
pub fn next_after(expr: &str, tz: Tz, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let schedule = parse(expr).ok()?;
    schedule.after(&after.with_timezone(&tz)).next().map(|t| t.with_timezone(&Utc))
}

/// One time of one flow version's schedule.
#[derive(Debug, Serialize, Deserialize)]
pub struct ScheduleTick {
    pub flow_id: Uuid,
    pub version: i32,
    pub at: DateTime<Utc>,
}

impl Job for ScheduleTick {
    const KIND: &'static str = "automation.schedule_tick";
}

/// Queues the flow's next time after `after` (nothing for a flow without
/// a schedule, or one that is not active).
pub async fn queue_next(tx: &mut TenantTx, flow: &FlowRow, after: DateTime<Utc>) -> Result<()> {
    let Some(expr) = flow.schedule.as_deref() else { return Ok(()) };
    if flow.status != "active" {
        return Ok(());
    }
    let tz = crate::ports::get()?.timezone(tx).await?;
    let Some(at) = next_after(expr, tz, after) else { return Ok(()) };
    let tenant = tx.tenant_id();
    jobs::enqueue(
        tx,
        Some(tenant),
        &ScheduleTick { flow_id: flow.id, version: flow.version, at },
        EnqueueOptions {
            run_at: Some(at),
            dedupe_key: Some(format!("automation.tick:{}:{}:{}", flow.id, flow.version, at.timestamp())),
            ..Default::default()
        },
    )
    .await
    .map(drop)
    .map_err(|e| Error::internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::TimeZone;

    use super::*;

    #[test]
    fn working_days_at_nine_in_sao_paulo() {
        let tz = chrono_tz::America::Sao_Paulo;
        // Friday 2026-12-04 10:00 in São Paulo: next is Monday 09:00 (12:00 UTC).
        let after = tz.with_ymd_and_hms(2026, 12, 4, 10, 0, 0).unwrap().with_timezone(&Utc);
        let next = next_after("0 9 * * Mon-Fri", tz, after).unwrap();
        assert_eq!(next, Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap());
    }

    #[test]
    fn bad_or_too_frequent_schedules_are_refused() {
        assert!(check("0 9 * * Mon-Fri").is_ok());
        assert!(check("*/15 * * * *").is_ok());
        assert!(check("*/5 * * * *").unwrap_err().contains("15 minutos"));
        assert!(check("0 9 * *").unwrap_err().contains("cinco campos"));
        assert!(check("0 9 * * 1-5").unwrap_err().contains("pelo nome"));
        assert!(check("0 25 * * *").is_err());
    }
}
