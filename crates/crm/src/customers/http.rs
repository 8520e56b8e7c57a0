use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::ids::new_id;
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::sheet;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{
    Contact, ContactRequest, CreateCustomerRequest, CreatedCustomer, Customer, CustomerDetail,
    CustomerFilter, CustomerPage, DuplicateHint, DuplicateQuery, MergeRequest, UpdateCustomerRequest,
    clean_emails, clean_phones, parse_document,
};
use super::{repo, service};
use crate::{CRM_ROLES, CUSTOMER_READERS};

/// Largest CSV export, in rows.
const EXPORT_LIMIT: i64 = 100_000;

/// Enums only the list's query parameters use: utoipa collects schemas from
/// bodies, not from `IntoParams`, so they are declared here for the document
/// (and the web's generated types).
#[derive(utoipa::OpenApi)]
#[openapi(components(schemas(super::model::CustomerSort)))]
struct FilterSchemas;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::with_openapi(<FilterSchemas as utoipa::OpenApi>::openapi())
        .routes(routes!(list_customers, create_customer))
        .routes(routes!(get_customer, update_customer, delete_customer))
        .routes(routes!(merge_customers))
        .routes(routes!(find_duplicates))
        .routes(routes!(export_customers))
        .routes(routes!(list_contacts, create_contact))
        .routes(routes!(get_contact, update_contact, delete_contact))
}

fn etag(version: i32) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

fn with_etag<T: serde::Serialize>(version: i32, body: T) -> Response {
    let mut r = ApiJson(body).into_response();
    r.headers_mut().insert(header::ETAG, etag(version));
    r
}

/// Customers: search (`q`, accents ignored), filters, `sort=name`, cursor pages.
#[utoipa::path(get, path = "/customers", tag = "crm", security(("bearer" = [])), params(CustomerFilter),
    responses((status = 200, body = CustomerPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_customers(
    mut s: Session,
    ApiQuery(f): ApiQuery<CustomerFilter>,
) -> Result<ApiJson<CustomerPage>> {
    s.require(CUSTOMER_READERS)?;
    let page = PageParams { limit: f.limit, cursor: f.cursor.clone(), q: f.q.clone() }.parse()?;
    let rows = repo::list(&mut s.tx, s.user.tenant_id, &page, &f).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |c| c.id);
    Ok(ApiJson(CustomerPage { items, next_cursor }))
}

/// Creates a customer; `duplicates` lists existing customers with the same
/// CPF/CNPJ, e-mail or phone.
#[utoipa::path(post, path = "/customers", tag = "crm", security(("bearer" = [])), request_body = CreateCustomerRequest,
    responses((status = 201, body = CreatedCustomer), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_customer(
    mut s: Session,
    ApiJson(body): ApiJson<CreateCustomerRequest>,
) -> Result<Created<CreatedCustomer>> {
    s.require(CRM_ROLES)?;
    let created = service::create(&mut s.tx, &s.user, &body).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/customers/{}", created.customer.id), created))
}

/// The customer with contacts; `ETag` carries the version for `If-Match`.
#[utoipa::path(get, path = "/customers/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = CustomerDetail), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_customer(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<Response> {
    s.require(CUSTOMER_READERS)?;
    let tenant = s.user.tenant_id;
    let customer = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let contacts = repo::contacts(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    Ok(with_etag(customer.version, CustomerDetail { customer, contacts }))
}

/// Partial update. With `If-Match`, a stale version answers 409.
#[utoipa::path(patch, path = "/customers/{id}", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "ETag of the version being edited")),
    request_body = UpdateCustomerRequest,
    responses((status = 200, body = Customer), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn update_customer(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<UpdateCustomerRequest>,
) -> Result<Response> {
    s.require(CRM_ROLES)?;
    let expected = kernel::http::if_match(&headers)?;
    let customer = service::update(&mut s.tx, id, &body, expected).await?;
    s.tx.commit().await?;
    Ok(with_etag(customer.version, customer))
}

/// Deletes a customer without history; one with opportunities is kept
/// (set it inactive instead).
#[utoipa::path(delete, path = "/customers/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn delete_customer(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(CRM_ROLES)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if repo::count_opportunities(&mut s.tx, tenant, id).await? > 0 {
        return Err(Error::conflict(
            None,
            "Este cliente tem oportunidades: marque-o como inativo em vez de excluir.",
        ));
    }
    repo::delete(&mut s.tx, tenant, id).await?;
    s.tx.emit(&events::CustomerDeleted { customer_id: id }).await?;
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Merges `merge_id` into the customer in the path.
#[utoipa::path(post, path = "/customers/{id}/merge", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = MergeRequest,
    responses((status = 200, body = Customer), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn merge_customers(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<MergeRequest>,
) -> Result<Response> {
    s.require(CRM_ROLES)?;
    let customer = service::merge(&mut s.tx, &s.user, id, body.merge_id).await?;
    s.tx.commit().await?;
    Ok(with_etag(customer.version, customer))
}

/// Customers already holding a document, e-mail or phone (the form warns while typing).
#[utoipa::path(get, path = "/customers/duplicates", tag = "crm", security(("bearer" = [])), params(DuplicateQuery),
    responses((status = 200, body = Vec<DuplicateHint>), (status = 422, body = Problem)))]
async fn find_duplicates(
    mut s: Session,
    ApiQuery(q): ApiQuery<DuplicateQuery>,
) -> Result<ApiJson<Vec<DuplicateHint>>> {
    s.require(CRM_ROLES)?;
    let mut v = Violations::new();
    let document = q.document.as_deref().filter(|d| !d.trim().is_empty()).map(|d| {
        let digits: String =
            d.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
        let kind = if digits.len() == 11 {
            super::model::CustomerKind::Person
        } else {
            super::model::CustomerKind::Company
        };
        parse_document(kind, d).unwrap_or(digits)
    });
    let emails = q.email.as_deref().map(|e| clean_emails(&mut v, &[e.to_string()])).unwrap_or_default();
    let phones = q.phone.as_deref().map(|p| clean_phones(&mut v, &[p.to_string()])).unwrap_or_default();
    let hints =
        repo::duplicates(&mut s.tx, s.user.tenant_id, document.as_deref(), &emails, &phones, q.exclude)
            .await?;
    s.tx.commit().await?;
    Ok(ApiJson(hints))
}

/// CSV of the current filter (`;`-separated, UTF-8 with BOM, as Brazilian
/// spreadsheets expect), up to 100,000 rows.
#[utoipa::path(get, path = "/customers/export.csv", tag = "crm", security(("bearer" = [])), params(CustomerFilter),
    responses((status = 200, content_type = "text/csv"), (status = 422, body = Problem)))]
