//! What one record adds to the daily rollups: pure functions from a
//! record's row to its [`Contribution`]s, shared by the incremental
//! consumer and `analytics rebuild`, so both count the same way.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use kernel::business_hours::{Hours, business_seconds};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::metric::{Metric, bucket_of};

/// One row's share of `analytics_daily`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub metric: Metric,
    pub day: NaiveDate,
    /// `Uuid::nil()` for the whole company.
    pub subject: Uuid,
    pub dim: String,
    pub n: i64,
    pub total: i64,
}

/// The key of an `analytics_daily` row.
pub type Key = (Metric, NaiveDate, Uuid, String);

/// What to add to each rollup row to go from `old` to `new` (rows that
/// do not change are left out).
pub fn delta(old: &[Contribution], new: &[Contribution]) -> Vec<Contribution> {
    let mut sum: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
    for (sign, list) in [(-1, old), (1, new)] {
        for c in list {
            let e = sum.entry((c.metric, c.day, c.subject, c.dim.clone())).or_default();
            e.0 += sign * c.n;
            e.1 += sign * c.total;
        }
    }
    sum.into_iter()
        .filter(|(_, (n, total))| *n != 0 || *total != 0)
        .map(|((metric, day, subject, dim), (n, total))| Contribution { metric, day, subject, dim, n, total })
        .collect()
}

/// One of a record's rows, stored compactly in `analytics_facts` as a
/// JSON array: `[metric, day, dim, n, total]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact(pub Metric, pub NaiveDate, pub String, pub i64, pub i64);

/// What a record adds to the rollups: its rows, each counted for the whole
/// company and, when the record has one, for the person it counts for
/// (assignee, owner). Stored per record as `{"p": person, "c": [rows]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    #[serde(rename = "p")]
    pub person: Option<Uuid>,
    #[serde(rename = "c")]
    pub rows: Vec<Fact>,
}

impl Facts {
    fn new(person: Option<Uuid>) -> Self {
        Self { person, rows: Vec::new() }
    }

    fn add(&mut self, metric: Metric, day: NaiveDate, dim: &str, total: i64) {
        self.rows.push(Fact(metric, day, dim.to_owned(), 1, total));
    }

    /// Its rows of `analytics_daily`: each for the company, and for the person.
    pub fn contributions(&self) -> Vec<Contribution> {
        let subjects: Vec<Uuid> = std::iter::once(Uuid::nil()).chain(self.person).collect();
        self.rows
            .iter()
            .flat_map(|Fact(metric, day, dim, n, total)| {
                subjects.iter().map(move |subject| Contribution {
                    metric: *metric,
                    day: *day,
                    subject: *subject,
                    dim: dim.clone(),
                    n: *n,
                    total: *total,
                })
            })
            .collect()
    }
}

/// A company's clock: its timezone for local days, and its business hours
/// (or a team's) for response and resolution times.
pub struct Clock<'a> {
    pub tz: Tz,
    pub hours: &'a Hours,
}

impl Clock<'_> {
    pub fn day(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }
}

/// A ticket as the dashboard counts it.
#[derive(Debug, Clone)]
pub struct TicketRow {
    pub id: Uuid,
    pub status: String,
    pub channel: String,
    pub category: Option<String>,
    pub sentiment: Option<String>,
    pub team_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub merged: bool,
    pub has_sla: bool,
    pub sla_breached: bool,
    pub csat_score: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub csat_at: Option<DateTime<Utc>>,
}

/// Opened (by channel, category and sentiment) on the day it opened;
/// first response and resolution in business seconds on the day they
/// happened, with the SLA's outcome; the CSAT answer. A ticket merged into
/// another counts as opened only. Everything counts for the assignee too.
pub fn ticket(t: &TicketRow, clock: &Clock) -> Facts {
    let mut out = Facts::new(t.assignee_id);
    let opened = clock.day(t.created_at);
    out.add(Metric::TicketsOpened, opened, &t.channel, 0);
    out.add(Metric::TicketsByCategory, opened, t.category.as_deref().unwrap_or(""), 0);
    out.add(Metric::TicketsBySentiment, opened, t.sentiment.as_deref().unwrap_or(""), 0);
    if t.merged {
        return out;
    }
    if let Some(at) = t.first_response_at {
        let secs = business_seconds(t.created_at, at, clock.tz, clock.hours);
        out.add(Metric::FirstResponse, clock.day(at), bucket_of(secs), secs);
    }
    if let (true, Some(at)) = (matches!(t.status.as_str(), "resolved" | "closed"), t.resolved_at) {
        let secs = business_seconds(t.created_at, at, clock.tz, clock.hours);
        out.add(Metric::TicketsResolved, clock.day(at), bucket_of(secs), secs);
        if t.has_sla {
            out.add(Metric::Sla, clock.day(at), if t.sla_breached { "breached" } else { "met" }, 0);
        }
    }
    if let Some(score) = t.csat_score {
        let at = t.csat_at.or(t.resolved_at).unwrap_or(t.created_at);
        out.add(Metric::Csat, clock.day(at), &score.to_string(), i64::from(score));
    }
    out
}

