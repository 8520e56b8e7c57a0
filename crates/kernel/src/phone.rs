//! Phone numbers in E.164, parsed with libphonenumber's rules; numbers typed
//! without a country code are taken as Brazilian.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("Telefone inválido.")]
pub struct PhoneError;

impl Phone {
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let number =
            phonenumber::parse(Some(phonenumber::country::Id::BR), input.trim()).map_err(|_| PhoneError)?;
        if !phonenumber::is_valid(&number) {
            return Err(PhoneError);
        }
        Ok(Self(number.format().mode(phonenumber::Mode::E164).to_string()))
    }

    /// `+5511987654321`
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As Brazilians write it: `(11) 98765-4321`; other countries in
    /// international format.
    pub fn display(&self) -> String {
        match phonenumber::parse(None, &self.0) {
            Ok(n) if n.code().value() == 55 => n.format().mode(phonenumber::Mode::National).to_string(),
            Ok(n) => n.format().mode(phonenumber::Mode::International).to_string(),
            Err(_) => self.0.clone(),
        }
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Phone::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brazilian_mobile_without_country_code() {
        let p = Phone::parse("(11) 98765-4321").expect("valid");
        assert_eq!(p.as_str(), "+5511987654321");
        assert_eq!(p.display(), "(11) 98765-4321");
    }

    #[test]
    fn international_and_invalid() {
        assert_eq!(Phone::parse("+1 650 253 0000").map(|p| p.0), Ok("+16502530000".into()));
        assert!(Phone::parse("123").is_err());
        assert!(Phone::parse("abc").is_err());
    }
}
