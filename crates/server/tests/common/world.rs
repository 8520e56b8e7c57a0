//! One company with one of everything, for the route matrices: every path
//! parameter of the API resolves to a real object of this company, and
//! every body placeholder (`<customer>`, `<ticket2>`…) to a real id.
//! User-visible names carry the word [`TERM`] so the search matrix can look
//! for something that really exists.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{Actor, TestApp};

/// A word in the names of this company's customers, products, deals,
/// tickets…: searched for by the other company, which must find nothing.
pub const TERM: &str = "Quimera";

/// A PNG header is all the logo check reads.
pub const PNG: &[u8] =
    &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R'];

pub struct World {
    pub owner: Actor,
    /// One user of each role other than owner, by role name.
    pub members: Vec<(&'static str, Actor)>,
    /// A user who was deactivated after signing in: the token is still
    /// well signed, the account is not.
    pub deactivated: Actor,
    /// Placeholder name → id (`customer`, `ticket`, `attachment`…).
    pub ids: BTreeMap<&'static str, String>,
}

fn id(v: &Value) -> String {
    match &v["id"] {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => panic!("no id in {v} ({other})"),
    }
}

async fn created(t: &TestApp, who: &Actor, path: &str, body: Value) -> Value {
    let (s, b) = t.post(path, Some(&who.token), body).await;
    assert!(s == StatusCode::CREATED || s == StatusCode::OK, "POST {path}: {s} {b}");
    b
}

fn items(v: &Value) -> Vec<Value> {
    v.get("items").and_then(Value::as_array).or_else(|| v.as_array()).cloned().unwrap_or_default()
}

/// A raw e-mail with a PDF attached, so its ticket has an attachment.
/// Each sender gets a ticket of their own.
fn mail(from: &str, message_id: &str, subject: &str) -> Vec<u8> {
    format!(
        "From: Cliente {TERM} <{from}>\r\nTo: suporte@alfa.com.br\r\nSubject: {subject}\r\n\
         Message-ID: <{message_id}>\r\nDate: Sun, 29 Nov 2026 10:00:00 -0300\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         {TERM}: o caixa travou\r\n--b1\r\nContent-Type: application/pdf; name=\"nota.pdf\"\r\n\
         Content-Disposition: attachment; filename=\"nota.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\
         JVBERi0xLjQKJSVFT0YK\r\n--b1--\r\n"
    )
    .into_bytes()
}

impl World {
    pub async fn build(t: &TestApp, company: &str) -> World {
        let owner = t.signup(company).await;
        let mut ids = BTreeMap::new();
        // Enough seats for one user of every role.
        t.set_plan(&owner, "enterprise").await;
        let mut members = Vec::new();
        for role in ["admin", "manager", "agent", "sales", "finance"] {
            members.push((role, t.add_user(&owner, role).await));
        }
        let spare = t.add_user(&owner, "agent").await;
        ids.insert("user", spare.user_id.clone());
        let deactivated = t.add_user(&owner, "agent").await;
        let (s, b) = t
            .patch(&format!("/api/v1/users/{}", deactivated.user_id), &owner.token, json!({"active": false}))
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
        let o = &owner;

        // CRM
        t.drain_jobs().await;
        let (_, pipelines) = t.get("/api/v1/pipelines", &o.token).await;
        let pipeline = items(&pipelines)[0].clone();
        ids.insert("pipeline", id(&pipeline));
        let open =
            pipeline["stages"].as_array().unwrap().iter().find(|s| s["kind"] == "open").unwrap().clone();
        ids.insert("stage", id(&open));
        let customer = created(
            t,
            o,
            "/api/v1/customers",
            json!({"kind": "company", "name": format!("{TERM} Padaria"),
            "document": "11.222.333/0001-81", "emails": ["compras@quimera.com.br"]}),
        )
        .await;
        ids.insert("customer", id(&customer));
        let customer2 = created(
            t,
            o,
            "/api/v1/customers",
            json!({"kind": "person", "name": format!("{TERM} Segunda"),
            "document": "529.982.247-25"}),
        )
        .await;
        ids.insert("customer2", id(&customer2));
        let c = ids["customer"].clone();
        let contact = created(
            t,
            o,
            &format!("/api/v1/customers/{c}/contacts"),
            json!({"name": format!("{TERM} Contato"), "email": "contato@quimera.com.br"}),
        )
        .await;
        ids.insert("contact", id(&contact));
        let product = created(
            t,
            o,
            "/api/v1/products",
            json!({"sku": "QMR-1", "name": format!("{TERM} Suporte"),
            "unit": "mês", "price_cents": 19990, "billing": "monthly"}),
        )
        .await;
        ids.insert("product", id(&product));
        let opp = created(
            t,
            o,
            "/api/v1/opportunities",
            json!({"customer_id": c, "pipeline_id": ids["pipeline"],
            "title": format!("{TERM} caixa"), "value_cents": 500000}),
        )
        .await;
        ids.insert("opportunity", id(&opp));
        let proposal = created(t, o, "/api/v1/proposals", json!({"customer_id": c, "opportunity_id": ids["opportunity"],
            "title": format!("{TERM} proposta"), "items": [{"description": "Implantação", "quantity": 1, "unit_price_cents": 19999}]}))
        .await;
        ids.insert("proposal", id(&proposal));
        let contract = created(t, o, "/api/v1/contracts", json!({"customer_id": c, "title": format!("{TERM} contrato"),
            "start_date": "2027-01-31", "term_months": 12, "items": [{"product_id": ids["product"], "quantity": 1}]}))
        .await;
        ids.insert("contract", id(&contract));
        let field = created(
            t,
            o,
            "/api/v1/custom-fields",
            json!({"key": "quimera", "label": TERM, "field_type": "text"}),
        )
        .await;
        ids.insert("custom_field", id(&field));
        let res = t
            .http
            .post(t.url("/api/v1/customers/imports?filename=planilha.csv"))
            .bearer_auth(&o.token)
            .header("content-type", "text/csv")
            .body(format!("Nome;E-mail\n{TERM} Importada;importada@quimera.com.br\n"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        let import: Value = res.json().await.unwrap();
        ids.insert("import", id(&import));

        // Finance
        let today = chrono::Utc::now().date_naive();
        let invoice = created(
            t,
            o,
            "/api/v1/invoices",
            json!({"customer_id": c, "issue_date": today,
            "due_date": today + chrono::Duration::days(5), "description": format!("{TERM} fatura"),
            "items": [{"description": "Consultoria", "quantity": 1, "unit_price_cents": 5000}]}),
        )
        .await;
        ids.insert("invoice", id(&invoice));
        let payment = created(
            t,
            o,
            "/api/v1/payments",
            json!({"invoice_ids": [ids["invoice"]], "method": "pix", "amount_cents": 1000}),
        )
        .await;
        ids.insert("payment", id(&payment));
        let sub = created(
            t,
            o,
            "/api/v1/subscriptions",
            json!({"customer_id": c, "description": format!("{TERM} plano"),
            "amount_cents": 1000, "interval_months": 1}),
        )
        .await;
        ids.insert("subscription", id(&sub));
        let gw = created(
            t,
            o,
            "/api/v1/finance/gateways",
            json!({"provider": "asaas", "api_key": "$aact_chave_de_teste_1234"}),
        )
        .await;
        ids.insert("gateway", id(&gw));
        let hook = format!("/hooks/asaas/{}.{}", o.tenant_id, ids["gateway"]);
        let event = json!({"id": "evt_quimera&1", "event": "PAYMENT_RECEIVED", "dateCreated": "2026-11-29 10:00:00",
            "payment": {"id": "pay_quimera", "value": 50.0, "netValue": 49.0, "status": "RECEIVED", "billingType": "PIX",
                        "externalReference": ids["invoice"]}});
        let res = t
            .http
            .post(t.url(&hook))
            .header("asaas-access-token", gw["webhook_secret"].as_str().unwrap())
            .json(&event)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let (_, events) = t.get(&format!("/api/v1/inbox?source=gateway:{}", ids["gateway"]), &o.token).await;
        ids.insert("gateway_event", id(&items(&events)[0]));

        // Support
        // The agent is in the team, so a ticket transferred to it stays
        // theirs to work (agents act only on their teams' tickets).
        let agent = &members.iter().find(|(r, _)| *r == "agent").unwrap().1;
        ids.insert("agent", agent.user_id.clone());
        let team = created(
            t,
            o,
            "/api/v1/teams",
            json!({"name": format!("{TERM} equipe"), "members": [{"user_id": agent.user_id}]}),
        )
        .await;
        ids.insert("team", id(&team));
        let queue = created(
            t,
            o,
            "/api/v1/queues",
            json!({"name": format!("{TERM} fila"), "team_id": ids["team"], "routing": "manual"}),
        )
        .await;
        ids.insert("queue", id(&queue));
        let canned = created(
            t,
            o,
            "/api/v1/canned-responses",
            json!({"shortcut": "quimera", "title": TERM, "body": "Olá, {{customer.name}}!"}),
        )
        .await;
        ids.insert("canned", id(&canned));
        let flow = created(
            t,
            o,
            "/api/v1/automation/flows",
            json!({"name": format!("{TERM} fluxo"), "trigger_kind": "TicketCreated",
                   "actions": [{"type": "add_tags", "tags": ["quimera"]}]}),
        )
        .await;
        ids.insert("flow", id(&flow));
        // An active flow whose webhook the egress guard refuses: the
        // tickets below give it failed runs (a retry's fixture).
        let failing = created(
            t,
            o,
            "/api/v1/automation/flows",
            json!({"name": format!("{TERM} webhook"), "trigger_kind": "TicketCreated",
                   "actions": [{"type": "webhook", "url": "http://10.0.0.1/quimera"}]}),
        )
        .await;
        let (s, b) = t
            .post(&format!("/api/v1/automation/flows/{}/activate", id(&failing)), Some(&o.token), json!({}))
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
        // An endpoint nobody can reach (no DNS here): its test ping is a
        // failed delivery, the fixture of the delivery routes.
        let hook = created(
            t,
            o,
            "/api/v1/integrations/webhooks",
            json!({"url": "https://erp.quimera.example/hooks", "description": format!("{TERM} ERP"),
                   "event_kinds": ["CustomerCreated"]}),
        )
        .await;
        ids.insert("webhook", id(&hook["endpoint"]));
        let ping =
            created(t, o, &format!("/api/v1/integrations/webhooks/{}/test", ids["webhook"]), json!({})).await;
        ids.insert("delivery", id(&ping));
        let ch = created(t, o, "/api/v1/channels",
            json!({"kind": "email", "name": format!("{TERM} e-mail"), "config": {"address": "suporte@alfa.com.br"}})).await;
        ids.insert("channel", id(&ch));
        let inbound = format!(
            "/hooks/email/{}?token={}",
            ch["public_id"].as_str().unwrap(),
            ch["inbound_secret"].as_str().unwrap()
        );
        for (n, subject) in [(1, format!("{TERM} caixa travou")), (2, format!("{TERM} boleto"))] {
            let res = t
                .http
                .post(t.url(&inbound))
                .header("content-type", "message/rfc822")
                .body(mail(&format!("cliente{n}@quimera.com.br"), &format!("q{n}@quimera.com.br"), &subject))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK);
        }
        t.drain_jobs().await;
        let (_, tickets) = t.get("/api/v1/tickets", &o.token).await;
        let tickets = items(&tickets);
        assert_eq!(tickets.len(), 2, "{tickets:?}");
        ids.insert("ticket", id(&tickets[0]));
        ids.insert("ticket2", id(&tickets[1]));
        let (_, runs) = t.get(&format!("/api/v1/automation/flows/{}/runs", id(&failing)), &o.token).await;
        let failed = items(&runs).iter().find(|r| r["status"] == "failed").cloned();
        ids.insert("run", id(&failed.expect("the refused webhook failed a run")));
        let (_, msgs) = t.get(&format!("/api/v1/tickets/{}/messages", ids["ticket"]), &o.token).await;
        let attachment = items(&msgs).iter().find_map(|m| m["attachments"].as_array()?.first().cloned());
        ids.insert("attachment", id(&attachment.expect("the e-mail's PDF is an attachment")));
        let reply = created(
            t,
            o,
            &format!("/api/v1/tickets/{}/messages", ids["ticket"]),
            json!({"text": format!("{TERM}: já verificamos")}),
        )
        .await;
        ids.insert("message", id(&reply));
        let agent_actor = &members.iter().find(|(r, _)| *r == "agent").expect("an agent").1;
        let note = created(
            t,
            o,
            &format!("/api/v1/tickets/{}/messages", ids["ticket"]),
            json!({"text": format!("{TERM}: veja este"), "note": true, "mentions": [agent_actor.user_id]}),
        )
        .await;
        assert_eq!(note["direction"], "note", "{note}");
        t.drain_jobs().await;
        let (_, bell) = t.get("/api/v1/notifications", &agent_actor.token).await;
        ids.insert(
            "notification",
            id(&items(&bell).first().cloned().expect("the mention notified the agent")),
        );
        let (_, logins) = t.get("/api/v1/me/sessions", &spare.token).await;
        ids.insert("session", id(&items(&logins)[0]));
        let (_, events) = t.get(&format!("/api/v1/inbox?source=channel:{}", ids["channel"]), &o.token).await;
        ids.insert("channel_event", id(&items(&events)[0]));

        // Accounts and operations
        let inv = created(
            t,
            o,
            "/api/v1/invitations",
            json!({"email": "convite-quimera@equipe.com.br", "role": "agent"}),
        )
        .await;
        ids.insert("invitation", id(&inv));
        let (s, b) = t.put_bytes("/api/v1/company/logo", &o.token, "image/png", PNG.to_vec()).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        t.enqueue_failing_job(o, 1).await;
        t.drain_jobs().await;
        let (_, dead) = t.get("/api/v1/jobs/dead", &o.token).await;
        ids.insert("job", id(&items(&dead)[0]));

        World { owner, members, deactivated, ids }
    }

    /// `text` with every `<name>` replaced by this world's id of that name.
    pub fn fill(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (name, id) in &self.ids {
            out = out.replace(&format!("<{name}>"), id);
        }
        let left = out.find('<').and_then(|i| out[i..].find('>').map(|j| &out[i..=i + j]));
        assert!(left.is_none_or(|p| p.contains(' ')), "no fixture for {left:?} in {text}");
        out
    }
}
