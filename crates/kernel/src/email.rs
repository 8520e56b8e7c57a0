//! E-mail addresses, trimmed and lower-cased so that lookups are exact.

use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("E-mail inválido.")]
pub struct EmailError;

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim().to_lowercase();
        if s.len() > 254 || !s.contains('@') {
            return Err(EmailError);
        }
        let parsed = email_address::EmailAddress::from_str(&s).map_err(|_| EmailError)?;
        // Display names ("Ana <ana@x>") are not addresses.
        if parsed.email() != s || !parsed.domain().contains('.') {
            return Err(EmailError);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Email {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Email::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_rejects() {
        assert_eq!(
            Email::parse("  Ana.Souza@Empresa.com.BR ").map(|e| e.0),
            Ok("ana.souza@empresa.com.br".into())
        );
        assert!(Email::parse("ana").is_err());
        assert!(Email::parse("ana@localhost").is_err());
        assert!(Email::parse("Ana <ana@x.com>").is_err());
        assert!(Email::parse("").is_err());
    }
}
