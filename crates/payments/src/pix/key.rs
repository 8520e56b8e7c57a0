//! PIX keys (chaves PIX): the five kinds the DICT accepts, parsed from what a
//! person types into the canonical text that goes into a BR Code.

use std::fmt;

/// A PIX key in canonical form. Build one with [`PixKey::parse`]; the
/// variants are public so stored keys can be rebuilt, but only `parse`
/// checks them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PixKey {
    /// 11 digits.
    Cpf(String),
    /// 14 characters: digits, or since 2026 twelve letters/digits and two
    /// check digits (the alphanumeric CNPJ), upper case.
    Cnpj(String),
    /// Lower case.
    Email(String),
    /// E.164, always Brazilian: `+5511987654321`.
    Phone(String),
    /// The random key (EVP): a lower-case UUID.
    Random(String),
}

/// Why a text is not a PIX key; the message is meant for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PixKeyError(pub String);

const GENERIC: &str = "Chave PIX inválida: informe CPF, CNPJ, e-mail, celular (+55…) ou chave aleatória.";
/// The DICT's limit for e-mail keys.
const MAX_EMAIL: usize = 77;

fn error(message: &str) -> PixKeyError {
    PixKeyError(message.to_owned())
}

impl PixKey {
    /// Reads a key as people type it: CPF/CNPJ with or without punctuation,
    /// phones with or without `+55`, e-mails in any case. Eleven digits that
    /// form a valid CPF are a CPF; otherwise, if they look like a mobile
    /// number with DDD, a phone.
    pub fn parse(input: &str) -> Result<PixKey, PixKeyError> {
        let input = input.trim();
        if input.contains('@') {
            return parse_email(input);
        }
        if is_uuid(input) {
            return Ok(PixKey::Random(input.to_ascii_lowercase()));
        }
        let compact: String =
            input.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '/' | '(' | ')')).collect();
        if let Some(international) = compact.strip_prefix('+') {
            return match international.strip_prefix("55") {
                Some(national) if is_mobile(national) => Ok(PixKey::Phone(format!("+55{national}"))),
                _ => Err(error(BAD_PHONE)),
            };
        }
        if compact.len() == 14 && compact.bytes().any(|b| b.is_ascii_alphabetic()) {
            return parse_cnpj(&compact.to_ascii_uppercase());
        }
        if compact.is_empty() || !compact.bytes().all(|b| b.is_ascii_digit()) {
            return Err(error(GENERIC));
        }
        // Written as 000.000.000-00, the digits are meant as a CPF even when
        // a typo makes them look like a phone number.
        let cpf_mask = input.len() == 14
            && input.bytes().enumerate().all(|(i, b)| match i {
                3 | 7 => b == b'.',
                11 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        match compact.len() {
            11 if cpf_is_valid(&compact) => Ok(PixKey::Cpf(compact)),
            11 if !cpf_mask && is_mobile(&compact) => Ok(PixKey::Phone(format!("+55{compact}"))),
            11 => Err(error("CPF inválido: confira os dígitos verificadores.")),
            13 => match compact.strip_prefix("55") {
                Some(national) if is_mobile(national) => Ok(PixKey::Phone(format!("+55{national}"))),
                _ => Err(error(BAD_PHONE)),
            },
            14 => parse_cnpj(&compact),
            _ => Err(error(GENERIC)),
        }
    }

    /// The canonical text, as it goes into the BR Code and the DICT.
    pub fn as_str(&self) -> &str {
        match self {
            PixKey::Cpf(s) | PixKey::Cnpj(s) | PixKey::Email(s) | PixKey::Phone(s) | PixKey::Random(s) => s,
        }
    }

    /// `"cpf"`, `"cnpj"`, `"email"`, `"phone"` or `"random"`.
    pub fn kind(&self) -> &'static str {
        match self {
            PixKey::Cpf(_) => "cpf",
            PixKey::Cnpj(_) => "cnpj",
            PixKey::Email(_) => "email",
            PixKey::Phone(_) => "phone",
            PixKey::Random(_) => "random",
        }
    }
}

