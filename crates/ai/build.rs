//! Trains the built-in pt-BR starter model from the labelled set shipped in
//! `data/starter/` (see `data/README.md` for its source and licence), with
//! the same feature and model code the server runs, and writes it to
//! `OUT_DIR/starter.json` for `src/starter.rs` to embed. Nothing is
//! downloaded, at build time or at run time.

#![allow(clippy::unwrap_used)]

#[path = "src/bayes.rs"]
#[allow(dead_code)]
mod bayes;
#[path = "src/text.rs"]
#[allow(dead_code)]
mod text;

use std::path::Path;

#[derive(serde::Deserialize)]
struct Example {
    text: String,
    category: String,
    priority: String,
}

fn main() {
    let source = "data/starter/intents.train.jsonl";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-changed=src/text.rs");
    println!("cargo:rerun-if-changed=src/bayes.rs");
    let data = std::fs::read_to_string(source).unwrap();
    let examples: Vec<Example> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{source}:{}: {e}", i + 1)))
        .collect();
    let intent =
        bayes::NaiveBayes::train(examples.iter().map(|e| (e.category.as_str(), text::features(&e.text))));
    let priority =
        bayes::NaiveBayes::train(examples.iter().map(|e| (e.priority.as_str(), text::features(&e.text))));
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("starter.json");
    let json = serde_json::json!({ "intent": intent, "priority": priority });
    std::fs::write(out, serde_json::to_string(&json).unwrap()).unwrap();
}
