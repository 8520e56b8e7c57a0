//! Text into features: lower case without accents, words, Portuguese stems,
//! and the stems' bigrams. Shared by the classifier at run time and by
//! `build.rs`, which trains the starter model with the same code (so it
//! depends on `std` and `rust-stemmers` only).

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Lower case without accents, for matching and for the features.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

/// The folded words of a text: runs of letters and digits.
pub fn words(s: &str) -> Vec<String> {
    fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Words that say nothing about what a message is about. "não" and "nao"
/// are kept: "não quero mais" and "quero mais" differ.
const STOPWORDS: &[&str] = &[
    "a", "o", "as", "os", "um", "uma", "uns", "umas", "de", "do", "da", "dos", "das", "e", "em", "no", "na",
    "nos", "nas", "para", "pra", "pro", "por", "com", "que", "q", "se", "me", "eu", "voce", "vc", "voces",
    "ao", "aos", "ja", "la", "isso", "esse", "essa", "este", "esta", "ele", "ela", "meu", "minha", "seu",
    "sua", "ou", "mas", "tb", "tambem", "tudo", "muito", "mto", "foi", "ser", "ter", "sobre", "aqui", "ai",
];

/// Folded greetings and thanks: no content of their own (summaries leave
/// them out, topic trends never show them).
pub const COURTESY: &[&str] =
    &["oi", "ola", "bom", "boa", "dia", "tarde", "noite", "obrigado", "obrigada", "obg", "brigado", "valeu"];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Portuguese))
}

/// The features of a text: the stems of its words (no stop words, no bare
/// numbers longer than two digits — order and document numbers say
/// nothing about intent) and each pair of neighbouring stems.
pub fn features(s: &str) -> Vec<String> {
    let stems: Vec<String> = words(s)
        .into_iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .filter(|w| !(w.len() > 2 && w.chars().all(|c| c.is_ascii_digit())))
        .map(|w| stemmer().stem(&w).into_owned())
        .collect();
    let mut out = Vec::with_capacity(stems.len() * 2);
    for pair in stems.windows(2) {
        out.push(format!("{} {}", pair[0], pair[1]));
    }
    out.extend(stems);
    out
}

/// The content words of a text with their stems: `(word, stem)`, the word
/// lower-cased with its accents (for display), stop words and numbers out.
pub fn stemmed_words(s: &str) -> Vec<(String, String)> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter_map(|w| {
            let lower = w.to_lowercase();
            let folded = fold(&lower);
            (!STOPWORDS.contains(&folded.as_str())).then(|| {
                let stem = stemmer().stem(&folded).into_owned();
                (lower, stem)
            })
        })
        .collect()
}
