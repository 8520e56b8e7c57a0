//! `conectcrm seed-demo`: a company with an owner, one user of every role
//! and realistic data in every module that exists.

use accounts::auth::model::SignupRequest;
use accounts::auth::{repo as auth_repo, service as auth_service};
use accounts::company::model::UpdateCompanyRequest;
use crm::customers::model::CustomerStatus;
use kernel::App;
use kernel::address::Address;
use kernel::auth::{Role, hash_password};
use kernel::br::{Cnpj, Cpf};
use kernel::ids::new_id;
use kernel::session::CurrentUser;
use kernel::tenant::TenantTx;

pub const DEMO_COMPANY: &str = "Conect Demo Comércio Ltda";
pub const DEMO_EMAIL: &str = "demo@conectcrm.com.br";
pub const DEMO_PASSWORD: &str = "demo-conect-2026";

pub struct SeedOutcome {
    pub created: bool,
    pub users: Vec<(Role, String)>,
}

/// People of the demo team, one per role besides the owner.
const TEAM: [(Role, &str, &str); 5] = [
    (Role::Admin, "admin", "Beatriz Nogueira"),
    (Role::Manager, "gerente", "Carlos Eduardo Lima"),
    (Role::Agent, "atendente", "Daniela Rocha"),
    (Role::Sales, "vendas", "Eduardo Tavares"),
    (Role::Finance, "financeiro", "Fernanda Alves"),
];

fn team_email(owner_email: &str, tag: &str) -> String {
    match owner_email.split_once('@') {
        Some((local, domain)) => format!("{local}+{tag}@{domain}"),
        None => format!("{tag}@{owner_email}"),
    }
}

