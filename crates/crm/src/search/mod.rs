//! The CRM's part of the global search: customers (their full-text
//! column), contacts, deals and proposals, accent- and case-insensitive.
//! Who may see which group is the server's call.

mod repo;

use kernel::Result;
use kernel::search::SearchHit;
use sqlx::PgConnection;
use uuid::Uuid;

pub use repo::{contacts, customers, opportunities, proposals};

/// Every CRM group for a user who may see them all, in the order shown.
pub async fn all(conn: &mut PgConnection, tenant_id: Uuid, q: &str, limit: i64) -> Result<Vec<SearchHit>> {
    let mut hits = customers(conn, tenant_id, q, limit).await?;
    hits.extend(contacts(conn, tenant_id, q, limit).await?);
    hits.extend(opportunities(conn, tenant_id, q, limit).await?);
    hits.extend(proposals(conn, tenant_id, q, limit).await?);
    Ok(hits)
}
