//! What customers write about more than before, per category: the
//! tickets opened in the last `days` against the `days` before, and the
//! words (`ai::topics`) found in more of their first messages than before.

pub mod http;
pub mod model;
pub mod repo;

use std::collections::BTreeMap;

use model::{CategoryTrend, RisingTerm};
use repo::Opened;

/// Rising words shown per category.
const TERMS: usize = 5;

/// Trends per category (no category last), the busiest first.
pub fn trends(opened: &[Opened]) -> Vec<CategoryTrend> {
    let mut by: BTreeMap<Option<&str>, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for o in opened {
        let entry = by.entry(o.category.as_deref()).or_default();
        if o.current { entry.0.push(o.text.as_str()) } else { entry.1.push(o.text.as_str()) }
    }
    let mut out: Vec<CategoryTrend> = by
        .into_iter()
        .map(|(category, (now, before))| CategoryTrend {
            category: category.map(str::to_owned),
            current: now.len() as i64,
            previous: before.len() as i64,
            change_pct: (!before.is_empty()).then(|| {
                ((now.len() as f64 - before.len() as f64) / before.len() as f64 * 1000.0).round() / 10.0
            }),
            rising: ai::topics::rising(&now, &before, TERMS)
                .into_iter()
                .map(|r| RisingTerm {
                    term: r.term,
                    current: i64::from(r.current),
                    previous: i64::from(r.previous),
                })
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| {
        a.category
            .is_none()
            .cmp(&b.category.is_none())
            .then(b.current.cmp(&a.current))
            .then(a.category.cmp(&b.category))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(category: Option<&str>, current: bool, text: &str) -> Opened {
        Opened { category: category.map(str::to_owned), current, text: text.to_owned() }
    }

    #[test]
    fn counts_each_window_per_category_and_names_what_grew() {
        let opened = [
            o(Some("Financeiro"), true, "cobrança em dobro no cartão"),
            o(Some("Financeiro"), true, "cobrança duplicada"),
            o(Some("Financeiro"), false, "segunda via do boleto"),
            o(Some("Suporte"), false, "roteador não liga"),
            o(None, true, "quero falar com alguém"),
        ];
        let t = trends(&opened);
        assert_eq!(t[0].category.as_deref(), Some("Financeiro"));
        assert_eq!((t[0].current, t[0].previous, t[0].change_pct), (2, 1, Some(100.0)));
        assert_eq!(t[0].rising[0].term, "cobrança");
        let suporte =
            t.iter().find(|c| c.category.as_deref() == Some("Suporte")).map(|c| (c.current, c.change_pct));
        assert_eq!(suporte, Some((0, Some(-100.0))));
        assert!(t.last().is_some_and(|c| c.category.is_none() && c.change_pct.is_none()), "{t:?}");
    }
}
