//! Reply suggestions offline: the company's canned responses and the
//! answers its agents gave to similar messages on resolved tickets, ranked
//! by likeness to the customer's latest message (`ai::similar`). The agent
//! picks and edits one; nothing is sent by itself.

use kernel::Result;
use kernel::tenant::TenantTx;
use uuid::Uuid;

use super::model::{ReplySuggestion, ReplySuggestions, SuggestionKind};
use super::repo;

/// Suggestions of each kind shown at most.
const PER_KIND: usize = 3;
/// Below this likeness a suggestion is noise.
const MIN_SCORE: f64 = 0.1;
/// Resolved tickets searched for past answers.
const PAST_TICKETS: i64 = 300;

pub async fn for_ticket(tx: &mut TenantTx, ticket_id: Uuid) -> Result<ReplySuggestions> {
    let tenant = tx.tenant_id();
    let Some(query) = repo::latest_inbound(tx, tenant, ticket_id).await? else {
        return Ok(ReplySuggestions { message: None, items: vec![] });
    };
    let canned = crate::canned::repo::list(tx, tenant, None).await?;
    let past = repo::past_replies(tx, tenant, ticket_id, PAST_TICKETS).await?;

    let canned_texts: Vec<String> = canned.iter().map(|c| format!("{}\n{}", c.title, c.body)).collect();
    let canned_refs: Vec<&str> = canned_texts.iter().map(String::as_str).collect();
    let mut items: Vec<ReplySuggestion> = ai::similar::rank(&query, &canned_refs)
        .into_iter()
        .filter(|(_, score)| *score >= MIN_SCORE)
        .take(PER_KIND)
        .map(|(i, score)| ReplySuggestion {
            kind: SuggestionKind::Canned,
            text: canned[i].body.clone(),
            title: Some(canned[i].title.clone()),
            canned_id: Some(canned[i].id),
            shortcut: Some(canned[i].shortcut.clone()),
            ticket_number: None,
            score,
        })
        .collect();

    let questions: Vec<&str> = past.iter().map(|p| p.question.as_str()).collect();
    let mut seen: Vec<&str> = Vec::new();
    for (i, score) in ai::similar::rank(&query, &questions) {
        if score < MIN_SCORE || seen.len() == PER_KIND {
            break;
        }
        let reply = past[i].reply.as_str();
        if seen.contains(&reply) {
            continue;
        }
        seen.push(reply);
        items.push(ReplySuggestion {
            kind: SuggestionKind::PastReply,
            text: reply.to_string(),
            title: None,
            canned_id: None,
            shortcut: None,
            ticket_number: Some(past[i].number),
            score,
        });
    }
    Ok(ReplySuggestions { message: Some(query), items })
}
