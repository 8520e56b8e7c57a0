use events::ChannelKind;
use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiPath};
use kernel::session::Session;
use kernel::{App, Error, Result};
use sqlx::types::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::engine::{self, Facts, InvoiceFact, PaymentFact, ProposalFact, TicketFact};
use super::model::{
    BotAction, BotConversationView, BotPreview, BotPreviewRequest, BotPreviewTurn, BotSettings,
};
use super::repo::{self, SettingsRow};
use crate::{SUPPORT_ADMINS, SUPPORT_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(get_settings, put_settings))
        .routes(routes!(bot_preview))
        .routes(routes!(ticket_bot))
}

pub fn settings_of(row: SettingsRow) -> BotSettings {
    BotSettings {
        enabled: row.enabled,
        channels: row.channels.iter().filter_map(|c| ChannelKind::parse(c)).collect(),
        greeting: row.greeting,
        menu: row.menu.0,
        faq: row.faq.0,
        handover_team_id: row.handover_team_id,
        max_misunderstandings: row.max_misunderstandings,
    }
}

/// The company's bot (defaults, switched off, until saved).
#[utoipa::path(get, path = "/bot/settings", tag = "support", security(("bearer" = [])),
    responses((status = 200, body = BotSettings), (status = 403, body = Problem)))]
async fn get_settings(mut s: Session) -> Result<ApiJson<BotSettings>> {
    s.require(SUPPORT_ADMINS)?;
    let saved = repo::settings(&mut s.tx, s.user.tenant_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(saved.map_or_else(BotSettings::default_off, settings_of)))
}

fn check(b: &BotSettings, v: &mut Violations) {
    if b.greeting.trim().is_empty() || b.greeting.chars().count() > 1000 {
        v.add("greeting", "Escreva a saudação (até 1.000 caracteres).");
    }
    if b.channels.iter().any(|c| !matches!(c, ChannelKind::Whatsapp | ChannelKind::Webchat)) {
        v.add("channels", "O bot atende no WhatsApp (também pela Twilio) e no chat do site.");
    }
    if b.enabled && b.channels.is_empty() {
        v.add("channels", "Escolha ao menos um canal para ligar o bot.");
    }
    if b.menu.is_empty() || b.menu.len() > 5 {
        v.add("menu", "De 1 a 5 opções no menu (cada ação uma vez).");
    }
    for (i, o) in b.menu.iter().enumerate() {
        if o.label.trim().is_empty() || o.label.chars().count() > 60 {
            v.add(&format!("menu[{i}].label"), "Nome da opção com até 60 caracteres.");
        }
        if b.menu[..i].iter().any(|p| p.action == o.action) {
            v.add(&format!("menu[{i}].action"), "Cada ação aparece uma vez no menu.");
        }
    }
    if !b.menu.iter().any(|o| o.action == BotAction::Human) {
        v.add("menu", "O menu precisa de uma opção para falar com um atendente.");
    }
    if b.faq.len() > 50 {
        v.add("faq", "Até 50 perguntas.");
    }
    for (i, f) in b.faq.iter().enumerate() {
        if f.question.trim().is_empty() || f.question.chars().count() > 200 {
            v.add(&format!("faq[{i}].question"), "Pergunta com até 200 caracteres.");
        }
        if f.answer.trim().is_empty() || f.answer.chars().count() > 2000 {
            v.add(&format!("faq[{i}].answer"), "Resposta com até 2.000 caracteres.");
        }
    }
    if !(1..=5).contains(&b.max_misunderstandings) {
        v.add("max_misunderstandings", "De 1 a 5 mensagens.");
    }
}

/// Saves the company's bot; switching it on applies to the next customer
/// message on the chosen channels.
#[utoipa::path(put, path = "/bot/settings", tag = "support", security(("bearer" = [])), request_body = BotSettings,
    responses((status = 200, body = BotSettings), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn put_settings(mut s: Session, ApiJson(body): ApiJson<BotSettings>) -> Result<ApiJson<BotSettings>> {
    s.require(SUPPORT_ADMINS)?;
    let tenant = s.user.tenant_id;
    let mut v = Violations::new();
    check(&body, &mut v);
    if let Some(team) = body.handover_team_id
        && crate::teams::repo::find_team(&mut s.tx, tenant, team).await?.is_none()
    {
        v.add("handover_team_id", "Equipe não encontrada.");
    }
    v.finish()?;
    let trim = |x: &str| x.trim().to_owned();
    let mut channels: Vec<String> = body.channels.iter().map(|c| c.as_str().to_owned()).collect();
    channels.dedup();
    let row = SettingsRow {
        enabled: body.enabled,
        channels,
        greeting: trim(&body.greeting),
        menu: Json(
            body.menu
                .iter()
                .map(|o| super::model::MenuOption { label: trim(&o.label), ..o.clone() })
                .collect(),
        ),
        faq: Json(
            body.faq
                .iter()
                .map(|f| super::model::FaqEntry { question: trim(&f.question), answer: trim(&f.answer) })
                .collect(),
        ),
        handover_team_id: body.handover_team_id,
        max_misunderstandings: body.max_misunderstandings,
    };
    repo::save_settings(&mut s.tx, tenant, &row).await?;
    let saved = repo::settings(&mut s.tx, tenant).await?.map(settings_of).ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(saved))
}

