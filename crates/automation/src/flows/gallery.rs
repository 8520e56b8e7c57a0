//! Ready-made flows a company turns on in one click: each becomes a draft
//! of the company's own (checked like any definition), with the person who
//! picked it as the one notified; they review and activate it.

use events::{Priority, TicketStatus};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::{Action, AllOf, Condition, Definition, InvoiceVia, Leaf, Op, WaitUnit};

/// A ready-made flow, as the gallery shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct GalleryItem {
    /// Stable key, e.g. `sem-resposta-2h`.
    pub key: &'static str,
    pub name: &'static str,
    /// What it does, in one or two pt-BR sentences.
    pub description: &'static str,
    /// The definition it starts with (recipients filled on install).
    pub definition: Definition,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InstallGalleryRequest {
    /// A gallery item's `key`.
    pub key: String,
}

fn leaf(field: &str, op: Op, value: serde_json::Value) -> Condition {
    Condition::Leaf(Leaf { field: field.to_owned(), op, value: Some(value) })
}

fn all(members: Vec<Condition>) -> Condition {
    Condition::All(AllOf { all: members })
}

/// Every item; `me` is who gets the notifications (the installer).
pub fn items(me: Uuid) -> Vec<GalleryItem> {
    vec![
        GalleryItem {
            key: "sem-resposta-2h",
            name: "Cliente sem resposta há 2 horas → gerente",
            description: "Quando o cliente escreve e ninguém responde em 2 horas, o ticket vira prioridade alta e você recebe um e-mail.",
            definition: Definition {
                trigger_kind: "MessageReceived".into(),
                schedule: None,
                conditions: all(vec![leaf("record.awaiting_reply", Op::Equals, json!(true))]),
                actions: vec![
                    Action::Wait { amount: 2, unit: WaitUnit::Hours },
                    Action::SetPriority { priority: Priority::High },
                    Action::AddNote { text: "Cliente sem resposta há 2 horas.".into() },
                    Action::Notify {
                        user_ids: vec![me],
                        subject: "Ticket #{{record.number}} sem resposta há 2 horas".into(),
                        text: "{{record.customer_name}} escreveu e ninguém respondeu: \"{{preview}}\"".into(),
                    },
                ],
            },
        },
        GalleryItem {
            key: "csat-baixo",
            name: "Cliente insatisfeito (CSAT ≤ 2) → reabrir e avisar o gerente",
            description: "Uma nota 1 ou 2 na pesquisa de satisfação reabre o ticket com prioridade alta e avisa você por e-mail.",
            definition: Definition {
                trigger_kind: "CsatReceived".into(),
                schedule: None,
                conditions: all(vec![leaf("score", Op::LessThan, json!(3))]),
                actions: vec![
                    Action::SetStatus { status: TicketStatus::Open },
                    Action::SetPriority { priority: Priority::High },
                    Action::AddNote { text: "Cliente deu nota {{score}} na pesquisa: ticket reaberto.".into() },
                    Action::Notify {
                        user_ids: vec![me],
                        subject: "Cliente insatisfeito no ticket #{{record.number}}".into(),
                        text: "{{record.customer_name}} deu nota {{score}}. O ticket foi reaberto.".into(),
                    },
                ],
            },
        },
        GalleryItem {
            key: "sla-estourado",
            name: "SLA estourado → urgente e aviso",
            description: "Quando um prazo de SLA estoura, o ticket vira urgente, ganha a etiqueta \"sla\" e você recebe um e-mail.",
            definition: Definition {
                trigger_kind: "SlaBreached".into(),
                schedule: None,
                conditions: Condition::default(),
                actions: vec![
                    Action::SetPriority { priority: Priority::Urgent },
                    Action::AddTags { tags: vec!["sla".into()] },
                    Action::Notify {
                        user_ids: vec![me],
                        subject: "SLA estourado no ticket #{{number}}".into(),
                        text: "O prazo do ticket #{{number}} venceu em {{due}}.".into(),
                    },
                ],
            },
        },
        GalleryItem {
            key: "proposta-aceita",
            name: "Proposta aceita → tarefa de onboarding",
            description: "Quando um cliente aceita uma proposta, você recebe um e-mail para começar o onboarding.",
            definition: Definition {
                trigger_kind: "ProposalAccepted".into(),
                schedule: None,
                conditions: Condition::default(),
                actions: vec![Action::Notify {
                    user_ids: vec![me],
                    subject: "Proposta aceita: comece o onboarding".into(),
                    text: "Uma proposta foi aceita e virou o contrato {{contract_id}}. Agende o onboarding do cliente.".into(),
                }],
            },
        },
        GalleryItem {
            key: "lembrete-fatura-whatsapp",
            name: "Lembrete de fatura por WhatsApp",
            description: "Em cada lembrete da régua de cobrança, a fatura (valor do dia, link e PIX) vai para a conversa de WhatsApp do cliente; fora da janela de 24 horas, pelo modelo aprovado de faturas do canal. Não use junto com o modelo de lembrete do canal, ou o cliente recebe dois avisos.",
            definition: Definition {
                trigger_kind: "InvoiceReminderDue".into(),
                schedule: None,
                conditions: Condition::default(),
                actions: vec![Action::SendInvoice { via: InvoiceVia::Whatsapp }],
            },
        },
        GalleryItem {
            key: "vencimento-em-3-dias",
            name: "Aviso 3 dias antes do vencimento",
            description: "Todo dia às 9h, cada fatura em aberto que vence em 3 dias vai por e-mail ao cliente, com o valor do dia, o link de pagamento e o PIX.",
            definition: Definition {
                trigger_kind: "FlowInvoiceDue".into(),
                schedule: Some("0 9 * * *".into()),
                conditions: all(vec![leaf("days_to_due", Op::Equals, json!(3))]),
                actions: vec![Action::SendInvoice { via: InvoiceVia::Email }],
            },
        },
        GalleryItem {
            key: "boas-vindas-cliente",
            name: "Boas-vindas ao novo cliente",
            description: "Todo cliente novo com e-mail recebe uma mensagem de boas-vindas em nome da empresa.",
            definition: Definition {
                trigger_kind: "CustomerCreated".into(),
                schedule: None,
                conditions: all(vec![Condition::Leaf(Leaf {
                    field: "customer.email".into(),
                    op: Op::IsNotEmpty,
                    value: None,
                })]),
                actions: vec![Action::EmailCustomer {
                    subject: "Boas-vindas, {{cliente.nome}}!".into(),
                    text: "Olá, {{cliente.nome}}!\n\nQue bom ter você com a gente. Qualquer dúvida, é só responder este e-mail.".into(),
                }],
            },
        },
        GalleryItem {
            key: "fatura-paga-agradecimento",
            name: "Fatura paga → agradecimento",
            description: "Quando uma fatura é paga, o cliente recebe um e-mail de agradecimento com o número da fatura.",
            definition: Definition {
                trigger_kind: "InvoicePaid".into(),
                schedule: None,
                conditions: all(vec![Condition::Leaf(Leaf {
                    field: "customer.email".into(),
                    op: Op::IsNotEmpty,
                    value: None,
                })]),
                actions: vec![Action::EmailCustomer {
                    subject: "Pagamento recebido — fatura {{fatura.label}}".into(),
                    text: "Olá, {{cliente.nome}}!\n\nRecebemos o pagamento da fatura {{fatura.label}}. Obrigado!".into(),
                }],
            },
        },
        GalleryItem {
            key: "boas-vindas-ticket",
            name: "Boas-vindas no primeiro contato",
            description: "Todo ticket novo recebe uma resposta de boas-vindas no mesmo canal (no WhatsApp, só dentro da janela de 24 horas).",
            definition: Definition {
                trigger_kind: "TicketCreated".into(),
                schedule: None,
                conditions: Condition::default(),
                actions: vec![Action::Reply {
                    text: "Olá! Recebemos sua mensagem (protocolo #{{number}}) e já vamos atender.".into(),
                    template: None,
                }],
            },
        },
    ]
}

pub fn find(key: &str, me: Uuid) -> Option<GalleryItem> {
    items(me).into_iter().find(|i| i.key == key)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::flows::definition::validate;

    #[test]
    fn every_item_is_a_valid_definition() {
        for item in items(Uuid::nil()) {
            validate(&item.definition)
                .unwrap_or_else(|e| panic!("{}: {:?}", item.key, e.to_problem().errors));
        }
    }
}
