//! Which texts are most like a query: cosine similarity of TF-IDF vectors
//! over [`crate::text::features`] (stems and their bigrams), the IDF taken
//! from the candidates themselves. For reply suggestions offline: canned
//! responses and past answers ranked against the customer's message.

use std::collections::HashMap;

fn counts(text: &str) -> HashMap<String, f64> {
    let mut out = HashMap::new();
    for f in crate::text::features(text) {
        *out.entry(f).or_insert(0.0) += 1.0;
    }
    out
}

/// The candidates' indexes and scores (0…1), best first, leaving out those
/// that share nothing with the query.
pub fn rank(query: &str, candidates: &[&str]) -> Vec<(usize, f64)> {
    let docs: Vec<HashMap<String, f64>> = candidates.iter().map(|c| counts(c)).collect();
    let n = docs.len() as f64;
    let mut df: HashMap<&str, f64> = HashMap::new();
    for d in &docs {
        for f in d.keys() {
            *df.entry(f.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let idf = |f: &str| ((n + 1.0) / (df.get(f).copied().unwrap_or(0.0) + 1.0)).ln() + 1.0;
    let weigh = |c: &HashMap<String, f64>| -> HashMap<String, f64> {
        c.iter().map(|(f, tf)| (f.clone(), tf * idf(f))).collect()
    };
    let norm = |v: &HashMap<String, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let q = weigh(&counts(query));
    let qn = norm(&q);
    if qn == 0.0 {
        return vec![];
    }
    let mut scored: Vec<(usize, f64)> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let v = weigh(d);
            let dot: f64 = q.iter().filter_map(|(f, w)| v.get(f).map(|x| w * x)).sum();
            let dn = norm(&v);
            (dot > 0.0 && dn > 0.0).then(|| (i, dot / (qn * dn)))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored
}

#[cfg(test)]
mod tests {
    use super::rank;

    #[test]
    fn the_closest_text_comes_first_and_unrelated_ones_score_next_to_nothing() {
        let candidates = [
            "Segue a segunda via do seu boleto, com vencimento atualizado.",
            "Para reiniciar o roteador, desligue-o da tomada por 30 segundos.",
            "Nosso horário de atendimento é de segunda a sexta, das 8h às 18h.",
        ];
        let ranked = rank("preciso da segunda via do boleto", &candidates);
        assert_eq!(ranked[0].0, 0);
        // "30 segundos" shares a stem with "segunda via": a trace, far below.
        assert!(ranked.iter().all(|(i, score)| *i == 0 || *score < 0.1), "{ranked:?}");
        assert_eq!(rank("roteador não liga", &candidates)[0].0, 1);
        assert!(rank("", &candidates).is_empty());
    }
}
