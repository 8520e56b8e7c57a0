//! The rules of a definition, without the database: which fields a
//! trigger's events have (read from the catalogue's own schemas), checking
//! a definition against them, evaluating conditions on a payload and
//! filling a text's `{{variables}}`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kernel::Result;
use kernel::error::Violations;
use serde_json::Value;
use uuid::Uuid;

use super::model::{Action, Condition, Definition, Leaf, Op, Step, StepOutcome, Subject};

/// The type of an event's field, as far as conditions care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Number,
    Boolean,
    /// A date or a date and time (`format: date` / `date-time`).
    Date,
    List,
    Object,
    /// A company's own field (`customer.custom_fields.<key>`): text, a
    /// number, yes/no, a date or a choice, known only from its data.
    Custom,
}

impl FieldType {
    fn allows(self, op: Op) -> bool {
        use FieldType::*;
        match op {
            Op::IsEmpty | Op::IsNotEmpty => true,
            _ if self == Custom => !matches!(op, Op::Contains),
            Op::WithinNextDays | Op::MoreThanDaysAgo => self == Date,
            Op::Equals | Op::NotEquals => matches!(self, Text | Number | Boolean),
            Op::In => matches!(self, Text | Number),
            Op::Contains => matches!(self, Text | List),
            Op::StartsWith => matches!(self, Text),
            Op::GreaterThan | Op::LessThan => matches!(self, Number),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
            FieldType::List => "list",
            FieldType::Object => "object",
            FieldType::Custom => "custom",
        }
    }

    /// The operators the editor offers for this type.
    pub fn ops(self) -> Vec<Op> {
        Op::ALL.into_iter().filter(|op| self.allows(*op)).collect()
    }

    fn name(self) -> &'static str {
        match self {
            FieldType::Text => "texto",
            FieldType::Number => "número",
            FieldType::Boolean => "sim/não",
            FieldType::Date => "data",
            FieldType::List => "lista",
            FieldType::Object => "grupo de campos",
            FieldType::Custom => "campo personalizado",
        }
    }
}

/// Every kind of the catalogue with its schema, and the shared components
/// its `$ref`s point to, as JSON (simpler to walk than utoipa's types).
struct Catalogue {
    kinds: BTreeMap<&'static str, Value>,
    /// The records read as they are now, by prefix (`record`, `customer`,
    /// `invoice`, `now`).
    records: Vec<(&'static str, Value)>,
    components: Value,
}

fn schema_of<T: utoipa::PartialSchema>() -> Value {
    serde_json::to_value(T::schema()).unwrap_or(Value::Null)
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    let mut components = utoipa::openapi::Components::new();
    events::add_schemas(&mut components);
    let kinds = events::catalogue()
        .iter()
        .map(|e| (e.kind, serde_json::to_value(&e.schema).unwrap_or(Value::Null)))
        .collect();
    let records = vec![
        (RECORD, schema_of::<crate::ports::TicketRecord>()),
        (CUSTOMER, schema_of::<crate::ports::CustomerRecord>()),
        (INVOICE, schema_of::<crate::ports::InvoiceRecord>()),
        (NOW, schema_of::<crate::ports::NowRecord>()),
    ];
    Catalogue { kinds, records, components: serde_json::to_value(&components.schemas).unwrap_or(Value::Null) }
});

/// The prefix of the fields read from the ticket as it is now.
pub const RECORD: &str = "record";
/// …from the customer as it is now (custom fields included).
pub const CUSTOMER: &str = "customer";
/// …from the invoice as it is now (link, PIX, amount due today).
pub const INVOICE: &str = "invoice";
/// …from the company at the moment of reading (business hours).
pub const NOW: &str = "now";

/// Whether a kind's events carry a top-level field `name`.
fn has_property(kind: &str, name: &str) -> bool {
    CATALOGUE
        .kinds
        .get(kind)
        .is_some_and(|s| resolve(s).get("properties").and_then(|p| p.get(name)).is_some())
}

/// Whether a kind's events name a ticket (ticket actions and `record.*`
/// need one).
pub fn has_ticket(kind: &str) -> bool {
    has_property(kind, "ticket_id")
}

/// …a customer: its own id, its timeline's, or its ticket's.
pub fn has_customer(kind: &str) -> bool {
    has_property(kind, "customer_id")
        || field_type_in(kind, "timeline.customer_id").is_some()
        || has_ticket(kind)
}

pub fn has_invoice(kind: &str) -> bool {
    has_property(kind, "invoice_id")
}

pub fn has_opportunity(kind: &str) -> bool {
    has_property(kind, "opportunity_id")
}

pub fn has_subject(kind: &str, subject: Subject) -> bool {
    match subject {
        Subject::Ticket => has_ticket(kind),
        Subject::Customer => has_customer(kind),
        Subject::Invoice => has_invoice(kind),
        Subject::Opportunity => has_opportunity(kind),
    }
}

/// Which records a kind's events can be read with, by prefix.
fn record_available(kind: &str, prefix: &str) -> bool {
    match prefix {
        RECORD => has_ticket(kind),
        CUSTOMER => has_customer(kind),
        INVOICE => has_invoice(kind),
        _ => true,
    }
}

