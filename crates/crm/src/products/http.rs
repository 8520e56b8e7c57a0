use axum::http::StatusCode;
use kernel::error::{OnConstraint, Problem};
use kernel::http::{ApiJson, ApiPath, ApiQuery, Created};
use kernel::ids::new_id;
use kernel::pagination::PageParams;
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::model::{Product, ProductFilter, ProductPage, ProductRequest, UpdateProductRequest};
use super::repo;
use crate::{CRM_ADMINS, CRM_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(list_products, create_product)).routes(routes!(
        get_product,
        update_product,
        delete_product
    ))
}

fn sku_taken() -> Error {
    Error::conflict(Some("sku"), "Já existe um produto com este código.")
}

#[utoipa::path(get, path = "/products", tag = "crm", security(("bearer" = [])), params(ProductFilter),
    responses((status = 200, body = ProductPage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn list_products(mut s: Session, ApiQuery(f): ApiQuery<ProductFilter>) -> Result<ApiJson<ProductPage>> {
    s.require(CRM_ROLES)?;
    let page = PageParams { limit: f.limit, cursor: f.cursor.clone(), q: f.q.clone() }.parse()?;
    let rows = repo::list(&mut s.tx, s.user.tenant_id, &page, f.active).await?;
    s.tx.commit().await?;
    let (items, next_cursor) = page.finish(rows, |p| p.id);
    Ok(ApiJson(ProductPage { items, next_cursor }))
}

#[utoipa::path(post, path = "/products", tag = "crm", security(("bearer" = [])), request_body = ProductRequest,
    responses((status = 201, body = Product), (status = 403, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn create_product(mut s: Session, ApiJson(body): ApiJson<ProductRequest>) -> Result<Created<Product>> {
    s.require(CRM_ADMINS)?;
    let product = Product {
        id: new_id(),
        sku: body.sku.trim().to_string(),
        name: body.name.trim().to_string(),
        description: body.description.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(str::to_string),
        unit: body.unit.trim().to_string(),
        price_cents: body.price_cents,
        currency: "BRL".into(),
        billing: body.billing,
        active: body.active,
        created_at: chrono::Utc::now(),
    };
    product.check()?;
    let saved = repo::upsert(&mut s.tx, s.user.tenant_id, &product)
        .await
        .on_constraint("products_sku_key", sku_taken)?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/products/{}", saved.id), saved))
}

#[utoipa::path(get, path = "/products/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Product), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_product(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Product>> {
    s.require(CRM_ROLES)?;
    let product = repo::find(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    Ok(ApiJson(product))
}

#[utoipa::path(patch, path = "/products/{id}", tag = "crm", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateProductRequest,
    responses((status = 200, body = Product), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn update_product(
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<UpdateProductRequest>,
) -> Result<ApiJson<Product>> {
    s.require(CRM_ADMINS)?;
    let tenant = s.user.tenant_id;
    let mut p = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if let Some(v) = body.sku {
        p.sku = v.trim().to_string();
    }
    if let Some(v) = body.name {
        p.name = v.trim().to_string();
    }
    if let Some(v) = body.description {
        p.description = v.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
    }
    if let Some(v) = body.unit {
        p.unit = v.trim().to_string();
    }
    if let Some(v) = body.price_cents {
        p.price_cents = v;
    }
    if let Some(v) = body.billing {
        p.billing = v;
    }
    if let Some(v) = body.active {
        p.active = v;
    }
    p.check()?;
    let saved = repo::upsert(&mut s.tx, tenant, &p).await.on_constraint("products_sku_key", sku_taken)?;
    s.tx.commit().await?;
    Ok(ApiJson(saved))
}

/// Deactivates the product: proposals and contracts keep referring to it.
#[utoipa::path(delete, path = "/products/{id}", tag = "crm", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_product(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(CRM_ADMINS)?;
    let tenant = s.user.tenant_id;
    let mut p = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    p.active = false;
    repo::upsert(&mut s.tx, tenant, &p).await?;
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
