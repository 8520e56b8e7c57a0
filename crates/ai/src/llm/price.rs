//! List prices, for the usage page's estimate (USD per million tokens,
//! input and output, as published by the providers for these models; a
//! model not listed has no estimate rather than a wrong one).

const PRICES: &[(&str, f64, f64)] = &[
    ("gpt-4o-mini", 0.15, 0.60),
    ("gpt-4o", 2.50, 10.00),
    ("gpt-4.1-mini", 0.40, 1.60),
    ("gpt-4.1", 2.00, 8.00),
    ("claude-3-5-haiku", 0.80, 4.00),
    ("claude-3-5-sonnet", 3.00, 15.00),
    ("claude-3-7-sonnet", 3.00, 15.00),
];

/// The estimated cost of `input` and `output` tokens of `model`; a dated
/// or `-latest` name counts as its family ("gpt-4o-mini-2024-07-18").
pub fn estimate_usd(model: &str, input: i64, output: i64) -> Option<f64> {
    let (_, i, o) = PRICES
        .iter()
        .filter(|(name, _, _)| model == *name || model.starts_with(&format!("{name}-")))
        .max_by_key(|(name, _, _)| name.len())?;
    Some((input as f64 * i + output as f64 * o) / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::estimate_usd;

    #[test]
    fn dated_names_count_as_their_family_and_unknown_models_have_no_price() {
        assert_eq!(estimate_usd("gpt-4o-mini-2024-07-18", 1_000_000, 0), Some(0.15), "not gpt-4o's price");
        assert_eq!(estimate_usd("claude-3-5-haiku-latest", 0, 1_000_000), Some(4.0));
        assert_eq!(estimate_usd("llama3.1:8b", 1000, 1000), None);
    }
}
