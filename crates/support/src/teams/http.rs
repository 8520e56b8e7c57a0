use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveTime;
use events::live::{PresenceChanged, PresenceStatus};
use kernel::error::{OnConstraint, Problem, Violations};
use kernel::http::{ApiJson, ApiPath, Created};
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{PresenceRequest, Queue, SaveQueueRequest, SaveTeamRequest, Team};
use super::repo;
use crate::{SUPPORT_ADMINS, SUPPORT_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_teams, create_team))
        .routes(routes!(update_team, delete_team))
        .routes(routes!(list_queues, create_queue))
        .routes(routes!(update_queue, delete_queue))
        .routes(routes!(set_presence))
}

async fn load(s: &mut Session, id: Uuid) -> Result<Team> {
    let tenant = s.user.tenant_id;
    let row = repo::find_team(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let members = repo::members(&mut s.tx, tenant, id).await?;
    Ok(Team { id: row.id, name: row.name.clone(), business_hours: row.hours(), members })
}

async fn save(s: &mut Session, id: Uuid, body: &SaveTeamRequest) -> Result<()> {
    let tenant = s.user.tenant_id;
    let mut v = Violations::new();
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        v.add("name", "Dê um nome à equipe (até 100 caracteres).");
    }
    for (i, w) in body.business_hours.iter().enumerate() {
        let opens = NaiveTime::parse_from_str(&w.opens, "%H:%M");
        let closes = NaiveTime::parse_from_str(&w.closes, "%H:%M");
        if !(1..=7).contains(&w.weekday) || opens.is_err() || closes.is_err() || opens.ok() >= closes.ok() {
            v.add(
                &format!("business_hours[{i}]"),
                "Dia de 1 (segunda) a 7 (domingo), abertura antes do fechamento, HH:MM.",
            );
        }
    }
    let ids: Vec<Uuid> = body.members.iter().map(|m| m.user_id).collect();
    let known = repo::active_users(&mut s.tx, tenant, &ids).await?;
    for (i, m) in body.members.iter().enumerate() {
        if !known.contains(&m.user_id) {
            v.add(&format!("members[{i}].user_id"), "Usuário não encontrado ou inativo.");
        }
        if m.capacity.is_some_and(|c| !(1..=500).contains(&c)) {
            v.add(&format!("members[{i}].capacity"), "Capacidade entre 1 e 500 tickets.");
        }
        if body.members[..i].iter().any(|earlier| earlier.user_id == m.user_id) {
            v.add(&format!("members[{i}].user_id"), "Esta pessoa já está na lista.");
        }
    }
    v.finish()?;
    let hours = serde_json::to_value(&body.business_hours).map_err(anyhow::Error::from)?;
    repo::save_team(&mut s.tx, tenant, id, name, &hours).await.on_constraint("teams_name_key", || {
        Error::conflict(Some("name"), "Já existe uma equipe com este nome.")
    })?;
    let members: Vec<(Uuid, i32)> =
        body.members.iter().map(|m| (m.user_id, m.capacity.unwrap_or(10))).collect();
    repo::set_members(&mut s.tx, tenant, id, &members).await
}

#[utoipa::path(get, path = "/teams", tag = "support", security(("bearer" = [])),
    responses((status = 200, body = Vec<Team>), (status = 403, body = Problem)))]
async fn list_teams(mut s: Session) -> Result<ApiJson<Vec<Team>>> {
    s.require(SUPPORT_ROLES)?;
    let rows = repo::teams(&mut s.tx, s.user.tenant_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(load(&mut s, r.id).await?);
    }
    s.tx.commit().await?;
    Ok(ApiJson(out))
}

