//! Business hours: the open windows of a week in a company's (or a
//! team's) timezone, and the arithmetic over them that SLA targets and the
//! dashboard's response times share.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A company's timezone from its stored IANA name; São Paulo (the
/// default every company starts with) when the name does not read.
pub fn timezone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::America::Sao_Paulo)
}

/// One open window of a weekday, as companies and teams store it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BusinessWindow {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    /// "08:00".
    pub opens: String,
    /// "18:00".
    pub closes: String,
}

/// Open windows per ISO weekday (1 = Monday); empty means always open.
#[derive(Debug, Clone, Default)]
pub struct Hours(Vec<(u32, NaiveTime, NaiveTime)>);

impl Hours {
    pub fn from_windows(windows: &[BusinessWindow]) -> Self {
        let mut out: Vec<_> = windows
            .iter()
            .filter_map(|w| {
                let opens = NaiveTime::parse_from_str(&w.opens, "%H:%M").ok()?;
                let closes = NaiveTime::parse_from_str(&w.closes, "%H:%M").ok()?;
                let day = if w.weekday == 0 { 7 } else { w.weekday };
                (opens < closes && (1..=7).contains(&day)).then_some((day, opens, closes))
            })
            .collect();
        out.sort();
        Self(out)
    }

    /// The windows stored as JSON (`[{weekday, opens, closes}]`); anything
    /// unreadable counts as always open.
    pub fn from_json(value: serde_json::Value) -> Self {
        Self::from_windows(&serde_json::from_value::<Vec<BusinessWindow>>(value).unwrap_or_default())
    }

    pub fn is_always_open(&self) -> bool {
        self.0.is_empty()
    }

    /// The day's open intervals, in UTC.
    fn open_on(&self, day: NaiveDate, tz: Tz) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + '_ {
        let weekday = day.weekday().number_from_monday();
        self.0.iter().filter(move |w| w.0 == weekday).filter_map(move |&(_, opens, closes)| {
            Some((
                tz.from_local_datetime(&day.and_time(opens)).earliest()?.with_timezone(&Utc),
                tz.from_local_datetime(&day.and_time(closes)).earliest()?.with_timezone(&Utc),
            ))
        })
    }
}

/// Two years of days is more than any target or any duration worth
/// reporting in business time; the bound keeps bad data from looping.
const MAX_DAYS: usize = 730;

/// `start` plus `minutes` of open time, in `tz`.
pub fn add_business_minutes(start: DateTime<Utc>, minutes: i64, tz: Tz, hours: &Hours) -> DateTime<Utc> {
    if hours.is_always_open() {
        return start + Duration::minutes(minutes);
    }
    let mut left = Duration::minutes(minutes);
    let mut day = start.with_timezone(&tz).date_naive();
    for _ in 0..MAX_DAYS {
        for (open_at, close_at) in hours.open_on(day, tz) {
            let from = start.max(open_at);
            if from >= close_at {
                continue;
            }
            let available = close_at - from;
            if available >= left {
                return from + left;
            }
            left -= available;
        }
        day = day.succ_opt().unwrap_or(day);
    }
    start + Duration::minutes(minutes)
}

/// The first open moment at or after `at`: `at` itself while open.
pub fn next_open(at: DateTime<Utc>, tz: Tz, hours: &Hours) -> DateTime<Utc> {
    add_business_minutes(at, 0, tz, hours)
}

