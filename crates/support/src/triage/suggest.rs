//! Reply suggestions offline: the company's canned responses and the
//! answers its agents gave to similar messages on resolved tickets, ranked
//! by likeness to the customer's latest message (`ai::similar`). The agent
//! picks and edits one; nothing is sent by itself.

use kernel::Result;
use kernel::tenant::TenantTx;
use uuid::Uuid;

use super::model::{ReplySuggestion, ReplySuggestions, SuggestionKind};
use super::repo;
use crate::canned::model::CannedResponse;

/// Suggestions of each kind shown at most.
const PER_KIND: usize = 3;
/// Below this likeness a suggestion is noise.
const MIN_SCORE: f64 = 0.1;
/// Resolved tickets searched for past answers.
const PAST_TICKETS: i64 = 300;

/// The company's canned responses most like `message`, best first: at
/// most [`PER_KIND`], each above [`MIN_SCORE`]. Shared by the offline
/// suggestions and the LLM's draft (which offers them as models).
pub async fn closest_canned(tx: &mut TenantTx, message: &str) -> Result<Vec<(CannedResponse, f64)>> {
    let tenant = tx.tenant_id();
    let canned = crate::canned::repo::list(tx, tenant, None).await?;
    let texts: Vec<String> = canned.iter().map(|c| format!("{}\n{}", c.title, c.body)).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let ranked: Vec<(usize, f64)> = ai::similar::rank(message, &refs)
        .into_iter()
        .filter(|(_, score)| *score >= MIN_SCORE)
        .take(PER_KIND)
        .collect();
    let mut canned: Vec<Option<CannedResponse>> = canned.into_iter().map(Some).collect();
    Ok(ranked.into_iter().filter_map(|(i, score)| canned[i].take().map(|c| (c, score))).collect())
}

pub async fn for_ticket(tx: &mut TenantTx, ticket_id: Uuid) -> Result<ReplySuggestions> {
    let tenant = tx.tenant_id();
    let Some(query) = repo::latest_inbound(tx, tenant, ticket_id).await? else {
        return Ok(ReplySuggestions { message: None, items: vec![] });
    };
    let past = repo::past_replies(tx, tenant, ticket_id, PAST_TICKETS).await?;
    let mut items: Vec<ReplySuggestion> = closest_canned(tx, &query)
        .await?
        .into_iter()
        .map(|(c, score)| ReplySuggestion {
            kind: SuggestionKind::Canned,
            text: c.body,
            title: Some(c.title),
            canned_id: Some(c.id),
            shortcut: Some(c.shortcut),
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
