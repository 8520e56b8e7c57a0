//! Cells of the CSV exports (customers, invoices, …), safe to open in a
//! spreadsheet.
//!
//! Excel, LibreOffice and Google Sheets run a cell that starts with `=`,
//! `+`, `-` or `@` as a formula (and a leading tab or carriage return can
//! hide one), so a customer named `=HYPERLINK("http://x","y")` would become
//! a live link or worse in the accountant's spreadsheet (OWASP "CSV
//! Injection"). Every *text* cell goes through [`text`], which prefixes such
//! a value with `'`, shown as text and not stored.
//!
//! Amounts are not text: [`money`] writes them ourselves as digits with a
//! `.` and, when negative, a leading `-` — a plain number a spreadsheet
//! parses as one, never a formula — so money columns stay numbers and must
//! not go through [`text`].

/// A text cell, neutralised when a spreadsheet would read it as a formula.
pub fn text(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// An amount in cents as a number in reais: `1234.50`, `-12.00`.
pub fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.unsigned_abs() / 100, cents.unsigned_abs() % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_plain_values_stay() {
        assert_eq!(text("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
        for danger in ["+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(text(danger).starts_with('\''), "{danger:?}");
        }
        assert_eq!(text("Padaria Pão Quente"), "Padaria Pão Quente");
        assert_eq!(text(""), "");
    }

    #[test]
    fn amounts_are_plain_numbers() {
        assert_eq!(money(123450), "1234.50");
        assert_eq!(money(-1200), "-12.00");
        assert_eq!(money(-5), "-0.05");
        assert_eq!(money(i64::MIN), "-92233720368547758.08");
        assert!(money(-1200).parse::<f64>().is_ok());
    }
}
