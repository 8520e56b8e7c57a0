//! The bot's decisions, pure: given the company's settings, where the
//! conversation stands, what the system knows (prefetched [`Facts`]) and
//! the customer's message, the one reply it sends and where the
//! conversation goes. No I/O here, so the preview runs the very same code
//! over example facts, and every rule is a unit test.
//!
//! Safety rules that live here:
//! - billing data (invoices, PIX codes, links) only on a channel whose
//!   address the provider verified (WhatsApp), and — when the customer has a
//!   CPF/CNPJ on file — only after the customer typed the same one; a
//!   mismatch, or any other channel, hands over to a person;
//! - company facts come only from the FAQ the admin wrote: never invented;
//! - an unhappy or urgent customer, one who asks for a person, or one the
//!   bot failed to understand `max_misunderstandings` times goes to a person.

use chrono::NaiveDate;
use kernel::br::{Cnpj, Cpf};
use kernel::money::Money;

use super::model::{BotAction, BotSettings};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Menu,
    ChooseInvoice,
    ChooseFaq,
    AskDocument,
    HandedOver,
    Silent,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Menu => "menu",
            Step::ChooseInvoice => "choose_invoice",
            Step::ChooseFaq => "choose_faq",
            Step::AskDocument => "ask_document",
            Step::HandedOver => "handed_over",
            Step::Silent => "silent",
        }
    }

    pub fn parse(s: &str) -> Step {
        match s {
            "choose_invoice" => Step::ChooseInvoice,
            "choose_faq" => Step::ChooseFaq,
            "ask_document" => Step::AskDocument,
            "handed_over" => Step::HandedOver,
            "silent" => Step::Silent,
            _ => Step::Menu,
        }
    }

    /// The bot has nothing more to say in this conversation.
    pub fn is_over(self) -> bool {
        matches!(self, Step::HandedOver | Step::Silent)
    }
}

/// Where a conversation stands with the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    pub step: Step,
    pub identified: bool,
    pub misunderstandings: i32,
    /// What the customer asked before the bot needed the document.
    pub pending: Option<BotAction>,
    /// What the bot did, for the handover note.
    pub log: Vec<String>,
    /// The bot solved something by itself (sent an invoice, answered).
    pub resolved: bool,
}

impl Default for Conversation {
    fn default() -> Self {
        Conversation {
            step: Step::Menu,
            identified: false,
            misunderstandings: 0,
            pending: None,
            log: vec![],
            resolved: false,
        }
    }
}

/// An open invoice as the bot may show it.
#[derive(Debug, Clone)]
pub struct InvoiceFact {
    pub label: String,
    pub title: String,
    pub due_cents: i64,
    pub due_date: NaiveDate,
    pub overdue: bool,
    pub link: Option<String>,
    pub pix_code: Option<String>,
    pub boleto_line: Option<String>,
}

/// A payment received from the customer.
#[derive(Debug, Clone)]
pub struct PaymentFact {
    pub received_on: NaiveDate,
    pub amount_cents: i64,
    /// pt-BR ("PIX", "boleto").
    pub method: String,
    /// Held for the finance team's review.
    pub in_review: bool,
}

/// A proposal sent to the customer and not yet answered.
#[derive(Debug, Clone)]
pub struct ProposalFact {
    pub label: String,
    pub title: String,
    pub total_cents: i64,
    pub valid_until: NaiveDate,
    /// The customer already opened it.
    pub viewed: bool,
    /// Its page, where the customer reads, accepts or refuses it.
    pub link: Option<String>,
}

#[derive(Debug, Clone)]
pub struct TicketFact {
    pub number: i64,
    pub subject: String,
    /// pt-BR.
    pub status: String,
}

