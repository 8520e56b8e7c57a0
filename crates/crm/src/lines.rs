//! Priced lines shared by proposals and contracts: catalogue or free text,
//! validated field by field, totals by `proposals::pricing`.

use std::collections::HashMap;

use kernel::error::Violations;
use kernel::ids::new_id;
use kernel::tenant::TenantTx;
use kernel::{Error, Result};

use uuid::Uuid;

use crate::customers::model::parse_enum;
use crate::products::model::Billing;
use crate::products::repo as products;
use crate::proposals::model::{ItemInput, LineItem};
use crate::proposals::pricing::{self, LineInput, Totals};

pub struct Priced {
    pub items: Vec<LineItem>,
    pub totals: Totals,
    /// The recurring period of the recurring lines, or one-time.
    pub recurrence: Billing,
}

/// Resolves catalogue items, checks every line and prices the whole.
pub async fn price(
    tx: &mut TenantTx,
    inputs: &[ItemInput],
    discount_bp: i32,
    v: &mut Violations,
) -> Result<Option<Priced>> {
    let tenant = tx.tenant_id();
    if inputs.is_empty() {
        v.add("items", "Inclua ao menos um item.");
    }
    if inputs.len() > 200 {
        v.add("items", "Use no máximo 200 itens.");
    }
    if !(0..=10_000).contains(&discount_bp) {
        v.add("discount_bp", "O desconto geral deve estar entre 0% e 100%.");
    }
    let mut items = Vec::with_capacity(inputs.len());
    let mut recurrence: Option<Billing> = None;
    for (i, input) in inputs.iter().enumerate() {
        let field = |f: &str| format!("items.{i}.{f}");
        let product = match input.product_id {
            Some(pid) => {
                let p = products::find(tx, tenant, pid).await?;
                if p.is_none() {
                    v.add(&field("product_id"), "Produto não encontrado.");
                }
                p
            }
            None => None,
        };
        let description = input
            .description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .or_else(|| product.as_ref().map(|p| p.name.clone()))
            .unwrap_or_default();
        if description.is_empty() || description.chars().count() > 500 {
            v.add(&field("description"), "Descreva o item (até 500 caracteres).");
        }
        let unit = input
            .unit
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string)
            .or_else(|| product.as_ref().map(|p| p.unit.clone()))
            .unwrap_or_else(|| "un".into());
        let unit_price_cents = input.unit_price_cents.or(product.as_ref().map(|p| p.price_cents));
        match unit_price_cents {
            None => v.add(&field("unit_price_cents"), "Informe o preço unitário."),
            Some(p) if p < 0 => v.add(&field("unit_price_cents"), "O preço não pode ser negativo."),
            Some(p) if p > 100_000_000_000 => v.add(&field("unit_price_cents"), "Preço acima do permitido."),
            _ => {}
        }
        let quantity_milli = v.check(&field("quantity"), pricing::quantity_milli(input.quantity));
        if !(0..=10_000).contains(&input.discount_bp) {
            v.add(&field("discount_bp"), "O desconto do item deve estar entre 0% e 100%.");
        }
        let billing = input.billing.or(product.as_ref().map(|p| p.billing)).unwrap_or(Billing::OneTime);
        if billing != Billing::OneTime {
            match recurrence {
                Some(r) if r != billing => {
                    v.add(&field("billing"), "Todos os itens recorrentes precisam ter a mesma periodicidade.")
                }
                _ => recurrence = Some(billing),
            }
        }
        items.push(LineItem {
            id: new_id(),
            product_id: input.product_id,
            description,
            unit,
            quantity: input.quantity,
            quantity_milli: quantity_milli.unwrap_or(1),
            unit_price_cents: unit_price_cents.unwrap_or(0).max(0),
            discount_bp: input.discount_bp,
            billing,
            total_cents: 0,
        });
    }
    if !v.is_empty() {
        return Ok(None);
    }
    let lines: Vec<LineInput> = items
        .iter()
        .map(|i| LineInput {
            quantity_milli: i.quantity_milli,
            unit_price_cents: i.unit_price_cents,
            discount_bp: i.discount_bp,
            recurring: i.billing != Billing::OneTime,
        })
        .collect();
    let totals = pricing::totals(&lines, discount_bp).map_err(|e| Error::field("items", e.to_string()))?;
    for (item, t) in items.iter_mut().zip(&totals.lines) {
        item.total_cents = t.total_cents;
    }
    Ok(Some(Priced { items, totals, recurrence: recurrence.unwrap_or(Billing::OneTime) }))
}

/// A stored line of `proposal_items` or `contract_items`; `owner_id` is the
/// proposal or contract it belongs to (selected `as owner_id`).
pub struct LineRow {
    pub owner_id: Uuid,
    pub id: Uuid,
    pub product_id: Option<Uuid>,
    pub description: String,
    pub unit: String,
    pub quantity_milli: i64,
    pub unit_price_cents: i64,
    pub discount_bp: i32,
    pub billing: String,
    pub total_cents: i64,
}

/// Stored lines grouped by their proposal or contract, in stored order.
pub fn group(rows: Vec<LineRow>) -> Result<HashMap<Uuid, Vec<LineItem>>> {
    let mut out: HashMap<Uuid, Vec<LineItem>> = HashMap::new();
    for r in rows {
        out.entry(r.owner_id).or_default().push(LineItem {
            id: r.id,
            product_id: r.product_id,
            description: r.description,
            unit: r.unit,
            quantity: r.quantity_milli as f64 / 1000.0,
            quantity_milli: r.quantity_milli,
            unit_price_cents: r.unit_price_cents,
            discount_bp: r.discount_bp,
            billing: parse_enum(&r.billing)?,
            total_cents: r.total_cents,
        });
    }
    Ok(out)
}
