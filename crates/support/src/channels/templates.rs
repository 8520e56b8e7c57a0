//! The approved WhatsApp templates a company names on its channel
//! (`config.templates`) for what the sale in one thread sends outside the
//! 24-hour window: a proposal's link, an invoice's page and PIX. Meta
//! approves a template's text with numbered variables; the company says
//! which of our values fills each one, in order.

use kernel::error::Violations;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::ChannelKind;

/// `config.templates` of a WhatsApp channel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaleTemplates {
    /// Sends a proposal's public link.
    pub proposal: Option<SaleTemplate>,
    /// Sends an invoice's page (and its PIX copia e cola).
    pub invoice: Option<SaleTemplate>,
    /// A dunning reminder of an open invoice: naming one turns WhatsApp
    /// reminders on (into the customer's latest WhatsApp conversation).
    pub reminder: Option<SaleTemplate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaleTemplate {
    /// The template's name as approved by Meta (`proposta_enviada`).
    pub name: String,
    /// Its language code (`pt_BR`).
    pub language: String,
    /// What fills {{1}}, {{2}}, … in order.
    #[serde(default)]
    pub params: Vec<TemplateField>,
}

/// A value the product fills into a template's variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TemplateField {
    /// The customer's name.
    CustomerName,
    /// `PROP-0001`, `FAT-0001`.
    Label,
    /// The proposal's title or the invoice's description.
    Title,
    /// `R$ 1.500,00` (an invoice: what is due today).
    Amount,
    /// The invoice's due date, or the day a proposal is valid until (dd/mm/aaaa).
    DueDate,
    /// The public page.
    Link,
    /// The PIX copia e cola (invoices only).
    PixCode,
}

/// What a sale sends: a proposal or an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Proposal,
    Invoice,
    Reminder,
}

impl SaleTemplates {
    /// The channel's templates; none when the config has none (or, stored
    /// before this check, ones that do not read).
    pub fn of(config: &serde_json::Value) -> Self {
        config.get("templates").and_then(|t| serde_json::from_value(t.clone()).ok()).unwrap_or_default()
    }

    pub fn get(&self, purpose: Purpose) -> Option<&SaleTemplate> {
        match purpose {
            Purpose::Proposal => self.proposal.as_ref(),
            Purpose::Invoice => self.invoice.as_ref(),
            Purpose::Reminder => self.reminder.as_ref(),
        }
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 512
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn valid_language(code: &str) -> bool {
    let mut parts = code.split('_');
    let lang = parts.next().unwrap_or_default();
    let region = parts.next();
    parts.next().is_none()
        && (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()))
}

/// Checks `config.templates`, naming each bad field.
pub fn check(kind: ChannelKind, config: &serde_json::Value, v: &mut Violations) {
    let Some(raw) = config.get("templates") else { return };
    if kind != ChannelKind::Whatsapp {
        v.add("config.templates", "Modelos aprovados existem só em canais do WhatsApp (API oficial).");
        return;
    }
    let templates: SaleTemplates = match serde_json::from_value(raw.clone()) {
        Ok(t) => t,
        Err(e) => {
            v.add("config.templates", format!("Modelos inválidos: {e}"));
            return;
        }
    };
    for (key, purpose) in
        [("proposal", Purpose::Proposal), ("invoice", Purpose::Invoice), ("reminder", Purpose::Reminder)]
    {
        let Some(t) = templates.get(purpose) else { continue };
        let at = format!("config.templates.{key}");
        if !valid_name(&t.name) {
            v.add(&format!("{at}.name"), "Use o nome do modelo aprovado: letras minúsculas, números e _.");
        }
        if !valid_language(&t.language) {
            v.add(&format!("{at}.language"), "Use o código do idioma do modelo, como pt_BR.");
        }
        if t.params.len() > 10 {
            v.add(&format!("{at}.params"), "Até 10 variáveis.");
        }
        if purpose == Purpose::Proposal && t.params.contains(&TemplateField::PixCode) {
            v.add(&format!("{at}.params"), "Uma proposta não tem PIX copia e cola.");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(kind: ChannelKind, config: serde_json::Value) -> Vec<String> {
        let mut v = Violations::new();
        check(kind, &config, &mut v);
        match v.finish() {
            Ok(()) => vec![],
            Err(e) => e.to_problem().errors.unwrap_or_default().into_iter().map(|f| f.field).collect(),
        }
    }

    #[test]
    fn a_whatsapp_channel_names_approved_templates_field_by_field() {
        let good = json!({"templates": {"proposal": {"name": "proposta_enviada", "language": "pt_BR",
                                                     "params": ["customer_name", "label", "link"]}}});
        assert!(errors(ChannelKind::Whatsapp, good.clone()).is_empty());
        assert_eq!(SaleTemplates::of(&good).get(Purpose::Proposal).map(|t| t.params.len()), Some(3));
        let bad = json!({"templates": {"proposal": {"name": "Proposta!", "language": "portugues",
                                                    "params": ["pix_code"]}}});
        assert_eq!(
            errors(ChannelKind::Whatsapp, bad),
            [
                "config.templates.proposal.name",
                "config.templates.proposal.language",
                "config.templates.proposal.params"
            ]
        );
        assert_eq!(errors(ChannelKind::Email, good), ["config.templates"]);
        let unknown =
            json!({"templates": {"invoice": {"name": "x", "language": "pt_BR", "params": ["cpf"]}}});
        assert_eq!(errors(ChannelKind::Whatsapp, unknown), ["config.templates"]);
    }
}