/// What the system knows, read before each turn.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub company: String,
    /// The channel's provider verified the customer's address (WhatsApp).
    pub verified_channel: bool,
    /// The CPF/CNPJ on file.
    pub document: Option<String>,
    pub invoices: Vec<InvoiceFact>,
    /// Sent and not yet answered.
    pub proposals: Vec<ProposalFact>,
    /// The customer's other open tickets.
    pub tickets: Vec<TicketFact>,
    /// The customer's latest payments, newest first.
    pub payments: Vec<PaymentFact>,
    /// `None` while open; the next opening ("segunda-feira, 08:00") when closed.
    pub closed_until: Option<String>,
    /// Triage found the customer very unhappy, or the matter urgent.
    pub upset: bool,
    /// Triage's intent was "2ª via".
    pub wants_invoice: bool,
    /// The FAQ entry the company's LLM found the message asks (see
    /// [`wants_meaning`]); the answer sent is still the company's own.
    pub faq_match: Option<usize>,
}

/// One turn: the reply and what follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub reply: String,
    pub conversation: Conversation,
    /// Why the bot hands over, when it does.
    pub handover: Option<String>,
}

const HUMAN_WORDS: &[&str] =
    &["atendente", "humano", "pessoa", "falar com alguem", "operador", "falar com voce", "gente de verdade"];
const INVOICE_WORDS: &[&str] =
    &["segunda via", "2a via", "2 via", "boleto", "fatura", "pix", "pagar", "pagamento", "cobranca", "conta"];
const TICKET_WORDS: &[&str] = &["chamado", "protocolo", "andamento", "status", "em que pe", "meu pedido"];
/// Checked before [`TICKET_WORDS`] ("status da proposta"); only when the menu offers proposals.
const PROPOSAL_WORDS: &[&str] = &["proposta", "orcamento"];
/// Checked before [`INVOICE_WORDS`]: "já paguei o boleto" is about a payment.
const PAID_WORDS: &[&str] = &[
    "ja paguei",
    "paguei",
    "ja pagou",
    "comprovante",
    "pagamento feito",
    "efetuei o pagamento",
    "ja foi pago",
];
const FAQ_MIN_SCORE: f64 = 0.3;

/// What a message means at this step.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Heard {
    Number(usize),
    Action(BotAction),
    Faq(usize),
    Document(String),
    Nothing,
}

fn contains_any(folded: &str, words: &[&str]) -> bool {
    let padded = format!(" {} ", ai::text::words(folded).join(" "));
    words.iter().any(|w| padded.contains(&format!(" {w} ")))
}

fn number(folded: &str) -> Option<usize> {
    let words = ai::text::words(folded);
    let digits: Vec<&String> = words.iter().filter(|w| w.chars().all(|c| c.is_ascii_digit())).collect();
    // "1", "opção 2", "a 3": one short number in a short message.
    match digits.as_slice() {
        [d] if words.len() <= 3 && d.len() <= 2 => d.parse().ok(),
        _ => None,
    }
}

fn document(text: &str) -> Option<String> {
    let compact: String =
        text.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_uppercase();
    if let Ok(cpf) = Cpf::parse(&compact) {
        return Some(cpf.as_str().to_owned());
    }
    Cnpj::parse(&compact).ok().map(|c| c.as_str().to_owned())
}

fn hear(text: &str, step: Step, settings: &BotSettings) -> Heard {
    let folded = ai::text::fold(text);
    if contains_any(&folded, HUMAN_WORDS) {
        return Heard::Action(BotAction::Human);
    }
    if step == Step::AskDocument
        && let Some(d) = document(text)
    {
        return Heard::Document(d);
    }
    if let Some(n) = number(&folded) {
        return Heard::Number(n);
    }
    if contains_any(&folded, PAID_WORDS) {
        return Heard::Action(BotAction::Payments);
    }
    if contains_any(&folded, INVOICE_WORDS) {
        return Heard::Action(BotAction::Invoices);
    }
    if contains_any(&folded, PROPOSAL_WORDS) && settings.menu.iter().any(|o| o.action == BotAction::Proposals)
    {
        return Heard::Action(BotAction::Proposals);
    }
    if contains_any(&folded, TICKET_WORDS) {
        return Heard::Action(BotAction::Tickets);
    }
    let faq: Vec<String> = settings.faq.iter().map(|f| format!("{}\n{}", f.question, f.answer)).collect();
    let refs: Vec<&str> = faq.iter().map(String::as_str).collect();
    match ai::similar::rank(text, &refs).first() {
        Some(&(i, score)) if score >= FAQ_MIN_SCORE => Heard::Faq(i),
        _ => Heard::Nothing,
    }
}

