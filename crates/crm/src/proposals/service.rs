//! Proposal rules: server-side pricing, versions when a sent proposal is
//! edited, sending with a PDF and an unguessable public link, acceptance
//! (contract + won opportunity) and expiry.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use kernel::auth::OpaqueToken;
use kernel::br::{Cnpj, Cpf};
use kernel::email::Email;
use kernel::error::{OnConstraint, Violations};
use kernel::ids::new_id;
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::mail::{Attachment, SendEmail};
use kernel::session::CurrentUser;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};

use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::document::{self, number_label};
use super::model::{
    AcceptRequest, CreateProposalRequest, Proposal, ProposalLink, ProposalStatus, PublicProposal,
    SentProposal, UpdateProposalRequest,
};
use super::repo;
use crate::contracts::service as contracts;
use crate::customers::repo as customers;
use crate::lines;
use crate::opportunities::{repo as opportunities, service as opportunity_rules};
use crate::timeline::model::NewEntry;
use crate::timeline::repo as timeline;

const DEFAULT_VALIDITY_DAYS: i64 = 15;
const TICKET_FK: &str = "proposals_tenant_id_ticket_id_fkey";

/// Today in the company's timezone (validity dates are calendar dates there).
pub async fn today(tx: &mut TenantTx) -> Result<(NaiveDate, chrono_tz::Tz)> {
    let tenant = tx.tenant_id();
    let profile = repo::company_profile(tx, tenant).await?;
    let tz = kernel::business_hours::timezone(&profile.timezone);
    Ok((Utc::now().with_timezone(&tz).date_naive(), tz))
}

async fn note(
    tx: &mut TenantTx,
    p: &Proposal,
    kind: &str,
    summary: String,
    actor: Option<Uuid>,
) -> Result<()> {
    let tenant = tx.tenant_id();
    timeline::insert(
        tx,
        tenant,
        NewEntry {
            customer_id: p.customer_id,
            opportunity_id: p.opportunity_id,
            kind,
            summary,
            data: json!({ "proposal_id": p.id, "revision": p.revision, "total_cents": p.total_cents }),
            actor_id: actor,
            event_id: None,
            occurred_at: None,
        },
    )
    .await
}

fn check_text(v: &mut Violations, title: &str, terms: &str) {
    if title.trim().is_empty() || title.chars().count() > 200 {
        v.add("title", "Informe o título (até 200 caracteres).");
    }
    if terms.chars().count() > 10_000 {
        v.add("terms", "Condições com até 10.000 caracteres.");
    }
}

pub async fn create(tx: &mut TenantTx, user: &CurrentUser, req: &CreateProposalRequest) -> Result<Proposal> {
    let tenant = tx.tenant_id();
    let (today, _) = today(tx).await?;
    let mut v = Violations::new();
    check_text(&mut v, &req.title, &req.terms);
    let customer = customers::find(tx, tenant, req.customer_id).await?;
    if customer.is_none() {
        v.add("customer_id", "Cliente não encontrado.");
    }
    let mut ticket_id = req.ticket_id;
    if let Some(oid) = req.opportunity_id {
        match opportunities::find(tx, tenant, oid).await? {
            Some(o) if o.customer_id == req.customer_id => ticket_id = ticket_id.or(o.ticket_id),
            Some(_) => v.add("opportunity_id", "A oportunidade é de outro cliente."),
            None => v.add("opportunity_id", "Oportunidade não encontrada."),
        }
    }
    let valid_until = req.valid_until.unwrap_or(today + Duration::days(DEFAULT_VALIDITY_DAYS));
    if valid_until < today {
        v.add("valid_until", "A validade não pode estar no passado.");
    }
    let priced = lines::price(tx, &req.items, req.discount_bp, &mut v).await?;
    v.finish()?;
    let (Some(customer), Some(priced)) = (customer, priced) else {
        return Err(Error::internal("checked above"));
    };
    let p = Proposal {
        id: new_id(),
        number: repo::next_number(tx, tenant, "proposals").await?,
        customer_id: customer.id,
        customer_name: customer.name,
        opportunity_id: req.opportunity_id,
        title: req.title.trim().to_string(),
        status: ProposalStatus::Draft,
        revision: 1,
        valid_until,
        terms: req.terms.trim().to_string(),
        items: priced.items,
        discount_bp: req.discount_bp,
        subtotal_cents: priced.totals.subtotal_cents,
        discount_cents: priced.totals.discount_cents,
        total_cents: priced.totals.total_cents,
        one_time_cents: priced.totals.one_time_cents,
        recurring_cents: priced.totals.recurring_cents,
        recurrence: priced.recurrence,
        currency: "BRL".into(),
        sent_at: None,
        viewed_at: None,
        decided_at: None,
        accepted_name: None,
        accepted_document: None,
        accepted_email: None,
        accepted_ip: None,
        rejected_reason: None,
        contract_id: None,
        version: 1,
        created_at: Utc::now(),
        ticket_id,
    };
    repo::save(tx, tenant, &p, Some(user.id))
        .await
        .on_constraint(TICKET_FK, || Error::field("ticket_id", "Conversa não encontrada."))?;
    note(tx, &p, "proposal.created", format!("Proposta {} criada", number_label(p.number)), Some(user.id))
        .await?;
    tx.emit(&events::ProposalCreated { proposal_id: p.id, customer_id: p.customer_id }).await?;
    repo::find(tx, tenant, p.id).await?.ok_or(Error::NotFound)
}

