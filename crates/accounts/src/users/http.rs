use axum::extract::State;
use kernel::auth::Role;
use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiPath, ApiQuery};
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{UpdateUserRequest, User, UserPage};
use super::repo;
use crate::plans;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(list_users)).routes(routes!(get_user, update_user))
}

/// The company's users (every role may list them, e.g. to assign work).
#[utoipa::path(get, path = "/users", tag = "users", security(("bearer" = [])),
    params(PageParams),
    responses((status = 200, body = UserPage), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn list_users(mut s: Session, ApiQuery(params): ApiQuery<PageParams>) -> Result<ApiJson<UserPage>> {
    let page = params.parse()?;
    let rows = repo::list(&mut s.tx, s.user.tenant_id, &page).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |u| u.id);
    Ok(ApiJson(UserPage { items, next_cursor }))
}

#[utoipa::path(get, path = "/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = User), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_user(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<User>> {
    let user = repo::find(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(user))
}

/// Renames, changes the role of, or (de)activates a user (owner/admin).
/// A deactivated user's tokens stop working at once.
#[utoipa::path(patch, path = "/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateUserRequest,
    responses((status = 200, body = User), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn update_user(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<UpdateUserRequest>,
) -> Result<ApiJson<User>> {
    s.require(Role::ADMINS)?;
    let tenant = s.user.tenant_id;
    let target = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let mut v = Violations::new();
    let name = body.name.as_deref().map(str::trim);
    if let Some(n) = name
        && (n.is_empty() || n.chars().count() > 200)
    {
        v.add("name", "Informe um nome de até 200 caracteres.");
    }
    v.finish()?;
    let touches_owner = target.role == Role::Owner || body.role == Some(Role::Owner);
    if touches_owner && body.role.is_some_and(|r| r != target.role) && s.user.role != Role::Owner {
        return Err(Error::Forbidden(
            "Só um proprietário pode conceder ou retirar o perfil de proprietário.".into(),
        ));
    }
    if target.role == Role::Owner && body.active == Some(false) && s.user.role != Role::Owner {
        return Err(Error::Forbidden("Só um proprietário pode desativar outro proprietário.".into()));
    }
    if id == s.user.id && body.active == Some(false) {
        return Err(Error::conflict(Some("active"), "Você não pode desativar a si mesmo."));
    }
    let loses_owner = target.role == Role::Owner
        && target.active
        && (body.active == Some(false) || body.role.is_some_and(|r| r != Role::Owner));
    if loses_owner && repo::other_active_owners(&mut s.tx, tenant, id).await? == 0 {
        return Err(Error::conflict(Some("role"), "A empresa precisa de ao menos um proprietário ativo."));
    }
    if !target.active && body.active == Some(true) {
        plans::service::ensure_room_for_user(&mut s.tx, 0).await?;
    }
    let user = repo::update(&mut s.tx, tenant, id, name, body.role, body.active).await?;
    let deactivated = target.active && !user.active;
    if deactivated {
        repo::revoke_refresh_tokens(&mut s.tx, tenant, id).await?;
    }
    s.tx.emit(&events::UserUpdated { user_id: id, active: user.active }).await?;
    if deactivated {
        s.tx.emit(&events::UserDeactivated { user_id: id }).await?;
    }
    s.tx.commit().await?;
    if deactivated {
        app.realtime.disconnect_user(id).await;
    }
    Ok(ApiJson(user))
}
