//! The built-in pt-BR model for the generic intents and priority, trained by
//! `build.rs` from `data/starter/intents.train.jsonl`, so a new company's
//! tickets are triaged on day one.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::bayes::NaiveBayes;

#[derive(Deserialize)]
pub struct Starter {
    pub intent: NaiveBayes,
    pub priority: NaiveBayes,
}

const TRAINED: &str = include_str!(concat!(env!("OUT_DIR"), "/starter.json"));

pub fn model() -> &'static Starter {
    static MODEL: OnceLock<Starter> = OnceLock::new();
    #[allow(clippy::expect_used)] // written by build.rs from the same types
    MODEL.get_or_init(|| serde_json::from_str(TRAINED).expect("the starter model build.rs wrote"))
}