fn closed(status: ProposalStatus) -> Error {
    let what = match status {
        ProposalStatus::Accepted => "aceita",
        ProposalStatus::Rejected => "recusada",
        _ => "expirada",
    };
    Error::conflict(None, format!("Esta proposta já foi {what} e não pode mais mudar."))
}

pub fn stale() -> Error {
    Error::conflict(None, "Esta proposta foi alterada por outra pessoa. Recarregue para ver a versão atual.")
}

/// Edits a proposal. A sent one keeps its sent version and becomes a new
/// draft revision (its public link stops working until sent again).
pub async fn update(
    tx: &mut TenantTx,
    id: Uuid,
    req: &UpdateProposalRequest,
    if_match: Option<i32>,
) -> Result<Proposal> {
    let tenant = tx.tenant_id();
    let mut p = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if p.status.is_final() {
        return Err(closed(p.status));
    }
    if if_match.is_some_and(|v| v != p.version) {
        return Err(stale());
    }
    let (today, _) = today(tx).await?;
    let mut v = Violations::new();
    let title = req.title.clone().unwrap_or(p.title.clone());
    let terms = req.terms.clone().unwrap_or(p.terms.clone());
    check_text(&mut v, &title, &terms);
    if let Some(d) = req.valid_until
        && d < today
    {
        v.add("valid_until", "A validade não pode estar no passado.");
    }
    let discount_bp = req.discount_bp.unwrap_or(p.discount_bp);
    let inputs: Vec<super::model::ItemInput> = match &req.items {
        Some(items) => items.clone(),
        None => p
            .items
            .iter()
            .map(|i| super::model::ItemInput {
                product_id: i.product_id,
                description: Some(i.description.clone()),
                unit: Some(i.unit.clone()),
                quantity: i.quantity_milli as f64 / 1000.0,
                unit_price_cents: Some(i.unit_price_cents),
                discount_bp: i.discount_bp,
                billing: Some(i.billing),
            })
            .collect(),
    };
    let priced = lines::price(tx, &inputs, discount_bp, &mut v).await?;
    v.finish()?;
    let priced = priced.ok_or_else(|| Error::internal("checked above"))?;
    if p.status.is_open() {
        repo::snapshot(tx, tenant, &p).await?;
        p.revision += 1;
        p.status = ProposalStatus::Draft;
    }
    p.title = title.trim().to_string();
    p.terms = terms.trim().to_string();
    p.valid_until = req.valid_until.unwrap_or(p.valid_until);
    p.discount_bp = discount_bp;
    p.items = priced.items;
    p.subtotal_cents = priced.totals.subtotal_cents;
    p.discount_cents = priced.totals.discount_cents;
    p.total_cents = priced.totals.total_cents;
    p.one_time_cents = priced.totals.one_time_cents;
    p.recurring_cents = priced.totals.recurring_cents;
    p.recurrence = priced.recurrence;
    repo::save(tx, tenant, &p, None).await?;
    tx.emit(&events::ProposalUpdated { proposal_id: id, revision: p.revision }).await?;
    repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)
}