/// A deal as the dashboard counts it.
#[derive(Debug, Clone)]
pub struct OpportunityRow {
    pub id: Uuid,
    pub owner_id: Option<Uuid>,
    pub value_cents: i64,
    pub from_chat: bool,
    /// `open`, `won` or `lost`: its stage's kind.
    pub stage_kind: String,
    pub created_at: DateTime<Utc>,
    pub stage_entered_at: DateTime<Utc>,
}

/// Created (from a conversation or not) with its value; won or lost on the
/// day it entered that stage, with its value and, when won, its cycle.
pub fn opportunity(o: &OpportunityRow, clock: &Clock) -> Facts {
    let mut out = Facts::new(o.owner_id);
    let dim = if o.from_chat { "chat" } else { "other" };
    out.add(Metric::DealsCreated, clock.day(o.created_at), dim, o.value_cents);
    let closed = clock.day(o.stage_entered_at);
    match o.stage_kind.as_str() {
        "won" => {
            out.add(Metric::DealsWon, closed, "", o.value_cents);
            let cycle = (o.stage_entered_at - o.created_at).num_seconds().max(0);
            out.add(Metric::DealsCycle, closed, "", cycle);
        }
        "lost" => out.add(Metric::DealsLost, closed, "", o.value_cents),
        _ => {}
    }
    out
}

#[derive(Debug, Clone)]
pub struct ProposalRow {
    pub id: Uuid,
    pub created_by: Option<Uuid>,
    pub status: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub viewed_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// Sent, first viewed and accepted, each on its day.
pub fn proposal(p: &ProposalRow, clock: &Clock) -> Facts {
    let mut out = Facts::new(p.created_by);
    if let Some(at) = p.sent_at {
        out.add(Metric::ProposalsSent, clock.day(at), "", 0);
    }
    if let Some(at) = p.viewed_at {
        out.add(Metric::ProposalsViewed, clock.day(at), "", 0);
    }
    if let (true, Some(at)) = (p.status == "accepted", p.decided_at) {
        out.add(Metric::ProposalsAccepted, clock.day(at), "", 0);
    }
    out
}

#[derive(Debug, Clone)]
pub struct InvoiceRow {
    pub id: Uuid,
    pub status: String,
    pub issue_date: NaiveDate,
    pub total_cents: i64,
}

/// Issued on its issue date with its total, unless it is a draft or was cancelled.
pub fn invoice(i: &InvoiceRow) -> Facts {
    let mut out = Facts::new(None);
    if !matches!(i.status.as_str(), "draft" | "cancelled") {
        out.add(Metric::InvoicesIssued, i.issue_date, "", i.total_cents);
    }
    out
}

#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub id: Uuid,
    pub status: String,
    pub method: String,
    pub received_on: NaiveDate,
    pub amount_cents: i64,
    pub refunded_cents: i64,
}

