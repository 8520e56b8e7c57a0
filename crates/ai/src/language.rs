//! The language of a message (`whatlang`, offline), as an ISO 639-1 code
//! where one exists ("pt", "en", "es"), else ISO 639-3.

/// The language when the detector is reasonably sure; short texts
/// ("ok", "oi") usually get `None`.
pub fn detect(text: &str) -> Option<(String, f64)> {
    let info = whatlang::detect(text)?;
    if info.confidence() < 0.5 {
        return None;
    }
    let code = info.lang().code();
    let short = match code {
        "por" => "pt",
        "eng" => "en",
        "spa" => "es",
        "fra" => "fr",
        "ita" => "it",
        "deu" => "de",
        other => other,
    };
    Some((short.to_string(), info.confidence()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    #[test]
    fn tells_portuguese_from_english_and_spanish() {
        assert_eq!(
            super::detect("Bom dia, preciso da segunda via do meu boleto que venceu ontem").unwrap().0,
            "pt"
        );
        assert_eq!(super::detect("Hello, I need a copy of my last invoice please").unwrap().0, "en");
        assert_eq!(super::detect("Hola, necesito cancelar mi suscripción lo antes posible").unwrap().0, "es");
    }
}
