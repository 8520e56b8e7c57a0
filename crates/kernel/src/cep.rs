//! Looking up a CEP (Brazilian postal code) to fill an address: a client of
//! ViaCEP's documented JSON API (`GET /ws/<8 digits>/json/`, `{"erro": true}`
//! for a CEP that does not exist) through the egress policy. When the
//! service cannot be reached the person types the address, as before.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// ViaCEP's own host: the only one a lookup may reach (besides the operator's list).
pub const SCOPE: egress::Scope = egress::Scope(&["viacep.com.br"]);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CepAddress {
    /// 8 digits.
    pub cep: String,
    /// Empty for a CEP of a whole town.
    pub street: String,
    pub district: String,
    pub city: String,
    /// UF.
    pub state: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CepError {
    #[error("CEP inexistente")]
    NotFound,
    #[error("consulta de CEP indisponível: {0}")]
    Unavailable(String),
}

/// ViaCEP's answer (fields in Portuguese, as documented).
#[derive(Debug, Deserialize)]
struct ViaCep {
    #[serde(default)]
    erro: Option<serde_json::Value>,
    #[serde(default)]
    logradouro: String,
    #[serde(default)]
    bairro: String,
    #[serde(default)]
    localidade: String,
    #[serde(default)]
    uf: String,
}

/// The 8 digits of a CEP as typed ("01001-000", "01.001-000"), if it is one.
pub fn digits(typed: &str) -> Option<String> {
    let d: String = typed.chars().filter(char::is_ascii_digit).collect();
    let only_cep_chars = typed.trim().chars().all(|c| c.is_ascii_digit() || c == '-' || c == '.');
    (d.len() == 8 && only_cep_chars).then_some(d)
}

/// The address of `cep` (8 digits) from the service at `base` (`https://viacep.com.br`).
pub async fn lookup(egress: &egress::Egress, base: &str, cep: &str) -> Result<CepAddress, CepError> {
    let url = format!("{}/ws/{cep}/json/", base.trim_end_matches('/'));
    let answer: ViaCep = egress
        .send_json(egress.get(&url), SCOPE, |_| None)
        .await
        .map_err(|e| CepError::Unavailable(e.to_string()))?;
    if answer.erro.is_some_and(|e| e != serde_json::Value::Bool(false)) || answer.localidade.is_empty() {
        return Err(CepError::NotFound);
    }
    Ok(CepAddress {
        cep: cep.to_string(),
        street: answer.logradouro,
        district: answer.bairro,
        city: answer.localidade,
        state: answer.uf.to_uppercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cep_is_eight_digits_with_its_usual_punctuation() {
        assert_eq!(digits("01001-000").as_deref(), Some("01001000"));
        assert_eq!(digits(" 01.001-000 ").as_deref(), Some("01001000"));
        assert_eq!(digits("0100100"), None);
        assert_eq!(digits("01001-00a"), None);
        assert_eq!(digits("../../x1001000"), None);
    }
}
