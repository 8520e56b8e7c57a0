//! Building a static BR Code.

use super::{PixKey, crc16};

/// What goes into a static BR Code. Name, city and description are
/// transliterated to ASCII and cut to the standard's sizes by [`encode`].
#[derive(Debug, Clone, Copy)]
pub struct BrCode<'a> {
    pub key: &'a PixKey,
    pub merchant_name: &'a str,
    pub merchant_city: &'a str,
    /// None lets the payer type the amount.
    pub amount_cents: Option<i64>,
    /// Up to 25 letters and digits; None writes `***` (no txid).
    pub txid: Option<&'a str>,
    /// Shown to the payer by most banks; dropped or shortened when the key
    /// leaves no room for it.
    pub description: Option<&'a str>,
}

/// Why a BR Code cannot be built or read. Messages are for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BrCodeError {
    #[error("O valor do PIX deve ser maior que zero e menor que R$ 10 bilhões.")]
    InvalidAmount,
    #[error("Identificador da transação (txid) inválido: use de 1 a 25 letras ou números, sem espaços.")]
    InvalidTxid,
    #[error("Chave PIX inválida para o BR Code.")]
    InvalidKey,
    #[error("O campo {0} do BR Code passaria de 99 caracteres.")]
    FieldTooLong(String),
    #[error("Informe o nome do recebedor do PIX.")]
    EmptyName,
    #[error("Informe a cidade do recebedor do PIX.")]
    EmptyCity,
    #[error("BR Code malformado: {0}.")]
    Malformed(String),
    #[error("BR Code com CRC inválido: esperado {expected}, encontrado {found}.")]
    CrcMismatch { expected: String, found: String },
}

pub(super) const PIX_GUI: &str = "br.gov.bcb.pix";
pub(super) const NO_TXID: &str = "***";
const MAX_FIELD: usize = 99;
const MAX_NAME: usize = 25;
const MAX_CITY: usize = 15;
const MAX_TXID: usize = 25;
/// Field 54 holds at most 13 characters: "9999999999.99".
const MAX_AMOUNT_CENTS: i64 = 999_999_999_999;

/// The BR Code text, CRC included, ready for "copia e cola" or a QR code.
pub fn encode(code: &BrCode) -> Result<String, BrCodeError> {
    let key = code.key.as_str();
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(BrCodeError::InvalidKey);
    }
    let name = ascii_text(code.merchant_name, MAX_NAME);
    if name.is_empty() {
        return Err(BrCodeError::EmptyName);
    }
    let city = ascii_text(code.merchant_city, MAX_CITY);
    if city.is_empty() {
        return Err(BrCodeError::EmptyCity);
    }
    let txid = match code.txid {
        None => NO_TXID,
        Some(txid) if txid == NO_TXID || txid_is_valid(txid) => txid,
        Some(_) => return Err(BrCodeError::InvalidTxid),
    };

    let mut out = String::with_capacity(200);
    field(&mut out, "00", "01")?;
    field(&mut out, "26", &merchant_account(key, code.description)?)?;
    field(&mut out, "52", "0000")?;
    field(&mut out, "53", "986")?;
    if let Some(cents) = code.amount_cents {
        if !(1..=MAX_AMOUNT_CENTS).contains(&cents) {
            return Err(BrCodeError::InvalidAmount);
        }
        field(&mut out, "54", &format!("{}.{:02}", cents / 100, cents % 100))?;
    }
    field(&mut out, "58", "BR")?;
    field(&mut out, "59", &name)?;
    field(&mut out, "60", &city)?;
    let mut additional = String::new();
    field(&mut additional, "05", txid)?;
    field(&mut out, "62", &additional)?;
    // The CRC covers its own id and length.
    out.push_str("6304");
    out.push_str(&format!("{:04X}", crc16(out.as_bytes())));
    Ok(out)
}

/// Field 26: the PIX GUI, the key and, if room is left, the description.
fn merchant_account(key: &str, description: Option<&str>) -> Result<String, BrCodeError> {
    let mut account = String::new();
    field(&mut account, "00", PIX_GUI)?;
    field(&mut account, "01", key)?;
    // 4 characters of id and length precede the description's text.
    let room = MAX_FIELD.saturating_sub(account.len() + 4);
    if let Some(description) = description.map(|d| ascii_text(d, room)).filter(|d| !d.is_empty()) {
        field(&mut account, "02", &description)?;
    }
    Ok(account)
}

fn field(out: &mut String, id: &str, value: &str) -> Result<(), BrCodeError> {
    if value.len() > MAX_FIELD {
        return Err(BrCodeError::FieldTooLong(id.to_owned()));
    }
    out.push_str(id);
    out.push_str(&format!("{:02}", value.len()));
    out.push_str(value);
    Ok(())
}

