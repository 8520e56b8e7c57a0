//! Who gets a new ticket: among the team's members who are online and
//! below their capacity, the next after the last one served (round robin)
//! or the one with the fewest open tickets (least busy); nobody when the
//! queue is manual or no one is available — the ticket waits unassigned.

use kernel::Result;
use kernel::tenant::TenantTx;
use uuid::Uuid;

use super::model::{Queue, Routing};
use super::repo;

pub fn pick(routing: Routing, candidates: &[repo::Candidate], last: Option<Uuid>) -> Option<Uuid> {
    match routing {
        Routing::Manual => None,
        Routing::LeastBusy => candidates.iter().min_by_key(|c| (c.open, c.user_id)).map(|c| c.user_id),
        Routing::RoundRobin => candidates
            .iter()
            .find(|c| last.is_some_and(|l| c.user_id > l))
            .or_else(|| candidates.first())
            .map(|c| c.user_id),
    }
}

/// Picks an agent for a ticket of this queue and moves the queue's cursor.
pub async fn assign(tx: &mut TenantTx, queue: &Queue) -> Result<Option<Uuid>> {
    let tenant = tx.tenant_id();
    if queue.routing == Routing::Manual {
        return Ok(None);
    }
    // The lock serialises concurrent routing in this queue: two tickets
    // arriving together go to two agents, and capacity is counted right.
    let last = repo::lock_cursor(tx, tenant, queue.id).await?;
    let candidates = repo::candidates(tx, tenant, queue.team_id).await?;
    let chosen = pick(queue.routing, &candidates, last);
    if let Some(user) = chosen {
        repo::set_cursor(tx, tenant, queue.id, user).await?;
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(n: u128, open: i64) -> repo::Candidate {
        repo::Candidate { user_id: Uuid::from_u128(n), open }
    }

    #[test]
    fn round_robin_goes_around() {
        let all = [c(1, 0), c(2, 5), c(3, 1)];
        assert_eq!(pick(Routing::RoundRobin, &all, None), Some(Uuid::from_u128(1)));
        assert_eq!(pick(Routing::RoundRobin, &all, Some(Uuid::from_u128(1))), Some(Uuid::from_u128(2)));
        assert_eq!(pick(Routing::RoundRobin, &all, Some(Uuid::from_u128(3))), Some(Uuid::from_u128(1)));
    }

    #[test]
    fn least_busy_takes_the_lightest_load_and_manual_nobody() {
        let all = [c(1, 4), c(2, 1), c(3, 1)];
        assert_eq!(pick(Routing::LeastBusy, &all, None), Some(Uuid::from_u128(2)));
        assert_eq!(pick(Routing::Manual, &all, None), None);
        assert_eq!(pick(Routing::RoundRobin, &[], None), None);
    }
}
