use ai::text::{fold, words};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::tickets::model::Priority;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TriageRule {
    pub id: Uuid,
    pub position: i32,
    /// Any of these words (case and accents ignored) matches.
    pub keywords: Vec<String>,
    pub category: Option<String>,
    pub priority: Option<Priority>,
    pub team_id: Option<Uuid>,
}

/// The first rule whose keyword appears as a word (or phrase) in the text,
/// with that keyword.
pub fn first_match<'a>(rules: &'a [TriageRule], text: &str) -> Option<(&'a TriageRule, &'a str)> {
    let joined = format!(" {} ", words(text).join(" "));
    rules.iter().find_map(|r| {
        r.keywords
            .iter()
            .find(|k| {
                let k = fold(k.trim());
                !k.is_empty() && joined.contains(&format!(" {k} "))
            })
            .map(|k| (r, k.as_str()))
    })
}

pub use super::repo::{replace, rules};

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn rule(words: &[&str], category: &str) -> TriageRule {
        TriageRule {
            id: Uuid::now_v7(),
            position: 0,
            keywords: words.iter().map(|w| w.to_string()).collect(),
            category: Some(category.into()),
            priority: None,
            team_id: None,
        }
    }

    #[test]
    fn matches_whole_words_without_case_or_accents() {
        let rules = [rule(&["boleto", "fatura"], "financeiro"), rule(&["não funciona", "erro"], "suporte")];
        assert_eq!(
            first_match(&rules, "Preciso da 2ª via do BOLETO").unwrap().0.category.as_deref(),
            Some("financeiro")
        );
        assert_eq!(
            first_match(&rules, "O sistema NAO FUNCIONA desde ontem").unwrap().0.category.as_deref(),
            Some("suporte")
        );
        assert!(first_match(&rules, "Terror no caixa").is_none(), "'erro' is not a word of 'terror'");
    }
}