pub(super) fn txid_is_valid(txid: &str) -> bool {
    (1..=MAX_TXID).contains(&txid.len()) && txid.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Printable ASCII only, as the EMV "ans" format and many bank apps demand:
/// accents are dropped from their letters ("São Paulo" → "Sao Paulo"), other
/// symbols removed, spaces collapsed, and the text cut to `max` characters.
fn ascii_text(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max));
    let ascii = text.chars().filter_map(|c| if c.is_ascii() { Some(c) } else { transliterate(c) });
    for c in ascii {
        if !(c.is_whitespace() || c.is_ascii_control()) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let mut out: String = out.trim().chars().take(max).collect();
    out.truncate(out.trim_end().len());
    out
}

/// The ASCII letter under a Latin accented letter (what Portuguese, Spanish
/// and French names use); None for anything else, which is then dropped.
fn transliterate(c: char) -> Option<char> {
    const TABLE: [(&str, char); 19] = [
        ("áàâãäåª", 'a'),
        ("ÁÀÂÃÄÅ", 'A'),
        ("éèêë", 'e'),
        ("ÉÈÊË", 'E'),
        ("íìîï", 'i'),
        ("ÍÌÎÏ", 'I'),
        ("óòôõöº", 'o'),
        ("ÓÒÔÕÖ", 'O'),
        ("úùûü", 'u'),
        ("ÚÙÛÜ", 'U'),
        ("ç", 'c'),
        ("Ç", 'C'),
        ("ñ", 'n'),
        ("Ñ", 'N'),
        ("ýÿ", 'y'),
        ("Ý", 'Y'),
        ("–—", '-'),
        ("‘’", '\''),
        ("\u{a0}", ' '),
    ];
    TABLE.iter().find(|(from, _)| from.contains(c)).map(|&(_, to)| to)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn key() -> PixKey {
        PixKey::Random("123e4567-e12b-12d1-a456-426655440000".into())
    }

    fn code(key: &PixKey) -> BrCode<'_> {
        BrCode {
            key,
            merchant_name: "Fulano de Tal",
            merchant_city: "BRASILIA",
            amount_cents: None,
            txid: None,
            description: None,
        }
    }

    #[test]
    fn names_and_cities_become_short_ascii() {
        assert_eq!(ascii_text("  São   João\tdo Açaí  ", 25), "Sao Joao do Acai");
        assert_eq!(ascii_text("Padaria Coração de Maçã Ltda ME", 25), "Padaria Coracao de Maca L");
        assert_eq!(ascii_text("Ribeirão Preto - SP", 15), "Ribeirao Preto");
        assert_eq!(ascii_text("日本", 25), "");
    }

    #[test]
    fn amount_is_written_in_reais_with_two_decimals() {
        let key = key();
        let payload = encode(&BrCode { amount_cents: Some(12_345_678), ..code(&key) }).unwrap();
        assert!(payload.contains("5409123456.78"), "{payload}");
        let payload = encode(&BrCode { amount_cents: Some(5), ..code(&key) }).unwrap();
        assert!(payload.contains("54040.05"), "{payload}");
    }

    #[test]
    fn invalid_inputs_are_refused() {
        let key = key();
        let base = code(&key);
        for amount in [0, -100, MAX_AMOUNT_CENTS + 1] {
            let err = encode(&BrCode { amount_cents: Some(amount), ..base });
            assert_eq!(err, Err(BrCodeError::InvalidAmount), "{amount}");
        }
        for txid in ["", "com espaço", "fatura-123", &"A".repeat(26)] {
            assert_eq!(encode(&BrCode { txid: Some(txid), ..base }), Err(BrCodeError::InvalidTxid), "{txid}");
        }
        assert_eq!(encode(&BrCode { merchant_name: " ", ..base }), Err(BrCodeError::EmptyName));
        assert_eq!(encode(&BrCode { merchant_city: "", ..base }), Err(BrCodeError::EmptyCity));
        let long_key = PixKey::Email(format!("{}@empresa.com", "a".repeat(80)));
        assert_eq!(encode(&code(&long_key)), Err(BrCodeError::FieldTooLong("26".into())));
        let huge_key = PixKey::Random("a".repeat(100));
        assert_eq!(encode(&code(&huge_key)), Err(BrCodeError::FieldTooLong("01".into())));
        let spaced_key = PixKey::Email("a b@empresa.com".into());
        assert_eq!(encode(&code(&spaced_key)), Err(BrCodeError::InvalidKey));
    }

    #[test]
    fn description_is_shortened_to_fit_field_26() {
        let key = key();
        let description = "Fatura de maio — plano Profissional com suporte";
        let payload = encode(&BrCode { description: Some(description), ..code(&key) }).unwrap();
        // 18 (GUI) + 40 (key) + 4 + 37 = 99.
        assert!(payload.starts_with("0002012699"), "{payload}");
        assert!(payload.contains("0237Fatura de maio - plano Profissional c5204"), "{payload}");

        // An e-mail key of 77 characters leaves no room at all.
        let long_key = PixKey::Email(format!("{}@empresa.com", "a".repeat(65)));
        let payload = encode(&BrCode { description: Some("x"), ..code(&long_key) }).unwrap();
        assert!(payload.starts_with("0002012699"), "{payload}");
        assert!(!payload.contains("0201x"), "{payload}");
    }
}
