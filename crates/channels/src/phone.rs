//! Phone numbers as the chat providers write them and as we store them.

/// The digits of a number, as the WhatsApp Cloud API wants `to`
/// (`"+55 (11) 98765-4321"` → `"5511987654321"`).
pub(crate) fn digits(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

/// A WhatsApp id (`wa_id`, the digits of the number with country code) as
/// E.164. Anything else is left as given, trimmed.
pub(crate) fn e164(wa_id: &str) -> String {
    let trimmed = wa_id.trim();
    let bare = trimmed.strip_prefix('+').unwrap_or(trimmed);
    if !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit()) {
        format!("+{bare}")
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_normalise_both_ways() {
        assert_eq!(digits("+55 (11) 98765-4321"), "5511987654321");
        assert_eq!(digits("5511987654321"), "5511987654321");
        assert_eq!(e164("5511987654321"), "+5511987654321");
        assert_eq!(e164("+5511987654321"), "+5511987654321");
        assert_eq!(e164(" ConectCRM "), "ConectCRM");
        assert_eq!(e164(""), "");
    }
}