#[utoipa::path(post, path = "/teams", tag = "support", security(("bearer" = [])), request_body = SaveTeamRequest,
    responses((status = 201, body = Team), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_team(mut s: Session, ApiJson(body): ApiJson<SaveTeamRequest>) -> Result<Created<Team>> {
    s.require(SUPPORT_ADMINS)?;
    let id = kernel::ids::new_id();
    save(&mut s, id, &body).await?;
    let team = load(&mut s, id).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/teams/{id}"), team))
}

#[utoipa::path(patch, path = "/teams/{id}", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = SaveTeamRequest,
    responses((status = 200, body = Team), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_team(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SaveTeamRequest>,
) -> Result<ApiJson<Team>> {
    s.require(SUPPORT_ADMINS)?;
    repo::find_team(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    save(&mut s, id, &body).await?;
    let team = load(&mut s, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(team))
}

#[utoipa::path(delete, path = "/teams/{id}", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_team(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(SUPPORT_ADMINS)?;
    if !repo::delete_team(&mut s.tx, s.user.tenant_id, id).await? {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn check_queue(s: &mut Session, body: &SaveQueueRequest) -> Result<()> {
    let mut v = Violations::new();
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        v.add("name", "Dê um nome à fila (até 100 caracteres).");
    }
    if repo::find_team(&mut s.tx, s.user.tenant_id, body.team_id).await?.is_none() {
        v.add("team_id", "Equipe não encontrada.");
    }
    v.finish()
}

#[utoipa::path(get, path = "/queues", tag = "support", security(("bearer" = [])),
    responses((status = 200, body = Vec<Queue>), (status = 403, body = Problem)))]
async fn list_queues(mut s: Session) -> Result<ApiJson<Vec<Queue>>> {
    s.require(SUPPORT_ROLES)?;
    let queues = repo::queues(&mut s.tx, s.user.tenant_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(queues))
}

#[utoipa::path(post, path = "/queues", tag = "support", security(("bearer" = [])), request_body = SaveQueueRequest,
    responses((status = 201, body = Queue), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_queue(mut s: Session, ApiJson(body): ApiJson<SaveQueueRequest>) -> Result<Created<Queue>> {
    s.require(SUPPORT_ADMINS)?;
    check_queue(&mut s, &body).await?;
    let id = kernel::ids::new_id();
    let tenant = s.user.tenant_id;
    repo::save_queue(&mut s.tx, tenant, id, body.name.trim(), body.team_id, body.routing)
        .await
        .on_constraint("support_queues_name_key", || {
            Error::conflict(Some("name"), "Já existe uma fila com este nome.")
        })?;
    let q = repo::find_queue(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/queues/{id}"), q))
}

#[utoipa::path(patch, path = "/queues/{id}", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = SaveQueueRequest,
    responses((status = 200, body = Queue), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_queue(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SaveQueueRequest>,
) -> Result<ApiJson<Queue>> {
    s.require(SUPPORT_ADMINS)?;
    let tenant = s.user.tenant_id;
    repo::find_queue(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    check_queue(&mut s, &body).await?;
    repo::save_queue(&mut s.tx, tenant, id, body.name.trim(), body.team_id, body.routing)
        .await
        .on_constraint("support_queues_name_key", || {
            Error::conflict(Some("name"), "Já existe uma fila com este nome.")
        })?;
    let q = repo::find_queue(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(q))
}

#[utoipa::path(delete, path = "/queues/{id}", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_queue(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(SUPPORT_ADMINS)?;
    if !repo::delete_queue(&mut s.tx, s.user.tenant_id, id).await? {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The agent's presence (the inbox also sets it over Socket.IO); routing only picks online agents.
#[utoipa::path(put, path = "/me/presence", tag = "support", security(("bearer" = [])), request_body = PresenceRequest,
    responses((status = 204), (status = 422, body = Problem)))]
async fn set_presence(
    State(app): State<App>,
    mut s: Session,
    ApiJson(body): ApiJson<PresenceRequest>,
) -> Result<StatusCode> {
    s.require(SUPPORT_ROLES)?;
    let user = s.user.clone();
    presence(&app, &mut s.tx, user.tenant_id, user.id, &body.status).await?;
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Stores and announces presence (also called by the Socket.IO handler).
pub async fn presence(
    app: &App,
    conn: &mut sqlx::PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    status: &str,
) -> Result<()> {
    let status = match status {
        "online" => PresenceStatus::Online,
        "away" => PresenceStatus::Away,
        "offline" => PresenceStatus::Offline,
        _ => return Err(Error::field("status", "Use online, away ou offline.")),
    };
    repo::set_presence(conn, tenant_id, user_id, status.as_str()).await?;
    app.realtime.signal_tenant(tenant_id, &PresenceChanged { user_id, status }).await;
    Ok(())
}
