//! Offline triage latency per message (bench, not a test): runs the whole
//! offline analysis (starter model, cues, sentiment, language) over every
//! text of a labelled JSON-lines file, many rounds, and prints p50/p99/max.
//!
//!     cargo run --release -p ai --example triage_latency -- crates/ai/data/starter/intents.test.jsonl [rounds]

#![allow(clippy::unwrap_used)]

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "crates/ai/data/starter/intents.test.jsonl".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(50);
    let examples = ai::eval::parse_jsonl(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // The first call parses the embedded models and lexicon; a server pays
    // it once, so it is measured apart.
    let start = Instant::now();
    ai::analyse("", "oi", None);
    let first = start.elapsed();
    let mut times = Vec::with_capacity(examples.len() * rounds);
    for _ in 0..rounds {
        for e in &examples {
            let start = Instant::now();
            std::hint::black_box(ai::analyse("", &e.text, None));
            times.push(start.elapsed());
        }
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{} analyses of {} texts: p50 {:?}, p99 {:?}, max {:?}; first call (loads models) {:?}",
        times.len(),
        examples.len(),
        at(0.50),
        at(0.99),
        times[times.len() - 1],
        first
    );
}
