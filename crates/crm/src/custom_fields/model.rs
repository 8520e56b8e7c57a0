use chrono::{DateTime, NaiveDate, Utc};
use kernel::error::Violations;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Text,
    Number,
    Date,
    Select,
    Multiselect,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Select => "select",
            FieldType::Multiselect => "multiselect",
        }
    }

    pub fn parse(s: &str) -> kernel::Result<Self> {
        serde_json::from_value(Value::String(s.to_string()))
            .map_err(|_| kernel::Error::internal(format!("unknown field type {s}")))
    }
}

/// A field the company adds to its customers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomField {
    pub id: Uuid,
    /// Key in `custom_fields` of a customer: lowercase, digits, underscores.
    pub key: String,
    pub label: String,
    pub field_type: FieldType,
    /// Choices of select and multiselect fields.
    pub options: Vec<String>,
    pub required: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCustomFieldRequest {
    pub key: String,
    pub label: String,
    pub field_type: FieldType,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

impl CreateCustomFieldRequest {
    pub fn check(&self) -> kernel::Result<()> {
        let mut v = Violations::new();
        let key_ok = !self.key.is_empty()
            && self.key.len() <= 40
            && self.key.starts_with(|c: char| c.is_ascii_lowercase())
            && self.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !key_ok {
            v.add("key", "Use letras minúsculas, números e _ (até 40), começando por letra.");
        }
        if self.label.trim().is_empty() || self.label.chars().count() > 100 {
            v.add("label", "Informe um rótulo de até 100 caracteres.");
        }
        let needs_options = matches!(self.field_type, FieldType::Select | FieldType::Multiselect);
        if needs_options && self.options.iter().filter(|o| !o.trim().is_empty()).count() < 2 {
            v.add("options", "Informe ao menos duas opções.");
        }
        if !needs_options && !self.options.is_empty() {
            v.add("options", "Só campos de seleção têm opções.");
        }
        v.finish()
    }
}

/// Checks `values` against the company's definitions. On create every
/// required field must be present; on update only the given keys are checked.
pub fn check_values(defs: &[CustomField], values: &Map<String, Value>, creating: bool, v: &mut Violations) {
    for key in values.keys() {
        if !defs.iter().any(|d| &d.key == key) {
            v.add(&format!("custom_fields.{key}"), "Campo personalizado inexistente.");
        }
    }
    for def in defs {
        let field = format!("custom_fields.{}", def.key);
        match values.get(&def.key) {
            None | Some(Value::Null) => {
                if def.required && (creating || values.contains_key(&def.key)) {
                    v.add(&field, format!("{} é obrigatório.", def.label));
                }
            }
            Some(value) => {
                let ok = match def.field_type {
                    FieldType::Text => value.as_str().is_some_and(|s| s.chars().count() <= 1000),
                    FieldType::Number => value.is_number(),
                    FieldType::Date => {
                        value.as_str().is_some_and(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok())
                    }
                    FieldType::Select => value.as_str().is_some_and(|s| def.options.iter().any(|o| o == s)),
                    FieldType::Multiselect => value.as_array().is_some_and(|items| {
                        items.iter().all(|i| i.as_str().is_some_and(|s| def.options.iter().any(|o| o == s)))
                    }),
                };
                if !ok {
                    let expected = match def.field_type {
                        FieldType::Text => "um texto de até 1000 caracteres".to_string(),
                        FieldType::Number => "um número".to_string(),
                        FieldType::Date => "uma data AAAA-MM-DD".to_string(),
                        FieldType::Select => format!("uma das opções: {}", def.options.join(", ")),
                        FieldType::Multiselect => {
                            format!("uma lista com opções entre: {}", def.options.join(", "))
                        }
                    };
                    v.add(&field, format!("{} deve ser {expected}.", def.label));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn def(key: &str, t: FieldType, options: &[&str], required: bool) -> CustomField {
        CustomField {
            id: Uuid::now_v7(),
            key: key.into(),
            label: key.into(),
            field_type: t,
            options: options.iter().map(|s| s.to_string()).collect(),
            required,
            created_at: Utc::now(),
        }
    }

    fn errors(values: Value, creating: bool) -> Vec<String> {
        let defs = vec![
            def("segmento", FieldType::Select, &["varejo", "servicos"], true),
            def("funcionarios", FieldType::Number, &[], false),
            def("fundacao", FieldType::Date, &[], false),
            def("canais", FieldType::Multiselect, &["whatsapp", "email"], false),
        ];
        let mut v = Violations::new();
        check_values(&defs, values.as_object().expect("object"), creating, &mut v);
        match v.finish() {
            Ok(()) => vec![],
            Err(kernel::Error::Validation(e)) => e.into_iter().map(|f| f.field).collect(),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn valid_values_pass() {
        let ok =
            json!({"segmento": "varejo", "funcionarios": 12, "fundacao": "2019-03-01", "canais": ["email"]});
        assert!(errors(ok, true).is_empty());
        assert!(
            errors(json!({"funcionarios": 3}), false).is_empty(),
            "update need not repeat required fields"
        );
    }

    #[test]
    fn each_wrong_value_is_named() {
        let bad = json!({"segmento": "industria", "funcionarios": "doze", "fundacao": "01/03/2019", "canais": ["fax"], "cor": "azul"});
        let mut e = errors(bad, true);
        e.sort();
        assert_eq!(
            e,
            [
                "custom_fields.canais",
                "custom_fields.cor",
                "custom_fields.funcionarios",
                "custom_fields.fundacao",
                "custom_fields.segmento"
            ]
        );
        assert_eq!(errors(json!({}), true), ["custom_fields.segmento"]);
    }
}
