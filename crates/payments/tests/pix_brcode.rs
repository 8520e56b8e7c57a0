//! The BR Code against the Banco Central's published example and random
//! payloads.
#![allow(clippy::unwrap_used)]

use payments::pix::{self, BrCode, BrCodeError, PixKey};
use proptest::prelude::*;

/// From the BCB "Manual de Padrões para Iniciação do Pix", static code
/// without amount.
const BCB_EXAMPLE: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";

#[test]
fn bcb_manual_example_decodes_with_a_valid_crc() {
    let decoded = pix::decode(BCB_EXAMPLE).unwrap();
    assert_eq!(decoded.key, "123e4567-e12b-12d1-a456-426655440000");
    assert_eq!(decoded.merchant_name, "Fulano de Tal");
    assert_eq!(decoded.merchant_city, "BRASILIA");
    assert_eq!(decoded.amount_cents, None);
    assert_eq!(decoded.txid, "***");
    assert_eq!(decoded.description, None);
    let ids: Vec<&str> = decoded.fields.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["00", "26", "52", "53", "58", "59", "60", "62", "63"]);
    assert_eq!(decoded.fields.last().unwrap().1, "1D3D");
    let (body, _) = BCB_EXAMPLE.split_at(BCB_EXAMPLE.len() - 4);
    assert_eq!(pix::crc16(body.as_bytes()), 0x1D3D);
}

#[test]
fn encoding_the_bcb_example_reproduces_it_byte_for_byte() {
    let key = PixKey::Random("123e4567-e12b-12d1-a456-426655440000".into());
    let code = BrCode {
        key: &key,
        merchant_name: "Fulano de Tal",
        merchant_city: "BRASILIA",
        amount_cents: None,
        txid: None,
        description: None,
    };
    assert_eq!(pix::encode(&code).unwrap(), BCB_EXAMPLE);
    // The same key typed by a person parses to the same key.
    assert_eq!(PixKey::parse("123e4567-e12b-12d1-a456-426655440000").unwrap(), key);
}

#[test]
fn a_wrong_crc_is_refused() {
    let tampered = BCB_EXAMPLE.replace("Fulano", "Fulana");
    assert!(matches!(pix::decode(&tampered), Err(BrCodeError::CrcMismatch { .. })));
    let lower = BCB_EXAMPLE.replace("1D3D", "1d3d");
    assert!(matches!(pix::decode(&lower), Err(BrCodeError::CrcMismatch { .. })));
}

#[test]
fn crc16_is_ccitt_false() {
    assert_eq!(pix::crc16(b"123456789"), 0x29B1);
}

#[test]
fn accented_names_encode_as_ascii_and_decode() {
    let key = PixKey::parse("financeiro@padaria.com.br").unwrap();
    let code = BrCode {
        key: &key,
        merchant_name: "Padaria Pão de Açúcar",
        merchant_city: "São Paulo",
        amount_cents: Some(12990),
        txid: Some("FAT2025000123"),
        description: Some("Fatura nº 123"),
    };
    let decoded = pix::decode(&pix::encode(&code).unwrap()).unwrap();
    assert_eq!(decoded.merchant_name, "Padaria Pao de Acucar");
    assert_eq!(decoded.merchant_city, "Sao Paulo");
    assert_eq!(decoded.amount_cents, Some(12990));
    assert_eq!(decoded.txid, "FAT2025000123");
    assert_eq!(decoded.description.as_deref(), Some("Fatura no 123"));
    assert!(decoded.fields.contains(&("54".into(), "129.90".into())));
}

fn keys() -> impl Strategy<Value = PixKey> {
    prop_oneof![
        "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
        "[a-z0-9._-]{1,30}@[a-z0-9]{1,20}\\.com\\.br",
        (prop::sample::select(vec!["11", "21", "47", "61", "85", "99"]), "9[0-9]{8}")
            .prop_map(|(ddd, number)| format!("+55{ddd}{number}")),
        prop::sample::select(vec!["52998224725", "11222333000181", "12ABC34501DE35"]).prop_map(str::to_owned),
    ]
    .prop_map(|text| PixKey::parse(&text).unwrap())
}

proptest! {
    #[test]
    fn encode_then_decode_keeps_key_amount_and_txid(
        key in keys(),
        amount in prop::option::of(1_i64..=999_999_999_999),
        txid in prop::option::of("[A-Za-z0-9]{1,25}"),
        name in "[A-Za-z][A-Za-z ]{0,30}",
        city in "[A-Za-z]{1,20}",
    ) {
        let code = BrCode {
            key: &key,
            merchant_name: &name,
            merchant_city: &city,
            amount_cents: amount,
            txid: txid.as_deref(),
            description: None,
        };
        let payload = pix::encode(&code).unwrap();
        let decoded = pix::decode(&payload).unwrap();
        prop_assert_eq!(decoded.key, key.as_str());
        prop_assert_eq!(decoded.amount_cents, amount);
        prop_assert_eq!(decoded.txid, txid.unwrap_or_else(|| "***".into()));
        prop_assert!(name.starts_with(&decoded.merchant_name[..1]));
    }

    #[test]
    fn any_single_changed_character_is_refused(
        key in keys(),
        amount in prop::option::of(1_i64..=99_999_999),
        position in any::<prop::sample::Index>(),
        replacement in 0x20_u8..0x7F,
    ) {
        let code = BrCode {
            key: &key,
            merchant_name: "Loja Exemplo",
            merchant_city: "Curitiba",
            amount_cents: amount,
            txid: Some("TX123"),
            description: None,
        };
        let payload = pix::encode(&code).unwrap();
        let at = position.index(payload.len());
        let original = payload.as_bytes()[at];
        prop_assume!(replacement != original);
        let mut tampered = payload.clone().into_bytes();
        tampered[at] = replacement;
        let tampered = String::from_utf8(tampered).unwrap();
        let result = pix::decode(&tampered);
        // Only a change to the "6304" label itself is not a CRC mismatch:
        // then there is no CRC field to check at all.
        let crc_label = payload.len() - 8..payload.len() - 4;
        if crc_label.contains(&at) {
            prop_assert!(matches!(result, Err(BrCodeError::Malformed(_))), "{:?}", result);
        } else {
            prop_assert!(matches!(result, Err(BrCodeError::CrcMismatch { .. })), "{:?}", result);
        }
    }
}
