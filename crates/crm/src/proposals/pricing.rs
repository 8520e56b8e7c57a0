//! Proposal and contract arithmetic, in integer cents.
//!
//! The one rounding rule (kernel::money): half away from zero.
//! 1. line gross    = round(unit price × quantity), quantity in thousandths;
//! 2. line discount = round(gross × item discount %);
//! 3. line total    = gross − line discount;
//! 4. lines are grouped by billing: one-time, and the (single) recurring period;
//! 5. each group's discount = round(group subtotal × overall discount %);
//! 6. total = Σ groups after discount; subtotal and discount are the sums.
//!
//! So every printed figure is the sum of the figures above it: no cent is
//! lost or invented between lines, groups and the total.

use kernel::money::div_round;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInput {
    pub quantity_milli: i64,
    pub unit_price_cents: i64,
    pub discount_bp: i32,
    pub recurring: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineTotals {
    pub gross_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub lines: Vec<LineTotals>,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub one_time_cents: i64,
    pub recurring_cents: i64,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PricingError {
    #[error("Valor grande demais.")]
    Overflow,
    #[error("Desconto deve estar entre 0% e 100%.")]
    Discount,
    #[error("Quantidade e preço não podem ser negativos.")]
    Negative,
}

fn to_i64(v: i128) -> Result<i64, PricingError> {
    i64::try_from(v).map_err(|_| PricingError::Overflow)
}

pub fn line(l: &LineInput) -> Result<LineTotals, PricingError> {
    if l.quantity_milli <= 0 || l.unit_price_cents < 0 {
        return Err(PricingError::Negative);
    }
    if !(0..=10_000).contains(&l.discount_bp) {
        return Err(PricingError::Discount);
    }
    let gross = div_round(l.unit_price_cents as i128 * l.quantity_milli as i128, 1000);
    let discount = div_round(gross * l.discount_bp as i128, 10_000);
    Ok(LineTotals {
        gross_cents: to_i64(gross)?,
        discount_cents: to_i64(discount)?,
        total_cents: to_i64(gross - discount)?,
    })
}

pub fn totals(lines: &[LineInput], overall_discount_bp: i32) -> Result<Totals, PricingError> {
    if !(0..=10_000).contains(&overall_discount_bp) {
        return Err(PricingError::Discount);
    }
    let computed = lines.iter().map(line).collect::<Result<Vec<_>, _>>()?;
    let group = |recurring: bool| -> i128 {
        lines
            .iter()
            .zip(&computed)
            .filter(|(l, _)| l.recurring == recurring)
            .map(|(_, t)| t.total_cents as i128)
            .sum()
    };
    let (one_time, recurring) = (group(false), group(true));
    let one_time_discount = div_round(one_time * overall_discount_bp as i128, 10_000);
    let recurring_discount = div_round(recurring * overall_discount_bp as i128, 10_000);
    Ok(Totals {
        lines: computed,
        subtotal_cents: to_i64(one_time + recurring)?,
        discount_cents: to_i64(one_time_discount + recurring_discount)?,
        total_cents: to_i64(one_time - one_time_discount + recurring - recurring_discount)?,
        one_time_cents: to_i64(one_time - one_time_discount)?,
        recurring_cents: to_i64(recurring - recurring_discount)?,
    })
}

/// A JSON quantity (up to three decimals) in thousandths.
pub fn quantity_milli(q: f64) -> Result<i64, &'static str> {
    if !q.is_finite() || q <= 0.0 {
        return Err("A quantidade deve ser maior que zero.");
    }
    if q > 1_000_000_000.0 {
        return Err("Quantidade grande demais.");
    }
    let milli = (q * 1000.0).round();
    if (milli - q * 1000.0).abs() > 1e-6 {
        return Err("Use no máximo três casas decimais.");
    }
    Ok(milli as i64)
}

/// "1,5" for 1500 thousandths.
pub fn format_quantity(milli: i64) -> String {
    let whole = milli / 1000;
    let frac = milli % 1000;
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole},{}", format!("{frac:03}").trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn l(q: i64, p: i64, d: i32, r: bool) -> LineInput {
        LineInput { quantity_milli: q, unit_price_cents: p, discount_bp: d, recurring: r }
    }

    #[test]
    fn worked_example() {
        // 1,5 h × R$ 199,99 = 299,985 → R$ 299,99; 10% → 30,00 (29,999) → 269,99
        let t = totals(&[l(1500, 19_999, 1000, false), l(1000, 9_900, 0, true)], 500).expect("ok");
        assert_eq!(
            t.lines[0],
            LineTotals { gross_cents: 29_999, discount_cents: 3_000, total_cents: 26_999 }
        );
        assert_eq!(t.subtotal_cents, 36_899);
        // groups: 26 999 × 5% = 1 349,95 → 1 350; 9 900 × 5% = 495
        assert_eq!(t.one_time_cents, 25_649);
        assert_eq!(t.recurring_cents, 9_405);
        assert_eq!(t.discount_cents, 1_845);
        assert_eq!(t.total_cents, 35_054);
    }

    #[test]
    fn bad_inputs() {
        assert_eq!(line(&l(0, 100, 0, false)), Err(PricingError::Negative));
        assert_eq!(line(&l(1000, -1, 0, false)), Err(PricingError::Negative));
        assert_eq!(line(&l(1000, 1, 10_001, false)), Err(PricingError::Discount));
        assert_eq!(totals(&[], 10_001), Err(PricingError::Discount));
        assert_eq!(line(&l(i64::MAX, i64::MAX, 0, false)), Err(PricingError::Overflow));
        assert_eq!(quantity_milli(1.5), Ok(1500));
        assert!(quantity_milli(1.0005).is_err());
        assert!(quantity_milli(-2.0).is_err());
        assert_eq!(format_quantity(1500), "1,5");
        assert_eq!(format_quantity(2000), "2");
        assert_eq!(format_quantity(1250), "1,25");
    }

    proptest! {
        #[test]
        fn totals_never_lose_or_invent_a_cent(
            items in proptest::collection::vec((1i64..1_000_000, 0i64..10_000_000, 0i32..=10_000, any::<bool>()), 0..30),
            overall in 0i32..=10_000,
        ) {
            let lines: Vec<LineInput> = items.iter().map(|(q, p, d, r)| l(*q, *p, *d, *r)).collect();
            let t = totals(&lines, overall).expect("in range");
            for (li, lt) in lines.iter().zip(&t.lines) {
                prop_assert_eq!(lt.gross_cents - lt.discount_cents, lt.total_cents);
                prop_assert!(lt.total_cents >= 0);
                // within half a cent of the exact value
                let exact = li.unit_price_cents as f64 * li.quantity_milli as f64 / 1000.0;
                prop_assert!((lt.gross_cents as f64 - exact).abs() <= 0.5 + 1e-6);
            }
            let line_sum: i64 = t.lines.iter().map(|x| x.total_cents).sum();
            prop_assert_eq!(line_sum, t.subtotal_cents);
            prop_assert_eq!(t.subtotal_cents - t.discount_cents, t.total_cents);
            prop_assert_eq!(t.one_time_cents + t.recurring_cents, t.total_cents);
            prop_assert!(t.total_cents >= 0 && t.discount_cents <= t.subtotal_cents);
        }
    }
}
