//! The offline triage: the company's keyword rules, then the `ai` crate's
//! models. No network, so intake never waits for one.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use ai::CompanyModel;
use chrono::{DateTime, Utc};
use events::TriageEngine;
use kernel::Result;
use kernel::tenant::TenantTx;
use uuid::Uuid;

use super::keywords::{self, TriageRule};
use super::{Triage, Triaged, repo};

pub struct OfflineTriage;

#[async_trait::async_trait]
impl Triage for OfflineTriage {
    async fn classify(
        &self,
        tx: &mut TenantTx,
        model_trained_at: Option<DateTime<Utc>>,
        subject: &str,
        text: &str,
    ) -> Result<Triaged> {
        let tenant = tx.tenant_id();
        let rules = keywords::rules(tx, tenant).await?;
        let model = match model_trained_at {
            Some(at) => model_at(tx, at).await?,
            None => None,
        };
        Ok(decide(&rules, model.as_deref(), subject, text))
    }
}

/// The rules win (confidence 1.0) for what they set; the models fill the rest.
pub fn decide(rules: &[TriageRule], model: Option<&CompanyModel>, subject: &str, text: &str) -> Triaged {
    let a = ai::analyse(subject, text, model);
    let mut t = Triaged {
        category: a.category.as_ref().map(|c| c.value.clone()),
        category_confidence: a.category.as_ref().map(|c| c.confidence),
        intent: a.intent.value,
        intent_confidence: a.intent.confidence,
        priority: a.priority.value,
        priority_confidence: a.priority.confidence,
        sentiment: a.sentiment.value,
        sentiment_score: a.sentiment_score,
        sentiment_confidence: a.sentiment.confidence,
        language: a.language.map(|l| l.value),
        cues: a.cues.iter().map(|c| c.to_string()).collect(),
        team_id: None,
        engine: a.engine,
        reason: a.reason,
    };
    if let Some((rule, word)) = keywords::first_match(rules, &format!("{subject} {text}")) {
        if let Some(category) = &rule.category {
            t.category = Some(category.clone());
            t.category_confidence = Some(1.0);
        }
        if let Some(priority) = rule.priority {
            t.priority = priority;
            t.priority_confidence = 1.0;
        }
        t.team_id = rule.team_id;
        t.engine = TriageEngine::Rule;
        t.reason = format!("Regra {}: palavra “{word}”; {}", rule.position + 1, t.reason);
    }
    t
}

/// Parsed models by company, kept while their `trained_at` holds, so a
/// triage reads one timestamp instead of the whole model.
type Cache = HashMap<Uuid, (DateTime<Utc>, Arc<CompanyModel>)>;
static MODELS: LazyLock<Mutex<Cache>> = LazyLock::new(Mutex::default);
/// Past this many companies the cache starts over (a model is tens of KB).
const CACHED_COMPANIES: usize = 512;

pub async fn company_model(tx: &mut TenantTx) -> Result<Option<Arc<CompanyModel>>> {
    let tenant = tx.tenant_id();
    match repo::model_trained_at(tx, tenant).await? {
        Some(trained_at) => model_at(tx, trained_at).await,
        None => Ok(None),
    }
}

/// The company's model of that version: from the cache, or read and parsed once.
async fn model_at(tx: &mut TenantTx, trained_at: DateTime<Utc>) -> Result<Option<Arc<CompanyModel>>> {
    let tenant = tx.tenant_id();
    if let Ok(cache) = MODELS.lock()
        && let Some((at, model)) = cache.get(&tenant)
        && *at == trained_at
    {
        return Ok(Some(model.clone()));
    }
    let Some((trained_at, json)) = repo::model(tx, tenant).await? else { return Ok(None) };
    let model = match serde_json::from_value::<CompanyModel>(json) {
        Ok(m) => Arc::new(m),
        Err(e) => {
            tracing::warn!(%tenant, error = %e, "stored triage model does not parse; using the built-in one");
            return Ok(None);
        }
    };
    if let Ok(mut cache) = MODELS.lock() {
        if cache.len() >= CACHED_COMPANIES {
            cache.clear();
        }
        cache.insert(tenant, (trained_at, model.clone()));
    }
    Ok(Some(model))
}
