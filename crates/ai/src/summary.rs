//! An extractive summary of a conversation, offline: what the customer
//! asked first, the few sentences the rest of the conversation keeps
//! coming back to, and where it stands (the last word of each side). The
//! sentences are the conversation's own, never rewritten, so nothing is
//! invented; the LLM's summary ([`crate::llm::summarise`]) is the
//! abstractive one.
//!
//! A sentence's weight is its TF-IDF likeness to the other sentences
//! ([`crate::similar`]) summed — the centrality of LexRank without the
//! power iteration, which adds nothing at a conversation's size.
//! Pleasantries ("bom dia", "obrigado", "ok") and one-word sentences carry
//! no content and are left out.

use unicode_segmentation::UnicodeSegmentation;

/// One message of the conversation, oldest first.
#[derive(Debug, Clone, Copy)]
pub struct Turn<'a> {
    pub from_customer: bool,
    pub text: &'a str,
}

/// Who said a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    Customer,
    Team,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub speaker: Speaker,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extract {
    /// The most telling sentence of the customer's first message.
    pub request: Option<String>,
    /// At most [`MAX_POINTS`] central sentences after it, in the order said.
    pub points: Vec<Sentence>,
    /// The customer's latest message, when it is not already above.
    pub last_customer: Option<String>,
    /// The team's latest reply, when it is not already above.
    pub last_team: Option<String>,
}

pub const MAX_POINTS: usize = 3;
/// A sentence is cut here (at a word) so a summary stays a summary.
const MAX_SENTENCE_CHARS: usize = 240;
/// Older messages than these add little and cost O(n²).
const MAX_TURNS: usize = 80;

/// Folded words that, with [`crate::text::COURTESY`], make a sentence a
/// pleasantry when nothing else is in it.
#[rustfmt::skip]
const FILLER: &[&str] = &[
    "tudo", "bem", "ok", "okay", "certo", "blz", "beleza", "aguardo", "att", "atenciosamente", "abraco",
    "abracos", "grato", "grata", "por", "favor", "sim", "nao", "de", "nada", "tchau", "ate", "mais", "e",
    "a", "o", "voce", "vc", "muito", "mto", "pessoal", "equipe", "prezado", "prezada", "perfeito", "show",
    "entendi", "combinado", "otimo", "claro", "disponha", "posso", "ajudar", "em", "que", "como",
];

fn is_content(sentence: &str) -> bool {
    let words = crate::text::words(sentence);
    let meaningful = words
        .iter()
        .filter(|w| !crate::text::COURTESY.contains(&w.as_str()) && !FILLER.contains(&w.as_str()))
        .count();
    meaningful >= 2 && !crate::text::features(sentence).is_empty()
}

