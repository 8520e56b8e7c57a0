//! What customers write about more than before: the words (grouped by
//! stem, so "cobrança" and "cobranças" are one) found in more messages of
//! this period than of the one before. Counted once per message, so one
//! long message does not make a trend.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rising {
    /// The form customers wrote most often.
    pub term: String,
    /// Messages of each period that use it.
    pub current: u32,
    pub previous: u32,
}

/// Words said by fewer messages than this are noise, however new.
pub const MIN_MESSAGES: u32 = 2;

/// Folded words too common in customer service to be a topic, with
/// [`crate::text::COURTESY`].
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "favor", "preciso", "gostaria", "pode", "poderia", "consigo", "quero", "queria", "ainda", "hoje", "ontem",
    "agora", "sim", "nao", "vou", "estou", "esta", "tem", "tenho", "fazer", "saber", "ver", "ajuda", "ajudar",
    "atendimento", "mensagem",
];

fn counts<'a>(
    texts: impl Iterator<Item = &'a str>,
    forms: &mut HashMap<String, HashMap<String, u32>>,
) -> HashMap<String, u32> {
    let mut docs: HashMap<String, u32> = HashMap::new();
    for text in texts {
        let mut seen: Vec<String> = Vec::new();
        for (word, stem) in crate::text::stemmed_words(text) {
            let folded = crate::text::fold(&word);
            if GENERIC.contains(&folded.as_str()) || crate::text::COURTESY.contains(&folded.as_str()) {
                continue;
            }
            *forms.entry(stem.clone()).or_default().entry(word).or_insert(0) += 1;
            if !seen.contains(&stem) {
                seen.push(stem);
            }
        }
        for stem in seen {
            *docs.entry(stem).or_insert(0) += 1;
        }
    }
    docs
}

/// The `n` terms whose message count grew the most (then the most used),
/// each in at least [`MIN_MESSAGES`] messages of `current`.
pub fn rising(current: &[&str], previous: &[&str], n: usize) -> Vec<Rising> {
    let mut forms: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let now = counts(current.iter().copied(), &mut forms);
    let before = counts(previous.iter().copied(), &mut forms);
    let mut out: Vec<(i64, Rising)> = now
        .into_iter()
        .filter(|(_, c)| *c >= MIN_MESSAGES)
        .filter_map(|(stem, c)| {
            let p = before.get(&stem).copied().unwrap_or(0);
            let growth = i64::from(c) - i64::from(p);
            let term = forms
                .get(&stem)?
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(w, _)| w.clone())?;
            (growth > 0).then_some((growth, Rising { term, current: c, previous: p }))
        })
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.current.cmp(&a.1.current)).then(a.1.term.cmp(&b.1.term)));
    out.into_iter().take(n).map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::rising;

    #[test]
    fn a_word_in_more_messages_than_last_period_rises_grouped_by_stem() {
        let current = [
            "A cobrança veio em dobro no cartão",
            "Recebi duas cobranças iguais este mês",
            "cobrança duplicada de novo, cobrança errada",
            "O boleto não abre",
        ];
        let previous = ["O boleto não abre no celular", "boleto vencido", "Como troco a senha?"];
        let r = rising(&current, &previous, 5);
        assert_eq!(r[0].term, "cobrança");
        assert_eq!((r[0].current, r[0].previous), (3, 0), "counted once per message: {r:?}");
        assert!(r.iter().all(|t| t.term != "boleto"), "fewer than before is no trend: {r:?}");
        assert!(rising(&["cobrança única"], &[], 5).is_empty(), "one message is no trend");
    }
}