/// The menu's options that can be offered (FAQ only when there is one).
fn options(settings: &BotSettings) -> Vec<(&str, BotAction)> {
    settings
        .menu
        .iter()
        .filter(|o| o.action != BotAction::Faq || !settings.faq.is_empty())
        .map(|o| (o.label.as_str(), o.action))
        .collect()
}

fn menu_text(settings: &BotSettings) -> String {
    let lines: Vec<String> =
        options(settings).iter().enumerate().map(|(i, (label, _))| format!("{} - {label}", i + 1)).collect();
    format!("Responda com o número da opção:\n{}", lines.join("\n"))
}

fn money(cents: i64) -> String {
    Money::brl(cents).format_brl()
}

fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn invoice_line(i: usize, f: &InvoiceFact) -> String {
    let when = if f.overdue { "venceu em" } else { "vence em" };
    format!("{} - {} ({}): {} — {when} {}", i + 1, f.label, f.title, money(f.due_cents), date(f.due_date))
}

fn proposal_details(p: &ProposalFact) -> String {
    let seen = if p.viewed { "você já abriu" } else { "ainda não aberta" };
    let mut out = format!(
        "{} — {}\nValor: {} · válida até {} ({seen})",
        p.label,
        p.title,
        money(p.total_cents),
        date(p.valid_until)
    );
    if let Some(link) = &p.link {
        out.push_str(&format!("\nVeja, aceite ou recuse aqui: {link}"));
    }
    out
}

fn invoice_details(f: &InvoiceFact) -> String {
    let mut out = format!("{} — {}\nValor para pagar hoje: {}", f.label, f.title, money(f.due_cents));
    if f.overdue {
        out.push_str(&format!(" (venceu em {}; já com multa e juros)", date(f.due_date)));
    } else {
        out.push_str(&format!(" (vence em {})", date(f.due_date)));
    }
    if let Some(link) = &f.link {
        out.push_str(&format!("\nPague por aqui: {link}"));
    }
    if let Some(pix) = &f.pix_code {
        out.push_str(&format!("\nPIX copia e cola:\n{pix}"));
    }
    if let Some(line) = &f.boleto_line {
        out.push_str(&format!("\nLinha digitável do boleto: {line}"));
    }
    out
}

struct Ctx<'a> {
    settings: &'a BotSettings,
    facts: &'a Facts,
    c: Conversation,
}

