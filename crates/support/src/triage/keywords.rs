use kernel::Result;
use kernel::tenant::TenantTx;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Triage, Verdict};
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

/// Lower case without accents, for matching.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// The first rule whose keyword appears as a word (or phrase) in the text.
pub fn first_match<'a>(rules: &'a [TriageRule], text: &str) -> Option<&'a TriageRule> {
    let words: Vec<String> = fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let joined = format!(" {} ", words.join(" "));
    rules.iter().find(|r| {
        r.keywords.iter().any(|k| {
            let k = fold(k.trim());
            !k.is_empty() && joined.contains(&format!(" {k} "))
        })
    })
}

pub use super::repo::{replace, rules};

/// The built-in triage: the company's keyword rules.
pub struct KeywordTriage;

#[async_trait::async_trait]
impl Triage for KeywordTriage {
    async fn classify(&self, tx: &mut TenantTx, subject: &str, text: &str) -> Result<Verdict> {
        let tenant = tx.tenant_id();
        let rules = rules(tx, tenant).await?;
        Ok(match first_match(&rules, &format!("{subject} {text}")) {
            Some(r) => Verdict { category: r.category.clone(), priority: r.priority, team_id: r.team_id },
            None => Verdict::default(),
        })
    }
}

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
            first_match(&rules, "Preciso da 2ª via do BOLETO").unwrap().category.as_deref(),
            Some("financeiro")
        );
        assert_eq!(
            first_match(&rules, "O sistema NAO FUNCIONA desde ontem").unwrap().category.as_deref(),
            Some("suporte")
        );
        assert!(first_match(&rules, "Terror no caixa").is_none(), "'erro' is not a word of 'terror'");
    }
}
