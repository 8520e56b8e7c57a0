//! The offline triage of one message: the starter model's intent and
//! priority, the company's own model's category (and priority, once it has
//! learnt enough), urgency cues as a priority floor, the lexicon's
//! sentiment and the language — each with its confidence, the engine that
//! decided and a one-line reason. Company keyword rules are the caller's
//! (they live in its tables) and win over all of this.

use serde::{Deserialize, Serialize};

use crate::bayes::NaiveBayes;
use crate::{Intent, Priority, Sentiment, TriageEngine, cues, language, sentiment, starter, text};

/// A company's model loses to the starter model's priority, and names no
/// category, below this posterior.
const COMPANY_MIN_CONFIDENCE: f64 = 0.5;
/// Below this the starter model's priority is not used (normal instead).
const STARTER_MIN_CONFIDENCE: f64 = 0.45;

/// A value and how sure the engine is of it (0…1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guess<T> {
    pub value: T,
    pub confidence: f64,
}

/// A company's model: its categories and its priorities, learnt from its
/// own labelled tickets. Stored as JSON by the domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanyModel {
    pub category: NaiveBayes,
    pub priority: NaiveBayes,
}

/// One labelled example for a company's model.
#[derive(Debug, Clone)]
pub struct Labelled<'a> {
    pub text: &'a str,
    pub category: Option<&'a str>,
    pub priority: Option<Priority>,
}

impl CompanyModel {
    pub fn train<'a>(examples: impl IntoIterator<Item = Labelled<'a>>) -> CompanyModel {
        let mut model = CompanyModel::default();
        for e in examples {
            let features = text::features(e.text);
            if let Some(category) = e.category {
                model.category.add(category, &features);
            }
            if let Some(priority) = e.priority {
                model.priority.add(priority.as_str(), &features);
            }
        }
        model
    }
}

/// What the offline engines say about a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The company's category, when its model is sure enough.
    pub category: Option<Guess<String>>,
    pub intent: Guess<Intent>,
    pub priority: Guess<Priority>,
    pub sentiment: Guess<Sentiment>,
    /// −1…1, from the lexicon.
    pub sentiment_score: f64,
    pub language: Option<Guess<String>>,
    pub cues: Vec<&'static str>,
    pub engine: TriageEngine,
    pub reason: String,
}

fn top(model: &NaiveBayes, features: &[String]) -> Option<(String, f64)> {
    model.predict(features)?.into_iter().next().map(|s| (s.label, s.probability))
}

/// Triage of a message offline: `company` is the company's own model, if it
/// has one.
pub fn analyse(subject: &str, body: &str, company: Option<&CompanyModel>) -> Analysis {
    let whole = if subject.is_empty() || body.starts_with(subject) {
        body.to_string()
    } else {
        format!("{subject}\n{body}")
    };
    let features = text::features(&whole);
    let starter = starter::model();

    let intent = top(&starter.intent, &features)
        .and_then(|(label, p)| Intent::parse(&label).map(|value| Guess { value, confidence: p }))
        .unwrap_or(Guess { value: Intent::Outro, confidence: 0.0 });

    let category = company
        .and_then(|m| top(&m.category, &features))
        .filter(|(_, p)| *p >= COMPANY_MIN_CONFIDENCE)
        .map(|(value, confidence)| Guess { value, confidence });

    let company_priority = company
        .and_then(|m| top(&m.priority, &features))
        .filter(|(_, p)| *p >= COMPANY_MIN_CONFIDENCE)
        .and_then(|(label, p)| Priority::parse(&label).map(|u| (u, p)));
    let starter_priority = top(&starter.priority, &features)
        .filter(|(_, p)| *p >= STARTER_MIN_CONFIDENCE)
        .and_then(|(label, p)| Priority::parse(&label).map(|u| (u, p)));
    let (model_priority, confidence) =
        company_priority.or(starter_priority).unwrap_or((Priority::Normal, 0.0));
    let (cues, floor) = cues::find(&whole);
    let priority = if floor.rank() > model_priority.rank() {
        Guess { value: floor, confidence: 0.9 }
    } else {
        Guess { value: model_priority, confidence }
    };

    let mood = sentiment::score(&whole);
    let language = language::detect(&whole).map(|(value, confidence)| Guess { value, confidence });

    let engine = if category.is_some() { TriageEngine::LocalModel } else { TriageEngine::StarterModel };
    let reason = match &category {
        Some(c) => format!(
            "Modelo da empresa: categoria “{}” ({:.0}%); intenção {} ({:.0}%)",
            c.value,
            c.confidence * 100.0,
            intent.value.label(),
            intent.confidence * 100.0
        ),
        None => {
            format!("Modelo inicial: intenção {} ({:.0}%)", intent.value.label(), intent.confidence * 100.0)
        }
    };
    let reason = if cues.is_empty() { reason } else { format!("{reason}; sinais: {}", cues.join(", ")) };

    Analysis {
        category,
        intent,
        priority,
        sentiment: Guess { value: mood.sentiment, confidence: mood.confidence },
        sentiment_score: mood.compound,
        language,
        cues,
        engine,
        reason,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_starter_model_reads_common_requests() {
        let a = analyse("", "oi, pode me mandar a segunda via do boleto?", None);
        assert_eq!(a.intent.value, Intent::SegundaVia);
        assert_eq!(a.engine, TriageEngine::StarterModel);
        assert!(a.category.is_none(), "no company model, no company category");
        assert_eq!(
            analyse("", "Quero cancelar meu plano, não quero mais", None).intent.value,
            Intent::Cancelar
        );
        assert_eq!(analyse("", "Quanto custa o plano de 300 mega?", None).intent.value, Intent::Comprar);
    }

    #[test]
    fn cues_raise_the_priority_and_are_named_in_the_reason() {
        let a = analyse("Sistema fora do ar", "Nada funciona, vou abrir reclamação no Procon", None);
        assert_eq!(a.priority.value, Priority::Urgent);
        assert!(a.reason.contains("ameaça jurídica"), "{}", a.reason);
        assert_eq!(a.language.as_ref().map(|l| l.value.as_str()), Some("pt"));
    }

    #[test]
    fn a_company_model_names_the_company_categories() {
        let examples = [
            ("meu boleto venceu, manda outro", "financeiro"),
            ("preciso da fatura deste mês", "financeiro"),
            ("o pagamento não foi reconhecido", "financeiro"),
            ("a internet está lenta", "suporte"),
            ("o roteador não liga", "suporte"),
            ("sem sinal desde ontem", "suporte"),
        ];
        let model = CompanyModel::train(examples.iter().map(|(text, category)| Labelled {
            text,
            category: Some(category),
            priority: None,
        }));
        let a = analyse("", "a fatura veio errada, e o boleto?", Some(&model));
        assert_eq!(a.category.as_ref().map(|c| c.value.as_str()), Some("financeiro"));
        assert_eq!(a.engine, TriageEngine::LocalModel);
        let b = analyse("", "o roteador está sem sinal", Some(&model));
        assert_eq!(b.category.map(|c| c.value), Some("suporte".to_string()));
    }
}
