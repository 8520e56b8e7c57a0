use kernel::App;
use kernel::Result;
use kernel::error::{Problem, Violations};
use kernel::http::ApiJson;
use kernel::session::Session;
use payments::pix::PixKey;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::model::{FinanceSettings, UpdateFinanceSettings};
use super::repo;
use crate::fees::{MAX_FINE_BP, MAX_INTEREST_BP_MONTH};
use crate::{FINANCE_ADMINS, FINANCE_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(get_settings, update_settings))
}

#[utoipa::path(get, path = "/finance/settings", tag = "finance", security(("bearer" = [])),
    responses((status = 200, body = FinanceSettings), (status = 403, body = Problem)))]
async fn get_settings(mut s: Session) -> Result<ApiJson<FinanceSettings>> {
    s.require(FINANCE_ROLES)?;
    let settings = repo::get(&mut s.tx, s.user.tenant_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(settings))
}

#[utoipa::path(patch, path = "/finance/settings", tag = "finance", security(("bearer" = [])),
    request_body = UpdateFinanceSettings,
    responses((status = 200, body = FinanceSettings), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_settings(
    mut s: Session,
    ApiJson(body): ApiJson<UpdateFinanceSettings>,
) -> Result<ApiJson<FinanceSettings>> {
    s.require(FINANCE_ADMINS)?;
    let mut settings = repo::get(&mut s.tx, s.user.tenant_id).await?;
    apply(&mut settings, body)?;
    repo::save(&mut s.tx, s.user.tenant_id, &settings).await?;
    s.tx.commit().await?;
    Ok(ApiJson(settings))
}

fn apply(s: &mut FinanceSettings, body: UpdateFinanceSettings) -> Result<()> {
    let mut v = Violations::new();
    if let Some(fine) = body.fine_bp {
        if !(0..=MAX_FINE_BP).contains(&fine) {
            v.add("fine_bp", "A multa vai de 0 a 2% (limite do Código de Defesa do Consumidor).");
        }
        s.fine_bp = fine;
    }
    if let Some(interest) = body.interest_bp_month {
        if !(0..=MAX_INTEREST_BP_MONTH).contains(&interest) {
            v.add("interest_bp_month", "Os juros de mora vão de 0 a 1% ao mês.");
        }
        s.interest_bp_month = interest;
    }
    if let Some(days) = body.due_in_days {
        if !(0..=60).contains(&days) {
            v.add("due_in_days", "Prazo de vencimento entre 0 e 60 dias.");
        }
        s.due_in_days = days;
    }
    if let Some(key) = body.pix_key {
        if key.trim().is_empty() {
            s.pix_key = None;
            s.pix_key_kind = None;
        } else {
            match PixKey::parse(&key) {
                Ok(k) => {
                    s.pix_key = Some(k.as_str().to_string());
                    s.pix_key_kind = Some(k.kind().to_string());
                }
                Err(e) => v.add("pix_key", e.to_string()),
            }
        }
    }
    if let Some(name) = body.merchant_name {
        let name = name.trim().to_string();
        if name.chars().count() > 25 {
            v.add("merchant_name", "O nome no PIX tem até 25 caracteres.");
        }
        s.merchant_name = Some(name).filter(|n| !n.is_empty());
    }
    if let Some(city) = body.merchant_city {
        let city = city.trim().to_string();
        if city.chars().count() > 15 {
            v.add("merchant_city", "A cidade no PIX tem até 15 caracteres.");
        }
        s.merchant_city = Some(city).filter(|c| !c.is_empty());
    }
    if let Some(mut offsets) = body.dunning_offsets {
        offsets.sort_unstable();
        offsets.dedup();
        if offsets.len() > 10 || offsets.iter().any(|o| !(-30..=90).contains(o)) {
            v.add("dunning_offsets", "Até 10 lembretes, de 30 dias antes a 90 dias depois do vencimento.");
        }
        s.dunning_offsets = offsets;
    }
    if let Some(on) = body.email_on_issue {
        s.email_on_issue = on;
    }
    if let Some(enabled) = body.dunning_enabled {
        s.dunning_enabled = enabled;
    }
    v.finish()
}
