//! Personal data out of a text before it leaves the server (an LLM
//! provider): e-mails, PIX random keys, CNPJs, CPFs, card numbers and phone
//! numbers become placeholders.

use std::sync::OnceLock;

use regex::Regex;

fn patterns() -> &'static [(Regex, &'static str)] {
    static PATTERNS: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // constant patterns, covered by the tests
        let re = |p: &str| Regex::new(p).unwrap();
        vec![
            (re(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"), "[email]"),
            (re(r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "[chave pix]"),
            (re(r"\b\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}\b"), "[cnpj]"),
            (re(r"\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b"), "[cpf]"),
            (re(r"\b\d{4}(?:[ \-]?\d{4}){2}[ \-]?\d{1,7}\b"), "[cartão]"),
            (re(r"(?:\+?55[\s\-]?)?(?:\(?\d{2}\)?[\s\-]?)?9?\d{4}[\s\-]?\d{4}\b"), "[telefone]"),
        ]
    })
}

/// The text with personal data replaced.
pub fn mask(text: &str) -> String {
    let mut out = text.to_string();
    for (pattern, placeholder) in patterns() {
        out = pattern.replace_all(&out, *placeholder).into_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_brazilian_personal_data() {
        assert_eq!(
            mask("Meu CPF é 123.456.789-09 e o e-mail ana.souza@example.com.br"),
            "Meu CPF é [cpf] e o e-mail [email]"
        );
        assert_eq!(mask("CNPJ 12.345.678/0001-95"), "CNPJ [cnpj]");
        assert_eq!(mask("cartão 4111 1111 1111 1111 venceu"), "cartão [cartão] venceu");
        assert_eq!(mask("me liga no (31) 98765-4321"), "me liga no [telefone]");
        assert_eq!(mask("+55 11 91234-5678"), "[telefone]");
        assert_eq!(mask("chave 123e4567-e89b-12d3-a456-426614174000"), "chave [chave pix]");
        assert_eq!(
            mask("Fatura FAT-0012 de R$ 129,90"),
            "Fatura FAT-0012 de R$ 129,90",
            "money and numbers stay"
        );
    }
}