pub async fn seed_demo(app: &App, company: &str, email: &str, password: &str) -> anyhow::Result<SeedOutcome> {
    let email = kernel::email::Email::parse(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let mut users: Vec<(Role, String)> = vec![(Role::Owner, email.to_string())];
    users.extend(TEAM.iter().map(|(role, tag, _)| (*role, team_email(email.as_str(), tag))));
    {
        let mut conn = app.db.acquire().await?;
        if auth_repo::email_taken(&mut conn, email.as_str()).await? {
            return Ok(SeedOutcome { created: false, users });
        }
    }
    let request = SignupRequest {
        company_name: company.to_string(),
        name: "Ana Beatriz Souza".into(),
        email: email.to_string(),
        password: password.to_string(),
    };
    let (mut tx, created) = auth_service::create_company(app, &request)
        .await
        .map_err(|e| anyhow::anyhow!("{e}: {:?}", e.to_problem().errors))?;
    let change = UpdateCompanyRequest {
        trade_name: Some(Some(company.split_whitespace().take(2).collect::<Vec<_>>().join(" "))),
        cnpj: Some(Some("11.222.333/0001-81".into())),
        email: Some(Some(format!("contato@{}", email.as_str().split('@').nth(1).unwrap_or("example.com")))),
        phone: Some(Some("(11) 3456-7890".into())),
        address: Some(Some(Address {
            cep: "01310-100".into(),
            street: "Avenida Paulista".into(),
            number: "1578".into(),
            complement: Some("Conjunto 42".into()),
            district: "Bela Vista".into(),
            city: "São Paulo".into(),
            state: "SP".into(),
        })),
        ..Default::default()
    }
    .check()
    .map_err(|e| anyhow::anyhow!("demo company data: {e}"))?;
    accounts::company::repo::update(&mut tx, created.tenant_id, &change).await?;
    accounts::plans::repo::set_company_plan(&mut tx, created.tenant_id, "pro").await?;
    // The demo owner's address is the operator's own: no confirmation link.
    auth_repo::confirm_company_email(&mut tx, created.tenant_id).await?;
    let hash = hash_password(password).await?;
    let mut team_ids = Vec::new();
    for (role, tag, name) in TEAM {
        let user_id = new_id();
        team_ids.push((role, user_id, name));
        let user_email = team_email(email.as_str(), tag);
        accounts::users::repo::insert(&mut tx, created.tenant_id, user_id, name, &user_email, role).await?;
        auth_repo::insert_identity(&mut tx, &user_email, created.tenant_id, user_id, &hash).await?;
    }
    tx.commit().await?;
    let owner = CurrentUser {
        id: created.owner_id,
        tenant_id: created.tenant_id,
        name: "Ana Beatriz Souza".into(),
        email: email.to_string(),
        role: Role::Owner,
        session_id: None,
        company_confirmed: true,
    };
    let customers = seed_crm(app, &owner)
        .await
        .map_err(|e| anyhow::anyhow!("demo CRM data: {e} {:?}", e.to_problem().errors))?;
    seed_finance(app, &owner, &customers)
        .await
        .map_err(|e| anyhow::anyhow!("demo finance data: {e} {:?}", e.to_problem().errors))?;
    seed_support(app, &owner, &team_ids)
        .await
        .map_err(|e| anyhow::anyhow!("demo support data: {e} {:?}", e.to_problem().errors))?;
    Ok(SeedOutcome { created: true, users })
}

struct DemoCustomer {
    person: bool,
    name: &'static str,
    trade_name: Option<&'static str>,
    email: &'static str,
    phone: &'static str,
    city: (&'static str, &'static str, &'static str),
    status: CustomerStatus,
    tags: &'static [&'static str],
    segment: &'static str,
}

const CUSTOMERS: [DemoCustomer; 10] = [
    DemoCustomer {
        person: false,
        name: "Padaria Pão Quente Ltda",
        trade_name: Some("Pão Quente"),
        email: "compras@paoquente.com.br",
        phone: "(11) 3456-7890",
        city: ("São Paulo", "SP", "01310100"),
        status: CustomerStatus::Active,
        tags: &["varejo", "vip"],
        segment: "Varejo",
    },
    DemoCustomer {
        person: false,
        name: "Clínica Sorriso Odontologia S/S",
        trade_name: Some("Clínica Sorriso"),
        email: "contato@clinicasorriso.com.br",
        phone: "(21) 2233-4455",
        city: ("Rio de Janeiro", "RJ", "20040020"),
        status: CustomerStatus::Active,
        tags: &["saúde"],
        segment: "Serviços",
    },
    DemoCustomer {
        person: true,
        name: "João Araújo da Silva",
        trade_name: None,
        email: "joao.araujo@gmail.com",
        phone: "(31) 98765-4321",
        city: ("Belo Horizonte", "MG", "30130010"),
        status: CustomerStatus::Lead,
        tags: &["indicação"],
        segment: "Serviços",
    },
    DemoCustomer {
        person: false,
        name: "Oficina Mecânica Irmãos Costa ME",
        trade_name: Some("Irmãos Costa"),
        email: "oficina@irmaoscosta.com.br",
        phone: "(41) 3344-5566",
        city: ("Curitiba", "PR", "80010000"),
        status: CustomerStatus::Lead,
        tags: &["automotivo"],
        segment: "Serviços",
    },
    DemoCustomer {
        person: true,
        name: "Mariana Lúcia Ferreira",
        trade_name: None,
        email: "mariana.ferreira@outlook.com",
        phone: "(51) 99123-4567",
        city: ("Porto Alegre", "RS", "90010000"),
        status: CustomerStatus::Active,
        tags: &[],
        segment: "Varejo",
    },
    DemoCustomer {
        person: false,
        name: "Mercado Bom Preço Comércio de Alimentos Ltda",
        trade_name: Some("Bom Preço"),
        email: "financeiro@bompreco.com.br",
        phone: "(71) 3222-1100",
        city: ("Salvador", "BA", "40020000"),
        status: CustomerStatus::Active,
        tags: &["varejo"],
        segment: "Varejo",
    },
    DemoCustomer {
        person: true,
        name: "Carlos Eduardo Nunes",
        trade_name: None,
        email: "cadu.nunes@yahoo.com.br",
        phone: "(85) 98888-7777",
        city: ("Fortaleza", "CE", "60010000"),
        status: CustomerStatus::Inactive,
        tags: &[],
        segment: "Serviços",
    },
    DemoCustomer {
        person: false,
        name: "Escola Aprender Mais Ltda",
        trade_name: Some("Aprender Mais"),
        email: "secretaria@aprendermais.edu.br",
        phone: "(61) 3033-2211",
        city: ("Brasília", "DF", "70040010"),
        status: CustomerStatus::Lead,
        tags: &["educação"],
        segment: "Educação",
    },
    DemoCustomer {
        person: false,
        name: "Studio Bela Forma Estética Ltda",
        trade_name: Some("Bela Forma"),
        email: "agenda@belaforma.com.br",
        phone: "(81) 3456-0099",
        city: ("Recife", "PE", "50010000"),
        status: CustomerStatus::Active,
        tags: &["saúde", "vip"],
        segment: "Serviços",
    },
    DemoCustomer {
        person: true,
        name: "Fernanda Oliveira Santos",
        trade_name: None,
        email: "fe.oliveira@gmail.com",
        phone: "(48) 99654-3210",
        city: ("Florianópolis", "SC", "88010000"),
        status: CustomerStatus::Lead,
        tags: &["indicação"],
        segment: "Educação",
    },
];

/// Products, a pipeline with deals in every stage, proposals in several
/// states and a signed contract, all through the CRM's own rules.
async fn seed_crm(app: &App, owner: &CurrentUser) -> kernel::Result<Vec<uuid::Uuid>> {
    use crm::custom_fields::model::{CreateCustomFieldRequest, FieldType};
    use crm::customers::model::{CreateCustomerRequest, CustomerKind};
    use crm::opportunities::model::{CreateOpportunityRequest, MoveRequest};
    use crm::products::model::{Billing, Product};
    use crm::proposals::model::{AcceptRequest, CreateProposalRequest, ItemInput};

    let tenant = owner.tenant_id;
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let field = CreateCustomFieldRequest {
        key: "segmento".into(),
        label: "Segmento".into(),
        field_type: FieldType::Select,
        options: vec!["Varejo".into(), "Serviços".into(), "Educação".into()],
        required: false,
    };
    crm::custom_fields::repo::insert(
        &mut tx,
        tenant,
        new_id(),
        &field.key,
        &field.label,
        field.field_type,
        &field.options,
        false,
    )
    .await?;
    let catalogue = [
        ("IMPL-01", "Implantação e treinamento", "h", 18_000, Billing::OneTime),
        ("PLANO-ESS", "Plano Essencial", "mês", 14_990, Billing::Monthly),
        ("PLANO-PRO", "Plano Profissional", "mês", 29_990, Billing::Monthly),
        ("SITE-01", "Site institucional", "un", 350_000, Billing::OneTime),
        ("SUP-ANUAL", "Suporte premium anual", "ano", 180_000, Billing::Yearly),
        ("CONS-H", "Consultoria", "h", 25_000, Billing::OneTime),
    ];
    let mut products = Vec::new();
    for (sku, name, unit, price, billing) in catalogue {
        let p = Product {
            id: new_id(),
            sku: sku.into(),
            name: name.into(),
            description: None,
            unit: unit.into(),
            price_cents: price,
            currency: "BRL".into(),
            billing,
            active: true,
            created_at: chrono::Utc::now(),
        };
        products.push(crm::products::repo::upsert(&mut tx, tenant, &p).await?);
    }
    let pipeline =
        crm::pipelines::service::save(&mut tx, None, &crm::pipelines::service::default_request()).await?;
    let mut customer_ids = Vec::new();
    for (i, c) in CUSTOMERS.iter().enumerate() {
        let document = if c.person {
            Cpf::from_base(123_456_700 + i as u32 * 7919).map(|d| d.as_str().to_string())
        } else {
            Cnpj::from_root(11_222_300 + i as u32 * 104_729).map(|d| d.as_str().to_string())
        };
        let req = CreateCustomerRequest {
            kind: if c.person { CustomerKind::Person } else { CustomerKind::Company },
            name: c.name.into(),
            trade_name: c.trade_name.map(str::to_string),
            document,
            emails: vec![c.email.into()],
            phones: vec![c.phone.into()],
            address: Some(Address {
                cep: c.city.2.into(),
                street: "Rua das Flores".into(),
                number: format!("{}", 100 + i * 37),
                complement: None,
                district: "Centro".into(),
                city: c.city.0.into(),
                state: c.city.1.into(),
            }),
            tags: c.tags.iter().map(|t| t.to_string()).collect(),
            owner_id: Some(owner.id),
            status: Some(c.status),
            notes: None,
            custom_fields: serde_json::json!({ "segmento": c.segment })
                .as_object()
                .cloned()
                .unwrap_or_default(),
        };
        customer_ids.push(crm::customers::service::create(&mut tx, owner, &req).await?.customer.id);
    }
    crm::timeline::repo::insert(
        &mut tx,
        tenant,
        crm::timeline::model::NewEntry {
            customer_id: customer_ids[0],
            opportunity_id: None,
            kind: "note",
            summary: "Cliente pediu integração com a maquininha de cartão. Retornar na segunda.".into(),
            data: serde_json::json!({}),
            actor_id: Some(owner.id),
            event_id: None,
            occurred_at: None,
        },
    )
    .await?;
    let deals = [
        (0, "Sistema de caixa para 3 lojas", 890_000, 3),
        (1, "Agenda online e lembretes por WhatsApp", 249_000, 2),
        (2, "Consultoria de processos", 150_000, 0),
        (3, "Site e atendimento por WhatsApp", 420_000, 1),
        (5, "Plano Profissional — 5 lojas", 1_799_400, 3),
        (7, "Portal de matrículas", 680_000, 0),
        (8, "Plano Essencial", 179_880, 4),
        (9, "Treinamento da equipe", 90_000, 5),
    ];
    let mut opportunity_ids = Vec::new();
    for (customer, title, value, stage) in deals {
        let o = crm::opportunities::service::create(
            &mut tx,
            Some(owner),
            &CreateOpportunityRequest {
                customer_id: customer_ids[customer],
                pipeline_id: pipeline.id,
                stage_id: None,
                title: title.into(),
                value_cents: value,
                expected_close_date: Some(
                    chrono::Utc::now().date_naive() + chrono::Duration::days(20 + value / 100_000),
                ),
                owner_id: Some(owner.id),
                source: Some("Indicação".into()),
                ticket_id: None,
            },
        )
        .await?;
        if stage > 0 {
            let target = &pipeline.stages[stage];
            let lost_reason = (target.kind == crm::pipelines::model::StageKind::Lost)
                .then(|| "Escolheu um concorrente".to_string());
            crm::opportunities::service::move_to(
                &mut tx,
                Some(owner),
                o.id,
                &MoveRequest { stage_id: target.id, after_id: None, lost_reason },
            )
            .await?;
        }
        opportunity_ids.push(o.id);
    }
    let proposal =
        |customer: usize, opportunity: usize, title: &str, items: Vec<ItemInput>| CreateProposalRequest {
            customer_id: customer_ids[customer],
            opportunity_id: Some(opportunity_ids[opportunity]),
            ticket_id: None,
            title: title.into(),
            valid_until: None,
            terms: "Pagamento em até 15 dias após a assinatura. Preços em reais, impostos inclusos.".into(),
            discount_bp: 0,
            items,
        };
    let item = |product: &Product, quantity: f64| ItemInput {
        product_id: Some(product.id),
        description: None,
        unit: None,
        quantity,
        unit_price_cents: None,
        discount_bp: 0,
        billing: None,
    };
    crm::proposals::service::create(
        &mut tx,
        owner,
        &proposal(2, 2, "Consultoria de processos", vec![item(&products[5], 6.0)]),
    )
    .await?;
    let sent = crm::proposals::service::create(
        &mut tx,
        owner,
        &proposal(
            0,
            0,
            "Sistema de caixa — 3 lojas",
            vec![item(&products[0], 12.0), item(&products[2], 3.0)],
        ),
    )
    .await?;
    let won = crm::proposals::service::create(
        &mut tx,
        owner,
        &proposal(
            5,
            4,
            "Plano Profissional — 5 lojas",
            vec![item(&products[0], 8.0), item(&products[2], 5.0)],
        ),
    )
    .await?;
    crm::proposals::service::send(app, &mut tx, owner, sent.id, None).await?;
    let link = crm::proposals::service::send(app, &mut tx, owner, won.id, None).await?.public_url;
    tx.commit().await?;
    let token = link.rsplit('/').next().unwrap_or_default().to_string();
    let accept = AcceptRequest {
        name: "Roberto Almeida".into(),
        document: None,
        email: Some("financeiro@bompreco.com.br".into()),
    };
    crm::proposals::service::accept(app, &token, &accept, "127.0.0.1 (demo)").await?;
    Ok(customer_ids)
}

/// Invoices in every status, subscriptions (one catching up four months,
/// one quarterly, one cancelled), payments, a refund and the PIX key —
/// all through finance's own rules.
async fn seed_finance(app: &App, owner: &CurrentUser, customers: &[uuid::Uuid]) -> kernel::Result<()> {
    use chrono::{Duration, Months};
    use finance::invoices::model::{CreateInvoiceRequest, NewInvoiceItem};
    use finance::ledger::model::{PaymentMethod, RefundRequest, RegisterPaymentRequest};
    use finance::settings::model::FinanceSettings;
    use finance::subscriptions::model::CreateSubscriptionRequest;

    let tenant = owner.tenant_id;
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let settings = FinanceSettings {
        pix_key: Some("11222333000181".into()),
        pix_key_kind: Some("cnpj".into()),
        merchant_city: Some("Sao Paulo".into()),
        ..FinanceSettings::default()
    };
    finance::settings::repo::save(&mut tx, tenant, &settings).await?;
    let today = finance::parties::company(&mut tx, tenant).await?.today();
    let day = |offset: i64| today + Duration::days(offset);
    let invoice = |customer: uuid::Uuid, issue: i64, due: i64, text: &str, cents: i64, draft: bool| {
        CreateInvoiceRequest {
            customer_id: customer,
            contract_id: None,
            issue_date: Some(day(issue)),
            due_date: day(due),
            description: text.to_string(),
            items: vec![NewInvoiceItem {
                description: text.to_string(),
                quantity: Some(1.0),
                unit_price_cents: cents,
            }],
            discount_cents: 0,
            draft,
        }
    };
    let c = |i: usize| customers[i % customers.len()];
    let pay = |invoice: uuid::Uuid, cents: i64, method: PaymentMethod, on: i64| RegisterPaymentRequest {
        customer_id: None,
        invoice_ids: vec![invoice],
        method,
        amount_cents: cents,
        received_on: Some(day(on)),
        reference: "Demonstração".into(),
    };
    let svc = finance::invoices::service::create;
    svc(&mut tx, owner.id, &invoice(c(1), -2, 10, "Manutenção preventiva de equipamentos", 45_000, false))
        .await?;
    svc(&mut tx, owner.id, &invoice(c(2), -40, -25, "Treinamento da equipe — 8 h", 200_000, false)).await?;
    let partial =
        svc(&mut tx, owner.id, &invoice(c(3), -15, 5, "Desenvolvimento do site — 1ª etapa", 120_000, false))
            .await?;
    finance::ledger::service::register(&mut tx, owner.id, &pay(partial.id, 50_000, PaymentMethod::Pix, -3))
        .await?;
    let paid =
        svc(&mut tx, owner.id, &invoice(c(4), -20, -5, "Consultoria de processos", 89_000, false)).await?;
    finance::ledger::service::register(&mut tx, owner.id, &pay(paid.id, 89_000, PaymentMethod::Transfer, -6))
        .await?;
    svc(&mut tx, owner.id, &invoice(c(5), 0, 15, "Campanha de marketing (rascunho)", 75_000, true)).await?;
    let cancelled =
        svc(&mut tx, owner.id, &invoice(c(6), -10, 0, "Serviço lançado em duplicidade", 30_000, false))
            .await?;
    finance::invoices::service::cancel(&mut tx, cancelled.id, "Lançada em duplicidade").await?;
    let refunded = svc(&mut tx, owner.id, &invoice(c(7), -30, -20, "Visita técnica", 30_000, false)).await?;
    let p = finance::ledger::service::register(
        &mut tx,
        owner.id,
        &pay(refunded.id, 30_000, PaymentMethod::Pix, -21),
    )
    .await?;
    let refund = RefundRequest { amount_cents: None, reason: "Visita não realizada".into() };
    finance::ledger::service::refund(&mut tx, Some(owner.id), p.id, &refund, None).await?;

    let subscription =
        |customer: uuid::Uuid, text: &str, cents: i64, months: i32, started: u32| CreateSubscriptionRequest {
            customer_id: customer,
            description: text.into(),
            amount_cents: cents,
            interval_months: months,
            start_date: today.checked_sub_months(Months::new(started)),
            anchor_day: None,
            ends_on: None,
        };
    let monthly = finance::subscriptions::service::create(
        &mut tx,
        &subscription(c(8), "Plano Profissional", 29_990, 1, 4),
    )
    .await?;
    finance::subscriptions::service::create(
        &mut tx,
        &subscription(c(9), "Suporte premium trimestral", 45_000, 3, 1),
    )
    .await?;
    let churned = finance::subscriptions::service::create(
        &mut tx,
        &subscription(c(0), "Plano Essencial", 14_990, 1, 0),
    )
    .await?;
    finance::subscriptions::service::cancel(&mut tx, churned.id, "Cliente migrou para outro sistema").await?;
    // The three oldest periods of the monthly plan were paid on time.
    let filter =
        finance::invoices::model::InvoiceFilter { subscription_id: Some(monthly.id), ..Default::default() };
    let page = kernel::pagination::PageParams { limit: Some(50), ..Default::default() }.parse()?;
    let mut periods = finance::invoices::repo::list(&mut tx, tenant, &page, &filter, today).await?;
    periods.sort_by_key(|i| i.period_start);
    for inv in periods.iter().take(3) {
        let on = (inv.due_date - today).num_days() - 1;
        finance::ledger::service::register(
            &mut tx,
            owner.id,
            &pay(inv.id, inv.total_cents, PaymentMethod::Pix, on),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A support team with a queue, web-chat and e-mail channels, canned
/// responses, triage rules and a few conversations — through support's
/// own intake, so tickets are triaged, routed and timed like real ones.
async fn seed_support(
    app: &App,
    owner: &CurrentUser,
    team: &[(Role, uuid::Uuid, &str)],
) -> kernel::Result<()> {
    use serde_json::json;
    use support::tickets::service::{Incoming, ingest};

    let tenant = owner.tenant_id;
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let team_id = new_id();
    let hours = json!(
        (1..=5).map(|d| json!({"weekday": d, "opens": "08:00", "closes": "18:00"})).collect::<Vec<_>>()
    );
    support::teams::repo::save_team(&mut tx, tenant, team_id, "Atendimento", &hours).await?;
    let members: Vec<(uuid::Uuid, i32)> = team
        .iter()
        .filter(|(role, ..)| matches!(role, Role::Agent | Role::Manager))
        .map(|(_, id, _)| (*id, 10))
        .collect();
    support::teams::repo::set_members(&mut tx, tenant, team_id, &members).await?;
    support::teams::repo::save_queue(
        &mut tx,
        tenant,
        new_id(),
        "Geral",
        team_id,
        support::teams::model::Routing::RoundRobin,
    )
    .await?;
    for (id, _) in &members {
        support::teams::repo::set_presence(&mut tx, tenant, *id, "online").await?;
    }
    let webchat_id = new_id();
    let config = json!({"greeting": "Olá! Como podemos ajudar?", "color": "#2563eb", "prechat": true});
    let channel = |id, kind, name, config| support::channels::repo::SaveChannel {
        id,
        kind,
        name,
        config,
        credentials: None,
        enabled: true,
        team_id: Some(team_id),
    };
    support::channels::repo::upsert(
        &mut tx,
        tenant,
        &channel(webchat_id, "webchat", "Chat do site", &config),
    )
    .await?;
    let email_config = json!({"address": "suporte@conectdemo.com.br", "from_name": "Suporte Conect Demo",
                              "inbound_token": new_id().simple().to_string()});
    let email_id = new_id();
    support::channels::repo::upsert(
        &mut tx,
        tenant,
        &channel(email_id, "email", "E-mail do suporte", &email_config),
    )
    .await?;
    // The inbound token is sealed like every channel secret.
    support::channels::service::seal_legacy(app, &mut tx, email_id).await?;
    for (shortcut, title, body) in [
        ("ola", "Saudação", "Olá, {{customer.first_name}}! Aqui é {{agent.name}}. Como posso ajudar?"),
        (
            "prazo",
            "Prazo de entrega",
            "O prazo de entrega é de 3 a 5 dias úteis após a confirmação do pagamento.",
        ),
        (
            "obrigado",
            "Encerramento",
            "Obrigado pelo contato, {{customer.first_name}}! Qualquer dúvida, é só chamar.",
        ),
    ] {
        let req = support::canned::model::SaveCannedRequest {
            shortcut: shortcut.into(),
            title: title.into(),
            body: body.into(),
        };
        support::canned::repo::insert(&mut tx, tenant, &req).await?;
    }
    let rule = |position, words: &[&str], category: &str, priority| support::triage::keywords::TriageRule {
        id: new_id(),
        position,
        keywords: words.iter().map(|w| w.to_string()).collect(),
        category: Some(category.into()),
        priority: Some(priority),
        team_id: Some(team_id),
    };
    use support::tickets::model::Priority;
    support::triage::keywords::replace(
        &mut tx,
        tenant,
        &[
            rule(0, &["boleto", "fatura", "pagamento", "pix"], "financeiro", Priority::High),
            rule(1, &["erro", "travou", "não funciona", "bug"], "suporte técnico", Priority::Urgent),
            rule(2, &["orçamento", "preço", "plano"], "vendas", Priority::Normal),
        ],
    )
    .await?;
    let webchat = support::channels::repo::find_for_intake(&mut tx, tenant, webchat_id)
        .await?
        .ok_or(kernel::Error::NotFound)?;
    let email = support::channels::repo::find_for_intake(&mut tx, tenant, email_id)
        .await?
        .ok_or(kernel::Error::NotFound)?;
    let chats = [
        (
            "Roberto Almeida",
            "compras@paoquente.com.br",
            "Bom dia! O boleto de novembro ainda não chegou, podem reenviar?",
        ),
        ("Marina Lopes", "marina.lopes@gmail.com", "Vocês têm plano para 3 lojas? Queria um orçamento."),
        (
            "Clínica Sorriso",
            "contato@clinicasorriso.com.br",
            "O sistema travou na hora de emitir a nota, é urgente!",
        ),
    ];
    for (i, (name, mail, text)) in chats.iter().enumerate() {
        let visitor = new_id();
        let incoming = Incoming {
            provider_message_id: format!("webchat:{visitor}:demo{i}"),
            address: format!("visitor:{visitor}"),
            name: Some(name.to_string()),
            email: Some(mail.to_string()),
            text: text.to_string(),
            extra: json!({}),
            ..Default::default()
        };
        ingest(app, &mut tx, &webchat, incoming).await?;
    }
    let incoming = Incoming {
        provider_message_id: format!("demo-{}@cliente.com.br", new_id()),
        address: "financeiro@bompreco.com.br".into(),
        name: Some("Supermercado Bom Preço".into()),
        email: Some("financeiro@bompreco.com.br".into()),
        subject: Some("Segunda via da nota fiscal de outubro".into()),
        text: "Olá, precisamos da segunda via da nota fiscal de outubro para o fechamento. Obrigado!".into(),
        extra: json!({}),
        ..Default::default()
    };
    ingest(app, &mut tx, &email, incoming).await?;
    // A known customer with an overdue invoice, upset: Insights → "Clientes
    // em risco" has someone to show.
    let incoming = Incoming {
        provider_message_id: format!("demo-{}@gmail.com", new_id()),
        address: "joao.araujo@gmail.com".into(),
        name: Some("João Araújo da Silva".into()),
        email: Some("joao.araujo@gmail.com".into()),
        subject: Some("Cobrança errada de novo".into()),
        text: "Estou muito insatisfeito. A cobrança veio errada de novo, é um absurdo e o atendimento é péssimo. \
               Se não resolverem hoje, vou cancelar o contrato."
            .into(),
        extra: json!({}),
        ..Default::default()
    };
    ingest(app, &mut tx, &email, incoming).await?;
    tx.commit().await?;
    Ok(())
}