/// The open time between `start` and `end`, in seconds (0 when `end` is
/// not after `start`). A span longer than [`MAX_DAYS`] counts its first
/// two years only.
pub fn business_seconds(start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz, hours: &Hours) -> i64 {
    if end <= start {
        return 0;
    }
    if hours.is_always_open() {
        return (end - start).num_seconds();
    }
    let mut total = Duration::zero();
    let mut day = start.with_timezone(&tz).date_naive();
    let last = end.with_timezone(&tz).date_naive();
    for _ in 0..MAX_DAYS {
        for (open_at, close_at) in hours.open_on(day, tz) {
            let (from, to) = (start.max(open_at), end.min(close_at));
            if from < to {
                total += to - from;
            }
        }
        if day >= last {
            break;
        }
        day = day.succ_opt().unwrap_or(last);
    }
    total.num_seconds()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn weekdays_8_to_18() -> Hours {
        Hours::from_windows(
            &(1..=5)
                .map(|d| BusinessWindow { weekday: d, opens: "08:00".into(), closes: "18:00".into() })
                .collect::<Vec<_>>(),
        )
    }

    fn sp(s: &str) -> DateTime<Utc> {
        let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        chrono_tz::America::Sao_Paulo.from_local_datetime(&naive).unwrap().with_timezone(&Utc)
    }

    const SP: Tz = chrono_tz::America::Sao_Paulo;

    #[test]
    fn counts_only_open_hours_and_skips_the_weekend() {
        let h = weekdays_8_to_18();
        // Friday 17:00 + 2 h → Monday 09:00.
        assert_eq!(add_business_minutes(sp("2026-11-27 17:00"), 120, SP, &h), sp("2026-11-30 09:00"));
        // Saturday night + 30 min → Monday 08:30.
        assert_eq!(add_business_minutes(sp("2026-11-28 22:00"), 30, SP, &h), sp("2026-11-30 08:30"));
        // Inside hours on a weekday.
        assert_eq!(add_business_minutes(sp("2026-12-01 10:00"), 60, SP, &h), sp("2026-12-01 11:00"));
        // 24 business hours = two full days and a bit.
        assert_eq!(add_business_minutes(sp("2026-12-01 08:00"), 24 * 60, SP, &h), sp("2026-12-03 12:00"));
    }

    #[test]
    fn no_hours_means_always_open() {
        let t = sp("2026-11-28 22:00");
        assert_eq!(add_business_minutes(t, 30, SP, &Hours::default()), t + Duration::minutes(30));
        assert_eq!(business_seconds(t, t + Duration::minutes(30), SP, &Hours::default()), 1800);
    }

    #[test]
    fn business_seconds_leave_out_nights_and_weekends() {
        let h = weekdays_8_to_18();
        // Friday 17:00 → Monday 09:00: one hour on Friday, one on Monday.
        assert_eq!(business_seconds(sp("2026-11-27 17:00"), sp("2026-11-30 09:00"), SP, &h), 2 * 3600);
        // Saturday to Sunday: nothing.
        assert_eq!(business_seconds(sp("2026-11-28 09:00"), sp("2026-11-29 17:00"), SP, &h), 0);
        // Within one morning.
        assert_eq!(business_seconds(sp("2026-12-01 10:00"), sp("2026-12-01 10:45"), SP, &h), 45 * 60);
        // Backwards is zero.
        assert_eq!(business_seconds(sp("2026-12-01 10:00"), sp("2026-12-01 09:00"), SP, &h), 0);
    }

    #[test]
    fn adding_and_measuring_agree() {
        let h = weekdays_8_to_18();
        for (start, minutes) in
            [("2026-11-27 17:00", 120), ("2026-11-28 22:00", 30), ("2026-12-01 08:00", 1440)]
        {
            let end = add_business_minutes(sp(start), minutes, SP, &h);
            assert_eq!(business_seconds(sp(start), end, SP, &h), minutes * 60, "{start} + {minutes}");
        }
    }

    #[test]
    fn the_next_opening_is_now_while_open() {
        let h = weekdays_8_to_18();
        assert_eq!(next_open(sp("2026-12-01 10:00"), SP, &h), sp("2026-12-01 10:00"));
        // Friday evening: Monday 08:00.
        assert_eq!(next_open(sp("2026-11-27 18:30"), SP, &h), sp("2026-11-30 08:00"));
        assert_eq!(next_open(sp("2026-11-28 22:00"), SP, &Hours::default()), sp("2026-11-28 22:00"));
    }
}
