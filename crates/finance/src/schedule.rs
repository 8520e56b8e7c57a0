//! Billing periods of a subscription. A subscription has an anchor day
//! (1–31); each period starts on that day of its month, or on the month's
//! last day when the month is shorter — an anchor of 31 bills on 30 April,
//! 28 (or 29) February and 31 May again; an anchor of 29 bills on 28
//! February in common years and 29 February in leap years. Periods are
//! computed from the month and the anchor, never from the previous date,
//! so a short month does not drag later periods earlier.

use chrono::{Datelike, Months, NaiveDate};

fn clamp_day(year: i32, month: u32, anchor_day: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN);
    let last =
        first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).map(|d| d.day()).unwrap_or(28);
    first.with_day(anchor_day.min(last)).unwrap_or(first)
}

/// The first period start on or after `start`.
pub fn first_period_start(start: NaiveDate, anchor_day: u32) -> NaiveDate {
    let this_month = clamp_day(start.year(), start.month(), anchor_day);
    if this_month >= start { this_month } else { next_period_start(this_month, anchor_day, 1) }
}

/// The start of the period after the one starting at `current`.
pub fn next_period_start(current: NaiveDate, anchor_day: u32, interval_months: u32) -> NaiveDate {
    let month0 = current.year() * 12 + current.month0() as i32 + interval_months as i32;
    clamp_day(month0.div_euclid(12), month0.rem_euclid(12) as u32 + 1, anchor_day)
}

/// The start of the period before the one starting at `current`.
pub fn previous_period_start(current: NaiveDate, anchor_day: u32, interval_months: u32) -> NaiveDate {
    let month0 = current.year() * 12 + current.month0() as i32 - interval_months as i32;
    clamp_day(month0.div_euclid(12), month0.rem_euclid(12) as u32 + 1, anchor_day)
}

/// The first period start on or after `today`, from a period start.
pub fn catch_up(mut from: NaiveDate, today: NaiveDate, anchor_day: u32, interval_months: u32) -> NaiveDate {
    while from < today {
        from = next_period_start(from, anchor_day, interval_months);
    }
    from
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn starts(first: &str, anchor: u32, interval: u32, n: usize) -> Vec<String> {
        let mut out = vec![d(first)];
        while out.len() < n {
            out.push(next_period_start(*out.last().unwrap(), anchor, interval));
        }
        out.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn the_31st_falls_back_to_the_last_day_and_comes_back() {
        assert_eq!(
            starts("2027-01-31", 31, 1, 6),
            ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30"]
        );
    }

    #[test]
    fn the_29th_of_february_exists_only_in_leap_years() {
        assert_eq!(starts("2027-01-29", 29, 1, 3), ["2027-01-29", "2027-02-28", "2027-03-29"]);
        assert_eq!(starts("2028-01-29", 29, 1, 3), ["2028-01-29", "2028-02-29", "2028-03-29"]);
        // A yearly plan anchored on 29 February.
        assert_eq!(starts("2028-02-29", 29, 12, 3), ["2028-02-29", "2029-02-28", "2030-02-28"]);
        assert_eq!(starts("2028-02-29", 29, 12, 5)[4], "2032-02-29");
    }

    #[test]
    fn quarters_cross_the_year() {
        assert_eq!(starts("2026-11-15", 15, 3, 3), ["2026-11-15", "2027-02-15", "2027-05-15"]);
    }

    #[test]
    fn the_first_period_is_on_or_after_the_start() {
        assert_eq!(first_period_start(d("2026-11-29"), 29), d("2026-11-29"));
        assert_eq!(first_period_start(d("2026-11-29"), 5), d("2026-12-05"));
        assert_eq!(first_period_start(d("2027-02-10"), 31), d("2027-02-28"));
    }
}