/// Every path a definition reads (conditions' fields and texts'
/// variables), as the catalogue names them.
fn paths_read(d: &Definition) -> Vec<String> {
    fn walk(c: &Condition, out: &mut Vec<String>) {
        match c {
            Condition::All(g) => g.all.iter().for_each(|m| walk(m, out)),
            Condition::Any(g) => g.any.iter().for_each(|m| walk(m, out)),
            Condition::Leaf(l) => out.push(l.field.clone()),
        }
    }
    let mut out = Vec::new();
    walk(&d.conditions, &mut out);
    for a in &d.actions {
        for (_, text) in a.texts() {
            for name in variables(text).unwrap_or_default() {
                out.push(variable_path(&d.trigger_kind, name).unwrap_or_else(|| name.to_owned()));
            }
        }
    }
    out
}

/// Whether a definition reads the record under `prefix` (then the job
/// loads it).
pub fn reads(d: &Definition, prefix: &str) -> bool {
    paths_read(d).iter().any(|p| p.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('.')))
}

/// Whether a definition reads anything but the event itself.
pub fn reads_records(d: &Definition) -> bool {
    [RECORD, CUSTOMER, INVOICE, NOW].iter().any(|p| reads(d, p))
}

/// Triggers that fire on the flow's own schedule (cron): the schedule
/// itself, or each open invoice due some days from it.
pub fn is_scheduled(kind: &str) -> bool {
    kind == <events::FlowScheduleFired as events::Event>::KIND
        || kind == <events::FlowInvoiceDue as events::Event>::KIND
}

/// How far from the firing day a flow over invoices may look.
pub const MAX_DUE_DAYS: i32 = 365;

/// The days to due a `FlowInvoiceDue` flow is for: the top-level
/// `days_to_due equals N` / `in [..]` conditions, which say both which
/// invoices the schedule reads (through the due-date index, never the
/// whole table) and which events the flow accepts. `None` without one.
pub fn invoice_days(c: &Condition) -> Option<Vec<i32>> {
    let members: &[Condition] = match c {
        Condition::All(g) => &g.all,
        leaf @ Condition::Leaf(_) => std::slice::from_ref(leaf),
        Condition::Any(_) => return None,
    };
    members.iter().find_map(|m| {
        let Condition::Leaf(l) = m else { return None };
        if l.field != "days_to_due" {
            return None;
        }
        let int = |v: &Value| v.as_i64().and_then(|n| i32::try_from(n).ok());
        let mut days: Vec<i32> = match (l.op, l.value.as_ref()?) {
            (Op::Equals, v) => vec![int(v)?],
            (Op::In, Value::Array(xs)) => xs.iter().map(int).collect::<Option<_>>()?,
            _ => return None,
        };
        days.sort_unstable();
        days.dedup();
        Some(days)
    })
}

/// Every trigger with its fields: what the editor offers.
pub fn triggers() -> Vec<super::model::Trigger> {
    CATALOGUE
        .kinds
        .keys()
        .map(|kind| super::model::Trigger {
            kind: (*kind).to_owned(),
            has_ticket: has_ticket(kind),
            has_customer: has_customer(kind),
            has_invoice: has_invoice(kind),
            has_opportunity: has_opportunity(kind),
            fields: fields_of(kind)
                .into_iter()
                .map(|(path, t)| super::model::TriggerField {
                    path,
                    r#type: t.code().to_owned(),
                    ops: t.ops(),
                })
                .collect(),
        })
        .collect()
}

pub fn is_known_kind(kind: &str) -> bool {
    CATALOGUE.kinds.contains_key(kind)
}

/// The schema itself behind `$ref`s and `Option`s (`oneOf [null, T]`).
fn resolve(schema: &Value) -> &Value {
    let mut s = schema;
    for _ in 0..8 {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or_default();
            match CATALOGUE.components.get(name) {
                Some(found) => s = found,
                None => return s,
            }
        } else if let Some(options) = s.get("oneOf").or_else(|| s.get("anyOf")).and_then(Value::as_array) {
            match options.iter().find(|o| o.get("type").and_then(Value::as_str) != Some("null")) {
                Some(o) => s = o,
                None => return s,
            }
        } else {
            return s;
        }
    }
    s
}

fn type_of(schema: &Value) -> FieldType {
    let s = resolve(schema);
    let types: Vec<&str> = match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect(),
        _ if s.get("enum").is_some() => vec!["string"],
        _ if s.get("properties").is_some() => vec!["object"],
        _ => vec![],
    };
    let format = s.get("format").and_then(Value::as_str);
    match types.first().copied() {
        Some("string") if matches!(format, Some("date" | "date-time")) => FieldType::Date,
        Some("integer" | "number") => FieldType::Number,
        Some("boolean") => FieldType::Boolean,
        Some("array") => FieldType::List,
        Some("object") => FieldType::Object,
        _ => FieldType::Text,
    }
}

/// The type of `path` (dotted) in the events of `kind` itself.
fn field_type_in(kind: &str, path: &str) -> Option<FieldType> {
    walk_to(CATALOGUE.kinds.get(kind)?, path)
}

fn walk_to(schema: &Value, path: &str) -> Option<FieldType> {
    let mut s = schema;
    for part in path.split('.') {
        s = resolve(s).get("properties")?.get(part)?;
    }
    Some(type_of(s))
}

/// The type of `path` (dotted) in the events of `kind`, or in a record
/// they can be read with (`record.status`, `customer.custom_fields.plano`).
pub fn field_type(kind: &str, path: &str) -> Option<FieldType> {
    if let Some(t) = field_type_in(kind, path) {
        return Some(t);
    }
    let (prefix, rest) = path.split_once('.')?;
    let (prefix, schema) = CATALOGUE.records.iter().find(|(p, _)| *p == prefix)?;
    if !record_available(kind, prefix) {
        return None;
    }
    // A company's own fields: their types live in its data, not here.
    if *prefix == CUSTOMER
        && let Some(key) = rest.strip_prefix("custom_fields.")
    {
        return (!key.is_empty() && !key.contains('.')).then_some(FieldType::Custom);
    }
    walk_to(schema, rest)
}

