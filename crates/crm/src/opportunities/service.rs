//! Opportunity rules: stages belong to the pipeline, a lost deal says why,
//! every stage change is a timeline entry (so time-in-stage is known) and a
//! live event for every open kanban of the company.

use chrono::Utc;
use kernel::error::{OnConstraint, Violations};
use kernel::ids::new_id;
use kernel::session::CurrentUser;
use kernel::tenant::TenantTx;
use kernel::{Error, Result};
use serde_json::json;
use uuid::Uuid;

use super::model::{CreateOpportunityRequest, MoveRequest, Opportunity, UpdateOpportunityRequest};
use super::repo;
use crate::customers::repo as customers;
use crate::pipelines::model::StageKind;
use crate::pipelines::repo as pipelines;
use crate::timeline::model::NewEntry;
use crate::timeline::repo as timeline;

const OWNER_FK: &str = "opportunities_tenant_id_owner_id_fkey";
const TICKET_FK: &str = "opportunities_tenant_id_ticket_id_fkey";

fn bad_owner() -> Error {
    Error::field("owner_id", "Responsável inexistente nesta empresa.")
}

pub fn stale() -> Error {
    Error::conflict(
        None,
        "Esta oportunidade foi alterada por outra pessoa. Recarregue para ver a versão atual.",
    )
}

fn check_value(v: &mut Violations, value: i64) {
    if value < 0 {
        v.add("value_cents", "O valor não pode ser negativo.");
    } else if value > 100_000_000_000 {
        v.add("value_cents", "Valor acima do permitido.");
    }
}

fn check_title(v: &mut Violations, title: &str) {
    if title.trim().is_empty() || title.chars().count() > 200 {
        v.add("title", "Informe o título (até 200 caracteres).");
    }
}

/// Opens a deal; `actor` is the person who does (its default owner), none
/// for an automation.
pub async fn create(
    tx: &mut TenantTx,
    actor: Option<&CurrentUser>,
    req: &CreateOpportunityRequest,
) -> Result<Opportunity> {
    let tenant = tx.tenant_id();
    let mut v = Violations::new();
    check_title(&mut v, &req.title);
    check_value(&mut v, req.value_cents);
    let customer = customers::find(tx, tenant, req.customer_id).await?;
    if customer.is_none() {
        v.add("customer_id", "Cliente não encontrado.");
    }
    let pipeline = pipelines::find(tx, tenant, req.pipeline_id).await?;
    let stage = match (&pipeline, req.stage_id) {
        (None, _) => {
            v.add("pipeline_id", "Funil não encontrado.");
            None
        }
        (Some(p), None) => pipelines::first_of(p, StageKind::Open).cloned(),
        (Some(p), Some(sid)) => {
            let s = p.stages.iter().find(|s| s.id == sid).cloned();
            if s.as_ref().is_none_or(|s| s.kind != StageKind::Open) {
                v.add("stage_id", "Escolha uma etapa em aberto deste funil.");
            }
            s
        }
    };
    v.finish()?;
    let (Some(customer), Some(stage)) = (customer, stage) else {
        return Err(Error::internal("checked above"));
    };
    let position = repo::position_after(tx, tenant, stage.id, None, Uuid::nil()).await?;
    let o = Opportunity {
        id: new_id(),
        customer_id: customer.id,
        customer_name: customer.name.clone(),
        pipeline_id: req.pipeline_id,
        stage_id: stage.id,
        status: StageKind::Open,
        title: req.title.trim().to_string(),
        value_cents: req.value_cents,
        currency: "BRL".into(),
        expected_close_date: req.expected_close_date,
        owner_id: req.owner_id.or(actor.map(|u| u.id)),
        source: req.source.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
        lost_reason: None,
        position,
        stage_entered_at: Utc::now(),
        version: 1,
        created_at: Utc::now(),
        ticket_id: req.ticket_id,
    };
    repo::insert(tx, tenant, &o)
        .await
        .on_constraint(OWNER_FK, bad_owner)
        .on_constraint(TICKET_FK, || Error::field("ticket_id", "Conversa não encontrada."))?;
    timeline::insert(
        tx,
        tenant,
        NewEntry {
            customer_id: o.customer_id,
            opportunity_id: Some(o.id),
            kind: "opportunity.created",
            summary: format!("Oportunidade \u{201c}{}\u{201d} criada em {}", o.title, stage.name),
            data: json!({ "stage_id": stage.id, "value_cents": o.value_cents }),
            actor_id: actor.map(|u| u.id),
            event_id: None,
            occurred_at: None,
        },
    )
    .await?;
    tx.emit(&events::OpportunityCreated {
        opportunity_id: o.id,
        pipeline_id: o.pipeline_id,
        stage_id: o.stage_id,
        customer_id: o.customer_id,
        value_cents: o.value_cents,
        ticket_id: o.ticket_id,
    })
    .await?;
    repo::find(tx, tenant, o.id).await?.ok_or(Error::NotFound)
}

