//! Money is an integer number of cents plus a currency. Never floats.
//!
//! Rounding rule (the only one in the product): when a percentage or a
//! proration produces a fraction of a cent, round half away from zero
//! ("arredondamento comercial"). Splits distribute the remainder cent by
//! cent so the parts always add up to the whole.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum Currency {
    #[serde(rename = "BRL")]
    Brl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub struct Money {
    pub amount_cents: i64,
    pub currency: Currency,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("Valor fora do intervalo permitido.")]
pub struct Overflow;

/// `numerator / denominator`, rounded half away from zero.
pub fn div_round(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0);
    let q = numerator / denominator;
    let r = numerator % denominator;
    if 2 * r.abs() >= denominator { q + numerator.signum() } else { q }
}

impl Money {
    pub fn brl(amount_cents: i64) -> Self {
        Self { amount_cents, currency: Currency::Brl }
    }

    pub fn checked_add(self, other: Money) -> Result<Money, Overflow> {
        Ok(Money::brl(self.amount_cents.checked_add(other.amount_cents).ok_or(Overflow)?))
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, Overflow> {
        Ok(Money::brl(self.amount_cents.checked_sub(other.amount_cents).ok_or(Overflow)?))
    }

    /// This amount times `basis_points / 10_000` (1 % = 100 bp), rounded by
    /// the product's rule.
    pub fn percent_bp(self, basis_points: i64) -> Result<Money, Overflow> {
        let v = div_round(self.amount_cents as i128 * basis_points as i128, 10_000);
        Ok(Money::brl(i64::try_from(v).map_err(|_| Overflow)?))
    }

    /// Splits into `parts` amounts that differ by at most one cent and add up
    /// exactly to this amount; the first parts take the extra cents.
    pub fn split(self, parts: u32) -> Vec<Money> {
        if parts == 0 {
            return Vec::new();
        }
        let n = parts as i64;
        let base = self.amount_cents.div_euclid(n);
        let extra = self.amount_cents.rem_euclid(n);
        (0..n).map(|i| Money::brl(base + i64::from(i < extra))).collect()
    }

    /// `R$ 1.299,90`
    pub fn format_brl(self) -> String {
        let negative = self.amount_cents < 0;
        let abs = self.amount_cents.unsigned_abs();
        format!("{}R$ {},{:02}", if negative { "-" } else { "" }, thousands(abs / 100), abs % 100)
    }
}

/// A whole number as Brazilians write it: `5.000`, `1.299`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_brazilian_style() {
        assert_eq!(Money::brl(129990).format_brl(), "R$ 1.299,90");
        assert_eq!(Money::brl(5).format_brl(), "R$ 0,05");
        assert_eq!(Money::brl(-100_000_000).format_brl(), "-R$ 1.000.000,00");
        assert_eq!(
            (thousands(0), thousands(999), thousands(5000), thousands(1_234_567)),
            ("0".to_string(), "999".to_string(), "5.000".to_string(), "1.234.567".to_string())
        );
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(Money::brl(1999).percent_bp(250).map(|m| m.amount_cents), Ok(50)); // 49.975 → 50
    }

    proptest! {
        #[test]
        fn split_never_loses_or_invents_a_cent(cents in -10_000_000_000i64..10_000_000_000, parts in 1u32..400) {
            let pieces = Money::brl(cents).split(parts);
            prop_assert_eq!(pieces.len(), parts as usize);
            prop_assert_eq!(pieces.iter().map(|m| m.amount_cents).sum::<i64>(), cents);
            let max = pieces.iter().map(|m| m.amount_cents).max().unwrap_or(0);
            let min = pieces.iter().map(|m| m.amount_cents).min().unwrap_or(0);
            prop_assert!(max - min <= 1);
        }

        #[test]
        fn percent_is_within_half_a_cent(cents in 0i64..10_000_000_000, bp in 0i64..10_000) {
            let exact = cents as f64 * bp as f64 / 10_000.0;
            let got = Money::brl(cents).percent_bp(bp).map(|m| m.amount_cents).unwrap_or(i64::MIN);
            prop_assert!((got as f64 - exact).abs() <= 0.5 + 1e-6);
        }
    }
}
