use chrono::{DateTime, NaiveTime, Utc};
pub use kernel::address::Address;
use kernel::br::Cnpj;
use kernel::email::Email;
use kernel::error::Violations;
use kernel::phone::Phone;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    /// 0 = Sunday … 6 = Saturday.
    pub weekday: u8,
    /// `HH:MM`, company timezone.
    pub opens: String,
    pub closes: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Company {
    pub id: Uuid,
    pub name: String,
    pub trade_name: Option<String>,
    /// Digits and letters only (alphanumeric CNPJ).
    pub cnpj: Option<String>,
    pub email: Option<String>,
    /// E.164.
    pub phone: Option<String>,
    pub address: Option<Address>,
    pub timezone: String,
    pub business_hours: Vec<BusinessHours>,
    pub has_logo: bool,
    pub plan_code: String,
    pub updated_at: DateTime<Utc>,
}

/// Every field optional; `null` clears an optional field.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCompanyRequest {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<String>)]
    pub trade_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<String>)]
    pub cnpj: Option<Option<String>>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<Address>)]
    pub address: Option<Option<Address>>,
    pub timezone: Option<String>,
    pub business_hours: Option<Vec<BusinessHours>>,
}

/// A checked change: every present field is valid and normalised.
#[derive(Debug, Default)]
pub struct CompanyChange {
    pub name: Option<String>,
    pub trade_name: Option<Option<String>>,
    pub cnpj: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub address: Option<Option<Address>>,
    pub timezone: Option<String>,
    pub business_hours: Option<Vec<BusinessHours>>,
}

fn text(v: &mut Violations, field: &str, value: &str, max: usize) -> Option<String> {
    let t = value.trim();
    if t.is_empty() || t.chars().count() > max {
        v.add(field, format!("Informe até {max} caracteres."));
        None
    } else {
        Some(t.to_string())
    }
}

fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

impl UpdateCompanyRequest {
    pub fn check(&self) -> kernel::Result<CompanyChange> {
        let mut v = Violations::new();
        let mut c = CompanyChange {
            name: self.name.as_deref().and_then(|n| text(&mut v, "name", n, 200)),
            ..Default::default()
        };
        if let Some(t) = &self.trade_name {
            c.trade_name = Some(t.as_deref().and_then(|t| text(&mut v, "trade_name", t, 200)));
        }
        if let Some(cnpj) = &self.cnpj {
            c.cnpj = Some(match cnpj.as_deref().filter(|s| !s.trim().is_empty()) {
                None => None,
                Some(raw) => v.check("cnpj", Cnpj::parse(raw)).map(|c| c.as_str().to_string()),
            });
        }
        if let Some(email) = &self.email {
            c.email = Some(match email.as_deref().filter(|s| !s.trim().is_empty()) {
                None => None,
                Some(raw) => v.check("email", Email::parse(raw)).map(|e| e.as_str().to_string()),
            });
        }
        if let Some(phone) = &self.phone {
            c.phone = Some(match phone.as_deref().filter(|s| !s.trim().is_empty()) {
                None => None,
                Some(raw) => v.check("phone", Phone::parse(raw)).map(|p| p.as_str().to_string()),
            });
        }
        if let Some(address) = &self.address {
            c.address = Some(address.as_ref().map(|a| a.checked("address", &mut v)));
        }
        if let Some(tz) = &self.timezone {
            if tz.parse::<chrono_tz::Tz>().is_err() {
                v.add("timezone", "Fuso horário desconhecido (use um nome IANA, como America/Sao_Paulo).");
            } else {
                c.timezone = Some(tz.clone());
            }
        }
        if let Some(hours) = &self.business_hours {
            let mut seen = [false; 7];
            for (i, h) in hours.iter().enumerate() {
                if h.weekday > 6 {
                    v.add(
                        &format!("business_hours.{i}.weekday"),
                        "Dia da semana de 0 (domingo) a 6 (sábado).",
                    );
                    continue;
                }
                if std::mem::replace(&mut seen[h.weekday as usize], true) {
                    v.add(&format!("business_hours.{i}.weekday"), "Dia repetido.");
                }
                match (parse_hhmm(&h.opens), parse_hhmm(&h.closes)) {
                    (Some(o), Some(cl)) if o < cl => {}
                    (Some(_), Some(_)) => v.add(
                        &format!("business_hours.{i}.closes"),
                        "O fechamento deve ser depois da abertura.",
                    ),
                    _ => v.add(&format!("business_hours.{i}.opens"), "Use o formato HH:MM."),
                }
            }
            let mut sorted = hours.clone();
            sorted.sort_by_key(|h| h.weekday);
            c.business_hours = Some(sorted);
        }
        v.finish()?;
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(r: kernel::Result<CompanyChange>) -> Vec<String> {
        match r {
            Err(kernel::Error::Validation(e)) => e.into_iter().map(|f| f.field).collect(),
            Ok(_) => vec![],
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn reports_every_bad_field() {
        let req = UpdateCompanyRequest {
            name: Some(" ".into()),
            cnpj: Some(Some("11.222.333/0001-82".into())),
            timezone: Some("Mars/Olympus".into()),
            address: Some(Some(Address {
                cep: "1234".into(),
                street: "Rua A".into(),
                number: "1".into(),
                complement: None,
                district: "Centro".into(),
                city: "São Paulo".into(),
                state: "XX".into(),
            })),
            business_hours: Some(vec![BusinessHours {
                weekday: 1,
                opens: "18:00".into(),
                closes: "08:00".into(),
            }]),
            ..Default::default()
        };
        let f = fields(req.check());
        for expected in
            ["name", "cnpj", "timezone", "address.cep", "address.state", "business_hours.0.closes"]
        {
            assert!(f.contains(&expected.to_string()), "{expected} missing in {f:?}");
        }
    }

    #[test]
    fn normalises_good_values() {
        let req = UpdateCompanyRequest {
            cnpj: Some(Some("12.ABC.345/01DE-35".into())),
            phone: Some(Some("(11) 3333-4444".into())),
            trade_name: Some(None),
            ..Default::default()
        };
        let c = req.check().expect("valid");
        assert_eq!(c.cnpj, Some(Some("12ABC34501DE35".into())));
        assert_eq!(c.phone, Some(Some("+551133334444".into())));
        assert_eq!(c.trade_name, Some(None));
    }
}
