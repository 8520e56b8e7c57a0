//! Brazilian postal addresses (CEP + UF), shared by companies and customers.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::Violations;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// 8 digits, with or without the dash.
    pub cep: String,
    pub street: String,
    pub number: String,
    #[serde(default)]
    pub complement: Option<String>,
    pub district: String,
    pub city: String,
    /// UF, two letters.
    pub state: String,
}

impl Address {
    /// "Rua X, 10, sala 2 — Centro, São Paulo/SP — CEP 01001-000", for documents.
    pub fn one_line(&self) -> String {
        let complement = self.complement.as_deref().map(|c| format!(", {c}")).unwrap_or_default();
        let split = self.cep.len().min(5);
        format!(
            "{}, {}{} — {}, {}/{} — CEP {}-{}",
            self.street,
            self.number,
            complement,
            self.district,
            self.city,
            self.state,
            &self.cep[..split],
            &self.cep[split..]
        )
    }
}

pub const UFS: [&str; 27] = [
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE",
    "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
];

fn text(v: &mut Violations, field: String, value: &str, max: usize) -> String {
    let t = value.trim();
    if t.is_empty() || t.chars().count() > max {
        v.add(&field, format!("Informe até {max} caracteres."));
    }
    t.to_string()
}

impl Address {
    /// The address normalised (CEP digits only, UF upper-case), recording
    /// problems under `<prefix>.<field>`.
    pub fn checked(&self, prefix: &str, v: &mut Violations) -> Address {
        let cep: String = self.cep.chars().filter(char::is_ascii_digit).collect();
        if cep.len() != 8 || self.cep.chars().any(|c| !(c.is_ascii_digit() || c == '-' || c == '.')) {
            v.add(&format!("{prefix}.cep"), "CEP deve ter 8 dígitos.");
        }
        let state = self.state.trim().to_uppercase();
        if !UFS.contains(&state.as_str()) {
            v.add(&format!("{prefix}.state"), "UF inválida.");
        }
        Address {
            cep,
            street: text(v, format!("{prefix}.street"), &self.street, 200),
            number: text(v, format!("{prefix}.number"), &self.number, 20),
            complement: self
                .complement
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            district: text(v, format!("{prefix}.district"), &self.district, 100),
            city: text(v, format!("{prefix}.city"), &self.city, 100),
            state,
        }
    }
}
