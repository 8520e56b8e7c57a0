//! Brazilian tax ids, parsed (not merely validated): a `Cpf` or `Cnpj` value
//! always holds a well-formed id with correct check digits, stored without
//! punctuation.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    #[error("CPF deve ter 11 dígitos.")]
    CpfLength,
    #[error("CNPJ deve ter 14 caracteres.")]
    CnpjLength,
    #[error("Caractere inválido no documento.")]
    Character,
    #[error("Dígitos verificadores não conferem.")]
    CheckDigits,
    #[error("Documento com todos os dígitos iguais não é válido.")]
    Repeated,
}

/// Pessoa física id: 11 digits, the last two are check digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cpf(String);

/// Pessoa jurídica id: 12 alphanumeric characters (letters allowed since the
/// Receita Federal's 2026 alphanumeric CNPJ) followed by two numeric check
/// digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cnpj(String);

fn strip_punctuation(input: &str) -> String {
    input.chars().filter(|c| !matches!(c, '.' | '-' | '/' | ' ')).map(|c| c.to_ascii_uppercase()).collect()
}

/// Modulo-11 check digit with the Receita's weights.
fn check_digit(values: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = values.iter().zip(weights).map(|(v, w)| v * w).sum();
    match sum % 11 {
        0 | 1 => 0,
        r => 11 - r,
    }
}

