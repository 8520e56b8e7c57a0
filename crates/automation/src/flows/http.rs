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
use super::gallery::{self, GalleryItem, InstallGalleryRequest};
use super::model::{
    Definition, DryRunRequest, DryRunResult, Flow, FlowStatus, FlowVersion, ManualRunRequest,
    RecordRunParams, RunPage, RunParams, SaveFlowRequest, Trigger,
};
use super::repo::{self, NewFlow};
use super::schedule;
use super::service;
use crate::AUTOMATION_ROLES;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_flows, create_flow))
        .routes(routes!(get_flow, update_flow, delete_flow))
        .routes(routes!(activate_flow))
        .routes(routes!(pause_flow))
        .routes(routes!(publish_flow))
        .routes(routes!(discard_draft))
        .routes(routes!(archive_flow))
        .routes(routes!(list_versions))
        .routes(routes!(run_flow))
        .routes(routes!(dry_run))
        .routes(routes!(list_runs))
        .routes(routes!(record_runs))
        .routes(routes!(retry_run))
        .routes(routes!(list_triggers))
        .routes(routes!(list_gallery))
        .routes(routes!(install_gallery_item))
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
    s: Session,
    ApiJson(b): ApiJson<SaveFlowRequest>,
) -> Result<Created<Flow>> {
    s.require(AUTOMATION_ROLES)?;
    let name = service::check_name(&b.name)?;
    create_draft(&app, s, &name, &b.definition()).await
}

/// Checks a definition and stores it as a new draft flow with its own
/// webhook secret.
async fn create_draft(app: &App, mut s: Session, name: &str, d: &Definition) -> Result<Created<Flow>> {
    definition::validate(d)?;
    let tenant = s.user.tenant_id;
    let secret = crate::signing::new_secret(app, tenant)?;
    let row = repo::insert(
        &mut s.tx,
        tenant,
        &NewFlow {
            id: kernel::ids::new_id(),
            name,
            trigger_kind: &d.trigger_kind,
            schedule: d.schedule.as_deref(),
            conditions: json_of(&d.conditions)?,
            actions: json_of(&d.actions)?,
            secret: &secret,
            created_by: s.user.id,
        },
    )
    .await?;
    s.tx.commit().await?;
    let flow = service::to_flow(app, tenant, row)?;
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

/// Saves the definition. A flow never published changes in place; a
/// published one keeps running its version and holds the change as its
/// `draft` until `…/publish` (then a new version) or `…/discard-draft`.
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
    let row = repo::update(&mut s.tx, tenant, id, &name, json_of(&b.definition())?)
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
    // A schedule starts again from now (its pending time, if any, is the same job).
    schedule::queue_next(&mut s.tx, &row, chrono::Utc::now()).await?;
    s.tx.commit().await?;
    Ok(ApiJson(service::to_flow(app, tenant, row)?))
}

/// From now on the flow runs for every new event of its trigger (a flow
/// never published is published as version 1; a pending draft stays
/// pending).
#[utoipa::path(post, path = "/automation/flows/{id}/activate", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Flow), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn activate_flow(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<Flow>> {
    let tenant = s.user.tenant_id;
    s.require(AUTOMATION_ROLES)?;
    let row = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    // Paused or archived before its first publication, a flow still has no
    // version 1: activating it publishes one, as for a draft.
    if row.status == FlowStatus::Draft.as_str() || !repo::was_published(&mut s.tx, tenant, id).await? {
        return publish(&app, s, id).await;
    }
    if row.status != FlowStatus::Active.as_str() {
        service::ensure_room_for_flow(&mut s.tx).await?;
    }
    set_status(&app, s, id, FlowStatus::Active).await
}