/// Every field a trigger's events have (dotted), with its type: what the
/// editor offers.
pub fn fields_of(kind: &str) -> Vec<(String, FieldType)> {
    fn walk(prefix: &str, s: &Value, out: &mut Vec<(String, FieldType)>, depth: u8) {
        let Some(props) = resolve(s).get("properties").and_then(Value::as_object) else { return };
        for (name, p) in props {
            let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
            let t = type_of(p);
            out.push((path.clone(), t));
            if t == FieldType::Object && depth < 3 {
                walk(&path, p, out, depth + 1);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(s) = CATALOGUE.kinds.get(kind) {
        walk("", s, &mut out, 0);
        for (prefix, schema) in &CATALOGUE.records {
            if record_available(kind, prefix) {
                walk(prefix, schema, &mut out, 0);
            }
        }
    }
    out
}

/// The pt-BR names a text may use for a variable (`{{cliente.nome}}`,
/// `{{fatura.valor}}`, `{{ticket.numero}}`), segment by segment.
fn english(segment: &str) -> &str {
    match segment {
        "cliente" => CUSTOMER,
        "fatura" => INVOICE,
        "nome" => "name",
        "valor" => "amount_due",
        "total" => "total",
        "vencimento" => "due_date",
        "numero" | "número" => "number",
        "telefone" => "phone",
        "assunto" => "subject",
        "pix" => "pix_code",
        "campos" => "custom_fields",
        other => other,
    }
}

/// The path a `{{variable}}` means: itself, its pt-BR names in English, or
/// either without its first segment, so `{{ticket.number}}` reads
/// `number` of a ticket's event.
fn variable_path(kind: &str, name: &str) -> Option<String> {
    let translated: String = name.split('.').map(english).collect::<Vec<_>>().join(".");
    for candidate in [name, translated.as_str()] {
        if field_type(kind, candidate).is_some() {
            return Some(candidate.to_owned());
        }
        if let Some((_, rest)) = candidate.split_once('.')
            && field_type(kind, rest).is_some()
        {
            return Some(rest.to_owned());
        }
    }
    None
}

/// The `{{names}}` of a text, trimmed; `Err` for a `{{` never closed.
fn variables(text: &str) -> std::result::Result<Vec<&str>, ()> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or(())?;
        out.push(after[..end].trim());
        rest = &after[end + 2..];
    }
    Ok(out)
}

const MAX_ACTIONS: usize = 20;
/// 30 days.
const MAX_WAIT_MINUTES: i64 = 30 * 24 * 60;

/// Every `{{variable}}` of a text must be a field the trigger provides.
fn check_variables(kind: &str, text: &str, at: &str, v: &mut Violations) {
    match variables(text) {
        Err(()) => v.add(at, "Feche a variável com }}."),
        Ok(names) => {
            for name in names {
                if variable_path(kind, name).is_none() {
                    v.add(at, format!("O evento {kind} não tem a variável {{{{{name}}}}}."));
                }
            }
        }
    }
}
const MAX_CONDITIONS: usize = 50;
/// R$ 1 bilhão, as deals allow.
const MAX_VALUE_CENTS: i64 = 100_000_000_000;

/// Checks a definition against its trigger's schema: every problem is
/// named by its step and field (`conditions.all[0].field`, `actions[1].url`).
pub fn validate(d: &Definition) -> Result<()> {
    let mut v = Violations::new();
    if !is_known_kind(&d.trigger_kind) {
        v.add("trigger_kind", format!("Evento desconhecido: \"{}\".", d.trigger_kind));
        return v.finish();
    }
    let scheduled = is_scheduled(&d.trigger_kind);
    match (&d.schedule, scheduled) {
        (Some(expr), true) => {
            if let Err(message) = super::schedule::check(expr) {
                v.add("schedule", message);
            }
        }
        (None, true) => v.add("schedule", "Informe quando o fluxo roda (ex.: 0 9 * * Mon-Fri)."),
        (Some(_), false) => v.add("schedule", "Só fluxos agendados têm agenda."),
        (None, false) => {}
    }
    if d.trigger_kind == <events::FlowInvoiceDue as events::Event>::KIND {
        match invoice_days(&d.conditions) {
            Some(days) if days.iter().all(|n| (-MAX_DUE_DAYS..=MAX_DUE_DAYS).contains(n)) => {}
            Some(_) => v.add("conditions", format!("Dias para o vencimento de -{MAX_DUE_DAYS} a {MAX_DUE_DAYS}.")),
            None => v.add(
                "conditions",
                "Inclua a condição \"days_to_due é igual a\" (ex.: 3 = três dias antes do vencimento) ou \"é um de\".",
            ),
        }
    }
    let mut count = 0;
    check_condition(&d.trigger_kind, &d.conditions, "conditions", &mut v, &mut count);
    if count > MAX_CONDITIONS {
        v.add("conditions", format!("Até {MAX_CONDITIONS} condições."));
    }
    if d.actions.is_empty() || d.actions.len() > MAX_ACTIONS {
        v.add("actions", format!("Inclua de 1 a {MAX_ACTIONS} ações."));
    }
    for (i, a) in d.actions.iter().enumerate() {
        let at = format!("actions[{i}]");
        if let Some(subject) = a.subject()
            && !has_subject(&d.trigger_kind, subject)
        {
            v.add(
                &format!("{at}.type"),
                format!("O evento {} não se refere a {}.", d.trigger_kind, subject.name()),
            );
        }
        for (field, text) in a.texts() {
            check_variables(&d.trigger_kind, text, &format!("{at}.{field}"), &mut v);
        }
        match a {
            Action::AddNote { text } => {
                if text.trim().is_empty() || text.chars().count() > 5000 {
                    v.add(&format!("{at}.text"), "Escreva a nota (até 5.000 caracteres).");
                }
            }
            Action::SetPriority { .. } | Action::SetStatus { .. } => {}
            Action::AddTags { tags } => {
                if tags.is_empty()
                    || tags.len() > 20
                    || tags.iter().any(|t| t.trim().is_empty() || t.chars().count() > 40)
                {
                    v.add(&format!("{at}.tags"), "De 1 a 20 etiquetas de até 40 caracteres.");
                }
            }
            Action::Assign { team_id, user_id } => {
                if team_id.is_none() && user_id.is_none() {
                    v.add(&format!("{at}.team_id"), "Escolha a equipe, a pessoa ou ambas.");
                }
            }
            Action::Reply { text, template } => {
                if text.trim().is_empty() || text.chars().count() > 4096 {
                    v.add(&format!("{at}.text"), "Escreva a mensagem (até 4.096 caracteres).");
                }
                if let Some(t) = template {
                    if t.name.trim().is_empty() || t.name.len() > 512 {
                        v.add(&format!("{at}.template.name"), "Informe o nome do modelo aprovado.");
                    }
                    if t.language.trim().is_empty() || t.language.len() > 10 {
                        v.add(&format!("{at}.template.language"), "Informe o idioma do modelo (ex.: pt_BR).");
                    }
                    if t.params.len() > 10 {
                        v.add(&format!("{at}.template.params"), "Até 10 parâmetros.");
                    }
                }
            }
            Action::Notify { user_ids, subject, text } => {
                if user_ids.is_empty() || user_ids.len() > 20 {
                    v.add(&format!("{at}.user_ids"), "Escolha de 1 a 20 pessoas.");
                }
                if subject.trim().is_empty() || subject.chars().count() > 200 {
                    v.add(&format!("{at}.subject"), "Informe o assunto (até 200 caracteres).");
                }
                if text.trim().is_empty() || text.chars().count() > 5000 {
                    v.add(&format!("{at}.text"), "Escreva a mensagem (até 5.000 caracteres).");
                }
            }
            Action::Wait { amount, unit } => {
                let minutes = i64::from(*amount) * unit.minutes();
                if !(1..=MAX_WAIT_MINUTES).contains(&minutes) {
                    v.add(&format!("{at}.amount"), "Espere de 1 minuto a 30 dias.");
                }
            }
            Action::EmailCustomer { subject, text } => {
                if subject.trim().is_empty() || subject.chars().count() > 200 {
                    v.add(&format!("{at}.subject"), "Informe o assunto (até 200 caracteres).");
                }
                if text.trim().is_empty() || text.chars().count() > 10_000 {
                    v.add(&format!("{at}.text"), "Escreva a mensagem (até 10.000 caracteres).");
                }
            }
            Action::SendInvoice { .. } | Action::MoveOpportunity { .. } | Action::WaitBusinessHours {} => {}
            Action::WaitUntil { time, .. } => {
                if clock_time(time).is_none() {
                    v.add(&format!("{at}.time"), "Informe a hora como HH:MM (ex.: 09:00).");
                }
            }
            Action::CreateOpportunity { title, value_cents, .. } => {
                if title.trim().is_empty() || title.chars().count() > 200 {
                    v.add(&format!("{at}.title"), "Informe o título (até 200 caracteres).");
                }
                if !(0..=MAX_VALUE_CENTS).contains(value_cents) {
                    v.add(&format!("{at}.value_cents"), "Informe um valor de R$ 0 a R$ 1 bilhão.");
                }
            }
            Action::SetCustomField { key, value } => {
                let ok_key = !key.is_empty()
                    && key.len() <= 60
                    && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if !ok_key {
                    v.add(&format!("{at}.key"), "Informe a chave do campo personalizado (ex.: plano).");
                }
                let ok_value = match value {
                    Value::String(t) => t.chars().count() <= 1000,
                    Value::Null | Value::Number(_) | Value::Bool(_) => true,
                    _ => false,
                };
                if !ok_value {
                    v.add(
                        &format!("{at}.value"),
                        "Informe um texto (até 1.000 caracteres), número, sim/não ou nulo.",
                    );
                }
            }
            Action::Webhook { url } => {
                let ok = (url.starts_with("https://") || url.starts_with("http://"))
                    && url.len() <= 2000
                    && !url.chars().any(char::is_whitespace);
                if !ok {
                    v.add(&format!("{at}.url"), "Informe um endereço https:// válido.");
                }
            }
        }
    }
    let waits = d.actions.iter().filter(|a| a.is_wait()).count();
    if waits > 3 {
        v.add("actions", "Até 3 esperas por fluxo.");
    }
    v.finish()
}

fn check_condition(kind: &str, c: &Condition, at: &str, v: &mut Violations, count: &mut usize) {
    match c {
        Condition::All(g) => {
            for (i, m) in g.all.iter().enumerate() {
                check_condition(kind, m, &format!("{at}.all[{i}]"), v, count);
            }
        }
        Condition::Any(g) => {
            if g.any.is_empty() {
                v.add(&format!("{at}.any"), "Inclua ao menos uma condição em \"qualquer uma\".");
            }
            for (i, m) in g.any.iter().enumerate() {
                check_condition(kind, m, &format!("{at}.any[{i}]"), v, count);
            }
        }
        Condition::Leaf(leaf) => {
            *count += 1;
            check_leaf(kind, leaf, at, v);
        }
    }
}

fn check_leaf(kind: &str, leaf: &Leaf, at: &str, v: &mut Violations) {
    let Some(t) = field_type(kind, &leaf.field) else {
        v.add(&format!("{at}.field"), format!("O evento {kind} não tem o campo \"{}\".", leaf.field));
        return;
    };
    if !t.allows(leaf.op) {
        v.add(
            &format!("{at}.op"),
            format!("O operador {} não vale para \"{}\" ({}).", leaf.op.as_str(), leaf.field, t.name()),
        );
        return;
    }
    let value = leaf.value.as_ref();
    let fits = |x: &Value| match t {
        FieldType::Number | FieldType::Date => x.is_number(),
        FieldType::Boolean => x.is_boolean(),
        FieldType::Custom => x.is_string() || x.is_number() || x.is_boolean(),
        _ => x.is_string(),
    };
    let ok = match leaf.op {
        Op::IsEmpty | Op::IsNotEmpty => value.is_none_or(Value::is_null),
        Op::In => value.and_then(Value::as_array).is_some_and(|xs| !xs.is_empty() && xs.iter().all(fits)),
        Op::Contains if t == FieldType::List => value.is_some_and(|x| x.is_string() || x.is_number()),
        Op::WithinNextDays | Op::MoreThanDaysAgo => {
            value.and_then(Value::as_i64).is_some_and(|d| (0..=3650).contains(&d))
        }
        Op::GreaterThan | Op::LessThan => value.is_some_and(Value::is_number),
        _ => value.is_some_and(fits),
    };
    if !ok {
        let expected = match leaf.op {
            Op::IsEmpty | Op::IsNotEmpty => "nenhum valor".to_owned(),
            Op::In => format!("uma lista de valores ({})", t.name()),
            Op::WithinNextDays | Op::MoreThanDaysAgo => "um número de dias (0 a 3650)".to_owned(),
            _ => format!("um valor do tipo {}", t.name()),
        };
        v.add(&format!("{at}.value"), format!("Para \"{}\" informe {expected}.", leaf.field));
    }
}

/// The value at a dotted path of a payload.
pub fn lookup<'a>(payload: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(payload, |v, part| v.get(part))
}

fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        _ => false,
    }
}

/// Text compares without case or surrounding blanks; numbers as numbers.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.trim().to_lowercase() == y.trim().to_lowercase(),
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        // A custom field's number may be kept as text ("10") and compared
        // with a number, or the other way round.
        (Value::String(x), Value::Number(y)) | (Value::Number(y), Value::String(x)) => {
            x.trim().replace(',', ".").parse::<f64>().ok() == y.as_f64()
        }
        _ => a == b,
    }
}

fn holds(leaf: &Leaf, payload: &Value) -> bool {
    let actual = lookup(payload, &leaf.field);
    let value = leaf.value.as_ref().unwrap_or(&Value::Null);
    let text = |v: &Value| v.as_str().map(|s| s.trim().to_lowercase());
    match leaf.op {
        Op::IsEmpty => is_empty(actual),
        Op::IsNotEmpty => !is_empty(actual),
        Op::Equals => actual.is_some_and(|a| same(a, value)),
        Op::NotEquals => !actual.is_some_and(|a| same(a, value)),
        Op::In => actual.is_some_and(|a| value.as_array().is_some_and(|xs| xs.iter().any(|x| same(a, x)))),
        Op::Contains => match actual {
            Some(Value::Array(xs)) => xs.iter().any(|x| same(x, value)),
            Some(a) => text(a).zip(text(value)).is_some_and(|(a, b)| a.contains(&b)),
            None => false,
        },
        Op::StartsWith => actual.and_then(text).zip(text(value)).is_some_and(|(a, b)| a.starts_with(&b)),
        Op::WithinNextDays | Op::MoreThanDaysAgo => {
            let (Some(at), Some(days)) = (actual.and_then(instant), value.as_i64()) else { return false };
            let now = Utc::now();
            if leaf.op == Op::WithinNextDays {
                at >= now && at <= now + Duration::days(days)
            } else {
                at < now - Duration::days(days)
            }
        }
        Op::GreaterThan | Op::LessThan => match (actual.and_then(number), value.as_f64()) {
            (Some(a), Some(b)) if leaf.op == Op::GreaterThan => a > b,
            (Some(a), Some(b)) => a < b,
            _ => false,
        },
    }
}