pub async fn update(
    tx: &mut TenantTx,
    id: Uuid,
    req: &UpdateOpportunityRequest,
    if_match: Option<i32>,
) -> Result<Opportunity> {
    let tenant = tx.tenant_id();
    let mut o = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if if_match.is_some_and(|v| v != o.version) {
        return Err(stale());
    }
    let mut v = Violations::new();
    if let Some(t) = &req.title {
        check_title(&mut v, t);
        o.title = t.trim().to_string();
    }
    if let Some(value) = req.value_cents {
        check_value(&mut v, value);
        o.value_cents = value;
    }
    v.finish()?;
    if let Some(d) = req.expected_close_date {
        o.expected_close_date = d;
    }
    if let Some(owner) = req.owner_id {
        o.owner_id = owner;
    }
    if let Some(source) = &req.source {
        o.source = source.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    }
    let expected = if_match.unwrap_or(o.version);
    if !repo::update(tx, tenant, &o, expected, false).await.on_constraint(OWNER_FK, bad_owner)? {
        return Err(stale());
    }
    tx.emit(&events::OpportunityUpdated { opportunity_id: id, pipeline_id: o.pipeline_id }).await?;
    repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)
}

/// Moves a card (kanban drag, or a proposal accepted): new stage and place.
pub async fn move_to(
    tx: &mut TenantTx,
    actor: Option<&CurrentUser>,
    id: Uuid,
    req: &MoveRequest,
) -> Result<Opportunity> {
    let tenant = tx.tenant_id();
    let mut o = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let pipeline = pipelines::find(tx, tenant, o.pipeline_id).await?.ok_or(Error::NotFound)?;
    let from = pipeline.stages.iter().find(|s| s.id == o.stage_id).cloned();
    let to = pipeline
        .stages
        .iter()
        .find(|s| s.id == req.stage_id)
        .cloned()
        .ok_or_else(|| Error::field("stage_id", "Etapa de outro funil."))?;
    let lost_reason = req.lost_reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if to.kind == StageKind::Lost && lost_reason.is_none() {
        return Err(Error::field("lost_reason", "Informe o motivo da perda."));
    }
    let changed = to.id != o.stage_id;
    let expected = o.version;
    let previous_entered = o.stage_entered_at;
    o.position = repo::position_after(tx, tenant, to.id, req.after_id, o.id).await?;
    o.stage_id = to.id;
    o.lost_reason = if to.kind == StageKind::Lost { lost_reason.map(str::to_string) } else { None };
    if !repo::update(tx, tenant, &o, expected, changed).await? {
        return Err(stale());
    }
    if changed {
        let from_name = from.as_ref().map(|s| s.name.as_str()).unwrap_or("?");
        let seconds = (Utc::now() - previous_entered).num_seconds();
        timeline::insert(
            tx,
            tenant,
            NewEntry {
                customer_id: o.customer_id,
                opportunity_id: Some(o.id),
                kind: "opportunity.stage_changed",
                summary: format!("\u{201c}{}\u{201d} passou de {from_name} para {}", o.title, to.name),
                data: json!({
                    "from_stage_id": from.as_ref().map(|s| s.id),
                    "to_stage_id": to.id,
                    "seconds_in_previous_stage": seconds,
                    "lost_reason": o.lost_reason,
                }),
                actor_id: actor.map(|a| a.id),
                event_id: None,
                occurred_at: None,
            },
        )
        .await?;
    }
    let saved = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let from_stage_id = from.map(|s| s.id).unwrap_or(to.id);
    if changed {
        tx.emit(&events::OpportunityStageChanged {
            opportunity_id: id,
            pipeline_id: saved.pipeline_id,
            customer_id: saved.customer_id,
            from_stage_id,
            stage_id: to.id,
            stage_name: to.name.clone(),
            value_cents: saved.value_cents,
        })
        .await?;
        match to.kind {
            StageKind::Won => {
                tx.emit(&events::OpportunityWon {
                    opportunity_id: id,
                    pipeline_id: saved.pipeline_id,
                    customer_id: saved.customer_id,
                    value_cents: saved.value_cents,
                })
                .await?
            }
            StageKind::Lost => {
                tx.emit(&events::OpportunityLost {
                    opportunity_id: id,
                    pipeline_id: saved.pipeline_id,
                    customer_id: saved.customer_id,
                    value_cents: saved.value_cents,
                    lost_reason: saved.lost_reason.clone(),
                })
                .await?
            }
            StageKind::Open => Uuid::nil(),
        };
    }
    tx.emit(&events::OpportunityMoved {
        opportunity_id: id,
        pipeline_id: saved.pipeline_id,
        from_stage_id,
        stage_id: saved.stage_id,
        position: saved.position,
        version: saved.version,
    })
    .await?;
    Ok(saved)
}

/// The won stage of the opportunity's pipeline (proposals accepted).
pub async fn mark_won(tx: &mut TenantTx, id: Uuid) -> Result<Opportunity> {
    let tenant = tx.tenant_id();
    let o = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let pipeline = pipelines::find(tx, tenant, o.pipeline_id).await?.ok_or(Error::NotFound)?;
    let won = pipelines::first_of(&pipeline, StageKind::Won).ok_or(Error::NotFound)?.id;
    move_to(tx, None, id, &MoveRequest { stage_id: won, after_id: None, lost_reason: None }).await
}