async fn publish(app: &App, mut s: Session, id: Uuid) -> Result<ApiJson<Flow>> {
    let tenant = s.user.tenant_id;
    let row = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    // Checked again: the catalogue may have changed since it was saved.
    let pending = match &row.draft {
        Some(d) => serde_json::from_value::<Definition>(d.clone()).map_err(Error::internal)?,
        None if row.status == FlowStatus::Draft.as_str()
            || !repo::was_published(&mut s.tx, tenant, id).await? =>
        {
            service::flow_definition(&row).map_err(Error::internal)?
        }
        None => return Err(Error::conflict(None, "Não há alterações para publicar.")),
    };
    definition::validate(&pending)?;
    // Publishing switches the flow on: within the plan's limit.
    if row.status != FlowStatus::Active.as_str() {
        service::ensure_room_for_flow(&mut s.tx).await?;
    }
    let row = repo::publish(&mut s.tx, tenant, id, s.user.id).await?.ok_or(Error::NotFound)?;
    schedule::queue_next(&mut s.tx, &row, chrono::Utc::now()).await?;
    s.tx.commit().await?;
    Ok(ApiJson(service::to_flow(app, tenant, row)?))
}

/// Publishes the pending draft as a new version and activates the flow;
/// runs under way finish with the version they started with (a waiting
/// one is cancelled). 409 when there is nothing to publish.
#[utoipa::path(post, path = "/automation/flows/{id}/publish", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Flow), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn publish_flow(
    State(app): State<App>,
    s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<Flow>> {
    s.require(AUTOMATION_ROLES)?;
    publish(&app, s, id).await
}

/// Throws away the pending draft; the live version goes on unchanged.
#[utoipa::path(post, path = "/automation/flows/{id}/discard-draft", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Flow), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn discard_draft(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<Flow>> {
    s.require(AUTOMATION_ROLES)?;
    let tenant = s.user.tenant_id;
    let row = repo::discard_draft(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(service::to_flow(&app, tenant, row)?))
}

/// Retires the flow: it runs no more and is kept with its versions and
/// history; activating it brings it back.
#[utoipa::path(post, path = "/automation/flows/{id}/archive", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Flow), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn archive_flow(
    State(app): State<App>,
    s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<Flow>> {
    set_status(&app, s, id, FlowStatus::Archived).await
}

/// Every published version, newest first.
#[utoipa::path(get, path = "/automation/flows/{id}/versions", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<FlowVersion>), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn list_versions(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Vec<FlowVersion>>> {
    s.require(AUTOMATION_ROLES)?;
    let tenant = s.user.tenant_id;
    let flow = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let rows = repo::versions(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(FlowVersion {
                current: r.version == flow.version && flow.status != FlowStatus::Draft.as_str(),
                version: r.version,
                definition: serde_json::from_value(r.definition).map_err(Error::internal)?,
                published_by: r.published_by,
                published_at: r.published_at,
            })
        })
        .collect::<Result<_>>()?;
    Ok(ApiJson(items))
}

/// Runs an active flow whose trigger is `FlowRunRequested` (a button) on
/// one ticket; the run appears in its history.
#[utoipa::path(post, path = "/automation/flows/{id}/run", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ManualRunRequest,
    responses((status = 202), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn run_flow(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(b): ApiJson<ManualRunRequest>,
) -> Result<StatusCode> {
    use events::Event as _;
    s.require(AUTOMATION_ROLES)?;
    let tenant = s.user.tenant_id;
    let flow = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if flow.trigger_kind != events::FlowRunRequested::KIND {
        return Err(Error::conflict(None, "Este fluxo não é acionado por botão."));
    }
    if flow.status != FlowStatus::Active.as_str() {
        return Err(Error::conflict(None, "Ative o fluxo antes de executá-lo."));
    }
    if crate::ports::get()?.ticket(&mut s.tx, b.ticket_id).await?.is_none() {
        return Err(Error::field("ticket_id", "Ticket não encontrado."));
    }
    let event = events::FlowRunRequested {
        flow_id: id,
        ticket_id: b.ticket_id,
        requested_by: s.user.id,
        requested_by_name: s.user.name.clone(),
    };
    s.tx.emit(&event).await?;
    s.tx.commit().await?;
    Ok(StatusCode::ACCEPTED)
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
async fn dry_run(
    State(app): State<App>,
    mut s: Session,
    ApiJson(b): ApiJson<DryRunRequest>,
) -> Result<ApiJson<DryRunResult>> {
    s.require(AUTOMATION_ROLES)?;
    let limit = b.limit.unwrap_or(10);
    if !(1..=50).contains(&limit) {
        return Err(Error::field("limit", "Use um valor entre 1 e 50."));
    }
    let result = service::dry_run(&app, &mut s.tx, &b.definition, limit).await?;
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
    let (limit, before) = page_params(p.limit, p.cursor.as_deref())?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let mut rows = repo::runs(&mut s.tx, tenant, id, before, limit + 1, p.status.map(|x| x.as_str())).await?;
    s.tx.commit().await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more { rows.last().map(|r| encode_cursor(r.id)) } else { None };
    let items = rows.into_iter().map(service::to_run).collect::<Result<_>>()?;
    Ok(ApiJson(RunPage { items, next_cursor }))
}

fn page_params(limit: Option<i64>, cursor: Option<&str>) -> Result<(i64, Option<Uuid>)> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Error::field("limit", format!("Use um valor entre 1 e {MAX_LIMIT}.")));
    }
    let before = match cursor.filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(decode_cursor(c).ok_or_else(|| Error::field("cursor", "Cursor inválido."))?),
    };
    Ok((limit, before))
}

