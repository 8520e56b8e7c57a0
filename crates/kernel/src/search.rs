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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_typed_by_a_user_match_themselves() {
        assert_eq!(contains_pattern("50%_off"), "%50\\%\\_off%");
    }
}