/// A number, or text that reads as one (a custom field's "10,5").
fn number(v: &Value) -> Option<f64> {
    v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().replace(',', ".").parse().ok()))
}

/// A date (`2026-12-10`, read as the end of that day in UTC, so "within
/// the next 3 days" includes the whole due date) or a date and time.
fn instant(v: &Value) -> Option<DateTime<Utc>> {
    let text = v.as_str()?;
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(23, 59, 59)?.and_utc())
}

/// Evaluates every condition (all of them, for the record) and says
/// whether the tree holds.
pub fn evaluate(c: &Condition, payload: &Value) -> (bool, Vec<Step>) {
    let mut steps = Vec::new();
    let held = eval(c, payload, "conditions", &mut steps);
    (held, steps)
}

fn eval(c: &Condition, payload: &Value, at: &str, steps: &mut Vec<Step>) -> bool {
    match c {
        // Every member is evaluated (no short circuit), so the run shows
        // each condition's result.
        Condition::All(g) => {
            let results: Vec<bool> = g
                .all
                .iter()
                .enumerate()
                .map(|(i, m)| eval(m, payload, &format!("{at}.all[{i}]"), steps))
                .collect();
            results.into_iter().all(|x| x)
        }
        Condition::Any(g) => {
            let results: Vec<bool> = g
                .any
                .iter()
                .enumerate()
                .map(|(i, m)| eval(m, payload, &format!("{at}.any[{i}]"), steps))
                .collect();
            results.into_iter().any(|x| x)
        }
        Condition::Leaf(leaf) => {
            let held = holds(leaf, payload);
            let value = leaf.value.as_ref().map(|v| format!(" {v}")).unwrap_or_default();
            steps.push(Step {
                step: at.to_owned(),
                label: format!("{} {}{value}", leaf.field, leaf.op.as_str()),
                outcome: if held { StepOutcome::Held } else { StepOutcome::NotHeld },
                detail: lookup(payload, &leaf.field).map(|a| format!("valor no evento: {a}")),
            });
            held
        }
    }
}

