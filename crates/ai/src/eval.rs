//! How good a model is: train on one labelled set, measure on another
//! (`conectcrm ai eval --train FILE --test FILE`). Accuracy, macro-F1 and
//! the confusion matrix for the category, the priority (model and urgency
//! cues, as triage decides it) and the sentiment (the lexicon).

use std::fmt;

use serde::Deserialize;

use crate::triage::{CompanyModel, Labelled, analyse};
use crate::{Priority, text};

/// One line of a labelled JSON-lines file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    pub category: String,
    pub priority: Option<String>,
    pub sentiment: Option<String>,
}

/// Reads a JSON-lines file's text; an error names the line.
pub fn parse_jsonl(data: &str) -> Result<Vec<Example>, String> {
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("linha {}: {e}", i + 1)))
        .collect()
}

/// The scores of one field on the test set.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub name: &'static str,
    pub examples: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub labels: Vec<String>,
    /// `confusion[expected][predicted]`, in `labels` order.
    pub confusion: Vec<Vec<u32>>,
}

impl Metrics {
    fn of(name: &'static str, pairs: &[(String, String)]) -> Metrics {
        let mut labels: Vec<String> = pairs.iter().flat_map(|(e, p)| [e.clone(), p.clone()]).collect();
        labels.sort();
        labels.dedup();
        let at = |l: &str| labels.iter().position(|x| x == l).unwrap_or(0);
        let mut confusion = vec![vec![0u32; labels.len()]; labels.len()];
        for (expected, predicted) in pairs {
            confusion[at(expected)][at(predicted)] += 1;
        }
        let right: u32 = (0..labels.len()).map(|i| confusion[i][i]).sum();
        let f1s: Vec<f64> = (0..labels.len())
            .filter(|&i| confusion[i].iter().sum::<u32>() > 0)
            .map(|i| {
                let tp = f64::from(confusion[i][i]);
                let predicted: u32 = confusion.iter().map(|row| row[i]).sum();
                let actual: u32 = confusion[i].iter().sum();
                let precision = if predicted == 0 { 0.0 } else { tp / f64::from(predicted) };
                let recall = tp / f64::from(actual);
                if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) }
            })
            .collect();
        Metrics {
            name,
            examples: pairs.len(),
            accuracy: if pairs.is_empty() { 0.0 } else { f64::from(right) / pairs.len() as f64 },
            macro_f1: if f1s.is_empty() { 0.0 } else { f1s.iter().sum::<f64>() / f1s.len() as f64 },
            labels,
            confusion,
        }
    }
}

impl fmt::Display for Metrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} exemplos, acurácia {:.1}%, macro-F1 {:.3}",
            self.name,
            self.examples,
            self.accuracy * 100.0,
            self.macro_f1
        )?;
        let width = self.labels.iter().map(|l| l.chars().count()).max().unwrap_or(8).max(8);
        write!(f, "  {:width$}", "esperado \\ previsto")?;
        for l in &self.labels {
            write!(f, " {:>w$}", short(l), w = 6)?;
        }
        writeln!(f)?;
        for (i, row) in self.confusion.iter().enumerate() {
            write!(f, "  {:width$}", self.labels[i])?;
            for n in row {
                write!(f, " {n:>6}")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

fn short(label: &str) -> String {
    label.chars().take(6).collect()
}

/// The three fields' scores.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub trained_on: usize,
    pub fields: Vec<Metrics>,
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "treinado com {} exemplos", self.trained_on)?;
        for m in &self.fields {
            writeln!(f)?;
            write!(f, "{m}")?;
        }
        Ok(())
    }
}

/// Trains a model on `train` and measures it on `test`.
pub fn evaluate(train: &[Example], test: &[Example]) -> Evaluation {
    let model = CompanyModel::train(train.iter().map(|e| Labelled {
        text: &e.text,
        category: Some(&e.category),
        priority: e.priority.as_deref().and_then(Priority::parse),
    }));
    let mut category = Vec::new();
    let mut priority = Vec::new();
    let mut sentiment = Vec::new();
    for e in test {
        let predicted = model
            .category
            .predict(&text::features(&e.text))
            .and_then(|s| s.into_iter().next())
            .map(|s| s.label)
            .unwrap_or_else(|| "(nenhuma)".to_string());
        category.push((e.category.clone(), predicted));
        let analysis = analyse("", &e.text, Some(&model));
        if let Some(p) = &e.priority {
            priority.push((p.clone(), analysis.priority.value.as_str().to_string()));
        }
        if let Some(s) = &e.sentiment {
            sentiment.push((s.clone(), analysis.sentiment.value.as_str().to_string()));
        }
    }
    let mut fields = vec![Metrics::of("categoria", &category)];
    if !priority.is_empty() {
        fields.push(Metrics::of("prioridade", &priority));
    }
    if !sentiment.is_empty() {
        fields.push(Metrics::of("sentimento", &sentiment));
    }
    Evaluation { trained_on: train.len(), fields }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn metrics_count_a_known_confusion() {
        let pairs: Vec<(String, String)> = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]
            .iter()
            .map(|(e, p)| (e.to_string(), p.to_string()))
            .collect();
        let m = Metrics::of("x", &pairs);
        assert_eq!(m.confusion, vec![vec![1, 1], vec![0, 2]]);
        assert!((m.accuracy - 0.75).abs() < 1e-9);
        // a: precision 1, recall 0.5 → 2/3; b: precision 2/3, recall 1 → 0.8.
        assert!((m.macro_f1 - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn a_bad_line_is_named() {
        let err = parse_jsonl("{\"text\":\"oi\",\"category\":\"outro\"}\n{oops}").unwrap_err();
        assert!(err.starts_with("linha 2"), "{err}");
    }
}