fn clip(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= MAX_SENTENCE_CHARS {
        return s;
    }
    let cut: String = s.chars().take(MAX_SENTENCE_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

fn sentences(text: &str) -> Vec<String> {
    text.split_sentence_bounds().map(clip).filter(|s| is_content(s)).collect()
}

pub fn extract(turns: &[Turn<'_>]) -> Extract {
    let turns = &turns[turns.len().saturating_sub(MAX_TURNS)..];
    // (turn index, speaker, sentence)
    let all: Vec<(usize, Speaker, String)> = turns
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            let speaker = if t.from_customer { Speaker::Customer } else { Speaker::Team };
            sentences(t.text).into_iter().map(move |s| (i, speaker, s))
        })
        .collect();
    if all.is_empty() {
        return Extract::default();
    }
    let texts: Vec<&str> = all.iter().map(|(_, _, s)| s.as_str()).collect();
    let centrality: Vec<f64> = texts
        .iter()
        .enumerate()
        .map(|(i, s)| {
            crate::similar::rank(s, &texts).into_iter().filter(|(j, _)| *j != i).map(|(_, x)| x).sum()
        })
        .collect();

    let first_customer_turn = all.iter().find(|(_, sp, _)| *sp == Speaker::Customer).map(|(t, _, _)| *t);
    let request = first_customer_turn.and_then(|turn| {
        (0..all.len())
            .filter(|&k| all[k].0 == turn)
            // The first of equals: a customer usually says what they want first.
            .max_by(|&a, &b| centrality[a].total_cmp(&centrality[b]).then(b.cmp(&a)))
    });

    let mut ranked: Vec<usize> = (0..all.len()).filter(|k| Some(*k) != request).collect();
    ranked.sort_by(|&a, &b| centrality[b].total_cmp(&centrality[a]).then(a.cmp(&b)));
    let mut chosen: Vec<usize> = Vec::new();
    for k in ranked {
        if chosen.len() == MAX_POINTS {
            break;
        }
        // A sentence repeated (a customer asking twice) is said once.
        if chosen.iter().chain(request.iter()).any(|&c| all[c].2 == all[k].2) {
            continue;
        }
        chosen.push(k);
    }
    chosen.sort_unstable();

    let said = |k: usize| request == Some(k) || chosen.contains(&k);
    let last_of = |speaker: Speaker| -> Option<String> {
        let turn = all.iter().rev().find(|(_, sp, _)| *sp == speaker)?.0;
        let in_turn: Vec<usize> = (0..all.len()).filter(|&k| all[k].0 == turn).collect();
        if in_turn.iter().any(|&k| said(k)) {
            return None;
        }
        Some(in_turn.iter().map(|&k| all[k].2.as_str()).collect::<Vec<_>>().join(" ")).map(|s| clip(&s))
    };
    Extract {
        request: request.map(|k| all[k].2.clone()),
        points: chosen.iter().map(|&k| Sentence { speaker: all[k].1, text: all[k].2.clone() }).collect(),
        last_customer: last_of(Speaker::Customer),
        last_team: last_of(Speaker::Team),
    }
}

impl Extract {
    pub fn is_empty(&self) -> bool {
        self.request.is_none()
            && self.points.is_empty()
            && self.last_customer.is_none()
            && self.last_team.is_none()
    }

    /// Plain pt-BR lines, for a transfer note or an e-mail.
    pub fn to_text(&self) -> String {
        let mut lines = Vec::new();
        if let Some(r) = &self.request {
            lines.push(format!("Pedido do cliente: {r}"));
        }
        for p in &self.points {
            let who = match p.speaker {
                Speaker::Customer => "Cliente",
                Speaker::Team => "Equipe",
            };
            lines.push(format!("- {who}: {}", p.text));
        }
        if let Some(c) = &self.last_customer {
            lines.push(format!("Última mensagem do cliente: {c}"));
        }
        if let Some(t) = &self.last_team {
            lines.push(format!("Última resposta da equipe: {t}"));
        }
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> Turn<'_> {
        Turn { from_customer: true, text }
    }
    fn t(text: &str) -> Turn<'_> {
        Turn { from_customer: false, text }
    }

    #[test]
    fn keeps_the_request_and_the_sentences_the_conversation_returns_to_and_drops_pleasantries() {
        let turns = [
            c(
                "Bom dia! Obrigado. A internet da loja caiu ontem à noite e o roteador fica com a luz vermelha piscando.",
            ),
            t("Bom dia, tudo bem? Pode desligar o roteador da tomada por 30 segundos e ligar de novo?"),
            c("Desliguei o roteador e liguei de novo, a luz vermelha continua piscando."),
            t("Vou abrir uma visita técnica para trocar o roteador amanhã de manhã."),
            c("Ok, obrigado!"),
        ];
        let e = extract(&turns);
        let request = e.request.as_deref().unwrap_or_default();
        assert!(request.contains("internet da loja caiu"), "{e:?}");
        assert!(!request.contains("Bom dia"), "{e:?}");
        assert!(e.points.len() <= MAX_POINTS && !e.points.is_empty(), "{e:?}");
        assert!(e.points.iter().any(|p| p.text.contains("roteador")), "{e:?}");
        // "Ok, obrigado!" is no content: the customer's last word is an earlier one or none.
        assert!(e.last_customer.as_deref().is_none_or(|s| !s.contains("obrigado")), "{e:?}");
        let text = e.to_text();
        assert!(text.starts_with("Pedido do cliente: "), "{text}");
        assert!(!text.contains("Ok, obrigado"), "{text}");
    }

    #[test]
    fn the_team_s_latest_reply_is_shown_when_it_is_not_a_chosen_point() {
        let turns = [
            c("Preciso da segunda via do boleto de novembro, o meu venceu."),
            t("Claro! Segue o link da segunda via do boleto de novembro com vencimento atualizado."),
            c("Recebi o link, mas o banco diz que o código de barras é inválido."),
            t("Gerei um novo código de barras agora, confira no mesmo link por favor."),
        ];
        let e = extract(&turns);
        assert!(e.request.as_deref().is_some_and(|r| r.contains("segunda via")), "{e:?}");
        let shown = e.to_text();
        assert!(shown.contains("código de barras"), "{shown}");
    }

    #[test]
    fn nothing_to_say_is_an_empty_summary_and_long_sentences_are_cut_at_a_word() {
        assert!(extract(&[]).is_empty());
        assert!(extract(&[c("Oi, bom dia!"), t("Olá! Em que posso ajudar?")]).is_empty());
        let long = format!("O sistema de notas fiscais {} parou.", "continua apresentando erro ".repeat(20));
        let e = extract(&[c(&long)]);
        let r = e.request.unwrap_or_default();
        assert!(r.chars().count() <= MAX_SENTENCE_CHARS + 1 && r.ends_with('…'), "{r}");
    }
}
