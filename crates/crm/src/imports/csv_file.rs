//! Reading the CSV files Brazilian spreadsheets export: UTF-8 (with or
//! without BOM) or Latin-1/Windows-1252, `;` or `,` (or tab) separated.

use std::collections::BTreeMap;

pub struct CsvFile {
    pub encoding: &'static str,
    pub delimiter: u8,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Text of the file and the encoding it was in.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "utf-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "latin-1")
        }
    }
}

/// The separator used most in the header line, outside quotes.
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let (i, _) =
        counts.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i))).unwrap_or((0, &0));
    [b';', b',', b'\t'][i]
}

pub fn read(bytes: &[u8]) -> Result<CsvFile, String> {
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err("O arquivo está vazio.".into());
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .map_err(|e| format!("Cabeçalho ilegível: {e}"))?
        .iter()
        .map(str::to_string)
        .collect();
    if columns.iter().all(|c| c.is_empty()) {
        return Err("A primeira linha deve ter os nomes das colunas.".into());
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("Linha {}: {e}", i + 2))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(CsvFile { encoding, delimiter, columns, rows })
}

/// Customer fields a column can feed.
pub const FIELDS: [&str; 16] = [
    "name",
    "trade_name",
    "kind",
    "document",
    "email",
    "phone",
    "status",
    "tags",
    "notes",
    "cep",
    "street",
    "number",
    "complement",
    "district",
    "city",
    "state",
];

fn normalise(s: &str) -> String {
    let folded: String = s
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'ê' | 'è' => 'e',
            'í' | 'î' => 'i',
            'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ü' => 'u',
            'ç' => 'c',
            '-' | '_' | '.' | '/' => ' ',
            c => c,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Which column probably feeds which field, from common Brazilian headers.
pub fn suggest_mapping(columns: &[String]) -> BTreeMap<String, String> {
    let synonyms: [(&str, &[&str]); 16] = [
        ("name", &["nome", "razao social", "cliente", "name", "nome completo"]),
        ("trade_name", &["nome fantasia", "fantasia"]),
        ("kind", &["tipo", "pessoa", "tipo pessoa", "pf pj"]),
        ("document", &["cpf", "cnpj", "cpf cnpj", "documento", "cpf ou cnpj"]),
        ("email", &["email", "e mail", "emails"]),
        ("phone", &["telefone", "celular", "whatsapp", "fone", "phone", "telefones"]),
        ("status", &["status", "situacao"]),
        ("tags", &["tags", "etiquetas"]),
        ("notes", &["observacoes", "observacao", "notas", "obs"]),
        ("cep", &["cep"]),
        ("street", &["endereco", "logradouro", "rua"]),
        ("number", &["numero", "no", "n"]),
        ("complement", &["complemento"]),
        ("district", &["bairro"]),
        ("city", &["cidade", "municipio"]),
        ("state", &["uf", "estado"]),
    ];
    let mut out = BTreeMap::new();
    for (field, names) in synonyms {
        if let Some(col) = columns.iter().find(|c| names.contains(&normalise(c).as_str())) {
            out.insert(field.to_string(), col.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_semicolon_file_from_a_spreadsheet() {
        // "Nome;CPF/CNPJ;Observações\nJoão;529.982.247-25;café" in Windows-1252.
        let mut bytes = b"Nome;CPF/CNPJ;Observa\xe7\xf5es\r\nJo\xe3o;529.982.247-25;caf\xe9\r\n".to_vec();
        bytes.extend_from_slice(b";;\r\n");
        let f = read(&bytes).expect("reads");
        assert_eq!(f.encoding, "latin-1");
        assert_eq!(f.delimiter, b';');
        assert_eq!(f.columns, ["Nome", "CPF/CNPJ", "Observações"]);
        assert_eq!(f.rows, vec![vec!["João".to_string(), "529.982.247-25".into(), "café".into()]]);
        let m = suggest_mapping(&f.columns);
        assert_eq!(m.get("name").map(String::as_str), Some("Nome"));
        assert_eq!(m.get("document").map(String::as_str), Some("CPF/CNPJ"));
        assert_eq!(m.get("notes").map(String::as_str), Some("Observações"));
    }

    #[test]
    fn utf8_bom_comma_file_with_quotes() {
        let f = read("\u{feff}name,e-mail,tags\n\"Silva, Ana\",ana@x.com.br,\"vip,sp\"\n".as_bytes())
            .expect("reads");
        assert_eq!(f.encoding, "utf-8");
        assert_eq!(f.delimiter, b',');
        assert_eq!(f.rows[0], ["Silva, Ana", "ana@x.com.br", "vip,sp"]);
        assert_eq!(suggest_mapping(&f.columns).get("email").map(String::as_str), Some("e-mail"));
    }

    #[test]
    fn empty_and_broken_files_are_explained() {
        assert!(read(b"").is_err());
        assert!(read(b"   \n").is_err());
    }
}