/// Fills `{{variables}}` from the payload; a missing or empty value is an
/// error naming it, never an empty string in the text.
pub fn render(kind: &str, text: &str, payload: &Value) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or_else(|| "Variável sem }}.".to_owned())?;
        let name = after[..end].trim();
        let path = variable_path(kind, name).unwrap_or_else(|| name.to_owned());
        let value = lookup(payload, &path);
        if is_empty(value) {
            return Err(format!("A variável {{{{{name}}}}} não tem valor neste evento."));
        }
        match value {
            Some(Value::String(s)) => out.push_str(s),
            Some(other) => out.push_str(&other.to_string()),
            None => {}
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The record an event is about, for loop protection and history: its
/// deal, else its ticket, else its customer (a deal's events may name the
/// conversation it came from; the deal is still what they are about).
pub fn record_of(payload: &Value) -> Option<Uuid> {
    ["opportunity_id", "ticket_id", "customer_id", "timeline.customer_id"]
        .iter()
        .find_map(|p| lookup(payload, p).and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok()))
}

/// The customer an event names: its own, its timeline's, or (once the
/// ticket is read) its ticket's.
pub fn customer_of(payload: &Value) -> Option<Uuid> {
    ["customer_id", "timeline.customer_id", "record.customer_id"]
        .iter()
        .find_map(|p| lookup(payload, p).and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok()))
}

/// The id at a top-level field (`invoice_id`, `opportunity_id`).
pub fn id_at(payload: &Value, field: &str) -> Option<Uuid> {
    lookup(payload, field).and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok())
}

/// "09:00" → 09:00; anything else (a second, 24:00, "9h") → none.
pub fn clock_time(text: &str) -> Option<chrono::NaiveTime> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    chrono::NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// The next `time` after `now` in `tz` (tomorrow's when today's has
/// passed), skipping Saturdays and Sundays when `weekdays`. A time a clock
/// change skips is taken an hour later.
pub fn next_clock(
    now: chrono::DateTime<chrono::Utc>,
    tz: chrono_tz::Tz,
    time: chrono::NaiveTime,
    weekdays: bool,
) -> chrono::DateTime<chrono::Utc> {
    use chrono::{Datelike, TimeZone, Weekday};
    let mut day = now.with_timezone(&tz).date_naive();
    for _ in 0..10 {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let local = day.and_time(time);
        let at = tz
            .from_local_datetime(&local)
            .earliest()
            .or_else(|| tz.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest())
            .map(|t| t.with_timezone(&chrono::Utc));
        if let Some(at) = at
            && at > now
            && !(weekdays && weekend)
        {
            return at;
        }
        day = day.succ_opt().unwrap_or(day);
    }
    now + chrono::Duration::days(1)
}

