//! The closed sets of values that events carry and that rules test
//! (a ticket's status, a message's channel, a payment's method). The
//! domains use these same enums in their models, so an event can never
//! carry a value its domain does not know. Each has its wire name
//! (`as_str`/`parse`) and its pt-BR name (`label`), which the automation
//! editor shows.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal : $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];
            pub fn as_str(self) -> &'static str { match self { $(Self::$variant => $text),+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($text => Some(Self::$variant),)+ _ => None } }
            /// The pt-BR name shown to people.
            pub fn label(self) -> &'static str { match self { $(Self::$variant => $label),+ } }
        }
    };
}

vocabulary!(
    /// A ticket's status; open, pending and waiting_customer count as open.
    TicketStatus {
        Open => "open": "aberto",
        Pending => "pending": "pendente",
        WaitingCustomer => "waiting_customer": "aguardando cliente",
        Resolved => "resolved": "resolvido",
        Closed => "closed": "fechado",
    }
);

impl TicketStatus {
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::Pending | Self::WaitingCustomer)
    }
}

vocabulary!(Priority { Low => "low": "baixa", Normal => "normal": "normal", High => "high": "alta", Urgent => "urgent": "urgente" });

impl Priority {
    /// Low 0 … urgent 3, for "at least this urgent".
    pub fn rank(self) -> u8 {
        match self {
            Self::Low => 0,
            Self::Normal => 1,
            Self::High => 2,
            Self::Urgent => 3,
        }
    }
}

vocabulary!(
    /// What a customer's message asks for, as triage reads it (the built-in
    /// model's generic intents; a company's own categories are free text).
    Intent {
        Comprar => "comprar": "comprar",
        SegundaVia => "segunda_via": "2ª via / boleto",
        SuporteTecnico => "suporte_tecnico": "suporte técnico",
        Cancelar => "cancelar": "cancelar",
        Reclamacao => "reclamacao": "reclamação",
        Elogio => "elogio": "elogio",
        Outro => "outro": "outro",
    }
);

vocabulary!(
    /// A message's tone, in five levels.
    Sentiment {
        VeryNegative => "very_negative": "muito negativo",
        Negative => "negative": "negativo",
        Neutral => "neutral": "neutro",
        Positive => "positive": "positivo",
        VeryPositive => "very_positive": "muito positivo",
    }
);

vocabulary!(
    /// Who decided a triage: a company keyword rule, the company's own
    /// model, the built-in model, or an LLM.
    TriageEngine {
        Rule => "rule": "regra",
        LocalModel => "local_model": "modelo da empresa",
        StarterModel => "starter_model": "modelo inicial",
        Openai => "openai": "OpenAI",
        Claude => "claude": "Claude",
    }
);

vocabulary!(
    /// Where a message of ours is on its way to the customer. Provider
    /// statuses only move forward (sent → delivered → read): see `rank`.
    DeliveryStatus {
        Scheduled => "scheduled": "agendada",
        Queued => "queued": "na fila",
        Sent => "sent": "enviada",
        Delivered => "delivered": "entregue",
        Read => "read": "lida",
        Failed => "failed": "falhou",
    }
);

impl DeliveryStatus {
    /// The order statuses may follow; a late "sent" after "read" changes nothing.
    pub fn rank(self) -> u8 {
        match self {
            Self::Scheduled => 0,
            Self::Queued => 1,
            Self::Sent => 2,
            Self::Delivered => 3,
            Self::Read => 4,
            Self::Failed => 5,
        }
    }
}

vocabulary!(
    /// A support channel's kind.
    ChannelKind {
        Webchat => "webchat": "chat do site",
        Email => "email": "e-mail",
        Whatsapp => "whatsapp": "WhatsApp",
        TwilioSms => "twilio_sms": "SMS",
        TwilioWhatsapp => "twilio_whatsapp": "WhatsApp (Twilio)",
    }
);

vocabulary!(
    /// How a payment was made.
    PaymentMethod {
        Pix => "pix": "PIX",
        Transfer => "transfer": "transferência",
        Cash => "cash": "dinheiro",
        Boleto => "boleto": "boleto",
        Card => "card": "cartão",
        /// Customer credit applied to an invoice (not new money).
        Credit => "credit": "crédito do cliente",
        Other => "other": "outro",
    }
);

vocabulary!(
    /// How a product or a contract line is billed.
    Billing {
        OneTime => "one_time": "avulso",
        Monthly => "monthly": "mensal",
        Quarterly => "quarterly": "trimestral",
        Yearly => "yearly": "anual",
    }
);

impl Billing {
    /// Months between two bills of a recurring line; `None` for a one-time line.
    pub fn interval_months(self) -> Option<i32> {
        match self {
            Self::OneTime => None,
            Self::Monthly => Some(1),
            Self::Quarterly => Some(3),
            Self::Yearly => Some(12),
        }
    }
}

vocabulary!(
    /// A contract's status.
    ContractStatus {
        Draft => "draft": "rascunho",
        Active => "active": "ativo",
        Suspended => "suspended": "suspenso",
        Cancelled => "cancelled": "cancelado",
        Ended => "ended": "encerrado",
    }
);

vocabulary!(
    /// Which payment gateway a webhook or charge came from.
    GatewayProvider { Stripe => "stripe": "Stripe", Asaas => "asaas": "Asaas" }
);

vocabulary!(
    /// Which SLA target of a ticket: the first answer or the resolution.
    SlaTarget { FirstResponse => "first_response": "primeira resposta", Resolution => "resolution": "resolução" }
);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn wire_names_agree<T: Serialize + Copy>(all: &[T], as_str: fn(T) -> &'static str) {
        for v in all {
            assert_eq!(serde_json::to_value(v).unwrap(), as_str(*v), "serde and as_str disagree");
        }
    }

    /// The JSON of an event and the text stored in a column are the same word.
    #[test]
    fn serde_and_as_str_name_every_value_alike() {
        wire_names_agree(TicketStatus::ALL, TicketStatus::as_str);
        wire_names_agree(Priority::ALL, Priority::as_str);
        wire_names_agree(Intent::ALL, Intent::as_str);
        wire_names_agree(Sentiment::ALL, Sentiment::as_str);
        wire_names_agree(TriageEngine::ALL, TriageEngine::as_str);
        wire_names_agree(DeliveryStatus::ALL, DeliveryStatus::as_str);
        wire_names_agree(ChannelKind::ALL, ChannelKind::as_str);
        wire_names_agree(PaymentMethod::ALL, PaymentMethod::as_str);
        wire_names_agree(Billing::ALL, Billing::as_str);
        wire_names_agree(ContractStatus::ALL, ContractStatus::as_str);
        wire_names_agree(GatewayProvider::ALL, GatewayProvider::as_str);
        wire_names_agree(SlaTarget::ALL, SlaTarget::as_str);
    }
}
