//! Trimming the quoted history off a reply, so the inbox shows what the
//! customer wrote this time. Best effort and for display only: the stored
//! message keeps its full text.

/// Returns `text` without the quoted part of a reply: everything from a
/// reply header on ("Em qua., 28 de nov. de 2024 … escreveu:", "On … wrote:",
/// Outlook's "-----Mensagem original-----" or "De:/Enviado:" block), and any
/// line starting with `>`. A message that is nothing but quote comes back
/// whole, since hiding all of it would show nothing.
pub fn strip_quoted(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let cut = (0..lines.len()).find(|&i| quote_starts(&lines, i)).unwrap_or(lines.len());
    let kept: Vec<&str> =
        lines[..cut].iter().copied().filter(|line| !line.trim_start().starts_with('>')).collect();
    let kept = kept.join("\n");
    let kept = kept.trim();
    if kept.is_empty() { text.trim().to_owned() } else { kept.to_owned() }
}

/// Whether the quoted history starts at line `i`.
fn quote_starts(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    if line.is_empty() {
        return false;
    }
    if is_separator(line) {
        return true;
    }
    // Outlook draws a rule of underscores above its header block.
    if line.len() >= 10
        && line.chars().all(|c| c == '_')
        && i + 1 < lines.len()
        && is_header_block(lines, i + 1)
    {
        return true;
    }
    // Clients wrap long attributions ("Em …, Fulano <x@y>\nescreveu:"), so
    // up to three lines are read as one.
    let mut joined = String::new();
    for next in lines[i..].iter().take(3) {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(next.trim());
        if is_attribution(&joined) {
            return true;
        }
    }
    is_header_block(lines, i)
}

fn is_attribution(line: &str) -> bool {
    let lower = line.to_lowercase();
    let opens = ["em ", "on ", "el ", "le "].iter().any(|p| lower.starts_with(p));
    let closes =
        ["escreveu:", "wrote:", "escribió:", "a écrit :", "a écrit:"].iter().any(|s| lower.ends_with(s));
    opens && closes
}

fn is_separator(line: &str) -> bool {
    let lower = line.to_lowercase();
    let dashed = lower.trim_matches('-').trim();
    (lower.starts_with("-----")
        && matches!(dashed, "original message" | "mensagem original" | "mensaje original"))
        || lower.starts_with("-------- mensagem original")
}

/// Outlook quotes with a header block: "De: …" followed by "Enviado: …" (or
/// "Enviada em:", "Sent:", "Date:", "Data:") within the next lines.
fn is_header_block(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim().trim_start_matches('*');
    let starts = |l: &str, labels: &[&str]| labels.iter().any(|label| l.to_lowercase().starts_with(label));
    if !starts(line, &["de:", "from:"]) {
        return false;
    }
    lines[i + 1..].iter().take(3).any(|next| {
        starts(next.trim().trim_start_matches('*'), &["enviado:", "enviada em:", "sent:", "date:", "data:"])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_portuguese_reply_is_trimmed() {
        let text = "Obrigado, funcionou!\n\nEm qua., 28 de nov. de 2024 às 10:15, Suporte ConectCRM <\nsuporte@conectcrm.com.br> escreveu:\n\n> Olá, tente novamente.\n> Att\n";
        assert_eq!(strip_quoted(text), "Obrigado, funcionou!");
    }

    #[test]
    fn english_reply_and_quote_marks_are_trimmed() {
        let text = "Sounds good.\r\n\r\nOn Wed, Nov 27, 2024 at 3:02 PM Ana <ana@example.com> wrote:\r\n> earlier\r\n";
        assert_eq!(strip_quoted(text), "Sounds good.");
        assert_eq!(strip_quoted("> quoted\nmine\n> more"), "mine");
    }

    #[test]
    fn outlook_blocks_are_trimmed() {
        let text =
            "Segue o boleto.\n\n-----Mensagem original-----\nDe: Financeiro\nEnviada em: terça-feira\n";
        assert_eq!(strip_quoted(text), "Segue o boleto.");
        let text = "Pode ser amanhã?\n\n________________________________\nDe: Carla <carla@x.com.br>\nEnviado: quinta-feira, 28 de novembro de 2024 09:00\nPara: suporte@y.com.br\n";
        assert_eq!(strip_quoted(text), "Pode ser amanhã?");
    }

    #[test]
    fn text_without_quotes_is_kept_and_all_quote_is_kept_whole() {
        assert_eq!(strip_quoted("  Preciso de ajuda com a fatura.\n"), "Preciso de ajuda com a fatura.");
        assert_eq!(strip_quoted("> só citação\n"), "> só citação");
        assert_eq!(strip_quoted("De: mim\nnão é cabeçalho"), "De: mim\nnão é cabeçalho");
    }
}