/// The ticket an event is about.
pub fn ticket_of(payload: &Value) -> Option<Uuid> {
    lookup(payload, "ticket_id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    #[test]
    fn a_clock_wait_is_the_next_such_time_in_the_companys_zone() {
        use super::{clock_time, next_clock};
        let tz = chrono_tz::America::Sao_Paulo;
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&chrono::Utc);
        let nine = clock_time("09:00").unwrap();
        // Friday 08:00 in São Paulo (11:00 UTC): today at 9.
        assert_eq!(next_clock(at("2026-12-04T11:00:00Z"), tz, nine, false), at("2026-12-04T12:00:00Z"));
        // Friday 10:00: tomorrow, Saturday — or Monday when only weekdays count.
        assert_eq!(next_clock(at("2026-12-04T13:00:00Z"), tz, nine, false), at("2026-12-05T12:00:00Z"));
        assert_eq!(next_clock(at("2026-12-04T13:00:00Z"), tz, nine, true), at("2026-12-07T12:00:00Z"));
        // At 9 sharp the next one is tomorrow's.
        assert_eq!(next_clock(at("2026-12-07T12:00:00Z"), tz, nine, false), at("2026-12-08T12:00:00Z"));
        for bad in ["9h", "24:00", "09:00:00", "9:00", "ab:cd", ""] {
            assert!(clock_time(bad).is_none(), "{bad}");
        }
    }

    use serde_json::json;

    use super::*;

    fn def(v: Value) -> Definition {
        serde_json::from_value(v).unwrap()
    }

    fn fields(e: kernel::Error) -> Vec<String> {
        e.to_problem().errors.unwrap_or_default().into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn reads_field_types_from_the_catalogue() {
        assert_eq!(field_type("TicketCreated", "priority"), Some(FieldType::Text));
        assert_eq!(field_type("TicketCreated", "number"), Some(FieldType::Number));
        assert_eq!(field_type("TicketCreated", "timeline.customer_id"), Some(FieldType::Text));
        assert_eq!(field_type("TicketCreated", "nope"), None);
        assert!(fields_of("TicketCreated").iter().any(|(f, _)| f == "timeline.summary"));
    }

    #[test]
    fn a_good_definition_passes() {
        let d = def(json!({
            "trigger_kind": "TicketCreated",
            "conditions": {"all": [{"field": "priority", "op": "equals", "value": "urgent"},
                                   {"any": [{"field": "number", "op": "greater_than", "value": 0},
                                            {"field": "category", "op": "is_empty"}]}]},
            "actions": [{"type": "add_note", "text": "Urgente: #{{ticket.number}}"},
                        {"type": "add_tags", "tags": ["vip"]}]
        }));
        validate(&d).unwrap();
    }

    #[test]
    fn bad_definitions_name_the_step_and_field() {
        let d = def(json!({"trigger_kind": "Nada", "actions": []}));
        assert_eq!(fields(validate(&d).unwrap_err()), ["trigger_kind"]);
        let d = def(json!({
            "trigger_kind": "TicketCreated",
            "conditions": {"all": [{"field": "prioridade", "op": "equals", "value": "x"},
                                   {"field": "number", "op": "starts_with", "value": "1"},
                                   {"field": "priority", "op": "in", "value": "urgent"}]},
            "actions": [{"type": "add_note", "text": "{{cliente.cpf}}"}, {"type": "webhook", "url": "ftp://x"}]
        }));
        assert_eq!(
            fields(validate(&d).unwrap_err()),
            [
                "conditions.all[0].field",
                "conditions.all[1].op",
                "conditions.all[2].value",
                "actions[0].text",
                "actions[1].url"
            ]
        );
        let d = def(
            json!({"trigger_kind": "CustomerCreated", "actions": [{"type": "set_priority", "priority": "high"}]}),
        );
        assert_eq!(fields(validate(&d).unwrap_err()), ["actions[0].type"]);
    }

    #[test]
    fn unknown_fields_in_a_definition_are_refused() {
        let r: std::result::Result<Definition, _> = serde_json::from_value(json!({
            "trigger_kind": "TicketCreated", "actions": [{"type": "add_tags", "tags": ["a"], "extra": 1}]
        }));
        assert!(r.is_err());
    }

    #[test]
    fn evaluates_and_or_trees() {
        let payload = json!({"priority": "urgent", "number": 7, "category": null, "tags": ["a", "b"]});
        let c: Condition = serde_json::from_value(json!({"all": [
            {"field": "priority", "op": "in", "value": ["high", "URGENT"]},
            {"any": [{"field": "number", "op": "less_than", "value": 5}, {"field": "category", "op": "is_empty"}]}
        ]}))
        .unwrap();
        let (held, steps) = evaluate(&c, &payload);
        assert!(held);
        let outcomes: Vec<_> = steps.iter().map(|s| (s.step.as_str(), s.outcome)).collect();
        assert_eq!(
            outcomes,
            [
                ("conditions.all[0]", StepOutcome::Held),
                ("conditions.all[1].any[0]", StepOutcome::NotHeld),
                ("conditions.all[1].any[1]", StepOutcome::Held)
            ]
        );
        let c: Condition =
            serde_json::from_value(json!({"all": [{"field": "tags", "op": "contains", "value": "c"}]}))
                .unwrap();
        assert!(!evaluate(&c, &payload).0);
        assert!(evaluate(&Condition::default(), &payload).0);
    }

    #[test]
    fn date_fields_take_days_before_and_after() {
        assert_eq!(field_type("InvoiceIssued", "due_date"), Some(FieldType::Date));
        assert_eq!(field_type("SlaBreached", "due"), Some(FieldType::Date));
        let soon = (Utc::now() + Duration::days(2)).date_naive().to_string();
        let later = (Utc::now() + Duration::days(10)).date_naive().to_string();
        let old = (Utc::now() - Duration::days(9)).to_rfc3339();
        let c = |op: &str, days: i64| -> Condition {
            serde_json::from_value(json!({"all": [{"field": "due_date", "op": op, "value": days}]})).unwrap()
        };
        assert!(evaluate(&c("within_next_days", 3), &json!({"due_date": soon})).0);
        assert!(!evaluate(&c("within_next_days", 3), &json!({"due_date": later})).0);
        assert!(evaluate(&c("more_than_days_ago", 7), &json!({"due_date": old})).0);
        assert!(!evaluate(&c("more_than_days_ago", 7), &json!({"due_date": soon})).0);
        let d = def(json!({"trigger_kind": "InvoiceIssued",
            "conditions": {"all": [{"field": "due_date", "op": "within_next_days", "value": "3"},
                                   {"field": "total_cents", "op": "within_next_days", "value": 3}]},
            "actions": [{"type": "webhook", "url": "https://erp.example.com/x"}]}));
        assert_eq!(fields(validate(&d).unwrap_err()), ["conditions.all[0].value", "conditions.all[1].op"]);
    }

    #[test]
    fn variables_are_filled_or_the_step_fails() {
        let payload = json!({"number": 42, "category": null});
        assert_eq!(render("TicketCreated", "Ticket #{{ ticket.number }}", &payload).unwrap(), "Ticket #42");
        assert_eq!(render("TicketCreated", "#{{number}}", &payload).unwrap(), "#42");
        let e = render("TicketCreated", "Categoria {{category}}", &payload).unwrap_err();
        assert!(e.contains("{{category}}"), "{e}");
    }

    #[test]
    fn records_are_readable_where_the_event_names_them() {
        assert_eq!(field_type("InvoicePaid", "invoice.link"), Some(FieldType::Text));
        assert_eq!(field_type("InvoicePaid", "invoice.amount_due_cents"), Some(FieldType::Number));
        assert_eq!(field_type("InvoicePaid", "customer.name"), Some(FieldType::Text));
        // A ticket's event reads its customer through the ticket.
        assert_eq!(field_type("TicketCreated", "customer.email"), Some(FieldType::Text));
        assert_eq!(field_type("CustomerCreated", "invoice.link"), None);
        assert_eq!(field_type("CustomerCreated", "record.status"), None);
        assert_eq!(field_type("CustomerCreated", "customer.custom_fields.plano"), Some(FieldType::Custom));
        assert_eq!(field_type("CustomerCreated", "customer.custom_fields."), None);
        assert_eq!(field_type("CustomerCreated", "now.business_hours"), Some(FieldType::Boolean));
        assert!(fields_of("InvoicePaid").iter().any(|(f, _)| f == "invoice.pix_code"));
    }

    #[test]
    fn pt_br_variables_name_the_same_fields() {
        assert_eq!(variable_path("InvoicePaid", "fatura.valor").as_deref(), Some("invoice.amount_due"));
        assert_eq!(variable_path("InvoicePaid", "fatura.link").as_deref(), Some("invoice.link"));
        assert_eq!(variable_path("InvoicePaid", "cliente.nome").as_deref(), Some("customer.name"));
        assert_eq!(variable_path("TicketCreated", "ticket.numero").as_deref(), Some("number"));
        assert_eq!(variable_path("CustomerCreated", "fatura.link"), None);
    }

    #[test]
    fn actions_need_the_record_they_act_on() {
        let d = def(json!({"trigger_kind": "CustomerCreated", "actions": [
            {"type": "send_invoice", "via": "email"},
            {"type": "move_opportunity", "stage_id": Uuid::nil()},
            {"type": "email_customer", "subject": "Oi {{cliente.nome}}", "text": "Bem-vindo"},
            {"type": "set_custom_field", "key": "plano", "value": "ouro"},
            {"type": "wait_business_hours"}
        ]}));
        assert_eq!(fields(validate(&d).unwrap_err()), ["actions[0].type", "actions[1].type"]);
        let d = def(json!({"trigger_kind": "InvoicePaid", "actions": [
            {"type": "send_invoice", "via": "whatsapp"},
            {"type": "create_opportunity", "pipeline_id": Uuid::nil(), "title": "Renovação {{fatura.label}}"}
        ]}));
        validate(&d).unwrap();
        let d = def(json!({"trigger_kind": "CustomerCreated", "actions": [
            {"type": "email_customer", "subject": " ", "text": "x"},
            {"type": "create_opportunity", "pipeline_id": Uuid::nil(), "title": "x", "value_cents": -1},
            {"type": "set_custom_field", "key": "Plano X", "value": {"a": 1}},
            {"type": "email_customer", "subject": "{{fatura.link}}", "text": "x"}
        ]}));
        assert_eq!(
            fields(validate(&d).unwrap_err()),
            [
                "actions[0].subject",
                "actions[1].value_cents",
                "actions[2].key",
                "actions[2].value",
                "actions[3].subject"
            ]
        );
    }

    #[test]
    fn a_definition_says_which_records_it_reads() {
        let d = def(json!({"trigger_kind": "InvoicePaid",
            "conditions": {"all": [{"field": "customer.custom_fields.plano", "op": "equals", "value": "ouro"}]},
            "actions": [{"type": "email_customer", "subject": "Fatura {{fatura.label}}", "text": "ok"}]}));
        assert!(reads(&d, CUSTOMER) && reads(&d, INVOICE));
        assert!(!reads(&d, RECORD) && !reads(&d, NOW));
        let d = def(
            json!({"trigger_kind": "InvoicePaid", "actions": [{"type": "webhook", "url": "https://x.example.com"}]}),
        );
        assert!(!reads_records(&d));
    }

    #[test]
    fn custom_fields_compare_as_text_or_numbers() {
        let payload =
            json!({"customer": {"custom_fields": {"plano": "Ouro", "limite": "10,5", "ativo": true}}});
        let holds_ = |field: &str, op: &str, value: Value| -> bool {
            let c: Condition =
                serde_json::from_value(json!({"all": [{"field": field, "op": op, "value": value}]})).unwrap();
            evaluate(&c, &payload).0
        };
        assert!(holds_("customer.custom_fields.plano", "equals", json!("ouro")));
        assert!(holds_("customer.custom_fields.limite", "greater_than", json!(10)));
        assert!(holds_("customer.custom_fields.limite", "equals", json!(10.5)));
        assert!(holds_("customer.custom_fields.ativo", "equals", json!(true)));
        assert!(!holds_("customer.custom_fields.nada", "equals", json!("x")));
        let d = def(json!({"trigger_kind": "CustomerCreated",
            "conditions": {"all": [{"field": "customer.custom_fields.limite", "op": "greater_than", "value": "10"}]},
            "actions": [{"type": "webhook", "url": "https://x.example.com"}]}));
        assert_eq!(fields(validate(&d).unwrap_err()), ["conditions.all[0].value"]);
    }
}
