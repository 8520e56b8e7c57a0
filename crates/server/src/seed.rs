//! `conectcrm seed-demo`: a company with an owner, one user of every role
//! and realistic data in every module that exists.

use accounts::auth::model::SignupRequest;
use accounts::auth::{repo as auth_repo, service as auth_service};
use accounts::company::model::{Address, UpdateCompanyRequest};
use kernel::App;
use kernel::auth::{Role, hash_password};
use kernel::ids::new_id;

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
    let hash = hash_password(password).await?;
    for (role, tag, name) in TEAM {
        let user_id = new_id();
        let user_email = team_email(email.as_str(), tag);
        accounts::users::repo::insert(&mut tx, created.tenant_id, user_id, name, &user_email, role).await?;
        auth_repo::insert_identity(&mut tx, &user_email, created.tenant_id, user_id, &hash).await?;
    }
    tx.commit().await?;
    Ok(SeedOutcome { created: true, users })
}