impl Ctx<'_> {
    fn handover(mut self, reason: &str, say: &str) -> Turn {
        self.c.step = Step::HandedOver;
        self.c.log.push(format!("Transferiu para um atendente: {reason}."));
        let mut reply = say.to_owned();
        match &self.facts.closed_until {
            Some(when) => reply.push_str(&format!(
                " Estamos fora do horário de atendimento; uma pessoa da equipe responde a partir de {when}."
            )),
            None => reply.push_str(" Uma pessoa da equipe já vai te responder por aqui."),
        }
        Turn { reply, conversation: self.c, handover: Some(reason.to_owned()) }
    }

    fn say(self, reply: String) -> Turn {
        Turn { reply, conversation: self.c, handover: None }
    }

    fn then_menu(mut self, text: String) -> Turn {
        self.c.step = Step::Menu;
        let reply = format!("{text}\n\nPosso ajudar em algo mais? {}", menu_text(self.settings));
        self.say(reply)
    }

    fn act(mut self, action: BotAction) -> Turn {
        match action {
            BotAction::Human => self.handover("a pedido do cliente", "Certo, vou chamar um atendente."),
            BotAction::Invoices | BotAction::Payments | BotAction::Proposals => {
                if !self.facts.verified_channel {
                    return self.handover(
                        "dados de cobrança pedidos num canal sem identificação do cliente",
                        "Para sua segurança, dados de cobrança são enviados por um atendente.",
                    );
                }
                if self.facts.document.is_some() && !self.c.identified {
                    self.c.step = Step::AskDocument;
                    self.c.pending = Some(action);
                    return self.say(
                        "Para sua segurança, digite o CPF ou CNPJ do titular do cadastro (só os números)."
                            .into(),
                    );
                }
                match action {
                    BotAction::Payments => self.payments(),
                    BotAction::Proposals => self.proposals(),
                    _ => self.invoices(),
                }
            }
            BotAction::Tickets => {
                let tickets = self.facts.tickets.clone();
                self.c.resolved = true;
                self.c.log.push("Informou a situação dos chamados.".into());
                let text = if tickets.is_empty() {
                    "Você não tem outros chamados em aberto; este aqui já está registrado.".to_owned()
                } else {
                    let lines: Vec<String> = tickets
                        .iter()
                        .map(|t| format!("#{} {} — {}", t.number, t.subject, t.status))
                        .collect();
                    format!("Seus chamados em aberto:\n{}", lines.join("\n"))
                };
                self.then_menu(text)
            }
            BotAction::Faq => {
                let lines: Vec<String> = self
                    .settings
                    .faq
                    .iter()
                    .enumerate()
                    .map(|(i, f)| format!("{} - {}", i + 1, f.question))
                    .collect();
                self.c.step = Step::ChooseFaq;
                self.say(format!("Sobre o que é a sua dúvida? Responda com o número:\n{}", lines.join("\n")))
            }
        }
    }

    fn invoices(mut self) -> Turn {
        let invoices = self.facts.invoices.clone();
        match invoices.as_slice() {
            [] => {
                self.c.resolved = true;
                self.c.log.push("Informou que não há faturas em aberto.".into());
                self.then_menu("Você não tem faturas em aberto. 🎉".into())
            }
            [one] => self.send_invoice(one),
            many => {
                self.c.step = Step::ChooseInvoice;
                let lines: Vec<String> = many.iter().enumerate().map(|(i, f)| invoice_line(i, f)).collect();
                self.say(format!(
                    "Encontrei estas faturas em aberto. Responda com o número da que você quer:\n{}",
                    lines.join("\n")
                ))
            }
        }
    }

    fn proposals(mut self) -> Turn {
        self.c.resolved = true;
        let text = match self.facts.proposals.as_slice() {
            [] => {
                self.c.log.push("Informou que não há propostas aguardando resposta.".into());
                "Não há propostas aguardando a sua resposta.".to_owned()
            }
            proposals => {
                let labels: Vec<&str> = proposals.iter().map(|p| p.label.as_str()).collect();
                self.c.log.push(format!("Enviou o link das propostas {}.", labels.join(", ")));
                let lines: Vec<String> = proposals.iter().map(proposal_details).collect();
                format!("Propostas aguardando a sua resposta:\n\n{}", lines.join("\n\n"))
            }
        };
        self.then_menu(text)
    }

    fn payments(mut self) -> Turn {
        let mut text = match self.facts.payments.as_slice() {
            [] => "Não encontrei pagamentos seus registrados.".to_owned(),
            payments => {
                let lines: Vec<String> = payments
                    .iter()
                    .map(|p| {
                        let review = if p.in_review { " — em análise pela equipe" } else { "" };
                        format!("{}: {} ({}){review}", date(p.received_on), money(p.amount_cents), p.method)
                    })
                    .collect();
                format!("Últimos pagamentos recebidos:\n{}", lines.join("\n"))
            }
        };
        if self.facts.invoices.is_empty() {
            text.push_str("\n\nNão há faturas em aberto. Obrigado!");
        } else {
            let lines: Vec<String> =
                self.facts.invoices.iter().enumerate().map(|(i, f)| invoice_line(i, f)).collect();
            text.push_str(&format!(
                "\n\nAinda em aberto:\n{}\nUm PIX aparece aqui em minutos; um boleto, em até 3 dias úteis.",
                lines.join("\n")
            ));
        }
        self.c.resolved = true;
        self.c.log.push("Informou os pagamentos e o que está em aberto.".into());
        self.then_menu(text)
    }

    fn send_invoice(mut self, f: &InvoiceFact) -> Turn {
        self.c.resolved = true;
        self.c.log.push(format!("Enviou a 2ª via da {} ({}).", f.label, money(f.due_cents)));
        self.then_menu(invoice_details(f))
    }

    fn faq(mut self, i: usize) -> Turn {
        let Some(entry) = self.settings.faq.get(i) else { return self.not_understood() };
        self.c.resolved = true;
        self.c.log.push(format!("Respondeu à dúvida \"{}\".", entry.question));
        let answer = entry.answer.clone();
        self.then_menu(answer)
    }

    fn not_understood(mut self) -> Turn {
        self.c.misunderstandings += 1;
        if self.c.misunderstandings >= self.settings.max_misunderstandings {
            let n = self.c.misunderstandings;
            return self.handover(
                &format!("não entendeu o cliente {n} vezes"),
                "Desculpe, não consegui entender. Vou chamar um atendente.",
            );
        }
        let reply = format!("Desculpe, não entendi. {}", menu_text(self.settings));
        self.c.step = Step::Menu;
        self.say(reply)
    }
}

