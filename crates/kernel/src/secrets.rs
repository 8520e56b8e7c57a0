//! Secrets at rest (gateway and channel credentials): AES-256-GCM with the
//! server's `SECRETS_KEY`. The tenant id is the associated data, so a
//! sealed value copied into another company's row does not open.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use rand::RngCore;
use uuid::Uuid;

use crate::config::Config;
use crate::error::{Error, Result};

const NONCE_LEN: usize = 12;

fn cipher(config: &Config) -> Result<Aes256Gcm> {
    Aes256Gcm::new_from_slice(&config.secrets_key).map_err(|_| Error::internal("SECRETS_KEY is not 32 bytes"))
}

/// `nonce ‖ ciphertext+tag`.
pub fn seal(config: &Config, tenant_id: Uuid, plaintext: &[u8]) -> Result<Vec<u8>> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    let sealed = cipher(config)?
        .encrypt(&Nonce::from(nonce), Payload { msg: plaintext, aad: tenant_id.as_bytes() })
        .map_err(|_| Error::internal("encryption failed"))?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    Ok(out)
}

pub fn open(config: &Config, tenant_id: Uuid, sealed: &[u8]) -> Result<Vec<u8>> {
    if sealed.len() < NONCE_LEN {
        return Err(Error::internal("sealed secret is too short"));
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| Error::internal("nonce length"))?;
    cipher(config)?
        .decrypt(&Nonce::from(nonce), Payload { msg: body, aad: tenant_id.as_bytes() })
        .map_err(|_| Error::internal("a stored secret does not open with SECRETS_KEY (was the key changed?)"))
}

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

fn keyed(config: &Config, purpose: &str, data: &[u8]) -> HmacSha256 {
    use hmac::Mac;
    // new_from_slice accepts any key length; the key is 32 bytes anyway.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(&config.secrets_key).unwrap_or_else(|_| unreachable!());
    mac.update(purpose.as_bytes());
    mac.update(b"\0");
    mac.update(data);
    mac
}

/// A keyed digest for links that must be shown again (an invoice's public
/// link) without storing them: unguessable without `SECRETS_KEY`.
pub fn mac(config: &Config, purpose: &str, data: &[u8]) -> Vec<u8> {
    use hmac::Mac;
    keyed(config, purpose, data).finalize().into_bytes().to_vec()
}

/// Constant-time check of a digest made by [`mac`] (a prefix of at least 16 bytes is accepted).
pub fn verify_mac(config: &Config, purpose: &str, data: &[u8], tag: &[u8]) -> bool {
    use hmac::Mac;
    tag.len() >= 16 && keyed(config, purpose, data).verify_truncated_left(tag).is_ok()
}

pub fn seal_json<T: serde::Serialize>(config: &Config, tenant_id: Uuid, value: &T) -> Result<Vec<u8>> {
    seal(config, tenant_id, &serde_json::to_vec(value).map_err(anyhow::Error::from)?)
}

pub fn open_json<T: serde::de::DeserializeOwned>(
    config: &Config,
    tenant_id: Uuid,
    sealed: &[u8],
) -> Result<T> {
    Ok(serde_json::from_slice(&open(config, tenant_id, sealed)?).map_err(anyhow::Error::from)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn round_trips_and_is_bound_to_the_tenant() {
        let config = Config::for_tests("postgres://x", std::path::Path::new("/tmp"));
        let a = Uuid::now_v7();
        let sealed = seal(&config, a, b"sk_test_123").unwrap();
        assert!(!sealed.windows(11).any(|w| w == b"sk_test_123"), "ciphertext must not contain the secret");
        assert_eq!(open(&config, a, &sealed).unwrap(), b"sk_test_123");
        assert!(open(&config, Uuid::now_v7(), &sealed).is_err(), "another tenant's id must not open it");
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(open(&config, a, &tampered).is_err());
        assert_ne!(seal(&config, a, b"sk_test_123").unwrap(), sealed, "fresh nonce each time");
    }
}
