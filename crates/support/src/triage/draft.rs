//! A reply drafted by the company's LLM, grounded in what the company
//! knows: the conversation, its canned responses closest to the customer's
//! latest message, and the customer's open invoices and sent proposals
//! (amounts due today, due dates). Links never go to the model: it writes
//! a placeholder such as `[link FAT-0012]`, replaced here by the invoice's
//! own page, so a link in a draft is always real. Nothing is sent: the
//! agent edits the draft in the composer.

use chrono::NaiveDate;
use kernel::money::Money;
use kernel::session::Session;
use kernel::{App, Result};

use super::assist;
use super::model::{Grounding, GroundingKind, ReplyDraft};
use super::repo::{self, Said};
use crate::directory::{self, AccountItem, AccountKind};
use crate::tickets::model::Ticket;

/// Messages of the conversation the model reads.
const MESSAGES: i64 = 30;
/// Invoices and proposals listed.
const ITEMS: usize = 10;

fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn placeholder(item: &AccountItem) -> String {
    format!("[link {}]", item.label)
}

fn item_line(item: &AccountItem) -> String {
    let amount = Money::brl(item.amount_cents).format_brl();
    let link = if item.link.is_some() {
        format!(", página para pagar: {}", placeholder(item))
    } else {
        String::new()
    };
    match item.kind {
        AccountKind::Invoice => format!(
            "- Fatura {} ({}): {amount} a pagar hoje, {} {}{link}",
            item.label,
            item.title,
            if item.overdue { "venceu em" } else { "vence em" },
            date(item.date),
        ),
        AccountKind::Proposal => {
            format!(
                "- Proposta {} ({}): {amount}, válida até {}{link}",
                item.label,
                item.title,
                date(item.date)
            )
        }
    }
}

/// What the model reads: the company, the agent, the facts, the canned
/// responses and the conversation, in that order.
fn context(
    company: &str,
    agent: &str,
    items: &[AccountItem],
    canned: &[(String, String)],
    said: &[Said],
) -> String {
    let mut out = format!("Empresa: {company}\nAtendente: {agent}\n\n");
    if items.is_empty() {
        out.push_str("O cliente não tem faturas em aberto nem propostas enviadas.\n\n");
    } else {
        out.push_str(&format!(
            "Faturas em aberto e propostas do cliente (dados do sistema, em {}):\n",
            date(chrono::Utc::now().date_naive())
        ));
        for item in items {
            out.push_str(&item_line(item));
            out.push('\n');
        }
        out.push_str(
            "Para um link, escreva o marcador exatamente como está, por exemplo [link FAT-0001].\n\n",
        );
    }
    if !canned.is_empty() {
        out.push_str("Respostas prontas da empresa que podem servir de modelo:\n");
        for (title, body) in canned {
            out.push_str(&format!("- {title}: {body}\n"));
        }
        out.push('\n');
    }
    out.push_str("Conversa:\n");
    for s in said {
        let who = if s.from_customer { "Cliente" } else { "Atendente" };
        out.push_str(&format!("{who}: {}\n", s.text.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    out
}

/// The draft with each placeholder the model used replaced by its link,
/// and the invoices and proposals it mentions.
fn ground(draft: &str, items: &[AccountItem]) -> (String, Vec<Grounding>) {
    let mut text = draft.to_owned();
    let mut grounded = Vec::new();
    for item in items {
        let mentioned = text.contains(&item.label);
        if let Some(link) = &item.link {
            text = text.replace(&placeholder(item), link);
        }
        if mentioned {
            grounded.push(Grounding {
                kind: match item.kind {
                    AccountKind::Invoice => GroundingKind::Invoice,
                    AccountKind::Proposal => GroundingKind::Proposal,
                },
                label: item.label.clone(),
            });
        }
    }
    (text, grounded)
}

pub async fn ask_llm(app: &App, mut s: Session, ticket: &Ticket) -> Result<ReplyDraft> {
    let tenant = s.user.tenant_id;
    let (said, _) = repo::conversation(&mut s.tx, tenant, ticket.id, MESSAGES).await?;
    let Some(latest) = said.iter().rev().find(|m| m.from_customer).map(|m| m.text.clone()) else {
        return Err(kernel::Error::conflict(None, "O cliente ainda não escreveu nada a responder."));
    };
    let ready = assist::prepare(app, &mut s.tx).await?;
    let canned: Vec<(String, String)> = super::suggest::closest_canned(&mut s.tx, &latest)
        .await?
        .into_iter()
        .map(|(c, _)| (c.title, c.body))
        .collect();
    let mut items = directory::get()?.open_items(app, &mut s.tx, ticket.customer_id).await?;
    items.truncate(ITEMS);
    let company = crate::channels::repo::company_name(&mut s.tx, tenant).await?;
    let agent = s.user.name.clone();
    s.tx.commit().await?;

    let prompt = ready.outgoing(&context(&company, &agent, &items, &canned, &said));
    let answer = ai::llm::suggest_reply(ready.client.as_ref(), &prompt).await;
    let (draft, usage) = assist::finish(app, tenant, ticket.id, "reply", &ready, answer).await?;
    let (text, mut grounded_on) = ground(&draft, &items);
    grounded_on
        .extend(canned.into_iter().map(|(title, _)| Grounding { kind: GroundingKind::Canned, label: title }));
    Ok(ReplyDraft { text, engine: ready.engine, model: usage.model, grounded_on })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice(label: &str, link: Option<&str>) -> AccountItem {
        AccountItem {
            kind: AccountKind::Invoice,
            label: label.into(),
            title: "Mensalidade de novembro".into(),
            amount_cents: 12_990,
            date: NaiveDate::from_ymd_opt(2026, 11, 10).unwrap_or_default(),
            overdue: true,
            viewed: false,
            link: link.map(str::to_owned),
            pix_code: None,
            boleto_line: None,
        }
    }

    #[test]
    fn the_model_sees_placeholders_and_the_agent_gets_the_real_link() {
        let items =
            [invoice("FAT-0012", Some("https://app.example/fatura/t.i.mac")), invoice("FAT-0013", None)];
        let said = [Said { from_customer: true, text: "manda a 2ª via por favor".into() }];
        let ctx = context("Padaria Pão Quente", "Ana", &items, &[], &said);
        assert!(ctx.contains(
            "Fatura FAT-0012 (Mensalidade de novembro): R$ 129,90 a pagar hoje, venceu em 10/11/2026"
        ));
        assert!(ctx.contains("[link FAT-0012]") && !ctx.contains("https://"), "{ctx}");
        assert!(!ctx.contains("[link FAT-0013]"), "no link, no placeholder: {ctx}");
        assert!(ctx.ends_with("Cliente: manda a 2ª via por favor\n"), "{ctx}");

        let (text, grounded) =
            ground("Segue a FAT-0012: [link FAT-0012]. Qualquer dúvida, estou aqui.", &items);
        assert_eq!(
            text,
            "Segue a FAT-0012: https://app.example/fatura/t.i.mac. Qualquer dúvida, estou aqui."
        );
        assert_eq!(grounded.len(), 1);
        assert_eq!(grounded[0].label, "FAT-0012");
    }
}