impl Cpf {
    pub fn parse(input: &str) -> Result<Self, DocumentError> {
        let s = strip_punctuation(input);
        if s.len() != 11 {
            return Err(DocumentError::CpfLength);
        }
        let digits: Vec<u32> =
            s.chars().map(|c| c.to_digit(10).ok_or(DocumentError::Character)).collect::<Result<_, _>>()?;
        if digits.iter().all(|d| *d == digits[0]) {
            return Err(DocumentError::Repeated);
        }
        let d1 = check_digit(&digits[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]);
        let d2 = check_digit(&digits[..10], &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
        if digits[9] != d1 || digits[10] != d2 {
            return Err(DocumentError::CheckDigits);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The CPF whose first nine digits are `base` (for demo and test data).
    pub fn from_base(base: u32) -> Option<Self> {
        let mut digits: Vec<u32> =
            format!("{:09}", base % 1_000_000_000).chars().filter_map(|c| c.to_digit(10)).collect();
        digits.push(check_digit(&digits, &[10, 9, 8, 7, 6, 5, 4, 3, 2]));
        digits.push(check_digit(&digits, &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]));
        let s: String = digits.iter().filter_map(|d| char::from_digit(*d, 10)).collect();
        Cpf::parse(&s).ok()
    }

    /// `123.456.789-09`
    pub fn formatted(&self) -> String {
        let s = &self.0;
        format!("{}.{}.{}-{}", &s[..3], &s[3..6], &s[6..9], &s[9..])
    }
}

impl Cnpj {
    pub fn parse(input: &str) -> Result<Self, DocumentError> {
        let s = strip_punctuation(input);
        if s.len() != 14 {
            return Err(DocumentError::CnpjLength);
        }
        // Each character is worth its ASCII code minus 48: digits keep their
        // value, 'A' is 17 … 'Z' is 42. Check digits stay numeric.
        let mut values = Vec::with_capacity(14);
        for (i, c) in s.chars().enumerate() {
            let ok = if i < 12 { c.is_ascii_digit() || c.is_ascii_uppercase() } else { c.is_ascii_digit() };
            if !ok {
                return Err(DocumentError::Character);
            }
            values.push(c as u32 - 48);
        }
        if s.chars().all(|c| c == s.as_bytes()[0] as char) {
            return Err(DocumentError::Repeated);
        }
        let d1 = check_digit(&values[..12], &[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
        let d2 = check_digit(&values[..13], &[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
        if values[12] != d1 || values[13] != d2 {
            return Err(DocumentError::CheckDigits);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The numeric CNPJ of `root` (8 digits) and branch `0001` (for demo and test data).
    pub fn from_root(root: u32) -> Option<Self> {
        let mut values: Vec<u32> =
            format!("{:08}0001", root % 100_000_000).chars().filter_map(|c| c.to_digit(10)).collect();
        values.push(check_digit(&values, &[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
        values.push(check_digit(&values, &[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
        let s: String = values.iter().filter_map(|d| char::from_digit(*d, 10)).collect();
        Cnpj::parse(&s).ok()
    }

    /// `12.345.678/0001-95`
    pub fn formatted(&self) -> String {
        let s = &self.0;
        format!("{}.{}.{}/{}-{}", &s[..2], &s[2..5], &s[5..8], &s[8..12], &s[12..])
    }
}

macro_rules! serde_as_string {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                <$t>::parse(&raw).map_err(serde::de::Error::custom)
            }
        }
    };
}
serde_as_string!(Cpf);
serde_as_string!(Cnpj);

/// "CPF 123.456.789-09" or "CNPJ 11.222.333/0001-81" from stored digits.
pub fn document_label(doc: &str) -> String {
    if doc.len() == 11 {
        Cpf::parse(doc).map(|c| format!("CPF {}", c.formatted())).unwrap_or_else(|_| doc.to_string())
    } else {
        Cnpj::parse(doc).map(|c| format!("CNPJ {}", c.formatted())).unwrap_or_else(|_| doc.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cpf_accepts_valid_with_or_without_punctuation() {
        assert_eq!(Cpf::parse("529.982.247-25").map(|c| c.0), Ok("52998224725".into()));
        assert!(Cpf::parse("52998224725").is_ok());
        assert_eq!(Cpf::parse("52998224725").map(|c| c.formatted()), Ok("529.982.247-25".into()));
    }

    #[test]
    fn cpf_rejects_bad_digits_length_and_repeats() {
        assert_eq!(Cpf::parse("529.982.247-24"), Err(DocumentError::CheckDigits));
        assert_eq!(Cpf::parse("5299822472"), Err(DocumentError::CpfLength));
        assert_eq!(Cpf::parse("111.111.111-11"), Err(DocumentError::Repeated));
        assert_eq!(Cpf::parse("529.982.24a-25"), Err(DocumentError::Character));
    }

    #[test]
    fn cnpj_numeric() {
        assert_eq!(Cnpj::parse("11.222.333/0001-81").map(|c| c.0), Ok("11222333000181".into()));
        assert_eq!(Cnpj::parse("11.222.333/0001-82"), Err(DocumentError::CheckDigits));
        assert_eq!(Cnpj::parse("00.000.000/0000-00"), Err(DocumentError::Repeated));
    }

    #[test]
    fn cnpj_alphanumeric_example_from_receita_federal() {
        // The Receita Federal's published example of the new format.
        let c = Cnpj::parse("12.ABC.345/01DE-35").expect("valid alphanumeric CNPJ");
        assert_eq!(c.as_str(), "12ABC34501DE35");
        assert_eq!(c.formatted(), "12.ABC.345/01DE-35");
        assert_eq!(Cnpj::parse("12.abc.345/01de-35").map(|c| c.0), Ok("12ABC34501DE35".into()));
        assert_eq!(Cnpj::parse("12.ABC.345/01DE-36"), Err(DocumentError::CheckDigits));
        assert_eq!(Cnpj::parse("12.ABC.345/01DE-3A"), Err(DocumentError::Character));
    }

    #[test]
    fn generated_documents_are_valid() {
        assert_eq!(Cpf::from_base(529_982_247).map(|c| c.0), Some("52998224725".into()));
        assert_eq!(Cnpj::from_root(11_222_333).map(|c| c.0), Some("11222333000181".into()));
        assert!(Cpf::from_base(111_111_111).is_none(), "repeated digits stay invalid");
    }

    proptest! {
        #[test]
        fn any_cpf_with_computed_digits_parses(base in proptest::collection::vec(0u32..10, 9)) {
            prop_assume!(!base.iter().all(|d| *d == base[0]));
            let mut digits = base.clone();
            digits.push(check_digit(&digits, &[10, 9, 8, 7, 6, 5, 4, 3, 2]));
            digits.push(check_digit(&digits, &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]));
            let s: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap_or('0')).collect();
            prop_assert!(Cpf::parse(&s).is_ok());
            // Changing the last digit always breaks it.
            let mut broken = digits.clone();
            broken[10] = (broken[10] + 1) % 10;
            let b: String = broken.iter().map(|d| char::from_digit(*d, 10).unwrap_or('0')).collect();
            prop_assert!(Cpf::parse(&b).is_err());
        }

        #[test]
        fn parse_never_panics(s in ".{0,30}") {
            let _ = Cpf::parse(&s);
            let _ = Cnpj::parse(&s);
        }
    }
}