/// Money received, by method, on the day it was received, less what was
/// refunded of it; a customer's credit used is not money received.
pub fn payment(p: &PaymentRow) -> Facts {
    let mut out = Facts::new(None);
    if p.status == "confirmed" && p.method != "credit" {
        out.add(Metric::PaymentsReceived, p.received_on, &p.method, p.amount_cents - p.refunded_cents);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::TimeZone;

    fn at(s: &str) -> DateTime<Utc> {
        Utc.from_utc_datetime(&chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap())
    }

    fn ticket_row() -> TicketRow {
        TicketRow {
            id: Uuid::nil(),
            status: "open".into(),
            channel: "whatsapp".into(),
            category: Some("Financeiro".into()),
            sentiment: Some("negative".into()),
            team_id: None,
            assignee_id: None,
            merged: false,
            has_sla: true,
            sla_breached: false,
            csat_score: None,
            created_at: at("2026-12-01 02:30"),
            first_response_at: None,
            resolved_at: None,
            csat_at: None,
        }
    }

    #[test]
    fn a_ticket_counts_on_its_local_day_and_for_its_assignee() {
        let hours = Hours::default();
        let clock = Clock { tz: chrono_tz::America::Sao_Paulo, hours: &hours };
        let agent = Uuid::from_u128(7);
        let mut t = ticket_row();
        // 02:30 UTC is still 30 November in São Paulo.
        let opened = ticket(&t, &clock).contributions();
        assert_eq!(opened.len(), 3);
        assert!(opened.iter().all(|c| c.day == NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()));
        t.assignee_id = Some(agent);
        t.status = "resolved".into();
        t.first_response_at = Some(at("2026-12-01 02:40"));
        t.resolved_at = Some(at("2026-12-01 04:30"));
        let all = ticket(&t, &clock).contributions();
        let mine: Vec<_> = all.iter().filter(|c| c.subject == agent).collect();
        assert_eq!(mine.len() * 2, all.len());
        let first = all.iter().find(|c| c.metric == Metric::FirstResponse).unwrap();
        assert_eq!((first.total, first.dim.as_str()), (600, "600"));
        let resolved = all.iter().find(|c| c.metric == Metric::TicketsResolved).unwrap();
        assert_eq!(resolved.total, 2 * 3600);
        assert!(all.iter().any(|c| c.metric == Metric::Sla && c.dim == "met"));
        // Stored compactly: the person once, each row once.
        let stored = serde_json::to_string(&ticket(&t, &clock)).unwrap();
        assert!(stored.len() < 400, "{} bytes: {stored}", stored.len());
    }

    #[test]
    fn a_reopened_ticket_leaves_the_resolved_count() {
        let hours = Hours::default();
        let clock = Clock { tz: chrono_tz::America::Sao_Paulo, hours: &hours };
        let mut t = ticket_row();
        t.status = "resolved".into();
        t.resolved_at = Some(at("2026-12-01 12:00"));
        let before = ticket(&t, &clock).contributions();
        t.status = "open".into();
        let after = ticket(&t, &clock).contributions();
        let d = delta(&before, &after);
        assert!(d.iter().any(|c| c.metric == Metric::TicketsResolved && c.n == -1));
        assert!(d.iter().all(|c| c.metric != Metric::TicketsOpened), "opening does not move: {d:?}");
        assert!(delta(&after, &after).is_empty());
    }

    #[test]
    fn a_deal_that_moves_from_won_to_lost_moves_its_value() {
        let hours = Hours::default();
        let clock = Clock { tz: chrono_tz::UTC, hours: &hours };
        let mut o = OpportunityRow {
            id: Uuid::nil(),
            owner_id: None,
            value_cents: 10_000,
            from_chat: true,
            stage_kind: "won".into(),
            created_at: at("2026-12-01 10:00"),
            stage_entered_at: at("2026-12-03 10:00"),
        };
        let won = opportunity(&o, &clock).contributions();
        assert!(won.iter().any(|c| c.metric == Metric::DealsCycle && c.total == 2 * 86_400));
        o.stage_kind = "lost".into();
        let d = delta(&won, &opportunity(&o, &clock).contributions());
        let find = |m| d.iter().find(|c| c.metric == m).map(|c| (c.n, c.total));
        assert_eq!(find(Metric::DealsWon), Some((-1, -10_000)));
        assert_eq!(find(Metric::DealsLost), Some((1, 10_000)));
        assert_eq!(find(Metric::DealsCreated), None);
    }

    #[test]
    fn cancelled_invoices_and_credit_are_not_counted() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut i = InvoiceRow { id: Uuid::nil(), status: "open".into(), issue_date: day, total_cents: 500 };
        assert_eq!(invoice(&i).rows.len(), 1);
        i.status = "cancelled".into();
        assert!(invoice(&i).rows.is_empty());
        let p = PaymentRow {
            id: Uuid::nil(),
            status: "confirmed".into(),
            method: "credit".into(),
            received_on: day,
            amount_cents: 100,
            refunded_cents: 0,
        };
        assert!(payment(&p).rows.is_empty());
        let pix = PaymentRow { method: "pix".into(), refunded_cents: 30, ..p };
        assert_eq!(payment(&pix).rows[0].4, 70);
    }
}