async fn export_customers(mut s: Session, ApiQuery(f): ApiQuery<CustomerFilter>) -> Result<Response> {
    s.require(CRM_ROLES)?;
    let page = PageParams { limit: None, cursor: None, q: f.q.clone() }.parse()?;
    let page = kernel::pagination::PageRequest { limit: EXPORT_LIMIT - 1, ..page };
    let rows = repo::list(&mut s.tx, s.user.tenant_id, &page, &f).await?;
    s.tx.commit().await?;
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF]);
    let header = [
        "id",
        "tipo",
        "nome",
        "nome_fantasia",
        "documento",
        "emails",
        "telefones",
        "status",
        "etiquetas",
        "cidade",
        "uf",
        "criado_em",
    ];
    out.write_record(header).map_err(anyhow::Error::from)?;
    for c in rows {
        let city = c.address.as_ref().map(|a| a.city.clone()).unwrap_or_default();
        let state = c.address.as_ref().map(|a| a.state.clone()).unwrap_or_default();
        let cells = [
            c.id.to_string(),
            c.kind.as_str().to_string(),
            c.name,
            c.trade_name.unwrap_or_default(),
            c.document.unwrap_or_default(),
            c.emails.join(", "),
            c.phones.join(", "),
            c.status.as_str().to_string(),
            c.tags.join(", "),
            city,
            state,
            c.created_at.to_rfc3339(),
        ];
        // Phones start with `+`: as text they get the `'` too, which keeps
        // the spreadsheet from reading `+55…` as a number or formula.
        out.write_record(cells.iter().map(|cell| sheet::text(cell))).map_err(anyhow::Error::from)?;
    }
    let bytes = out.into_inner().map_err(|e| Error::internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"clientes.csv\""),
        ],
        bytes,
    )
        .into_response())
}

struct CheckedContact {
    name: String,
    job_title: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

fn check_contact(body: &ContactRequest) -> Result<CheckedContact> {
    let mut v = Violations::new();
    let name = body.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 {
        v.add("name", "Informe o nome (até 200 caracteres).");
    }
    let email = body
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        .and_then(|e| v.check("email", kernel::email::Email::parse(e)))
        .map(|e| e.to_string());
    let phone = body
        .phone
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .and_then(|p| v.check("phone", kernel::phone::Phone::parse(p)))
        .map(|p| p.as_str().to_string());
    let title = body.job_title.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    v.finish()?;
    Ok(CheckedContact { name, job_title: title, email, phone })
}

#[utoipa::path(get, path = "/customers/{id}/contacts", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Contact>), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn list_contacts(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Vec<Contact>>> {
    s.require(CRM_ROLES)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let contacts = repo::contacts(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(contacts))
}

/// Adds a contact person (for companies, PJ).
#[utoipa::path(post, path = "/customers/{id}/contacts", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ContactRequest,
    responses((status = 201, body = Contact), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn create_contact(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ContactRequest>,
) -> Result<Created<Contact>> {
    s.require(CRM_ROLES)?;
    let CheckedContact { name, job_title, email, phone } = check_contact(&body)?;
    let tenant = s.user.tenant_id;
    repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let contact = Contact {
        id: new_id(),
        customer_id: id,
        name,
        job_title,
        email,
        phone,
        created_at: chrono::Utc::now(),
    };
    let saved = repo::upsert_contact(&mut s.tx, tenant, &contact).await?;
    s.tx.emit(&events::ContactAdded { customer_id: id, contact_id: saved.id }).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/contacts/{}", saved.id), saved))
}

#[utoipa::path(get, path = "/contacts/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Contact), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_contact(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Contact>> {
    s.require(CRM_ROLES)?;
    let contact = repo::find_contact(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(contact))
}

#[utoipa::path(patch, path = "/contacts/{id}", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ContactRequest,
    responses((status = 200, body = Contact), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_contact(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ContactRequest>,
) -> Result<ApiJson<Contact>> {
    s.require(CRM_ROLES)?;
    let tenant = s.user.tenant_id;
    let existing = repo::find_contact(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let CheckedContact { name, job_title, email, phone } = check_contact(&body)?;
    let saved =
        repo::upsert_contact(&mut s.tx, tenant, &Contact { name, job_title, email, phone, ..existing })
            .await?;
    s.tx.commit().await?;
    Ok(ApiJson(saved))
}

#[utoipa::path(delete, path = "/contacts/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_contact(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(CRM_ROLES)?;
    if !repo::delete_contact(&mut s.tx, s.user.tenant_id, id).await? {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