/// E-mails the proposal's PDF with its link (a job: rendering and SMTP stay
/// out of the request's transaction).
#[derive(Debug, Serialize, Deserialize)]
pub struct SendProposalEmail {
    pub proposal_id: Uuid,
    pub to: String,
    pub link: String,
}

impl Job for SendProposalEmail {
    const KIND: &'static str = "crm.send_proposal";
}

/// Marks an open proposal expired once its validity date has passed.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExpireProposal {
    pub proposal_id: Uuid,
}

impl Job for ExpireProposal {
    const KIND: &'static str = "crm.expire_proposal";
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: SendProposalEmail| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("proposal e-mail without tenant"))?;
        send_email(&app, tenant, job).await
    });
    registry.handle(|app: App, tenant, job: ExpireProposal| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("expiry without tenant"))?;
        let mut tx = TenantTx::begin(&app.db, tenant).await?;
        expire_if_due(&mut tx, job.proposal_id).await?;
        tx.commit().await?;
        Ok(())
    });
}

/// A proposal that may go out now, with the company's timezone.
async fn sendable(tx: &mut TenantTx, id: Uuid) -> Result<(Proposal, chrono_tz::Tz)> {
    let tenant = tx.tenant_id();
    let p = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if p.status.is_final() {
        return Err(closed(p.status));
    }
    let (today, tz) = today(tx).await?;
    if p.valid_until < today {
        return Err(Error::field("valid_until", "A validade já passou: ajuste a data antes de enviar."));
    }
    Ok((p, tz))
}

/// Marks the proposal sent with a new public link (the old one stops
/// working), keeps this revision, and schedules its expiry.
async fn publish(app: &App, tx: &mut TenantTx, p: &Proposal, tz: chrono_tz::Tz) -> Result<SentProposal> {
    let tenant = tx.tenant_id();
    let token = OpaqueToken::generate(tenant, p.id);
    let sealed = kernel::secrets::seal(&app.config, tenant, token.expose().as_bytes())?;
    repo::mark_sent(tx, tenant, p.id, &token.hash(), &sealed).await?;
    let sent = repo::find(tx, tenant, p.id).await?.ok_or(Error::NotFound)?;
    repo::snapshot(tx, tenant, &sent).await?;
    // Expire at the first minute after the validity date, company time.
    let expiry_day = p.valid_until + Duration::days(1);
    let run_at = tz
        .from_local_datetime(&expiry_day.and_hms_opt(0, 1, 0).unwrap_or_default())
        .earliest()
        .map(|t| t.with_timezone(&Utc));
    jobs::enqueue(
        tx,
        Some(tenant),
        &ExpireProposal { proposal_id: p.id },
        EnqueueOptions {
            run_at,
            dedupe_key: Some(format!("expire-proposal:{}:{expiry_day}", p.id)),
            ..Default::default()
        },
    )
    .await?;
    let link = format!("{}/p/{}", app.config.frontend_url, token.expose());
    Ok(SentProposal { proposal: sent, public_url: link })
}