/// Every flow's runs on one ticket or customer, newest first: the history
/// on its page.
#[utoipa::path(get, path = "/automation/runs", tag = "automation", security(("bearer" = [])),
    params(RecordRunParams),
    responses((status = 200, body = RunPage), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
async fn record_runs(mut s: Session, ApiQuery(p): ApiQuery<RecordRunParams>) -> Result<ApiJson<RunPage>> {
    s.require(AUTOMATION_ROLES)?;
    // Optional in the query type so that a role without access hears 403 first.
    let record = p.record_id.ok_or_else(|| Error::field("record_id", "Campo obrigatório."))?;
    let (limit, before) = page_params(p.limit, p.cursor.as_deref())?;
    let tenant = s.user.tenant_id;
    let mut rows = repo::runs_of_record(&mut s.tx, tenant, record, before, limit + 1).await?;
    s.tx.commit().await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more { rows.last().map(|r| encode_cursor(r.id)) } else { None };
    let items = rows.into_iter().map(service::to_run).collect::<Result<_>>()?;
    Ok(ApiJson(RunPage { items, next_cursor }))
}

/// Runs a failed run again from its failed step (earlier steps are not
/// repeated), if its flow still runs that version. 409 if it did not fail.
#[utoipa::path(post, path = "/automation/runs/{id}/retry", tag = "automation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 202), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn retry_run(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(AUTOMATION_ROLES)?;
    let tenant = s.user.tenant_id;
    repo::run(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    service::retry(&mut s.tx, id).await?;
    s.tx.commit().await?;
    Ok(StatusCode::ACCEPTED)
}

/// Ready-made flows.
#[utoipa::path(get, path = "/automation/gallery", tag = "automation", security(("bearer" = [])),
    responses((status = 200, body = Vec<GalleryItem>), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_gallery(s: Session) -> Result<ApiJson<Vec<GalleryItem>>> {
    s.require(AUTOMATION_ROLES)?;
    let me = s.user.id;
    drop(s);
    Ok(ApiJson(gallery::items(me)))
}

/// Creates a draft flow from a ready-made one (the caller is the one
/// notified); review it and activate it.
#[utoipa::path(post, path = "/automation/gallery/install", tag = "automation", security(("bearer" = [])),
    request_body = InstallGalleryRequest,
    responses((status = 201, body = Flow), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
async fn install_gallery_item(
    State(app): State<App>,
    s: Session,
    ApiJson(b): ApiJson<InstallGalleryRequest>,
) -> Result<Created<Flow>> {
    s.require(AUTOMATION_ROLES)?;
    let item = gallery::find(&b.key, s.user.id)
        .ok_or_else(|| Error::field("key", "Modelo de fluxo desconhecido."))?;
    create_draft(&app, s, item.name, &item.definition).await
}