/// Whether the message is one the bot would not understand though the
/// company wrote a FAQ: then its LLM, when it has one, may say which entry
/// it asks before the turn ([`Facts::faq_match`]).
pub fn wants_meaning(settings: &BotSettings, conversation: Option<&Conversation>, text: &str) -> bool {
    let step = conversation.map_or(Step::Menu, |c| c.step);
    !settings.faq.is_empty()
        && step == Step::Menu
        && !is_greeting(&ai::text::fold(text))
        && hear(text, step, settings) == Heard::Nothing
}

/// "oi", "bom dia", "olá, tudo bem?": nothing to look up.
fn is_greeting(folded: &str) -> bool {
    const WORDS: &[&str] = &[
        "oi", "ola", "ole", "bom", "boa", "dia", "tarde", "noite", "tudo", "bem", "e", "ai", "opa", "hello",
        "hi",
    ];
    let mut words = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).peekable();
    words.peek().is_some() && words.all(|w| WORDS.contains(&w))
}

/// The bot's answer to one customer message. `conversation` is `None` on
/// the conversation's first message (the bot greets then).
pub fn turn(settings: &BotSettings, conversation: Option<Conversation>, facts: &Facts, text: &str) -> Turn {
    let first = conversation.is_none();
    let c = conversation.unwrap_or_default();
    let ctx = Ctx { settings, facts, c };
    if facts.upset {
        return ctx.handover("cliente insatisfeito ou assunto urgente", "Sinto muito pelo transtorno.");
    }
    let heard = hear(text, ctx.c.step, settings);
    if first {
        let mut greeting = settings.greeting.replace("{{empresa}}", &facts.company);
        if let Some(when) = &facts.closed_until {
            greeting.push_str(&format!(
                "\nEstamos fora do horário de atendimento humano (voltamos {when}), mas eu posso ajudar agora."
            ));
        }
        let turn = match heard {
            Heard::Action(a) => ctx.act(a),
            Heard::Faq(i) => ctx.faq(i),
            Heard::Nothing if facts.faq_match.is_some() => ctx.faq(facts.faq_match.unwrap_or_default()),
            _ if facts.wants_invoice => ctx.act(BotAction::Invoices),
            _ => {
                let menu = menu_text(settings);
                ctx.say(menu)
            }
        };
        return Turn { reply: format!("{greeting}\n\n{}", turn.reply), ..turn };
    }
    let options = options(settings);
    match (ctx.c.step, heard) {
        (_, Heard::Action(BotAction::Human)) => ctx.act(BotAction::Human),
        (Step::AskDocument, Heard::Document(d)) => {
            let mut ctx = ctx;
            if facts.document.as_deref() == Some(d.as_str()) {
                ctx.c.identified = true;
                ctx.c.log.push("Confirmou o CPF/CNPJ do cliente.".into());
                let pending = ctx.c.pending.take().unwrap_or(BotAction::Invoices);
                ctx.c.step = Step::Menu;
                ctx.act(pending)
            } else {
                ctx.handover(
                    "o CPF/CNPJ informado não confere com o cadastro",
                    "Esse documento não confere com o cadastro.",
                )
            }
        }
        (Step::AskDocument, _) => {
            ctx.handover("o cliente não informou um CPF/CNPJ válido", "Não reconheci o documento.")
        }
        (Step::ChooseInvoice, Heard::Number(n)) if (1..=facts.invoices.len()).contains(&n) => {
            let invoice = facts.invoices[n - 1].clone();
            ctx.send_invoice(&invoice)
        }
        (Step::ChooseFaq, Heard::Number(n)) if (1..=settings.faq.len()).contains(&n) => ctx.faq(n - 1),
        (Step::Menu, Heard::Number(n)) if (1..=options.len()).contains(&n) => ctx.act(options[n - 1].1),
        (_, Heard::Action(a)) => ctx.act(a),
        (_, Heard::Faq(i)) => ctx.faq(i),
        (Step::Menu, Heard::Nothing) if facts.faq_match.is_some() => {
            ctx.faq(facts.faq_match.unwrap_or_default())
        }
        _ => ctx.not_understood(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::model::FaqEntry;

    fn facts() -> Facts {
        let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap_or_default();
        let invoice = |label: &str, cents, overdue, pix: Option<&str>| InvoiceFact {
            label: label.into(),
            title: "Mensalidade".into(),
            due_cents: cents,
            due_date: day,
            overdue,
            link: Some(format!("https://app.example/fatura/{label}")),
            pix_code: pix.map(str::to_owned),
            boleto_line: None,
        };
        Facts {
            company: "Padaria Pão Quente".into(),
            verified_channel: true,
            invoices: vec![
                invoice("FAT-0007", 12_990, false, None),
                invoice("FAT-0003", 5_250, true, Some("000201PIX")),
            ],
            ..Facts::default()
        }
    }

    /// Runs the messages; the turns.
    fn talk(settings: &BotSettings, facts: &Facts, messages: &[&str]) -> Vec<Turn> {
        let mut c = None;
        let mut out = Vec::new();
        for m in messages {
            let t = turn(settings, c.take(), facts, m);
            c = Some(t.conversation.clone());
            out.push(t);
        }
        out
    }

    #[test]
    fn proposals_awaiting_an_answer_go_with_their_link_once_the_customer_is_identified() {
        let mut s = BotSettings::default_off();
        s.menu.insert(
            3,
            crate::bot::model::MenuOption { label: "Minhas propostas".into(), action: BotAction::Proposals },
        );
        let mut f = facts();
        f.document = Some("12345678909".into());
        f.proposals = vec![ProposalFact {
            label: "PROP-0004".into(),
            title: "Bolos para o casamento".into(),
            total_cents: 180_000,
            valid_until: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default(),
            viewed: true,
            link: Some("https://app.example/p/abc".into()),
        }];
        let t = talk(&s, &f, &["oi", "qual o status da minha proposta?", "123.456.789-09"]);
        assert!(t[0].reply.contains("4 - Minhas propostas"), "{}", t[0].reply);
        assert!(t[1].reply.contains("CPF ou CNPJ"), "asks who it is first: {}", t[1].reply);
        let sent = &t[2].reply;
        assert!(sent.contains("PROP-0004 — Bolos para o casamento"), "{sent}");
        assert!(sent.contains("Valor: R$ 1.800,00 · válida até 20/12/2026 (você já abriu)"), "{sent}");
        assert!(sent.contains("Veja, aceite ou recuse aqui: https://app.example/p/abc"), "{sent}");
        assert!(t[2].conversation.resolved);
        // Not offered in the menu: "proposta" means nothing special.
        let plain = talk(&BotSettings::default_off(), &f, &["oi", "minha proposta"]);
        assert!(!plain[1].reply.contains("PROP-0004"), "{}", plain[1].reply);
        // A web-chat visitor (unverified) is handed over instead.
        f.verified_channel = false;
        let web = talk(&s, &f, &["oi", "4"]);
        assert!(web[1].handover.is_some(), "{}", web[1].reply);
    }

    #[test]
    fn the_llm_is_asked_only_about_a_message_the_bot_cannot_place() {
        let mut s = BotSettings::default_off();
        s.faq = vec![FaqEntry { question: "Qual o horário?".into(), answer: "Das 8h às 18h.".into() }];
        assert!(wants_meaning(&s, None, "amanhã vocês abrem cedo?"));
        assert!(!wants_meaning(&s, None, "Oi, bom dia!"), "a greeting");
        assert!(!wants_meaning(&s, None, "2"), "a menu number");
        assert!(!wants_meaning(&s, None, "preciso da segunda via do boleto"), "a keyword");
        assert!(!wants_meaning(&BotSettings::default_off(), None, "amanhã vocês abrem cedo?"), "no FAQ");
        let choosing = Conversation { step: Step::ChooseInvoice, ..Conversation::default() };
        assert!(!wants_meaning(&s, Some(&choosing), "amanhã vocês abrem cedo?"));
        // The entry it names is answered with the company's own text.
        let f = Facts { faq_match: Some(0), ..facts() };
        let t = talk(&s, &f, &["oi", "amanhã vocês abrem cedo?"]);
        assert!(t[1].reply.starts_with("Das 8h às 18h."), "{}", t[1].reply);
    }

    #[test]
    fn greets_with_the_menu_then_sends_the_chosen_invoice_with_its_link_and_pix() {
        let s = BotSettings::default_off();
        let t = talk(&s, &facts(), &["oi", "1", "2"]);
        assert!(
            t[0].reply.starts_with("Olá! Sou o assistente virtual da Padaria Pão Quente."),
            "{}",
            t[0].reply
        );
        // No FAQ written: its option is not offered, the rest renumbered.
        assert!(
            t[0].reply.contains("1 - 2ª via") && t[0].reply.contains("4 - Falar com um atendente"),
            "{}",
            t[0].reply
        );
        assert!(!t[0].reply.contains("Dúvidas"));
        assert!(
            t[1].reply.contains("1 - FAT-0007 (Mensalidade): R$ 129,90 — vence em 10/12/2026"),
            "{}",
            t[1].reply
        );
        assert!(t[1].reply.contains("2 - FAT-0003 (Mensalidade): R$ 52,50 — venceu em 10/12/2026"));
        let sent = &t[2];
        assert!(
            sent.reply
                .contains("Valor para pagar hoje: R$ 52,50 (venceu em 10/12/2026; já com multa e juros)")
        );
        assert!(
            sent.reply.contains("https://app.example/fatura/FAT-0003") && sent.reply.contains("000201PIX")
        );
        assert!(sent.conversation.resolved && sent.handover.is_none());
        assert_eq!(sent.conversation.step, Step::Menu);
        assert_eq!(sent.conversation.log, vec!["Enviou a 2ª via da FAT-0003 (R$ 52,50).".to_owned()]);
    }

    #[test]
    fn a_document_on_file_must_be_typed_and_a_mismatch_goes_to_a_person() {
        let s = BotSettings::default_off();
        let mut f = facts();
        f.document = Some("52998224725".into());
        let t = talk(&s, &f, &["preciso da segunda via do boleto", "529.982.247-25", "1"]);
        assert!(t[0].reply.contains("digite o CPF ou CNPJ"), "{}", t[0].reply);
        assert!(!t[0].reply.contains("FAT-"), "nothing before the document");
        assert!(t[1].conversation.identified && t[1].reply.contains("FAT-0007"), "{}", t[1].reply);
        assert!(t[2].reply.contains("https://app.example/fatura/FAT-0007"));

        let wrong = talk(&s, &f, &["segunda via", "111.444.777-35"]);
        assert_eq!(wrong[1].handover.as_deref(), Some("o CPF/CNPJ informado não confere com o cadastro"));
        assert!(!wrong[1].reply.contains("FAT-"));
        assert_eq!(wrong[1].conversation.step, Step::HandedOver);
    }

    #[test]
    fn an_unverified_channel_gets_no_billing_data_and_is_handed_over() {
        let s = BotSettings::default_off();
        let mut f = facts();
        f.verified_channel = false;
        let t = talk(&s, &f, &["oi", "1"]);
        assert!(t[1].handover.is_some() && !t[1].reply.contains("FAT-"), "{:?}", t[1]);
    }

    #[test]
    fn a_person_on_request_after_misunderstandings_or_when_upset() {
        let s = BotSettings::default_off();
        let t = talk(&s, &facts(), &["oi", "quero falar com um atendente"]);
        assert_eq!(t[1].handover.as_deref(), Some("a pedido do cliente"));
        let t = talk(&s, &facts(), &["oi", "xyz", "abc"]);
        assert!(t[1].handover.is_none() && t[1].reply.starts_with("Desculpe, não entendi."));
        assert_eq!(t[2].handover.as_deref(), Some("não entendeu o cliente 2 vezes"));
        let mut upset = facts();
        upset.upset = true;
        let t = talk(&s, &upset, &["isso é um absurdo"]);
        assert!(t[0].handover.is_some());
        upset.upset = false;
        upset.closed_until = Some("08/12 às 08:00".into());
        let t = talk(&s, &upset, &["atendente"]);
        assert!(t[0].reply.contains("a partir de 08/12 às 08:00"), "{}", t[0].reply);
    }

    #[test]
    fn already_paid_lists_the_latest_payments_and_what_is_still_open() {
        let s = BotSettings::default_off();
        let mut f = facts();
        f.payments = vec![PaymentFact {
            received_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            amount_cents: 12_990,
            method: "PIX".into(),
            in_review: true,
        }];
        let t = talk(&s, &f, &["oi, já paguei o boleto"]);
        let reply = &t[0].reply;
        assert!(reply.contains("01/12/2026: R$ 129,90 (PIX) — em análise pela equipe"), "{reply}");
        assert!(reply.contains("Ainda em aberto:\n1 - FAT-0007"), "{reply}");
        f.verified_channel = false;
        assert!(talk(&s, &f, &["já paguei"])[0].handover.is_some(), "billing data needs a verified channel");
    }

    #[test]
    fn answers_from_the_company_faq_only() {
        let mut s = BotSettings::default_off();
        s.faq = vec![
            FaqEntry {
                question: "Qual o horário de funcionamento?".into(),
                answer: "Abrimos de segunda a sábado, das 7h às 20h.".into(),
            },
            FaqEntry {
                question: "Vocês entregam?".into(),
                answer: "Entregamos no bairro, pedido mínimo R$ 30.".into(),
            },
        ];
        let t = talk(&s, &facts(), &["oi", "qual o horário de funcionamento de vocês?"]);
        assert!(t[1].reply.starts_with("Abrimos de segunda a sábado"), "{}", t[1].reply);
        let t = talk(&s, &facts(), &["oi", "4", "2"]);
        assert!(t[1].reply.contains("1 - Qual o horário") && t[2].reply.starts_with("Entregamos no bairro"));
        let t = talk(&s, &facts(), &["oi", "qual a capital da França?"]);
        assert!(t[1].reply.starts_with("Desculpe, não entendi."), "never invented: {}", t[1].reply);
    }
}
