//! The period a dashboard shows, in the company's local days, and the
//! period of the same length just before it that it is compared with.

use chrono::{Datelike, Duration, NaiveDate};
use kernel::error::Violations;
use kernel::{Error, Result};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
pub enum PeriodKind {
    #[serde(rename = "today")]
    Today,
    #[serde(rename = "7d")]
    Last7Days,
    #[default]
    #[serde(rename = "30d")]
    Last30Days,
    #[serde(rename = "month")]
    ThisMonth,
    #[serde(rename = "quarter")]
    ThisQuarter,
    #[serde(rename = "custom")]
    Custom,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// `today`, `7d`, `30d` (default), `month` (this month so far),
    /// `quarter` (this quarter so far) or `custom` (with `from` and `to`).
    pub period: Option<PeriodKind>,
    /// First day of a custom period (company's local date).
    pub from: Option<NaiveDate>,
    /// Last day of a custom period, at most 366 days after `from`.
    pub to: Option<NaiveDate>,
}

/// Local days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Range {
    pub period: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The period of the same length just before.
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
}

impl Range {
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        self.from.iter_days().take_while({
            let to = self.to;
            move |d| *d <= to
        })
    }
}

/// The longest custom period.
const MAX_DAYS: i64 = 366;

pub fn resolve(q: &PeriodQuery, today: NaiveDate) -> Result<Range> {
    let kind = q.period.unwrap_or_default();
    let (from, to) = match kind {
        PeriodKind::Today => (today, today),
        PeriodKind::Last7Days => (today - Duration::days(6), today),
        PeriodKind::Last30Days => (today - Duration::days(29), today),
        PeriodKind::ThisMonth => (today.with_day(1).unwrap_or(today), today),
        PeriodKind::ThisQuarter => {
            let month = (today.month0() / 3) * 3 + 1;
            (NaiveDate::from_ymd_opt(today.year(), month, 1).unwrap_or(today), today)
        }
        PeriodKind::Custom => {
            let mut v = Violations::default();
            if q.from.is_none() {
                v.add("from", "Informe a data inicial do período.");
            }
            if q.to.is_none() {
                v.add("to", "Informe a data final do período.");
            }
            v.finish()?;
            let (Some(from), Some(to)) = (q.from, q.to) else {
                return Err(Error::field("from", "Período inválido."));
            };
            if to < from {
                return Err(Error::field("to", "A data final deve ser igual ou posterior à inicial."));
            }
            if (to - from).num_days() >= MAX_DAYS {
                return Err(Error::field("to", "Escolha um período de até 366 dias."));
            }
            (from, to)
        }
    };
    if kind != PeriodKind::Custom && (q.from.is_some() || q.to.is_some()) {
        return Err(Error::field("period", "Use period=custom para informar from e to."));
    }
    let length = (to - from).num_days() + 1;
    let previous_to = from - Duration::days(1);
    Ok(Range { period: kind, from, to, previous_from: previous_to - Duration::days(length - 1), previous_to })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_period_is_compared_with_the_same_length_before_it() {
        let today = d("2026-12-07");
        let q = |p| PeriodQuery { period: Some(p), ..Default::default() };
        let r = resolve(&q(PeriodKind::Last7Days), today).unwrap();
        assert_eq!(
            (r.from, r.to, r.previous_from, r.previous_to),
            (d("2026-12-01"), today, d("2026-11-24"), d("2026-11-30"))
        );
        let r = resolve(&q(PeriodKind::ThisMonth), today).unwrap();
        assert_eq!(
            (r.from, r.previous_from, r.previous_to),
            (d("2026-12-01"), d("2026-11-24"), d("2026-11-30"))
        );
        let r = resolve(&q(PeriodKind::ThisQuarter), today).unwrap();
        assert_eq!(r.from, d("2026-10-01"));
        assert_eq!(r.days().count(), 68);
        let r = resolve(&PeriodQuery::default(), today).unwrap();
        assert_eq!((r.from, r.previous_to), (d("2026-11-08"), d("2026-11-07")));
    }

    #[test]
    fn a_custom_period_needs_both_days_in_order() {
        let today = d("2026-12-07");
        let custom = |from: Option<&str>, to: Option<&str>| PeriodQuery {
            period: Some(PeriodKind::Custom),
            from: from.map(d),
            to: to.map(d),
        };
        assert!(resolve(&custom(None, Some("2026-12-01")), today).is_err());
        assert!(resolve(&custom(Some("2026-12-02"), Some("2026-12-01")), today).is_err());
        assert!(resolve(&custom(Some("2025-01-01"), Some("2026-12-01")), today).is_err());
        let r = resolve(&custom(Some("2026-11-01"), Some("2026-11-30")), today).unwrap();
        assert_eq!((r.previous_from, r.previous_to), (d("2026-10-02"), d("2026-10-31")));
        let stray = PeriodQuery { period: None, from: Some(d("2026-11-01")), to: None };
        assert!(resolve(&stray, today).is_err());
    }
}
