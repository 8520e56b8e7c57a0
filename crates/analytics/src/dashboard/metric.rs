//! The rollups' metrics, and the histogram of durations from which the
//! dashboard estimates medians and 90th percentiles without keeping every
//! duration.

use serde::{Deserialize, Serialize};

macro_rules! metrics {
    ($($(#[$doc:meta])* $variant:ident => $name:literal),+ $(,)?) => {
        /// One series of `analytics_daily` (its `metric` column).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Metric { $($(#[$doc])* #[serde(rename = $name)] $variant),+ }

        impl Metric {
            pub const ALL: &'static [Metric] = &[$(Metric::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Metric::$variant => $name),+ }
            }
        }
    };
}

metrics! {
    /// dim: channel kind.
    TicketsOpened => "tickets_opened",
    /// dim: category ("" when none).
    TicketsByCategory => "tickets_by_category",
    /// dim: sentiment ("" when none).
    TicketsBySentiment => "tickets_by_sentiment",
    /// dim: histogram bucket; total: business seconds.
    FirstResponse => "first_response",
    /// dim: histogram bucket; total: business seconds from opening.
    TicketsResolved => "tickets_resolved",
    /// dim: `met` or `breached`, for resolved tickets with an SLA.
    Sla => "sla",
    /// dim: the score; total: the score.
    Csat => "csat",
    /// dim: `chat` (from a conversation) or `other`; total: value in cents.
    DealsCreated => "deals_created",
    /// total: value in cents.
    DealsWon => "deals_won",
    /// total: seconds from creation to won.
    DealsCycle => "deals_cycle",
    /// total: value in cents.
    DealsLost => "deals_lost",
    ProposalsSent => "proposals_sent",
    ProposalsViewed => "proposals_viewed",
    ProposalsAccepted => "proposals_accepted",
    /// total: cents.
    InvoicesIssued => "invoices_issued",
    /// dim: payment method; total: cents, less refunds.
    PaymentsReceived => "payments_received",
}

impl std::str::FromStr for Metric {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.iter().copied().find(|m| m.as_str() == s).ok_or_else(|| format!("unknown metric {s}"))
    }
}

/// Upper bounds (seconds) of the duration histogram: 1-2-5-like steps
/// from half a minute to a month, then everything longer.
const BUCKETS: &[(i64, &str)] = &[
    (30, "30"),
    (60, "60"),
    (120, "120"),
    (300, "300"),
    (600, "600"),
    (900, "900"),
    (1_800, "1800"),
    (3_600, "3600"),
    (7_200, "7200"),
    (10_800, "10800"),
    (14_400, "14400"),
    (21_600, "21600"),
    (28_800, "28800"),
    (43_200, "43200"),
    (86_400, "86400"),
    (172_800, "172800"),
    (259_200, "259200"),
    (432_000, "432000"),
    (604_800, "604800"),
    (1_209_600, "1209600"),
    (2_592_000, "2592000"),
];
const OVERFLOW: &str = "inf";

/// The bucket a duration falls in (its `dim`).
pub fn bucket_of(seconds: i64) -> &'static str {
    BUCKETS.iter().find(|(upper, _)| seconds <= *upper).map(|(_, name)| *name).unwrap_or(OVERFLOW)
}

/// The `q` quantile (0…1) of the durations counted in `buckets` (dim →
/// (count, total seconds)), interpolated within its bucket; the last,
/// open bucket answers with its own mean. `None` without durations.
pub fn quantile(buckets: &[(String, i64, i64)], q: f64) -> Option<i64> {
    let count: i64 = buckets.iter().map(|b| b.1).sum();
    if count <= 0 {
        return None;
    }
    let rank = (q * count as f64).ceil().max(1.0);
    let mut seen = 0_i64;
    let mut lower = 0_i64;
    for &(upper, name) in BUCKETS {
        let n = buckets.iter().filter(|b| b.0 == name).map(|b| b.1).sum::<i64>();
        if n > 0 && (seen + n) as f64 >= rank {
            let within = (rank - seen as f64) / n as f64;
            return Some(lower + ((upper - lower) as f64 * within).round() as i64);
        }
        seen += n;
        lower = upper;
    }
    let (n, total) = buckets.iter().filter(|b| b.0 == OVERFLOW).fold((0, 0), |a, b| (a.0 + b.1, a.1 + b.2));
    (n > 0).then(|| total / n)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn hist(durations: &[i64]) -> Vec<(String, i64, i64)> {
        let mut out: Vec<(String, i64, i64)> = Vec::new();
        for &d in durations {
            let name = bucket_of(d);
            match out.iter_mut().find(|b| b.0 == name) {
                Some(b) => {
                    b.1 += 1;
                    b.2 += d;
                }
                None => out.push((name.to_owned(), 1, d)),
            }
        }
        out
    }

    #[test]
    fn quantiles_land_in_the_right_bucket() {
        // 9 answers within 5 minutes and one after 3 hours.
        let h = hist(&[100, 120, 130, 150, 200, 220, 250, 280, 290, 10_000]);
        let median = quantile(&h, 0.5).unwrap();
        assert!((120..=300).contains(&median), "{median}");
        let p90 = quantile(&h, 0.9).unwrap();
        assert!((120..=300).contains(&p90), "{p90}");
        let p99 = quantile(&h, 0.99).unwrap();
        assert!((7_200..=10_800).contains(&p99), "{p99}");
    }

    #[test]
    fn no_durations_no_quantile_and_overflow_uses_its_mean() {
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&hist(&[5_000_000, 7_000_000]), 0.5), Some(6_000_000));
    }

    #[test]
    fn every_metric_reads_back_from_its_name() {
        for m in Metric::ALL {
            assert_eq!(m.as_str().parse::<Metric>(), Ok(*m));
        }
    }
}
