use chrono::{Duration, Utc};
use kernel::auth::Area;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiQuery};
use kernel::session::Session;
use kernel::{App, Error, Result};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::model::TopicTrends;
use super::{repo, trends};

/// Tickets read per request (both periods): enough for a small business's
/// two weeks, and a bound on the time it takes.
const MAX_TICKETS: i64 = 10_000;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(topic_trends))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrendsQuery {
    /// The period, in days up to now: 1 to 90; default 7 (this week
    /// against the week before).
    pub days: Option<i32>,
}

/// Tickets opened per category in the last `days` against the `days`
/// before, and the words customers use more than before.
#[utoipa::path(get, path = "/insights/topics", tag = "analytics", security(("bearer" = [])), params(TrendsQuery),
    responses((status = 200, body = TopicTrends), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn topic_trends(mut s: Session, ApiQuery(q): ApiQuery<TrendsQuery>) -> Result<ApiJson<TopicTrends>> {
    s.require(Area::Support.roles())?;
    let days = q.days.unwrap_or(7);
    if !(1..=90).contains(&days) {
        return Err(Error::field("days", "De 1 a 90 dias."));
    }
    let to = Utc::now();
    let from = to - Duration::days(i64::from(days));
    let opened = repo::opened(&mut s.tx, s.user.tenant_id, from, to, MAX_TICKETS).await?;
    s.tx.commit().await?;
    Ok(ApiJson(TopicTrends {
        truncated: opened.len() as i64 == MAX_TICKETS,
        categories: trends(&opened),
        from,
        to,
        days,
    }))
}