/// The live public link again, to copy or share, without sending anew (the
/// link stays the same); and a WhatsApp share link to the customer's first
/// phone with the link in its text.
pub async fn link(app: &App, tx: &mut TenantTx, id: Uuid) -> Result<ProposalLink> {
    let tenant = tx.tenant_id();
    let p = repo::find(tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let public_url = public_url(app, tx, id).await?.ok_or_else(|| {
        Error::conflict(None, "Esta proposta não tem um link para copiar: envie-a para gerar um.")
    })?;
    let customer = customers::find(tx, tenant, p.customer_id).await?.ok_or(Error::NotFound)?;
    let whatsapp_url = customer.phones.first().map(|phone| {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        let text = format!("Olá! Segue a proposta {} — {}: {public_url}", number_label(p.number), p.title);
        let query = serde_urlencoded::to_string([("text", text)]).unwrap_or_default();
        format!("https://wa.me/{digits}?{query}")
    });
    Ok(ProposalLink { public_url, whatsapp_url })
}

/// The live public link of a sent proposal, opened from its sealed copy;
/// none when it was never sent (or sent before links were kept).
pub async fn public_url(app: &App, tx: &mut TenantTx, id: Uuid) -> Result<Option<String>> {
    let tenant = tx.tenant_id();
    let Some(sealed) = repo::sealed_link(tx, tenant, id).await? else { return Ok(None) };
    let secret = kernel::secrets::open(&app.config, tenant, &sealed)?;
    let token = String::from_utf8(secret).map_err(|_| Error::internal("sealed proposal link"))?;
    Ok(Some(format!("{}/p/{token}", app.config.frontend_url)))
}

/// Sends the proposal by e-mail (PDF attached) to `to` or the customer's first address.
pub async fn send(
    app: &App,
    tx: &mut TenantTx,
    user: &CurrentUser,
    id: Uuid,
    to: Option<&str>,
) -> Result<SentProposal> {
    let tenant = tx.tenant_id();
    let (p, tz) = sendable(tx, id).await?;
    let customer = customers::find(tx, tenant, p.customer_id).await?.ok_or(Error::NotFound)?;
    let to = match to.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Email::parse(t).map_err(|e| Error::field("to", e.to_string()))?.to_string(),
        None => customer
            .emails
            .first()
            .cloned()
            .ok_or_else(|| Error::field("to", "O cliente não tem e-mail: informe para quem enviar."))?,
    };
    let sent = publish(app, tx, &p, tz).await?;
    jobs::enqueue(
        tx,
        Some(tenant),
        &SendProposalEmail { proposal_id: id, to: to.clone(), link: sent.public_url.clone() },
        EnqueueOptions::default(),
    )
    .await?;
    let label = number_label(sent.proposal.number);
    note(tx, &sent.proposal, "proposal.sent", format!("Proposta {label} enviada para {to}"), Some(user.id))
        .await?;
    tx.emit(&events::ProposalSent { proposal_id: id, customer_id: sent.proposal.customer_id }).await?;
    Ok(sent)
}

/// "Enviar no chat": a new public link for a conversation with the
/// proposal's customer; support delivers it through the conversation's
/// channel. The proposal is linked to that conversation if it had none,
/// so the customer's answer shows there.
pub async fn send_in_chat(
    app: &App,
    tx: &mut TenantTx,
    user_id: Uuid,
    id: Uuid,
    customer_id: Uuid,
    ticket: (Uuid, i64),
) -> Result<SentProposal> {
    let tenant = tx.tenant_id();
    let (p, tz) = sendable(tx, id).await.map_err(|e| match e {
        Error::NotFound => Error::field("proposal_id", "Proposta não encontrada."),
        e => e,
    })?;
    if p.customer_id != customer_id {
        return Err(Error::field("proposal_id", "Esta proposta é de outro cliente."));
    }
    if p.ticket_id.is_none() {
        repo::link_ticket(tx, tenant, id, ticket.0).await?;
    }
    let sent = publish(app, tx, &p, tz).await?;
    let label = number_label(sent.proposal.number);
    let summary = format!("Proposta {label} enviada na conversa #{}", ticket.1);
    note(tx, &sent.proposal, "proposal.sent", summary, Some(user_id)).await?;
    tx.emit(&events::ProposalSent { proposal_id: id, customer_id }).await?;
    Ok(sent)
}

