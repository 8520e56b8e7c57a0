//! Reading a BR Code back: the CRC first, then the TLV fields.

use super::brcode::{BrCodeError, NO_TXID, PIX_GUI};
use super::crc16;

/// A BR Code's content. `fields` lists every top-level `(id, value)` in
/// order, CRC included, for whatever the named fields do not cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub key: String,
    pub merchant_name: String,
    pub merchant_city: String,
    pub amount_cents: Option<i64>,
    /// `***` when the code carries no txid.
    pub txid: String,
    pub description: Option<String>,
    pub fields: Vec<(String, String)>,
}

/// Length of the trailing CRC field: `6304` and four hex digits.
const CRC_FIELD: usize = 8;

fn malformed(why: impl Into<String>) -> BrCodeError {
    BrCodeError::Malformed(why.into())
}

/// Reads a static PIX BR Code, refusing it when its CRC does not match.
pub fn decode(payload: &str) -> Result<Decoded, BrCodeError> {
    check_crc(payload)?;
    let fields = tlv(payload)?;
    if fields.last().map(|(id, _)| *id) != Some("63") {
        return Err(malformed("o CRC (campo 63) não é o último campo"));
    }
    if fields.first() != Some(&("00", "01")) {
        return Err(malformed("não começa pelo campo 00 com o valor 01"));
    }
    let get = |id: &str| fields.iter().find(|(f, _)| *f == id).map(|(_, v)| *v);

    // The PIX account may sit in any of the merchant-account slots 26–51;
    // it is the one whose GUI (case-insensitive, per the manual) is PIX's.
    let account = fields
        .iter()
        .filter(|(id, _)| ("26"..="51").contains(id))
        .map(|(_, value)| tlv(value))
        .find(|sub| match sub {
            Ok(sub) => sub.iter().any(|(id, v)| *id == "00" && v.eq_ignore_ascii_case(PIX_GUI)),
            Err(_) => false,
        })
        .ok_or_else(|| malformed("sem as informações da conta PIX (campo 26)"))??;
    let sub = |id: &str| account.iter().find(|(f, _)| *f == id).map(|(_, v)| (*v).to_owned());
    let key = sub("01").ok_or_else(|| malformed("sem chave PIX (campo 26-01)"))?;

    let txid = match get("62") {
        Some(additional) => tlv(additional)?.iter().find(|(id, _)| *id == "05").map(|(_, v)| (*v).to_owned()),
        None => None,
    };
    Ok(Decoded {
        key,
        merchant_name: get("59").ok_or_else(|| malformed("sem nome do recebedor (campo 59)"))?.to_owned(),
        merchant_city: get("60").ok_or_else(|| malformed("sem cidade do recebedor (campo 60)"))?.to_owned(),
        amount_cents: get("54").map(parse_amount).transpose()?,
        txid: txid.unwrap_or_else(|| NO_TXID.to_owned()),
        description: sub("02"),
        fields: fields.iter().map(|(id, value)| ((*id).to_owned(), (*value).to_owned())).collect(),
    })
}

fn check_crc(payload: &str) -> Result<(), BrCodeError> {
    let split = payload.len().checked_sub(CRC_FIELD).filter(|&at| payload.is_char_boundary(at));
    let Some((body, crc_field)) = split.map(|at| payload.split_at(at)) else {
        return Err(malformed("curto demais"));
    };
    let Some(found) = crc_field.strip_prefix("6304") else {
        return Err(malformed("sem CRC (campo 63) no final"));
    };
    let expected = format!("{:04X}", crc16(format!("{body}6304").as_bytes()));
    // Exact comparison: the manual writes the CRC in upper case, and a
    // lower-case digit is a changed character like any other.
    if found != expected {
        return Err(BrCodeError::CrcMismatch { expected, found: found.to_owned() });
    }
    Ok(())
}

/// Splits `id(2) length(2) value` records; lengths count bytes, which for the
/// ASCII the manual prescribes are characters.
fn tlv(mut data: &str) -> Result<Vec<(&str, &str)>, BrCodeError> {
    let mut fields = Vec::new();
    while !data.is_empty() {
        let header = data.get(..4).filter(|h| h.bytes().all(|b| b.is_ascii_digit()));
        let Some(header) = header else {
            return Err(malformed(format!(
                "registro ilegível em \"{}\"",
                data.chars().take(8).collect::<String>()
            )));
        };
        let (id, len) = header.split_at(2);
        let len: usize = len.parse().map_err(|_| malformed(format!("tamanho ilegível no campo {id}")))?;
        let value = data.get(4..4 + len).ok_or_else(|| malformed(format!("campo {id} cortado")))?;
        fields.push((id, value));
        data = &data[4 + len..];
    }
    Ok(fields)
}

/// "123.45", "123.4" or "123" (reais) as cents.
fn parse_amount(text: &str) -> Result<i64, BrCodeError> {
    let bad = || malformed(format!("valor ilegível \"{text}\""));
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || fraction.len() > 2 || !digits(fraction) {
        return Err(bad());
    }
    let reais: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
    reais.checked_mul(100).and_then(|r| r.checked_add(cents)).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn amounts_in_the_forms_generators_write() {
        assert_eq!(parse_amount("123.45"), Ok(12345));
        assert_eq!(parse_amount("10.5"), Ok(1050));
        assert_eq!(parse_amount("7"), Ok(700));
        assert_eq!(parse_amount("0.05"), Ok(5));
        for bad in ["", ".5", "1.234", "1,50", "-1.00", "1.5a"] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn truncated_and_garbled_payloads_are_malformed() {
        assert!(matches!(decode(""), Err(BrCodeError::Malformed(_))));
        assert!(matches!(decode("000201"), Err(BrCodeError::Malformed(_))));
        // A valid CRC over a body that is not TLV.
        let body = "0002019999";
        let payload = format!("{body}6304{:04X}", crc16(format!("{body}6304").as_bytes()));
        assert!(matches!(decode(&payload), Err(BrCodeError::Malformed(_))), "{payload}");
    }
}
