//! The declared HTTP surface: for every operation of the OpenAPI document,
//! who may call it and a body good enough to get past validation. The role
//! and tenant matrices walk the document and look each operation up here,
//! so a new route without a row fails them until someone decides who may
//! use it.
//!
//! Extending: add a row (method, path as in the document without
//! `/api/v1`, who, body). Placeholders `<name>` in bodies are ids of the
//! fixture company (`world.rs`); a path parameter resolves by the path
//! segment before it (see [`fixture_for`]).

use kernel::auth::Role;
use kernel::auth::Role::{Admin, Agent, Finance, Manager, Owner, Sales};

pub enum Who {
    /// No bearer token: sign-in, customers' links, web chat. Tested by the
    /// flows that own them (token, signature and rate-limit tests).
    Public,
    /// A signed-in user of one of these roles; anyone else gets 403.
    Roles(&'static [Role]),
    /// One route whose permission follows what it names (the webhook
    /// inbox: a channel's log is support's, a gateway's is finance's): a
    /// concrete path per case (`<name>` = fixture ids, query included,
    /// without `/api/v1`) and who may call it so.
    Cases(&'static [(&'static str, &'static [Role])]),
}

pub enum Body {
    None,
    Json(&'static str),
    Raw(&'static str, &'static [u8]),
}

pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub who: Who,
    pub body: Body,
}

const fn r(method: &'static str, path: &'static str, who: Who, body: Body) -> Route {
    Route { method, path, who, body }
}

// Written out rather than imported from the crates, so that widening a
// crate's role list is a decision this table has to agree with.
const ALL: Who = Who::Roles(&[Owner, Admin, Manager, Agent, Sales, Finance]);
const ADMINS: Who = Who::Roles(&[Owner, Admin]);
const OWNER: Who = Who::Roles(&[Owner]);
const CRM: Who = Who::Roles(&[Owner, Admin, Manager, Sales]);
const CRM_ADMINS: Who = Who::Roles(&[Owner, Admin, Manager]);
const FINANCE: Who = Who::Roles(&[Owner, Admin, Manager, Finance]);
const FINANCE_ADMINS_ROLES: &[Role] = &[Owner, Admin, Finance];
const FINANCE_ADMINS: Who = Who::Roles(FINANCE_ADMINS_ROLES);
const SUPPORT: Who = Who::Roles(&[Owner, Admin, Manager, Agent]);
const SUPPORT_ADMINS_ROLES: &[Role] = &[Owner, Admin, Manager];
const SUPPORT_ADMINS: Who = Who::Roles(SUPPORT_ADMINS_ROLES);
const AUTOMATION: Who = Who::Roles(&[Owner, Admin, Manager]);
const PUBLIC: Who = Who::Public;

use Body::{Json, None as NoBody, Raw};

const FLOW: &str = r#"{"name": "Fluxo Quimera", "trigger_kind": "TicketCreated", "conditions": {"all": [{"field": "priority", "op": "equals", "value": "urgent"}]}, "actions": [{"type": "add_tags", "tags": ["quimera"]}]}"#;

const WEBHOOK: &str = r#"{"url": "https://erp.quimera.example/hooks", "description": "Quimera", "event_kinds": ["TicketCreated"]}"#;

const PIPELINE: &str = r#"{"name": "Funil Quimera", "stages": [{"name": "Novo", "probability": 10}, {"name": "Ganho", "kind": "won", "probability": 100}, {"name": "Perdido", "kind": "lost", "probability": 0}]}"#;

pub const ROUTES: &[Route] = &[
    // Accounts: sign-in and invitations without a login.
    r("POST", "/auth/signup", PUBLIC, NoBody),
    r("POST", "/auth/login", PUBLIC, NoBody),
    r("POST", "/auth/refresh", PUBLIC, NoBody),
    r("POST", "/auth/logout", PUBLIC, NoBody),
    r("POST", "/auth/forgot-password", PUBLIC, NoBody),
    r("POST", "/auth/reset-password", PUBLIC, NoBody),
    r("POST", "/auth/confirm-email", PUBLIC, NoBody),
    r("GET", "/auth/invitations/{token}", PUBLIC, NoBody),
    r("POST", "/auth/invitations/accept", PUBLIC, NoBody),
    r("GET", "/plans", PUBLIC, NoBody),
    // Accounts
    r("GET", "/me", ALL, NoBody),
    // A wrong current password: every role may ask, nobody's password changes.
    r(
        "POST",
        "/me/password",
        ALL,
        Json(r#"{"current_password": "nao-e-a-senha-1", "new_password": "outra-senha-forte-1"}"#),
    ),
    r("PATCH", "/me", ALL, Json(r#"{"signature": "Atenciosamente"}"#)),
    r("PUT", "/me/avatar", ALL, Raw("image/png", super::world::PNG)),
    r("DELETE", "/me/avatar", ALL, NoBody),
    r("GET", "/users/{id}/avatar", ALL, NoBody),
    r("GET", "/me/sessions", ALL, NoBody),
    // Ends the caller's other logins: the matrix's actors have one each.
    r("DELETE", "/me/sessions", ALL, NoBody),
    // The fixture is a spare user's login: nobody else's to end.
    r("DELETE", "/me/sessions/{id}", ALL, NoBody),
    r("GET", "/me/notification-preferences", ALL, NoBody),
    r(
        "PUT",
        "/me/notification-preferences",
        ALL,
        Json(
            r#"{"items": [{"kind": "payment_received", "in_app": true, "email": false, "desktop": false}]}"#,
        ),
    ),
    r("GET", "/notifications", ALL, NoBody),
    r("POST", "/notifications/read-all", ALL, NoBody),
    // The fixture is the agent's: the others get 404, never 403.
    r("POST", "/notifications/{id}/read", ALL, NoBody),
    r("GET", "/company", ALL, NoBody),
    r("PATCH", "/company", ADMINS, Json(r#"{"trade_name": "Alfa"}"#)),
    r("GET", "/company/logo", ALL, NoBody),
    r("PUT", "/company/logo", ADMINS, Raw("image/png", super::world::PNG)),
    r("DELETE", "/company/logo", ADMINS, NoBody),
    r("GET", "/company/plan", ALL, NoBody),
    r("GET", "/invitations", ADMINS, NoBody),
    r("POST", "/invitations", ADMINS, Json(r#"{"email": "novo-convite@equipe.com.br", "role": "agent"}"#)),
    r("DELETE", "/invitations/{id}", ADMINS, NoBody),
    r("GET", "/users", ALL, NoBody),
    r("GET", "/users/{id}", ALL, NoBody),
    r("PATCH", "/users/{id}", ADMINS, Json(r#"{"name": "Pessoa extra"}"#)),
    r("GET", "/jobs/dead", ADMINS, NoBody),
    r("POST", "/jobs/{id}/retry", ADMINS, NoBody),
    // CRM
    r("GET", "/customers", ALL, NoBody),
    r("POST", "/customers", CRM, Json(r#"{"kind": "person", "name": "Nova Pessoa"}"#)),
    r("GET", "/customers/duplicates", CRM, NoBody),
    r("GET", "/customers/export.csv", CRM, NoBody),
    r("GET", "/customers/{id}", ALL, NoBody),
    r("PATCH", "/customers/{id}", CRM, Json(r#"{"notes": "Cliente desde 2020"}"#)),
    r("DELETE", "/customers/{id}", CRM, NoBody),
    r("POST", "/customers/{id}/merge", CRM, Json(r#"{"merge_id": "<customer2>"}"#)),
    r("GET", "/customers/{id}/contacts", CRM, NoBody),
    r("POST", "/customers/{id}/contacts", CRM, Json(r#"{"name": "Novo Contato"}"#)),
    r("GET", "/customers/{id}/timeline", ALL, NoBody),
    r("POST", "/customers/{id}/timeline", CRM, Json(r#"{"text": "Ligou pedindo desconto"}"#)),
    r("GET", "/customers/{id}/credit", FINANCE, NoBody),
    r("GET", "/customers/imports", CRM, NoBody),
    r("POST", "/customers/imports", CRM, Raw("text/csv", b"Nome\nNova Importada\n")),
    r("GET", "/customers/imports/{id}", CRM, NoBody),
    r("POST", "/customers/imports/{id}/start", CRM, Json(r#"{"mapping": {"name": "Nome"}}"#)),
    r("GET", "/contacts/{id}", CRM, NoBody),
    r("PATCH", "/contacts/{id}", CRM, Json(r#"{"name": "Quimera Contato"}"#)),
    r("DELETE", "/contacts/{id}", CRM, NoBody),
    r("GET", "/custom-fields", CRM, NoBody),
    r(
        "POST",
        "/custom-fields",
        CRM_ADMINS,
        Json(r#"{"key": "novo", "label": "Novo", "field_type": "text"}"#),
    ),
    r("DELETE", "/custom-fields/{id}", CRM_ADMINS, NoBody),
    r("GET", "/products", CRM, NoBody),
    r("POST", "/products", CRM_ADMINS, Json(r#"{"sku": "NOVO-1", "name": "Novo", "price_cents": 100}"#)),
    r("GET", "/products/{id}", CRM, NoBody),
    r("PATCH", "/products/{id}", CRM_ADMINS, Json(r#"{"name": "Quimera Suporte"}"#)),
    r("DELETE", "/products/{id}", CRM_ADMINS, NoBody),
    r("GET", "/pipelines", CRM, NoBody),
    r("POST", "/pipelines", CRM_ADMINS, Json(PIPELINE)),
    r("GET", "/pipelines/{id}", CRM, NoBody),
    r("PATCH", "/pipelines/{id}", CRM_ADMINS, Json(PIPELINE)),
    r("DELETE", "/pipelines/{id}", CRM_ADMINS, NoBody),
    r("GET", "/pipelines/{id}/board", CRM, NoBody),
    r("GET", "/opportunities", CRM, NoBody),
    r(
        "POST",
        "/opportunities",
        CRM,
        Json(r#"{"customer_id": "<customer>", "pipeline_id": "<pipeline>", "title": "Novo negócio"}"#),
    ),
    r("GET", "/opportunities/{id}", CRM, NoBody),
    r("PATCH", "/opportunities/{id}", CRM, Json(r#"{"title": "Quimera caixa"}"#)),
    r("DELETE", "/opportunities/{id}", CRM, NoBody),
    r("POST", "/opportunities/{id}/move", CRM, Json(r#"{"stage_id": "<stage>"}"#)),
    r("GET", "/proposals", CRM, NoBody),
    r(
        "POST",
        "/proposals",
        CRM,
        Json(
            r#"{"customer_id": "<customer>", "title": "Nova proposta", "items": [{"description": "Hora", "quantity": 1, "unit_price_cents": 100}]}"#,
        ),
    ),
    r("GET", "/proposals/{id}", CRM, NoBody),
    r("PATCH", "/proposals/{id}", CRM, Json(r#"{"title": "Quimera proposta"}"#)),
    r("DELETE", "/proposals/{id}", CRM, NoBody),
    r("GET", "/proposals/{id}/versions", CRM, NoBody),
    r("GET", "/proposals/{id}/pdf", CRM, NoBody),
    r("GET", "/proposals/{id}/link", CRM, NoBody),
    r("POST", "/proposals/{id}/send", CRM, Json("{}")),
    r("GET", "/public/proposals/{token}", PUBLIC, NoBody),
    r("GET", "/public/proposals/{token}/pdf", PUBLIC, NoBody),
    r("POST", "/public/proposals/{token}/accept", PUBLIC, NoBody),
    r("POST", "/public/proposals/{token}/reject", PUBLIC, NoBody),
    r("GET", "/contracts", CRM, NoBody),
    r(
        "POST",
        "/contracts",
        CRM,
        Json(
            r#"{"customer_id": "<customer>", "title": "Novo contrato", "start_date": "2027-01-31", "items": [{"product_id": "<product>", "quantity": 1}]}"#,
        ),
    ),
    r("GET", "/contracts/{id}", CRM, NoBody),
    r("PATCH", "/contracts/{id}", CRM, Json(r#"{"title": "Quimera contrato"}"#)),
    r("POST", "/contracts/{id}/sign", CRM, NoBody),
    r("POST", "/contracts/{id}/suspend", CRM, NoBody),
    r("POST", "/contracts/{id}/resume", CRM, NoBody),
    r("POST", "/contracts/{id}/end", CRM, NoBody),
    r("POST", "/contracts/{id}/cancel", CRM, Json(r#"{"reason": "Cliente desistiu"}"#)),
    // Finance
    r("GET", "/invoices", FINANCE, NoBody),
    r(
        "POST",
        "/invoices",
        FINANCE,
        Json(
            r#"{"customer_id": "<customer>", "due_date": "2027-01-10", "items": [{"description": "Consultoria", "quantity": 1, "unit_price_cents": 5000}]}"#,
        ),
    ),
    r("GET", "/invoices/export.csv", FINANCE, NoBody),
    r("GET", "/invoices/{id}", FINANCE, NoBody),
    r("POST", "/invoices/{id}/issue", FINANCE, NoBody),
    r("GET", "/invoices/{id}/pdf", FINANCE, NoBody),
    r("GET", "/invoices/{id}/link", FINANCE, NoBody),
    r("GET", "/invoices/{id}/pix", FINANCE, NoBody),
    r("POST", "/invoices/{id}/send", FINANCE, Json("{}")),
    r("POST", "/invoices/{id}/charge", FINANCE, Json(r#"{"method": "pix_boleto"}"#)),
    r("POST", "/invoices/{id}/apply-credit", FINANCE, NoBody),
    r("POST", "/invoices/{id}/cancel", FINANCE, Json(r#"{"reason": "Emitida por engano"}"#)),
    r("GET", "/public/invoices/{token}", PUBLIC, NoBody),
    r("GET", "/public/invoices/{token}/pdf", PUBLIC, NoBody),
    r("POST", "/public/invoices/{token}/card", PUBLIC, NoBody),
    r("GET", "/payments", FINANCE, NoBody),
    r(
        "POST",
        "/payments",
        FINANCE,
        Json(r#"{"invoice_ids": ["<invoice>"], "method": "pix", "amount_cents": 100}"#),
    ),
    r("GET", "/payments/{id}", FINANCE, NoBody),
    r("GET", "/payments/{id}/receipt", FINANCE, NoBody),
    r("POST", "/payments/{id}/accept", FINANCE, NoBody),
    r("POST", "/payments/{id}/refund", FINANCE, Json(r#"{"reason": "Pago em dobro", "amount_cents": 100}"#)),
    r("GET", "/subscriptions", FINANCE, NoBody),
    r(
        "POST",
        "/subscriptions",
        FINANCE,
        Json(
            r#"{"customer_id": "<customer>", "description": "Novo plano", "amount_cents": 1000, "interval_months": 1}"#,
        ),
    ),
    r("GET", "/subscriptions/{id}", FINANCE, NoBody),
    r("PATCH", "/subscriptions/{id}", FINANCE, Json(r#"{"amount_cents": 1000}"#)),
    r("POST", "/subscriptions/{id}/pause", FINANCE, NoBody),
    r("POST", "/subscriptions/{id}/resume", FINANCE, NoBody),
    r("POST", "/subscriptions/{id}/cancel", FINANCE, Json(r#"{"reason": "Encerrou a empresa"}"#)),
    r("GET", "/finance/receivables", FINANCE, NoBody),
    r("GET", "/finance/summary", FINANCE, NoBody),
    r("GET", "/finance/settings", FINANCE, NoBody),
    r("PATCH", "/finance/settings", FINANCE_ADMINS, Json(r#"{"due_in_days": 5}"#)),
    r("GET", "/finance/gateways", FINANCE_ADMINS, NoBody),
    r(
        "POST",
        "/finance/gateways",
        FINANCE_ADMINS,
        Json(r#"{"provider": "asaas", "api_key": "$aact_chave_de_teste_1234"}"#),
    ),
    r("DELETE", "/finance/gateways/{id}", FINANCE_ADMINS, NoBody),
    r("POST", "/finance/gateways/{id}/test", FINANCE_ADMINS, NoBody),
    // Support
    r("GET", "/tickets", SUPPORT, NoBody),
    r("GET", "/tickets/counts", SUPPORT, NoBody),
    r("GET", "/tickets/{id}", SUPPORT, NoBody),
    r("PATCH", "/tickets/{id}", SUPPORT, Json(r#"{"priority": "high"}"#)),
    r("GET", "/tickets/{id}/triage", SUPPORT, NoBody),
    r("GET", "/tickets/{id}/suggestions", SUPPORT, NoBody),
    // Without an LLM configured the allowed roles get 409: the role and
    // tenant checks come first.
    r("POST", "/tickets/{id}/suggestions/draft", SUPPORT, NoBody),
    r("GET", "/tickets/{id}/summary", SUPPORT, NoBody),
    r("POST", "/tickets/{id}/summary", SUPPORT, NoBody),
    r("GET", "/tickets/{id}/messages", SUPPORT, NoBody),
    r("POST", "/tickets/{id}/messages", SUPPORT, Json(r#"{"text": "Estamos verificando."}"#)),
    r("POST", "/tickets/{id}/messages/{message_id}/retry", SUPPORT, NoBody),
    // Support and sales at once: "Enviar no chat".
    r("POST", "/tickets/{id}/proposals", SUPPORT_ADMINS, Json(r#"{"proposal_id": "<proposal>"}"#)),
    // Support and finance at once.
    r("POST", "/tickets/{id}/invoices", SUPPORT_ADMINS, Json(r#"{"invoice_id": "<invoice>"}"#)),
    r("GET", "/tickets/{id}/activities", SUPPORT, NoBody),
    r("POST", "/tickets/{id}/transfer", SUPPORT, Json(r#"{"team_id": "<team>"}"#)),
    r("POST", "/tickets/{id}/snooze", SUPPORT, Json(r#"{"until": "2030-01-01T00:00:00Z"}"#)),
    r("POST", "/tickets/{id}/merge", SUPPORT, Json(r#"{"into_ticket_id": "<ticket2>"}"#)),
    r("POST", "/tickets/{id}/customer", SUPPORT, Json(r#"{"customer_id": "<customer>"}"#)),
    r("POST", "/tickets/{id}/read", SUPPORT, NoBody),
    r("GET", "/tickets/{id}/attachments/{attachment_id}", SUPPORT, NoBody),
    r("GET", "/tickets/{id}/canned/{canned_id}", SUPPORT, NoBody),
    r("PUT", "/me/presence", SUPPORT, Json(r#"{"status": "online"}"#)),
    r("GET", "/channels", SUPPORT, NoBody),
    r("POST", "/channels", SUPPORT_ADMINS, Json(r#"{"kind": "webchat", "name": "Site"}"#)),
    r("GET", "/channels/{id}", SUPPORT, NoBody),
    r(
        "PATCH",
        "/channels/{id}",
        SUPPORT_ADMINS,
        Json(r#"{"kind": "email", "name": "Quimera e-mail", "config": {"address": "suporte@alfa.com.br"}}"#),
    ),
    r("DELETE", "/channels/{id}", SUPPORT_ADMINS, NoBody),
    r("POST", "/channels/{id}/test", SUPPORT_ADMINS, NoBody),
    r("POST", "/channels/{id}/rotate-inbound-secret", ADMINS, NoBody),
    r("POST", "/channels/{id}/sender-code", SUPPORT_ADMINS, NoBody),
    r("POST", "/channels/{id}/verify-sender", SUPPORT_ADMINS, Json(r#"{"code": "000000"}"#)),
    r("GET", "/teams", SUPPORT, NoBody),
    r("POST", "/teams", SUPPORT_ADMINS, Json(r#"{"name": "Nova equipe"}"#)),
    r(
        "PATCH",
        "/teams/{id}",
        SUPPORT_ADMINS,
        Json(r#"{"name": "Quimera equipe", "members": [{"user_id": "<agent>"}]}"#),
    ),
    r("DELETE", "/teams/{id}", SUPPORT_ADMINS, NoBody),
    r("GET", "/queues", SUPPORT, NoBody),
    r(
        "POST",
        "/queues",
        SUPPORT_ADMINS,
        Json(r#"{"name": "Nova fila", "team_id": "<team>", "routing": "manual"}"#),
    ),
    r(
        "PATCH",
        "/queues/{id}",
        SUPPORT_ADMINS,
        Json(r#"{"name": "Quimera fila", "team_id": "<team>", "routing": "manual"}"#),
    ),
    r("DELETE", "/queues/{id}", SUPPORT_ADMINS, NoBody),
    r("GET", "/canned-responses", SUPPORT, NoBody),
    r(
        "POST",
        "/canned-responses",
        SUPPORT_ADMINS,
        Json(r#"{"shortcut": "novo", "title": "Novo", "body": "Olá!"}"#),
    ),
    r(
        "PATCH",
        "/canned-responses/{id}",
        SUPPORT_ADMINS,
        Json(r#"{"shortcut": "quimera", "title": "Quimera", "body": "Olá, {{customer.name}}!"}"#),
    ),
    r("DELETE", "/canned-responses/{id}", SUPPORT_ADMINS, NoBody),
    r("GET", "/sla-policies", SUPPORT, NoBody),
    r(
        "PUT",
        "/sla-policies",
        SUPPORT_ADMINS,
        Json(r#"[{"priority": "normal", "first_response_minutes": 60, "resolution_minutes": 480}]"#),
    ),
    r("GET", "/triage-rules", SUPPORT, NoBody),
    r("PUT", "/triage-rules", SUPPORT_ADMINS, Json(r#"[{"keywords": ["boleto"], "priority": "high"}]"#)),
    r("POST", "/ai/triage/preview", SUPPORT, Json(r#"{"text": "Preciso da segunda via do boleto"}"#)),
    r("GET", "/ai/triage/accuracy", SUPPORT_ADMINS, NoBody),
    // The service bot
    r("GET", "/bot/settings", SUPPORT_ADMINS, NoBody),
    r(
        "PUT",
        "/bot/settings",
        SUPPORT_ADMINS,
        Json(
            r#"{"enabled": false, "channels": ["whatsapp"], "greeting": "Olá!", "menu": [{"label": "Atendente", "action": "human"}], "max_misunderstandings": 2}"#,
        ),
    ),
    r("POST", "/bot/preview", SUPPORT_ADMINS, Json(r#"{"messages": ["oi"]}"#)),
    r("GET", "/tickets/{id}/bot", SUPPORT, NoBody),
    // Analytics
    r("GET", "/customers/{id}/insights", ALL, NoBody),
    r("GET", "/insights/customers-at-risk", Who::Roles(&[Owner, Admin, Manager, Sales, Finance]), NoBody),
    r("GET", "/insights/topics", SUPPORT, NoBody),
    r("GET", "/dashboard/support", SUPPORT, NoBody),
    r("GET", "/dashboard/sales", CRM, NoBody),
    r("GET", "/dashboard/finance", FINANCE, NoBody),
    r("GET", "/dashboard/agents", SUPPORT_ADMINS, NoBody),
    r("GET", "/ai/settings", ADMINS, NoBody),
    r("PUT", "/ai/settings", ADMINS, Json(r#"{"provider": null}"#)),
    r("GET", "/ai/usage", ADMINS, NoBody),
    // Automation: flows, their switches, dry runs and run history.
    r("GET", "/automation/flows", AUTOMATION, NoBody),
    r("POST", "/automation/flows", AUTOMATION, Json(FLOW)),
    r("GET", "/automation/flows/{id}", AUTOMATION, NoBody),
    r("PATCH", "/automation/flows/{id}", AUTOMATION, Json(FLOW)),
    r("DELETE", "/automation/flows/{id}", AUTOMATION, NoBody),
    r("POST", "/automation/flows/{id}/activate", AUTOMATION, NoBody),
    r("POST", "/automation/flows/{id}/pause", AUTOMATION, NoBody),
    r(
        "POST",
        "/automation/flows/dry-run",
        AUTOMATION,
        Json(
            r#"{"definition": {"trigger_kind": "TicketCreated", "actions": [{"type": "add_tags", "tags": ["quimera"]}]}}"#,
        ),
    ),
    r("GET", "/automation/flows/{id}/runs", AUTOMATION, NoBody),
    r("POST", "/automation/flows/{id}/publish", AUTOMATION, NoBody),
    r("POST", "/automation/flows/{id}/discard-draft", AUTOMATION, NoBody),
    r("POST", "/automation/flows/{id}/archive", AUTOMATION, NoBody),
    r("GET", "/automation/flows/{id}/versions", AUTOMATION, NoBody),
    r("POST", "/automation/flows/{id}/run", AUTOMATION, Json(r#"{"ticket_id": "<ticket>"}"#)),
    r("GET", "/automation/runs", AUTOMATION, NoBody),
    r("POST", "/automation/runs/{id}/retry", AUTOMATION, NoBody),
    r("GET", "/automation/triggers", AUTOMATION, NoBody),
    r("GET", "/automation/gallery", AUTOMATION, NoBody),
    r("POST", "/automation/gallery/install", AUTOMATION, Json(r#"{"key": "sla-estourado"}"#)),
    // Integrations: outgoing webhook endpoints and their delivery log.
    r("GET", "/integrations/webhooks", ADMINS, NoBody),
    r("POST", "/integrations/webhooks", ADMINS, Json(WEBHOOK)),
    r("GET", "/integrations/webhooks/{id}", ADMINS, NoBody),
    r("PATCH", "/integrations/webhooks/{id}", ADMINS, Json(r#"{"description": "Quimera ERP"}"#)),
    r("DELETE", "/integrations/webhooks/{id}", ADMINS, NoBody),
    r("POST", "/integrations/webhooks/{id}/enable", ADMINS, NoBody),
    r("POST", "/integrations/webhooks/{id}/rotate-secret", ADMINS, NoBody),
    r("POST", "/integrations/webhooks/{id}/test", ADMINS, NoBody),
    r("GET", "/integrations/webhooks/{id}/deliveries", ADMINS, NoBody),
    r("POST", "/integrations/webhooks/{id}/deliveries/{delivery_id}/replay", ADMINS, NoBody),
    r("GET", "/search", ALL, NoBody),
    r("GET", "/addresses/lookup", ALL, NoBody),
    r("GET", "/public/webchat/{channel}", PUBLIC, NoBody),
    r("POST", "/public/webchat/{channel}/sessions", PUBLIC, NoBody),
    r("GET", "/public/webchat/messages", PUBLIC, NoBody),
    r("POST", "/public/webchat/messages", PUBLIC, NoBody),
    r("POST", "/public/webchat/seen", PUBLIC, NoBody),
    // The webhook inbox: a channel's log as support configures channels, a
    // gateway's as finance configures gateways.
    r(
        "GET",
        "/inbox",
        Who::Cases(&[
            ("/inbox?source=channel:<channel>", SUPPORT_ADMINS_ROLES),
            ("/inbox?source=gateway:<gateway>", FINANCE_ADMINS_ROLES),
        ]),
        NoBody,
    ),
    r(
        "POST",
        "/inbox/{id}/replay",
        Who::Cases(&[
            ("/inbox/<channel_event>/replay", SUPPORT_ADMINS_ROLES),
            ("/inbox/<gateway_event>/replay", FINANCE_ADMINS_ROLES),
        ]),
        NoBody,
    ),
];

/// The fixture an `{id}`-like path parameter names, by the segment before
/// it: `/tickets/{id}` is a ticket, `/messages/{message_id}` a message.
pub fn fixture_for(segment: &str) -> Option<&'static str> {
    Some(match segment {
        "canned-responses" | "canned" => "canned",
        "flows" => "flow",
        "runs" => "run",
        "channels" => "channel",
        "contacts" => "contact",
        "contracts" => "contract",
        "custom-fields" => "custom_field",
        "customers" => "customer",
        "imports" => "import",
        "gateways" => "gateway",
        "invitations" => "invitation",
        "invoices" => "invoice",
        "jobs" => "job",
        "opportunities" => "opportunity",
        "payments" => "payment",
        "pipelines" => "pipeline",
        "products" => "product",
        "proposals" => "proposal",
        "queues" => "queue",
        "subscriptions" => "subscription",
        "teams" => "team",
        "tickets" => "ticket",
        "messages" => "message",
        "notifications" => "notification",
        "sessions" => "session",
        "attachments" => "attachment",
        "users" => "user",
        "webhooks" => "webhook",
        "deliveries" => "delivery",
        _ => return None,
    })
}

/// `/api/v1/tickets/{id}/messages/{message_id}/retry` with the fixture's
/// ids, or the name of the segment nobody taught this table.
pub fn concrete(path: &str, world: &super::world::World) -> Result<String, String> {
    let mut out = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        if seg.starts_with('{') {
            let before = if i > 0 { segments[i - 1] } else { "" };
            let name =
                fixture_for(before).ok_or_else(|| format!("no fixture for a {seg} after /{before}/"))?;
            out.push(world.ids[name].clone());
        } else {
            out.push((*seg).to_string());
        }
    }
    Ok(out.join("/"))
}

/// The calls a row stands for: each concrete path (the fixture's ids in
/// it) and who may make it. None for a public row.
pub fn calls(
    row: &Route,
    path: &str,
    world: &super::world::World,
) -> Result<Vec<(String, &'static [Role])>, String> {
    Ok(match row.who {
        Who::Public => vec![],
        Who::Roles(roles) => vec![(concrete(path, world)?, roles)],
        Who::Cases(cases) => {
            cases.iter().map(|(p, roles)| (format!("/api/v1{}", world.fill(p)), *roles)).collect()
        }
    })
}

/// The row for `method path` (path as in the OpenAPI document).
pub fn lookup(method: &str, path: &str) -> Option<&'static Route> {
    let path = path.strip_prefix("/api/v1").unwrap_or(path);
    ROUTES.iter().find(|r| r.method == method && r.path == path)
}

/// Every operation of the document: (METHOD, path, has a path parameter,
/// declares bearer security, query parameter names).
pub fn operations() -> Vec<Operation> {
    let doc = serde_json::to_value(server::routes::openapi_document()).unwrap();
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            let query = op["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .filter(|p| p["in"] == "query")
                        .filter_map(|p| p["name"].as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            ops.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                secured: op.get("security").is_some_and(|s| s.as_array().is_some_and(|a| !a.is_empty())),
                query,
            });
        }
    }
    // Deletions last, so an object one route removes is still there for
    // the routes after it.
    ops.sort_by_key(|o| (o.method == "DELETE", o.path.clone(), o.method.clone()));
    ops
}

pub struct Operation {
    pub method: String,
    pub path: String,
    pub secured: bool,
    pub query: Vec<String>,
}

impl Operation {
    pub fn has_path_parameter(&self) -> bool {
        self.path.contains('{')
    }
}
