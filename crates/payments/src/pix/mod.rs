//! PIX "BR Code": the EMV QRCPS merchant-presented payload that the Banco
//! Central's *Manual de Padrões para Iniciação do Pix* specifies — the text a
//! payer pastes ("PIX copia e cola") or scans as a QR code.
//!
//! Only static codes are built here: the key, amount and txid are in the
//! payload itself, so no PSP call is needed to show one.

mod brcode;
mod decode;
mod key;

use crc::{CRC_16_IBM_3740, Crc};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

pub use brcode::{BrCode, BrCodeError, encode};
pub use decode::{Decoded, decode};
pub use key::{PixKey, PixKeyError};

/// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), catalogued as IBM-3740.
const CRC16: Crc<u16> = Crc::<u16>::new(&CRC_16_IBM_3740);

/// Smallest side of the QR image, in pixels: readable by a phone camera
/// pointed at a screen.
const QR_MIN_SIZE: u32 = 256;

/// The checksum of field 63, computed over everything before its value
/// (including the `6304` of the field itself).
pub fn crc16(data: &[u8]) -> u16 {
    CRC16.checksum(data)
}

/// The payload as an SVG QR code (error correction level M, at least
/// 256 × 256 with the quiet zone). A payload too long for any QR code — far
/// beyond any BR Code, whose fields are capped at 99 characters — gives an
/// empty string; use [`try_qr_svg`] to tell that case apart.
pub fn qr_svg(payload: &str) -> String {
    try_qr_svg(payload).unwrap_or_default()
}

/// [`qr_svg`], failing when the payload does not fit in a QR code.
pub fn try_qr_svg(payload: &str) -> Result<String, BrCodeError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| BrCodeError::Malformed(format!("não cabe num QR code ({e})")))?;
    Ok(code.render::<svg::Color>().min_dimensions(QR_MIN_SIZE, QR_MIN_SIZE).build())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn crc16_matches_the_catalogue_check_value() {
        assert_eq!(crc16(b"123456789"), 0x29B1);
    }

    #[test]
    fn qr_svg_is_an_svg_of_at_least_256_pixels() {
        let svg = qr_svg("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000");
        assert!(svg.contains("<svg"), "{svg}");
        let width: u32 = svg
            .split("width=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|w| w.parse().ok())
            .unwrap();
        assert!(width >= QR_MIN_SIZE, "{width}");
        assert_eq!(qr_svg(&"9".repeat(10_000)), "");
    }
}
