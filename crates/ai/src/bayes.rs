//! Multinomial naive Bayes over [`crate::text::features`], with Laplace
//! smoothing. Small, exact, fast to train and to apply, and serialisable:
//! the starter model is built by `build.rs`, a company's model is stored as
//! JSON in PostgreSQL. Shared with `build.rs` (std and serde only).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Laplace smoothing: a feature never seen with a label still counts once.
const ALPHA: f64 = 1.0;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct NaiveBayes {
    /// The labels, in a fixed order; the counts below follow it.
    pub labels: Vec<String>,
    /// Training examples per label.
    pub docs: Vec<u32>,
    /// Feature occurrences per label.
    pub totals: Vec<u64>,
    /// Occurrences of each feature per label.
    pub vocab: BTreeMap<String, Vec<u32>>,
}

/// One label's share of the posterior.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub label: String,
    pub probability: f64,
}

impl NaiveBayes {
    /// Trains on `(label, features)` pairs; labels appear in order of first
    /// sight.
    pub fn train<'a>(examples: impl IntoIterator<Item = (&'a str, Vec<String>)>) -> NaiveBayes {
        let mut model = NaiveBayes::default();
        for (label, features) in examples {
            model.add(label, &features);
        }
        model
    }

    /// Adds one example.
    pub fn add(&mut self, label: &str, features: &[String]) {
        let index = match self.labels.iter().position(|l| l == label) {
            Some(i) => i,
            None => {
                self.labels.push(label.to_string());
                self.docs.push(0);
                self.totals.push(0);
                for counts in self.vocab.values_mut() {
                    counts.push(0);
                }
                self.labels.len() - 1
            }
        };
        self.docs[index] += 1;
        self.totals[index] += features.len() as u64;
        let width = self.labels.len();
        for feature in features {
            let counts = self.vocab.entry(feature.clone()).or_insert_with(|| vec![0; width]);
            counts[index] += 1;
        }
    }

    /// Examples the model was trained on.
    pub fn examples(&self) -> u32 {
        self.docs.iter().sum()
    }

    /// Every label with its posterior probability, most likely first; `None`
    /// when the model has fewer than two labels or the text has no feature
    /// the model knows (an empty or foreign text is not a guess).
    pub fn predict(&self, features: &[String]) -> Option<Vec<Scored>> {
        if self.labels.len() < 2 {
            return None;
        }
        let known: Vec<&Vec<u32>> = features.iter().filter_map(|f| self.vocab.get(f)).collect();
        if known.is_empty() {
            return None;
        }
        let all_docs = f64::from(self.examples());
        let vocab = self.vocab.len() as f64;
        let logs: Vec<f64> = (0..self.labels.len())
            .map(|i| {
                let prior = (f64::from(self.docs[i]) / all_docs).ln();
                let denominator = (self.totals[i] as f64 + ALPHA * vocab).ln();
                prior + known.iter().map(|c| (f64::from(c[i]) + ALPHA).ln() - denominator).sum::<f64>()
            })
            .collect();
        let max = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exps: Vec<f64> = logs.iter().map(|l| (l - max).exp()).collect();
        let sum: f64 = exps.iter().sum();
        let mut scored: Vec<Scored> = self
            .labels
            .iter()
            .zip(exps)
            .map(|(label, e)| Scored { label: label.clone(), probability: e / sum })
            .collect();
        scored.sort_by(|a, b| b.probability.total_cmp(&a.probability));
        Some(scored)
    }
}