async fn send_email(app: &App, tenant: Uuid, job: SendProposalEmail) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(p) = repo::find(&mut tx, tenant, job.proposal_id).await? else {
        return Ok(());
    };
    let customer = customers::find(&mut tx, tenant, p.customer_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("customer gone"))?;
    let company = repo::company_profile(&mut tx, tenant).await?;
    tx.commit().await?;
    let pdf = document::render(app, &p, &company, &customer, Some(job.link.clone())).await?;
    let from = company.trade_name.clone().unwrap_or(company.name.clone());
    let total = kernel::money::Money::brl(p.total_cents).format_brl();
    let mail = SendEmail {
        to: job.to,
        subject: format!("Proposta {} — {}", number_label(p.number), from),
        text: format!(
            "Olá, {}!\n\n{from} enviou a proposta \u{201c}{}\u{201d} no valor de {total}, válida até {}.\n\n\
             Veja, aceite ou recuse pelo link:\n{}\n\nO PDF segue anexo.\n",
            customer.name,
            p.title,
            p.valid_until.format("%d/%m/%Y"),
            job.link
        ),
        html: None,
        attachments: vec![Attachment {
            filename: format!("{}.pdf", number_label(p.number)),
            content_type: "application/pdf".into(),
            content: pdf,
        }],
    };
    app.mailer.send(&mail).await
}

/// Opens the proposal behind a public link, or 404 (wrong, replaced or other-company token).
pub async fn open_public(app: &App, token: &str) -> Result<(TenantTx, Proposal)> {
    let token = OpaqueToken::parse(token).ok_or(Error::NotFound)?;
    let mut tx = TenantTx::begin(&app.db, token.tenant_id).await?;
    let (hash, _) = repo::lock_by_token(&mut tx, token.tenant_id, token.id).await?.ok_or(Error::NotFound)?;
    if !token.matches(&hash) {
        return Err(Error::NotFound);
    }
    let p = repo::find(&mut tx, token.tenant_id, token.id).await?.ok_or(Error::NotFound)?;
    Ok((tx, p))
}

async fn expire_if_due(tx: &mut TenantTx, id: Uuid) -> Result<bool> {
    let tenant = tx.tenant_id();
    let Some(p) = repo::find(tx, tenant, id).await? else { return Ok(false) };
    let (today, _) = today(tx).await?;
    if !p.status.is_open() || p.valid_until >= today {
        return Ok(false);
    }
    repo::set_status(tx, tenant, id, ProposalStatus::Expired).await?;
    note(
        tx,
        &p,
        "proposal.expired",
        format!("Proposta {} expirou sem resposta", number_label(p.number)),
        None,
    )
    .await?;
    tx.emit(&events::ProposalExpired { proposal_id: id, customer_id: p.customer_id }).await?;
    Ok(true)
}

pub async fn public_view(app: &App, token: &str) -> Result<PublicProposal> {
    let (mut tx, mut p) = open_public(app, token).await?;
    let tenant = tx.tenant_id();
    if expire_if_due(&mut tx, p.id).await? {
        p.status = ProposalStatus::Expired;
    } else if p.status == ProposalStatus::Sent {
        repo::set_status(&mut tx, tenant, p.id, ProposalStatus::Viewed).await?;
        note(
            &mut tx,
            &p,
            "proposal.viewed",
            format!("O cliente abriu a proposta {}", number_label(p.number)),
            None,
        )
        .await?;
        tx.emit(&events::ProposalViewed { proposal_id: p.id, customer_id: p.customer_id }).await?;
        p.status = ProposalStatus::Viewed;
    }
    let company = repo::company_profile(&mut tx, tenant).await?;
    tx.commit().await?;
    Ok(PublicProposal {
        number: p.number,
        title: p.title,
        status: p.status,
        revision: p.revision,
        company_name: company.trade_name.unwrap_or(company.name),
        customer_name: p.customer_name,
        valid_until: p.valid_until,
        terms: p.terms,
        items: p.items,
        discount_bp: p.discount_bp,
        subtotal_cents: p.subtotal_cents,
        discount_cents: p.discount_cents,
        total_cents: p.total_cents,
        one_time_cents: p.one_time_cents,
        recurring_cents: p.recurring_cents,
        recurrence: p.recurrence,
        currency: p.currency,
        decided_at: p.decided_at,
    })
}

