//! Late fees, the only arithmetic on overdue money: a fine (multa) charged
//! once and interest (juros de mora) pro rata per day at a monthly rate of
//! 30 days. Both are capped at the usual Brazilian consumer limits — 2 %
//! fine (CDC art. 52 §1) and 1 % a month — whatever a company configures.
//!
//! Payments pay fees first, then principal. Fees accrue on the principal
//! still open; when money arrives, what accrued so far is materialised on
//! the invoice (`late_fee_cents`, `fees_accrued_on`), so a partial payment
//! stops interest on the part it paid.

use chrono::NaiveDate;
use kernel::money::div_round;

pub const MAX_FINE_BP: i32 = 200;
pub const MAX_INTEREST_BP_MONTH: i32 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub fine_bp: i32,
    pub interest_bp_month: i32,
}

impl Policy {
    /// The policy actually applied: configured values, never above the caps.
    pub fn capped(self) -> Self {
        Self {
            fine_bp: self.fine_bp.clamp(0, MAX_FINE_BP),
            interest_bp_month: self.interest_bp_month.clamp(0, MAX_INTEREST_BP_MONTH),
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        Self { fine_bp: MAX_FINE_BP, interest_bp_month: MAX_INTEREST_BP_MONTH }
    }
}

/// The money side of an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amounts {
    pub total_cents: i64,
    pub due_date: NaiveDate,
    pub late_fee_cents: i64,
    pub fees_accrued_on: Option<NaiveDate>,
    pub paid_cents: i64,
}

/// What is owed on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Balance {
    /// Principal still open.
    pub principal_cents: i64,
    /// Fees materialised and not yet paid, plus fees accrued since.
    pub fees_cents: i64,
    /// principal + fees.
    pub due_cents: i64,
}

impl Amounts {
    /// Principal still open (payments pay fees first).
    pub fn open_principal(&self) -> i64 {
        let principal_paid = (self.paid_cents - self.late_fee_cents).max(0);
        (self.total_cents - principal_paid).max(0)
    }

    /// Fees that accrue between the last accrual (or the due date) and `on`.
    pub fn pending_fees(&self, policy: Policy, on: NaiveDate) -> i64 {
        let policy = policy.capped();
        let principal = self.open_principal();
        if on <= self.due_date || principal == 0 {
            return 0;
        }
        let fine = match self.fees_accrued_on {
            None => div_round(principal as i128 * policy.fine_bp as i128, 10_000) as i64,
            Some(_) => 0,
        };
        let from = self.fees_accrued_on.unwrap_or(self.due_date).max(self.due_date);
        let days = (on - from).num_days().max(0);
        let interest =
            div_round(principal as i128 * policy.interest_bp_month as i128 * days as i128, 10_000 * 30)
                as i64;
        fine + interest
    }

    pub fn balance(&self, policy: Policy, on: NaiveDate) -> Balance {
        let fees_unpaid = (self.late_fee_cents - self.paid_cents).max(0);
        let fees = fees_unpaid + self.pending_fees(policy, on);
        let principal = self.open_principal();
        Balance { principal_cents: principal, fees_cents: fees, due_cents: principal + fees }
    }

    /// Materialises fees accrued up to `on` (before applying money received that day).
    pub fn accrue(&mut self, policy: Policy, on: NaiveDate) {
        let pending = self.pending_fees(policy, on);
        if on > self.due_date && self.open_principal() > 0 {
            self.late_fee_cents += pending;
            self.fees_accrued_on = Some(on);
        }
    }

    /// Everything billed so far: principal plus materialised fees.
    pub fn billed_cents(&self) -> i64 {
        self.total_cents + self.late_fee_cents
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use proptest::prelude::*;

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn invoice(total: i64, due: &str) -> Amounts {
        Amounts {
            total_cents: total,
            due_date: d(due),
            late_fee_cents: 0,
            fees_accrued_on: None,
            paid_cents: 0,
        }
    }

    #[test]
    fn nothing_before_or_on_the_due_date() {
        let inv = invoice(100_000, "2026-03-10");
        assert_eq!(inv.balance(Policy::default(), d("2026-03-10")).due_cents, 100_000);
    }

    #[test]
    fn two_percent_fine_and_one_percent_a_month_pro_rata() {
        let inv = invoice(100_000, "2026-03-10");
        // 15 days late: 2 % fine (2 000) + 1 % × 15/30 (500).
        let b = inv.balance(Policy::default(), d("2026-03-25"));
        assert_eq!((b.principal_cents, b.fees_cents, b.due_cents), (100_000, 2_500, 102_500));
    }

    #[test]
    fn configured_values_above_the_caps_are_capped() {
        let inv = invoice(100_000, "2026-03-10");
        let greedy = Policy { fine_bp: 1_000, interest_bp_month: 500 };
        assert_eq!(inv.balance(greedy, d("2026-04-09")), inv.balance(Policy::default(), d("2026-04-09")));
    }

    #[test]
    fn a_partial_payment_stops_interest_on_what_it_paid() {
        let mut inv = invoice(100_000, "2026-03-10");
        let p = Policy::default();
        inv.accrue(p, d("2026-03-25")); // fees 2 500
        inv.paid_cents += 52_500; // pays the fees and 50 000 of principal
        assert_eq!(inv.open_principal(), 50_000);
        // 30 more days on 50 000: 1 % = 500, no second fine.
        assert_eq!(inv.balance(p, d("2026-04-24")).due_cents, 50_500);
    }

    proptest! {
        #[test]
        fn fees_never_exceed_the_caps(total in 1i64..10_000_000_000, days in 0i64..3650, fine in -100i32..10_000, interest in -100i32..10_000) {
            let inv = invoice(total, "2026-01-01");
            let on = d("2026-01-01") + chrono::Duration::days(days);
            let fees = inv.balance(Policy { fine_bp: fine, interest_bp_month: interest }, on).fees_cents;
            let cap = (total as i128 * 200 + 9_999) / 10_000 + (total as i128 * 100 * days as i128 + 299_999) / 300_000;
            prop_assert!(fees as i128 <= cap, "fees {fees} above cap {cap}");
            prop_assert!(fees >= 0);
        }

        /// Paying in instalments never loses or invents a cent: once the
        /// balance is paid, what was paid is principal plus materialised fees.
        #[test]
        fn instalments_settle_exactly(total in 1i64..100_000_000, parts in proptest::collection::vec((0i64..40, 1i64..100), 1..6)) {
            let p = Policy::default();
            let mut inv = invoice(total, "2026-01-01");
            let mut day = d("2026-01-01");
            for (gap, share) in parts {
                day += chrono::Duration::days(gap);
                inv.accrue(p, day);
                let due = inv.balance(p, day).due_cents;
                let pay = (due * share / 100).max(1).min(due);
                if pay > 0 { inv.paid_cents += pay; }
            }
            inv.accrue(p, day);
            let rest = inv.balance(p, day).due_cents;
            inv.paid_cents += rest;
            prop_assert_eq!(inv.balance(p, day).due_cents, 0);
            prop_assert_eq!(inv.paid_cents, inv.billed_cents());
        }
    }
}