/// Example data for the preview: no customer's data is read.
fn example_facts(company: String, channel: ChannelKind) -> Facts {
    let today = chrono::Utc::now().date_naive();
    Facts {
        company,
        verified_channel: channel == ChannelKind::Whatsapp,
        document: None,
        invoices: vec![
            InvoiceFact {
                label: "FAT-0001".into(),
                title: "Exemplo: mensalidade".into(),
                due_cents: 15_000,
                due_date: today,
                overdue: false,
                link: Some("https://exemplo.invalid/fatura/...".into()),
                pix_code: Some("00020126...6304ABCD".into()),
                boleto_line: None,
            },
            InvoiceFact {
                label: "FAT-0002".into(),
                title: "Exemplo: serviço avulso".into(),
                due_cents: 8_990,
                due_date: today - chrono::Days::new(5),
                overdue: true,
                link: Some("https://exemplo.invalid/fatura/...".into()),
                pix_code: None,
                boleto_line: None,
            },
        ],
        proposals: vec![ProposalFact {
            label: "PROP-0001".into(),
            title: "Exemplo: proposta de serviço".into(),
            total_cents: 120_000,
            valid_until: today + chrono::Days::new(10),
            viewed: false,
            link: Some("https://exemplo.invalid/p/...".into()),
        }],
        tickets: vec![TicketFact {
            number: 42,
            subject: "Exemplo de chamado".into(),
            status: "aberto".into(),
        }],
        payments: vec![PaymentFact {
            received_on: today - chrono::Days::new(30),
            amount_cents: 15_000,
            method: "PIX".into(),
            in_review: false,
        }],
        closed_until: None,
        upset: false,
        wants_invoice: false,
        faq_match: None,
    }
}

/// Simulates a conversation with the bot over example invoices and
/// tickets: what a customer would read, changing and sending nothing.
#[utoipa::path(post, path = "/bot/preview", tag = "support", security(("bearer" = [])), request_body = BotPreviewRequest,
    responses((status = 200, body = BotPreview), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn bot_preview(
    mut s: Session,
    ApiJson(body): ApiJson<BotPreviewRequest>,
) -> Result<ApiJson<BotPreview>> {
    s.require(SUPPORT_ADMINS)?;
    let tenant = s.user.tenant_id;
    let mut v = Violations::new();
    if body.messages.is_empty() || body.messages.len() > 20 {
        v.add("messages", "De 1 a 20 mensagens.");
    }
    for (i, m) in body.messages.iter().enumerate() {
        if m.chars().count() > 2000 {
            v.add(&format!("messages[{i}]"), "Mensagem com até 2.000 caracteres.");
        }
    }
    if let Some(settings) = &body.settings {
        check(settings, &mut v);
    }
    v.finish()?;
    let settings = match body.settings {
        Some(settings) => settings,
        None => repo::settings(&mut s.tx, tenant).await?.map_or_else(BotSettings::default_off, settings_of),
    };
    let company = crate::channels::repo::company_name(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    let facts = example_facts(company, body.channel);
    let mut conversation = None;
    let mut turns = Vec::with_capacity(body.messages.len());
    for text in body.messages {
        if conversation.as_ref().is_some_and(|c: &engine::Conversation| c.step.is_over()) {
            turns.push(BotPreviewTurn { customer: text, bot: None, handover: None });
            continue;
        }
        let turn = engine::turn(&settings, conversation.take(), &facts, &text);
        turns.push(BotPreviewTurn { customer: text, bot: Some(turn.reply), handover: turn.handover });
        conversation = Some(turn.conversation);
    }
    Ok(ApiJson(BotPreview { turns }))
}

/// Where the ticket's conversation stands with the bot, and what it did
/// (`step` none when it never answered there).
#[utoipa::path(get, path = "/tickets/{id}/bot", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = BotConversationView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
async fn ticket_bot(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<BotConversationView>> {
    s.require(SUPPORT_ROLES)?;
    let tenant = s.user.tenant_id;
    crate::tickets::repo::find(&mut s.tx, tenant, id, false).await?.ok_or(Error::NotFound)?;
    let row = repo::conversation(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(row.map_or_else(BotConversationView::default, |row| BotConversationView {
        step: Some(row.step),
        identified: row.identified,
        resolved: row.resolved,
        handover_reason: row.handover_reason,
        log: row.log,
        updated_at: Some(row.updated_at),
    })))
}