async fn open_for_decision(app: &App, token: &str) -> Result<(TenantTx, Proposal)> {
    let (mut tx, p) = open_public(app, token).await?;
    if expire_if_due(&mut tx, p.id).await? {
        // The expiry is a fact worth keeping even though the answer is an error.
        tx.commit().await?;
        return Err(closed(ProposalStatus::Expired));
    }
    if !p.status.is_open() {
        return Err(if p.status == ProposalStatus::Draft { Error::NotFound } else { closed(p.status) });
    }
    Ok((tx, p))
}

/// The customer accepts: recorded with name, CPF/CNPJ or e-mail, time and
/// IP; the contract is created and signed; the opportunity is won.
pub async fn accept(app: &App, token: &str, req: &AcceptRequest, ip: &str) -> Result<Uuid> {
    let mut v = Violations::new();
    let name = req.name.trim();
    if name.chars().count() < 3 || name.chars().count() > 200 {
        v.add("name", "Informe seu nome completo.");
    }
    let document = req.document.as_deref().map(str::trim).filter(|d| !d.is_empty()).and_then(|d| {
        let digits = d.chars().filter(|c| c.is_ascii_alphanumeric()).count();
        let parsed = if digits == 11 {
            Cpf::parse(d).map(|c| c.as_str().to_string())
        } else {
            Cnpj::parse(d).map(|c| c.as_str().to_string())
        };
        v.check("document", parsed)
    });
    let email = req
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .and_then(|e| v.check("email", Email::parse(e)));
    if req.document.as_deref().is_none_or(|d| d.trim().is_empty())
        && req.email.as_deref().is_none_or(|e| e.trim().is_empty())
    {
        v.add("document", "Informe seu CPF/CNPJ ou e-mail.");
    }
    v.finish()?;
    let (mut tx, p) = open_for_decision(app, token).await?;
    let tenant = tx.tenant_id();
    let email = email.map(|e| e.to_string());
    repo::decide(
        &mut tx,
        tenant,
        p.id,
        ProposalStatus::Accepted,
        Some(name),
        document.as_deref(),
        email.as_deref(),
        Some(ip),
        None,
    )
    .await?;
    let (today, _) = today(&mut tx).await?;
    let accepted = repo::find(&mut tx, tenant, p.id).await?.ok_or(Error::NotFound)?;
    let contract = contracts::from_accepted_proposal(&mut tx, &accepted, today).await?;
    if let Some(oid) = p.opportunity_id {
        opportunity_rules::mark_won(&mut tx, oid).await?;
    }
    note(
        &mut tx,
        &p,
        "proposal.accepted",
        format!("{name} aceitou a proposta {}", number_label(p.number)),
        None,
    )
    .await?;
    let owner_id = repo::answerable(&mut tx, tenant, p.id).await?;
    tx.emit(&events::ProposalAccepted {
        proposal_id: p.id,
        contract_id: contract.id,
        customer_id: p.customer_id,
        ticket_id: p.ticket_id,
        number: p.number,
        owner_id,
    })
    .await?;
    tx.commit().await?;
    Ok(contract.id)
}

pub async fn reject(app: &App, token: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 2000 {
        return Err(Error::field("reason", "Conte o motivo da recusa (até 2000 caracteres)."));
    }
    let (mut tx, p) = open_for_decision(app, token).await?;
    let tenant = tx.tenant_id();
    repo::decide(&mut tx, tenant, p.id, ProposalStatus::Rejected, None, None, None, None, Some(reason))
        .await?;
    note(
        &mut tx,
        &p,
        "proposal.rejected",
        format!("Proposta {} recusada: {reason}", number_label(p.number)),
        None,
    )
    .await?;
    tx.emit(&events::ProposalRejected { proposal_id: p.id, customer_id: p.customer_id }).await?;
    tx.commit().await?;
    Ok(())
}
