//! The isolation model itself: every table protected, the runtime role
//! powerless, no tenant carried across pooled connections, migrations
//! repeatable with an index behind every foreign key.
#![allow(clippy::unwrap_used)]

mod common;

use common::{TestApp, TestDb};
use sqlx::Row;

/// Global tables, each for a reason; every other table must be a tenant
/// table protected by RLS and composite keys.
const GLOBAL_TABLES: &[&str] = &[
    "_sqlx_migrations", // sqlx's own bookkeeping
    "plans",            // the plan catalogue, read-only for the runtime role
    "identities",       // login lookup by e-mail before the tenant is known
    "jobs",             // the job queue; rows carry tenant_id, workers read across tenants
    "outbox_events", // the event outbox; the dispatcher reads it, automation's dry run by the session's tenant_id
];

#[tokio::test]
async fn every_table_is_tenant_protected_or_allow_listed() {
    let db = TestDb::new().await;
    let mut conn = db.admin().await;
    let rows = sqlx::query(
        r#"select c.relname::text as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
                  (select pg_get_expr(p.polqual, p.polrelid) from pg_policy p
                    where p.polrelid = c.oid and p.polname = 'tenant_isolation') as using_expr,
                  (select pg_get_expr(p.polwithcheck, p.polrelid) from pg_policy p
                    where p.polrelid = c.oid and p.polname = 'tenant_isolation') as check_expr,
                  exists(select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                          and a.attnotnull and not a.attisdropped) as tenant_not_null,
                  (select a.attname::text from pg_index i join pg_attribute a
                      on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                    where i.indrelid = c.oid and i.indisprimary) as pk_first
             from pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            order by 1"#,
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(rows.len() > GLOBAL_TABLES.len(), "no tenant tables found");
    let mut problems = Vec::new();
    for row in rows {
        let name: String = row.get("name");
        if GLOBAL_TABLES.contains(&name.as_str()) {
            continue;
        }
        let using: Option<String> = row.get("using_expr");
        let check: Option<String> = row.get("check_expr");
        let ok = row.get::<bool, _>("rls")
            && row.get::<bool, _>("forced")
            && using.as_deref() == Some("(tenant_id = current_tenant())")
            && check.as_deref() == Some("(tenant_id = current_tenant())")
            && row.get::<bool, _>("tenant_not_null")
            && row.get::<Option<String>, _>("pk_first").as_deref() == Some("tenant_id");
        if !ok {
            problems.push(name);
        }
    }
    assert!(problems.is_empty(), "tables not protected: {problems:?}");

    // Composite foreign keys: a reference to a tenant table includes tenant_id.
    let loose: Vec<String> = sqlx::query_scalar(
        r#"select c.conrelid::regclass::text || '.' || c.conname
             from pg_constraint c
             join pg_class ref on ref.oid = c.confrelid
            where c.contype = 'f' and c.connamespace = 'public'::regnamespace
              and ref.relrowsecurity
              and not exists (select 1 from pg_attribute a
                               where a.attrelid = c.conrelid and a.attnum = any(c.conkey) and a.attname = 'tenant_id')"#,
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(loose.is_empty(), "foreign keys that could cross tenants: {loose:?}");
}

#[tokio::test]
async fn runtime_role_is_powerless_and_sees_nothing_without_a_tenant() {
    let t = TestApp::spawn().await;
    t.signup("Alfa").await;
    let row = sqlx::query(
        "select current_user::text as who, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                (select count(*) from pg_class where relowner = r.oid) as owned
           from pg_roles r where r.rolname = current_user",
    )
    .fetch_one(&t.app.db)
    .await
    .unwrap();
    assert_eq!(row.get::<String, _>("who"), "conectcrm_app");
    assert!(!row.get::<bool, _>("rolsuper"));
    assert!(!row.get::<bool, _>("rolbypassrls"));
    assert!(!row.get::<bool, _>("rolcreaterole"));
    assert!(!row.get::<bool, _>("rolcreatedb"));
    assert_eq!(row.get::<i64, _>("owned"), 0);
    // The data exists, but outside a tenant transaction the pool sees none of it.
    let users: i64 = sqlx::query_scalar("select count(*) from users").fetch_one(&t.app.db).await.unwrap();
    assert_eq!(users, 0);
    let mut admin = t.db.admin().await;
    let really: i64 = sqlx::query_scalar("select count(*) from users").fetch_one(&mut admin).await.unwrap();
    assert_eq!(really, 1);
    // And it cannot write the catalogue.
    let err = sqlx::query("update plans set price_cents = 0").execute(&t.app.db).await;
    assert!(err.is_err(), "runtime role wrote the plan catalogue");
}

#[tokio::test]
async fn tenant_of_one_request_never_reaches_the_next_on_the_same_connection() {
    let t = TestApp::spawn().await;
    let a = t.signup("Alfa").await;
    let b = t.signup("Beta").await;
    let config = kernel::config::Config::for_tests(&t.db.url, &t.data_dir);
    let pool = kernel::db::connect_runtime(&config, 1).await.unwrap();
    let tenant_a: uuid::Uuid = a.tenant_id.parse().unwrap();
    let mut tx = kernel::tenant::TenantTx::begin(&pool, tenant_a).await.unwrap();
    let pid_a: i32 = sqlx::query_scalar("select pg_backend_pid()").fetch_one(&mut *tx).await.unwrap();
    let seen: i64 = sqlx::query_scalar("select count(*) from users").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(seen, 1);
    tx.commit().await.unwrap();
    // Same physical connection (pool of one), next "request" without a tenant.
    let mut conn = pool.acquire().await.unwrap();
    let pid_next: i32 = sqlx::query_scalar("select pg_backend_pid()").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(pid_a, pid_next, "the test must reuse the connection");
    let setting: Option<String> =
        sqlx::query_scalar("select nullif(current_setting('app.tenant_id', true), '')")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!(setting, None);
    let leaked: i64 = sqlx::query_scalar("select count(*) from users").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(leaked, 0);
    drop(conn);
    // Through HTTP, too: B's requests after A's only ever see B.
    let (_, me_a) = t.get("/api/v1/users", &a.token).await;
    let (_, me_b) = t.get("/api/v1/users", &b.token).await;
    assert_eq!(me_a["items"].as_array().unwrap().len(), 1);
    assert_eq!(me_b["items"][0]["id"], b.user_id.as_str());
}

#[tokio::test]
async fn migrations_apply_twice_and_every_foreign_key_has_an_index() {
    let db = TestDb::empty().await;
    kernel::db::migrate(&db.url).await.unwrap();
    kernel::db::migrate(&db.url).await.unwrap();
    let mut conn = db.admin().await;
    let unindexed: Vec<String> = sqlx::query_scalar(
        r#"select c.conrelid::regclass::text || '.' || c.conname
             from pg_constraint c
            where c.contype = 'f' and c.connamespace = 'public'::regnamespace
              and not exists (
                select 1 from pg_index i
                 where i.indrelid = c.conrelid
                   and array(select unnest((string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)]) order by 1)
                     = array(select unnest(c.conkey) order by 1))"#,
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(unindexed.is_empty(), "foreign keys without an index: {unindexed:?}");
    let owner: String =
        sqlx::query_scalar("select tableowner::text from pg_tables where tablename = 'users'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(owner, "conectcrm_owner");
}

#[tokio::test]
async fn app_database_url_logs_in_as_the_runtime_role_with_its_password() {
    let db = TestDb::new().await;
    let data_dir = std::env::temp_dir().join(format!("conectcrm-test-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let mut config = kernel::config::Config::for_tests(&db.url, &data_dir);
    assert!(db.url.starts_with("postgres://postgres@"), "the harness's admin URL: {}", db.url);
    // `%40` is an `@` in the password: the URL's encoding is undone.
    let app_url = db.url.replacen("postgres://postgres@", "postgres://conectcrm_app:senha%40app-2026@", 1);
    config.app_database_url = Some(kernel::config::Secret::new(app_url));
    kernel::db::prepare(&config).await.unwrap();
    let app = server::build_app(config).await.unwrap();
    let who: String = sqlx::query_scalar("select current_user::text").fetch_one(&app.db).await.unwrap();
    assert_eq!(who, "conectcrm_app", "the pool logs in as the runtime role, no SET ROLE");
    let mut admin = db.admin().await;
    let row = sqlx::query("select rolcanlogin, rolpassword is not null as has_password from pg_authid where rolname = 'conectcrm_app'")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert!(row.get::<bool, _>("rolcanlogin"));
    assert!(row.get::<bool, _>("has_password"));
}