impl fmt::Display for PixKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const BAD_PHONE: &str = "Celular inválido para chave PIX: informe +55, o DDD e o número de 9 dígitos.";

fn parse_email(input: &str) -> Result<PixKey, PixKeyError> {
    let email = input.to_lowercase();
    if email.chars().count() > MAX_EMAIL {
        return Err(error("E-mail muito longo para chave PIX (máximo de 77 caracteres)."));
    }
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && local.bytes().all(|b| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b))
                && domain_is_valid(domain)
        }
        None => false,
    };
    if valid { Ok(PixKey::Email(email)) } else { Err(error("E-mail inválido para chave PIX.")) }
}

/// At least two dot-separated labels of letters, digits and inner hyphens;
/// a second `@` fails here too.
fn domain_is_valid(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Any 8-4-4-4-12 hex UUID, not only version 4: the Banco Central's own
/// published example uses `123e4567-e12b-12d1-…`.
fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Area codes in use (Anatel). Checking the real list, not just "two
/// digits", keeps mistyped CPFs from passing as phone numbers.
const DDDS: [&str; 67] = [
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "22", "24", "27", "28", "31", "32", "33",
    "34", "35", "37", "38", "41", "42", "43", "44", "45", "46", "47", "48", "49", "51", "53", "54", "55",
    "61", "62", "63", "64", "65", "66", "67", "68", "69", "71", "73", "74", "75", "77", "79", "81", "82",
    "83", "84", "85", "86", "87", "88", "89", "91", "92", "93", "94", "95", "96", "97", "98", "99",
];

/// A DDD and a nine-digit mobile number, which always starts with 9 (PIX
/// phone keys are mobile numbers).
fn is_mobile(national: &str) -> bool {
    national.len() == 11
        && national.bytes().all(|b| b.is_ascii_digit())
        && DDDS.contains(&&national[..2])
        && national.as_bytes()[2] == b'9'
}

fn parse_cnpj(compact: &str) -> Result<PixKey, PixKeyError> {
    if cnpj_is_valid(compact) {
        Ok(PixKey::Cnpj(compact.to_owned()))
    } else {
        Err(error("CNPJ inválido: confira os dígitos verificadores."))
    }
}

fn all_same(s: &str) -> bool {
    s.bytes().all(|b| Some(b) == s.bytes().next())
}

fn cpf_is_valid(digits: &str) -> bool {
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let check = |len: usize| {
        let sum: u32 = d[..len].iter().zip((2..=len as u32 + 1).rev()).map(|(x, w)| x * w).sum();
        (sum * 10 % 11) % 10
    };
    d.len() == 11 && !all_same(digits) && check(9) == d[9] && check(10) == d[10]
}

/// Receita Federal's rule, which the alphanumeric CNPJ keeps: each character
/// counts as its ASCII code minus 48, so plain digits count as themselves.
fn cnpj_is_valid(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 14
        && b[..12].iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && b[12..].iter().all(u8::is_ascii_digit);
    if !shape || all_same(s) {
        return false;
    }
    let values: Vec<u32> = b.iter().map(|c| u32::from(c - b'0')).collect();
    let check = |len: usize| {
        let weights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
        let sum: u32 = values[..len].iter().zip(&weights[13 - len..]).map(|(x, w)| x * w).sum();
        match sum % 11 {
            0 | 1 => 0,
            r => 11 - r,
        }
    };
    check(12) == values[12] && check(13) == values[13]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn parse(s: &str) -> PixKey {
        PixKey::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn cpf_with_or_without_punctuation() {
        assert_eq!(parse("529.982.247-25"), PixKey::Cpf("52998224725".into()));
        assert_eq!(parse(" 52998224725 "), PixKey::Cpf("52998224725".into()));
        assert_eq!(parse("52998224725").kind(), "cpf");
    }

    #[test]
    fn cpf_with_wrong_check_digits_is_refused() {
        for typo in ["529.982.247-24", "52998224724", "123.456.789-00", "12345678900", "119.876.543-21"] {
            let err = PixKey::parse(typo).unwrap_err();
            assert!(err.0.contains("CPF inválido"), "{typo}: {err}");
        }
        assert!(PixKey::parse("111.111.111-11").is_err(), "repeated digits pass the sum but are no CPF");
    }

    #[test]
    fn cnpj_numeric_and_alphanumeric() {
        assert_eq!(parse("11.222.333/0001-81"), PixKey::Cnpj("11222333000181".into()));
        assert_eq!(parse("11222333000181").kind(), "cnpj");
        // The Receita Federal's published example of the new format.
        assert_eq!(parse("12.abc.345/01de-35"), PixKey::Cnpj("12ABC34501DE35".into()));
        assert!(PixKey::parse("11.222.333/0001-82").unwrap_err().0.contains("CNPJ inválido"));
        assert!(PixKey::parse("00000000000000").is_err());
    }

    #[test]
    fn email_is_lowercased_and_checked() {
        assert_eq!(parse("Financeiro@Empresa.COM.br"), PixKey::Email("financeiro@empresa.com.br".into()));
        for bad in ["a@b", "@empresa.com", "a@@empresa.com", "a@b@c.com", "a b@empresa.com", "a@-x.com"] {
            assert!(PixKey::parse(bad).is_err(), "{bad}");
        }
        let long = format!("{}@empresa.com", "a".repeat(66));
        assert_eq!(long.len(), 78);
        assert!(PixKey::parse(&long).unwrap_err().0.contains("77"));
        assert!(PixKey::parse(&long[1..]).is_ok());
    }

    #[test]
    fn phone_in_the_usual_spellings() {
        let expected = PixKey::Phone("+5511987654321".into());
        for input in
            ["+5511987654321", "+55 (11) 98765-4321", "11 98765-4321", "(11) 98765-4321", "5511987654321"]
        {
            assert_eq!(parse(input), expected, "{input}");
        }
        assert_eq!(expected.kind(), "phone");
        for bad in
            ["+1 415 555 0100", "+55 11 3333-4444", "+55 01 98765-4321", "+55 52 98765-4321", "11 3333-4444"]
        {
            assert!(PixKey::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn eleven_digits_are_a_cpf_when_the_check_digits_say_so() {
        // Exactly one of every hundred 119876543xx is a valid CPF, and all
        // of them look like a São Paulo mobile: the CPF wins.
        let both = (0..100u32)
            .map(|n| format!("119876543{n:02}"))
            .find(|d| cpf_is_valid(d))
            .expect("some 119876543xx is a valid CPF");
        assert_eq!(parse(&both), PixKey::Cpf(both.clone()));
        assert_eq!(parse("11987654321"), PixKey::Phone("+5511987654321".into()));
        // No area code 52 exists, so these digits can only be a (wrong) CPF.
        assert!(PixKey::parse("52998224724").is_err());
    }

    #[test]
    fn random_key_is_lowercased() {
        let key = parse("123E4567-E12B-12D1-A456-426655440000");
        assert_eq!(key, PixKey::Random("123e4567-e12b-12d1-a456-426655440000".into()));
        assert_eq!(key.kind(), "random");
        assert!(PixKey::parse("123e4567-e12b-12d1-a456-42665544000").is_err());
        assert!(PixKey::parse("123e4567-e12b-12d1-a456-42665544000g").is_err());
    }

    #[test]
    fn nonsense_gets_the_generic_message() {
        for bad in ["", "   ", "abc", "12345", "chave"] {
            assert_eq!(PixKey::parse(bad).unwrap_err().0, GENERIC, "{bad:?}");
        }
    }

    #[test]
    fn canonical_text_parses_back_to_the_same_key() {
        for input in ["529.982.247-25", "11.222.333/0001-81", "A@B.CO", "11 98765-4321", "12ABC34501DE35"] {
            let key = parse(input);
            assert_eq!(parse(key.as_str()), key);
            assert_eq!(key.to_string(), key.as_str());
        }
    }
}
