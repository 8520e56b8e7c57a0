use chrono::{DateTime, Utc};
use events::ChannelKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// What a menu option does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BotAction {
    /// 2ª via: the customer's open invoices, the chosen one's link, PIX
    /// copia e cola and boleto line (identified customers only).
    Invoices,
    /// "Já paguei": the customer's latest payments and what is still open
    /// (identified customers only, like invoices).
    Payments,
    /// The customer's open tickets and their status.
    Tickets,
    /// The customer's proposals awaiting an answer, with their link
    /// (identified customers only, like invoices).
    Proposals,
    /// The questions the company answered (`faq`).
    Faq,
    /// A person.
    Human,
}

impl BotAction {
    pub const ALL: [BotAction; 6] = [
        BotAction::Invoices,
        BotAction::Payments,
        BotAction::Tickets,
        BotAction::Proposals,
        BotAction::Faq,
        BotAction::Human,
    ];

    /// Its serde name (stored as a conversation's pending action).
    pub fn as_str(self) -> &'static str {
        match self {
            BotAction::Invoices => "invoices",
            BotAction::Payments => "payments",
            BotAction::Tickets => "tickets",
            BotAction::Proposals => "proposals",
            BotAction::Faq => "faq",
            BotAction::Human => "human",
        }
    }

    pub fn parse(s: &str) -> Option<BotAction> {
        BotAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MenuOption {
    pub label: String,
    pub action: BotAction,
}

/// A question the company answered; the bot states nothing else about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FaqEntry {
    pub question: String,
    pub answer: String,
}

/// The service bot of a company (Automação → Bot).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BotSettings {
    pub enabled: bool,
    /// Where it answers: `whatsapp` and/or `webchat`.
    pub channels: Vec<ChannelKind>,
    /// Its first words; `{{empresa}}` is the company's name.
    pub greeting: String,
    /// Options in the order shown, numbered from 1.
    pub menu: Vec<MenuOption>,
    #[serde(default)]
    pub faq: Vec<FaqEntry>,
    /// Where a handover goes (else the ticket stays in its queue).
    #[serde(default)]
    pub handover_team_id: Option<Uuid>,
    /// Messages not understood before a person takes over: 1 to 5.
    pub max_misunderstandings: i32,
}

impl BotSettings {
    /// Until the company saves its own: off, with a menu ready to switch on.
    pub fn default_off() -> BotSettings {
        let option = |label: &str, action| MenuOption { label: label.into(), action };
        BotSettings {
            enabled: false,
            channels: vec![ChannelKind::Whatsapp, ChannelKind::Webchat],
            greeting: "Olá! Sou o assistente virtual da {{empresa}}.".into(),
            menu: vec![
                option("2ª via de fatura, boleto ou PIX", BotAction::Invoices),
                option("Já paguei: situação do pagamento", BotAction::Payments),
                option("Meus chamados", BotAction::Tickets),
                option("Dúvidas frequentes", BotAction::Faq),
                option("Falar com um atendente", BotAction::Human),
            ],
            faq: vec![],
            handover_team_id: None,
            max_misunderstandings: 2,
        }
    }
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BotPreviewRequest {
    /// The settings to try (unsaved); default the saved ones.
    pub settings: Option<BotSettings>,
    /// The customer's messages, in order (1 to 20).
    pub messages: Vec<String>,
    /// Simulate a WhatsApp customer (verified address) or a web-chat visitor.
    #[serde(default = "whatsapp")]
    pub channel: ChannelKind,
}

fn whatsapp() -> ChannelKind {
    ChannelKind::Whatsapp
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BotPreviewTurn {
    pub customer: String,
    /// None once the bot is silent (handed over).
    pub bot: Option<String>,
    pub handover: Option<String>,
}

/// A simulated conversation over example data; nothing is stored or sent.
#[derive(Debug, Serialize, ToSchema)]
pub struct BotPreview {
    pub turns: Vec<BotPreviewTurn>,
}

/// Where a ticket's conversation stands with the bot.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct BotConversationView {
    /// menu, choose_invoice, choose_faq, ask_document, handed_over, silent;
    /// none when the bot never answered on the ticket.
    pub step: Option<String>,
    pub identified: bool,
    /// The bot solved something by itself (sent an invoice, answered).
    pub resolved: bool,
    pub handover_reason: Option<String>,
    /// What the bot did, one line each.
    pub log: Vec<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::BotAction;

    #[test]
    fn an_action_s_stored_name_is_its_serde_name() {
        for a in BotAction::ALL {
            assert_eq!(serde_json::to_value(a).ok(), Some(serde_json::Value::String(a.as_str().into())));
            assert_eq!(BotAction::parse(a.as_str()), Some(a));
        }
    }
}
