use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiPath, ApiQuery};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{
    KINDS, MarkedRead, NotificationPage, NotificationParams, Preference, Preferences,
    UpdatePreferencesRequest, kind_str,
};
use super::repo;
use kernel::App;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_notifications))
        .routes(routes!(mark_read))
        .routes(routes!(mark_all_read))
        .routes(routes!(get_preferences, update_preferences))
}

/// The signed-in person's notifications, newest first, with the unread
/// count of the bell.
#[utoipa::path(get, path = "/notifications", tag = "notifications", security(("bearer" = [])),
    params(NotificationParams),
    responses((status = 200, body = NotificationPage), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn list_notifications(
    mut s: Session,
    ApiQuery(params): ApiQuery<NotificationParams>,
) -> Result<ApiJson<NotificationPage>> {
    let page = PageParams { limit: params.limit, cursor: params.cursor, q: None }.parse()?;
    let (tenant, user) = (s.user.tenant_id, s.user.id);
    let rows = repo::list(&mut s.tx, tenant, user, params.unread, &page).await?;
    let unread = repo::unread(&mut s.tx, tenant, user).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |n| n.id);
    Ok(ApiJson(NotificationPage { items, next_cursor, unread }))
}

/// Marks one of the person's notifications read (again is harmless).
/// Another person's is a 404.
#[utoipa::path(post, path = "/notifications/{id}/read", tag = "notifications", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = MarkedRead), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem)))]
async fn mark_read(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<MarkedRead>> {
    let (tenant, user) = (s.user.tenant_id, s.user.id);
    let marked = repo::mark_read(&mut s.tx, tenant, user, id).await?.ok_or(Error::NotFound)?;
    let unread = repo::unread(&mut s.tx, tenant, user).await?;
    s.tx.commit().await?;
    Ok(ApiJson(MarkedRead { marked, unread }))
}

/// Marks every notification of the person read.
#[utoipa::path(post, path = "/notifications/read-all", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = MarkedRead), (status = 401, body = Problem)))]
async fn mark_all_read(mut s: Session) -> Result<ApiJson<MarkedRead>> {
    let marked = repo::mark_all_read(&mut s.tx, s.user.tenant_id, s.user.id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(MarkedRead { marked, unread: 0 }))
}

/// What the person gets of each kind: in the bell, by e-mail, as a desktop alert.
#[utoipa::path(get, path = "/me/notification-preferences", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = Preferences), (status = 401, body = Problem)))]
async fn get_preferences(mut s: Session) -> Result<ApiJson<Preferences>> {
    let stored = repo::preferences(&mut s.tx, s.user.tenant_id, s.user.id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(complete(&stored)))
}

/// Changes the kinds listed; the others keep their choice. A kind listed
/// twice is a 422 naming the second one.
#[utoipa::path(put, path = "/me/notification-preferences", tag = "notifications", security(("bearer" = [])),
    request_body = UpdatePreferencesRequest,
    responses((status = 200, body = Preferences), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn update_preferences(
    mut s: Session,
    ApiJson(body): ApiJson<UpdatePreferencesRequest>,
) -> Result<ApiJson<Preferences>> {
    let mut v = Violations::new();
    for (i, p) in body.items.iter().enumerate() {
        if body.items[..i].iter().any(|q| q.kind == p.kind) {
            v.add(
                &format!("items[{i}].kind"),
                format!("O tipo {} aparece mais de uma vez.", kind_str(p.kind)),
            );
        }
    }
    v.finish()?;
    let (tenant, user) = (s.user.tenant_id, s.user.id);
    repo::save_preferences(&mut s.tx, tenant, user, &body.items).await?;
    let stored = repo::preferences(&mut s.tx, tenant, user).await?;
    s.tx.commit().await?;
    Ok(ApiJson(complete(&stored)))
}

/// One entry per kind: the stored choice, else the default.
fn complete(stored: &[Preference]) -> Preferences {
    let items = KINDS
        .into_iter()
        .map(|kind| stored.iter().find(|p| p.kind == kind).copied().unwrap_or(Preference::default_for(kind)))
        .collect();
    Preferences { items }
}
