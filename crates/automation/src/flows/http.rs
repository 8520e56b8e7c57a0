use axum::extract::State;
use axum::http::StatusCode;
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::pagination::{DEFAULT_LIMIT, MAX_LIMIT, decode_cursor, encode_cursor};
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::definition;
use super::model::{
    DryRunRequest, DryRunResult, Flow, FlowStatus, RunPage, RunParams, SaveFlowRequest, Trigger,
};
use super::repo::{self, NewFlow};
use super::service;
use crate::AUTOMATION_ROLES;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_flows, create_flow))
        .routes(routes!(get_flow, update_flow, delete_flow))
        .routes(routes!(activate_flow))
        .routes(routes!(pause_flow))
        .routes(routes!(dry_run))
        .routes(routes!(list_runs))
        .routes(routes!(list_triggers))
}

/// The event kinds a flow may start from, each with its fields and the
/// operators that suit them.
#[utoipa::path(get, path = "/automation/triggers", tag = "automation", security(("bearer" = [])),
    responses((status = 200, body = Vec<Trigger>), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_triggers(s: Session) -> Result<ApiJson<Vec<Trigger>>> {
    s.require(AUTOMATION_ROLES)?;
    drop(s);
    Ok(ApiJson(definition::triggers()))
}

fn json_of<T: serde::Serialize>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(Error::internal)
}

#[utoipa::path(get, path = "/automation/flows", tag = "automation", security(("bearer" = [])),
    responses((status = 200, body = Vec<Flow>), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_flows(State(app): State<App>, mut s: Session) -> Result<ApiJson<Vec<Flow>>> {
    s.require(AUTOMATION_ROLES)?;
    let tenant = s.user.tenant_id;
    let rows = repo::list(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    Ok(ApiJson(rows.into_iter().map(|r| service::to_flow(&app, tenant, r)).collect::<Result<_>>()?))
}

/// A new flow starts as a draft; activate it to run it.
#[utoipa::path(post, path = "/automation/flows", tag = "automation", security(("bearer" = [])),
    request_body = SaveFlowRequest,
    responses((status = 201, body = Flow), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
async fn create_flow(
    State(app): State<App>,
    mut s: Session,
    ApiJson(b): ApiJson<SaveFlowRequest>,
) -> Result<Created<Flow>> {
    s.require(AUTOMATION_ROLES)?;
    let name = service::check_name(&b.name)?;
    definition::validate(&b.definition())?;
    let tenant = s.user.tenant_id;
    let secret = crate::signing::new_secret(&app, tenant)?;
    let row = repo::insert(
        &mut s.tx,
        tenant,
        &NewFlow {
            id: kernel::ids::new_id(),
            name: &name,
            trigger_kind: &b.trigger_kind,
            conditions: json_of(&b.conditions)?,
            actions: json_of(&b.actions)?,
            secret: &secret,
            created_by: s.user.id,
        },
    )
    .await?;
    s.tx.commit().await?;
    let flow = service::to_flow(&app, tenant, row)?;
    Ok(Created(format!("/api/v1/automation/flows/{}", flow.id), flow))
}

#[utoipa::path(get, path = "/automation/flows/{id}", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Flow), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_flow(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<Flow>> {
    s.require(AUTOMATION_ROLES)?;
    let tenant = s.user.tenant_id;
    let row = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(service::to_flow(&app, tenant, row)?))
}

/// Replaces the definition; a changed trigger, conditions or actions gets
/// a new version (an event already run by the old version runs again under
/// the new one only if it is redelivered, which it is not).
#[utoipa::path(patch, path = "/automation/flows/{id}", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = SaveFlowRequest,
    responses((status = 200, body = Flow), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_flow(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(b): ApiJson<SaveFlowRequest>,
) -> Result<ApiJson<Flow>> {
    s.require(AUTOMATION_ROLES)?;
    let name = service::check_name(&b.name)?;
    definition::validate(&b.definition())?;
    let tenant = s.user.tenant_id;
    let row = repo::update(
        &mut s.tx,
        tenant,
        id,
        &name,
        &b.trigger_kind,
        json_of(&b.conditions)?,
        json_of(&b.actions)?,
    )
    .await?
    .ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(service::to_flow(&app, tenant, row)?))
}

/// Deletes the flow and its run history.
#[utoipa::path(delete, path = "/automation/flows/{id}", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_flow(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(AUTOMATION_ROLES)?;
    if repo::delete(&mut s.tx, s.user.tenant_id, id).await? == 0 {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn set_status(app: &App, mut s: Session, id: Uuid, status: FlowStatus) -> Result<ApiJson<Flow>> {
    s.require(AUTOMATION_ROLES)?;
    let tenant = s.user.tenant_id;
    let row = repo::set_status(&mut s.tx, tenant, id, status.as_str()).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(service::to_flow(app, tenant, row)?))
}

/// From now on the flow runs for every new event of its trigger.
#[utoipa::path(post, path = "/automation/flows/{id}/activate", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Flow), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn activate_flow(
    State(app): State<App>,
    s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<Flow>> {
    set_status(&app, s, id, FlowStatus::Active).await
}

#[utoipa::path(post, path = "/automation/flows/{id}/pause", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Flow), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn pause_flow(State(app): State<App>, s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Flow>> {
    set_status(&app, s, id, FlowStatus::Paused).await
}

/// Evaluates a definition (saved or not) against the company's latest
/// events of its trigger: per event, which conditions held and which
/// actions would run. Changes nothing and calls nobody.
#[utoipa::path(post, path = "/automation/flows/dry-run", tag = "automation", security(("bearer" = [])),
    request_body = DryRunRequest,
    responses((status = 200, body = DryRunResult), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
async fn dry_run(mut s: Session, ApiJson(b): ApiJson<DryRunRequest>) -> Result<ApiJson<DryRunResult>> {
    s.require(AUTOMATION_ROLES)?;
    let limit = b.limit.unwrap_or(10);
    if !(1..=50).contains(&limit) {
        return Err(Error::field("limit", "Use um valor entre 1 e 50."));
    }
    let result = service::dry_run(&mut s.tx, &b.definition, limit).await?;
    // Read only: nothing to commit, and nothing is.
    drop(s);
    Ok(ApiJson(result))
}

/// A flow's runs, newest first.
#[utoipa::path(get, path = "/automation/flows/{id}/runs", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path), RunParams),
    responses((status = 200, body = RunPage), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn list_runs(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(p): ApiQuery<RunParams>,
) -> Result<ApiJson<RunPage>> {
    s.require(AUTOMATION_ROLES)?;
    let limit = p.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Error::field("limit", format!("Use um valor entre 1 e {MAX_LIMIT}.")));
    }
    let before = match p.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(decode_cursor(c).ok_or_else(|| Error::field("cursor", "Cursor inválido."))?),
    };
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let mut rows = repo::runs(&mut s.tx, tenant, id, before, limit + 1).await?;
    s.tx.commit().await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more { rows.last().map(|r| encode_cursor(r.id)) } else { None };
    let items = rows.into_iter().map(service::to_run).collect::<Result<_>>()?;
    Ok(ApiJson(RunPage { items, next_cursor }))
}
