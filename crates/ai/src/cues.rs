//! Urgency cues: phrases that raise a message's priority whatever the
//! model says ("procon", "fora do ar", "cobrado duas vezes"). Matched as
//! whole words on the folded text.

use crate::Priority;
use crate::text::words;

/// A cue: the name shown on the ticket, its phrases, the least priority it
/// implies.
struct Cue {
    name: &'static str,
    phrases: &'static [&'static str],
    floor: Priority,
}

const CUES: &[Cue] = &[
    Cue {
        name: "ameaça jurídica",
        phrases: &[
            "procon",
            "reclame aqui",
            "reclameaqui",
            "advogado",
            "advogada",
            "processo judicial",
            "juizado",
            "acao judicial",
            "vou processar",
            "justica",
            "consumidor gov",
        ],
        floor: Priority::Urgent,
    },
    Cue {
        name: "serviço parado",
        phrases: &[
            "fora do ar",
            "parado",
            "parada",
            "parou",
            "nao funciona",
            "nao esta funcionando",
            "caiu",
            "sem internet",
            "sem sinal",
            "nao consigo acessar",
            "nao consigo entrar",
            "nao abre",
            "travado",
            "travou",
        ],
        floor: Priority::High,
    },
    Cue {
        name: "pedido de urgência",
        phrases: &["urgente", "urgencia", "emergencia", "imediatamente", "o quanto antes", "asap", "socorro"],
        floor: Priority::High,
    },
    Cue {
        name: "cobrança indevida",
        phrases: &[
            "cobrado duas vezes",
            "cobraram duas vezes",
            "cobranca duplicada",
            "cobrado em dobro",
            "cobraram em dobro",
            "cobranca indevida",
            "cobrado indevidamente",
            "paguei duas vezes",
        ],
        floor: Priority::High,
    },
    Cue {
        name: "prazo hoje",
        phrases: &["vence hoje", "ate hoje", "hoje ainda", "ainda hoje"],
        floor: Priority::High,
    },
    Cue {
        name: "cancelamento",
        phrases: &["cancelar", "cancelamento", "cancela", "encerrar contrato", "nao quero mais"],
        floor: Priority::Normal,
    },
];

/// The cues found, and the highest priority they imply.
pub fn find(text: &str) -> (Vec<&'static str>, Priority) {
    let joined = format!(" {} ", words(text).join(" "));
    let mut found = Vec::new();
    let mut floor = Priority::Low;
    for cue in CUES {
        if cue.phrases.iter().any(|p| joined.contains(&format!(" {p} "))) {
            found.push(cue.name);
            if cue.floor.rank() > floor.rank() {
                floor = cue.floor;
            }
        }
    }
    (found, floor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cues_as_whole_words_without_accents() {
        let (cues, floor) = find("Vou no PROCON se o sistema continuar fora do ar!");
        assert_eq!(cues, vec!["ameaça jurídica", "serviço parado"]);
        assert_eq!(floor, Priority::Urgent);
        assert_eq!(find("A internet caiu de novo").1, Priority::High);
        assert_eq!(find("Cacau em pó").0, Vec::<&str>::new(), "'caiu' is not in 'cacau'");
        assert_eq!(find("Obrigado pela ajuda").1, Priority::Low);
    }
}
