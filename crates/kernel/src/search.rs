//! What the global search (header box, Ctrl+K) returns, the one shape every
//! domain answers in: each domain searches its own records in its own repo,
//! the server puts the groups together for the roles that may see them.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Customer,
    Contact,
    Ticket,
    Opportunity,
    Proposal,
    Invoice,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: Uuid,
    /// What the result is called ("#42 Entrega atrasada", "FAT-0007").
    pub title: String,
    /// What tells two alike apart (the customer, a status).
    pub subtitle: Option<String>,
    /// The record it belongs to, where it has no page of its own (a contact's customer).
    pub parent_id: Option<Uuid>,
}

/// A `like` pattern for `fold(column) like fold($1)`: the text anywhere,
/// its own `%`, `_` and `\` taken literally.
pub fn contains_pattern(q: &str) -> String {
    format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

/// The record number a search names: "42", or "FAT-0042" with its
/// series `prefix` (any case). "#42" is a ticket's: only `prefix` "#" reads it.
pub fn number(q: &str, prefix: &str) -> Option<i64> {
    let q = q.trim();
    let rest = match q.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => &q[prefix.len()..],
        _ => q,
    };
    rest.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_with_or_without_their_series() {
        assert_eq!(number("fat-0042", "FAT-"), Some(42));
        assert_eq!(number(" 42 ", "FAT-"), Some(42));
        assert_eq!(number("#42", "FAT-"), None);
        assert_eq!(number("#42", "#"), Some(42));
        assert_eq!(number("PROP-7", "PROP-"), Some(7));
        assert_eq!(number("padaria", "#"), None);
    }

    #[test]
    fn wildcards_typed_by_a_user_match_themselves() {
        assert_eq!(contains_pattern("50%_off"), "%50\\%\\_off%");
    }
}
