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

use super::model::{Action, Condition, Definition, Leaf, Op, Step, StepOutcome};

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
}

impl FieldType {
    fn allows(self, op: Op) -> bool {
        use FieldType::*;
        match op {
            Op::IsEmpty | Op::IsNotEmpty => true,
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
        }
    }
}

/// Every kind of the catalogue with its schema, and the shared components
/// its `$ref`s point to, as JSON (simpler to walk than utoipa's types).
struct Catalogue {
    kinds: BTreeMap<&'static str, Value>,
    /// A ticket as it is now ([`crate::ports::TicketRecord`]): `record.*`.
    record: Value,
    components: Value,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    let mut components = utoipa::openapi::Components::new();
    events::add_schemas(&mut components);
    let kinds = events::catalogue()
        .iter()
        .map(|e| (e.kind, serde_json::to_value(&e.schema).unwrap_or(Value::Null)))
        .collect();
    let record = serde_json::to_value(<crate::ports::TicketRecord as utoipa::PartialSchema>::schema())
        .unwrap_or(Value::Null);
    Catalogue { kinds, record, components: serde_json::to_value(&components.schemas).unwrap_or(Value::Null) }
});

/// The prefix of the fields read from the ticket as it is now.
pub const RECORD: &str = "record";

/// Whether a kind's events name a ticket (ticket actions and `record.*`
/// need one).
pub fn has_ticket(kind: &str) -> bool {
    CATALOGUE
        .kinds
        .get(kind)
        .is_some_and(|s| resolve(s).get("properties").and_then(|p| p.get("ticket_id")).is_some())
}

/// Whether a definition reads the ticket as it is now (then the job loads it).
pub fn reads_record(d: &Definition) -> bool {
    fn walk(c: &Condition) -> bool {
        match c {
            Condition::All(g) => g.all.iter().any(walk),
            Condition::Any(g) => g.any.iter().any(walk),
            Condition::Leaf(l) => l.field.starts_with("record."),
        }
    }
    walk(&d.conditions) || d.actions.iter().any(|a| a.texts().iter().any(|(_, t)| t.contains("record.")))
}

/// Every trigger with its fields: what the editor offers.
pub fn triggers() -> Vec<super::model::Trigger> {
    CATALOGUE
        .kinds
        .keys()
        .map(|kind| super::model::Trigger {
            kind: (*kind).to_owned(),
            has_ticket: has_ticket(kind),
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

/// The type of `path` (dotted) in the events of `kind`, if they have it.
pub fn field_type(kind: &str, path: &str) -> Option<FieldType> {
    let mut s = CATALOGUE.kinds.get(kind)?;
    let mut path = path;
    if let Some(rest) = path.strip_prefix("record.")
        && has_ticket(kind)
    {
        s = &CATALOGUE.record;
        path = rest;
    }
    for part in path.split('.') {
        s = resolve(s).get("properties")?.get(part)?;
    }
    Some(type_of(s))
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
        if has_ticket(kind) {
            walk(RECORD, &CATALOGUE.record, &mut out, 0);
        }
    }
    out
}

/// The path a `{{variable}}` means: itself, or without its first segment,
/// so `{{ticket.number}}` reads `number` of a ticket's event.
fn variable_path(kind: &str, name: &str) -> Option<String> {
    if field_type(kind, name).is_some() {
        return Some(name.to_owned());
    }
    let (_, rest) = name.split_once('.')?;
    field_type(kind, rest).map(|_| rest.to_owned())
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

/// Checks a definition against its trigger's schema: every problem is
/// named by its step and field (`conditions.all[0].field`, `actions[1].url`).
pub fn validate(d: &Definition) -> Result<()> {
    let mut v = Violations::new();
    if !is_known_kind(&d.trigger_kind) {
        v.add("trigger_kind", format!("Evento desconhecido: \"{}\".", d.trigger_kind));
        return v.finish();
    }
    let scheduled = d.trigger_kind == <events::FlowScheduleFired as events::Event>::KIND;
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
    let mut count = 0;
    check_condition(&d.trigger_kind, &d.conditions, "conditions", &mut v, &mut count);
    if count > MAX_CONDITIONS {
        v.add("conditions", format!("Até {MAX_CONDITIONS} condições."));
    }
    if d.actions.is_empty() || d.actions.len() > MAX_ACTIONS {
        v.add("actions", format!("Inclua de 1 a {MAX_ACTIONS} ações."));
    }
    let names_ticket = has_ticket(&d.trigger_kind);
    for (i, a) in d.actions.iter().enumerate() {
        let at = format!("actions[{i}]");
        if a.needs_ticket() && !names_ticket {
            v.add(&format!("{at}.type"), format!("O evento {} não se refere a um ticket.", d.trigger_kind));
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
    let waits = d.actions.iter().filter(|a| matches!(a, Action::Wait { .. })).count();
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
        _ => x.is_string(),
    };
    let ok = match leaf.op {
        Op::IsEmpty | Op::IsNotEmpty => value.is_none_or(Value::is_null),
        Op::In => value.and_then(Value::as_array).is_some_and(|xs| !xs.is_empty() && xs.iter().all(fits)),
        Op::Contains if t == FieldType::List => value.is_some_and(|x| x.is_string() || x.is_number()),
        Op::WithinNextDays | Op::MoreThanDaysAgo => {
            value.and_then(Value::as_i64).is_some_and(|d| (0..=3650).contains(&d))
        }
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
        Op::GreaterThan | Op::LessThan => match (actual.and_then(Value::as_f64), value.as_f64()) {
            (Some(a), Some(b)) if leaf.op == Op::GreaterThan => a > b,
            (Some(a), Some(b)) => a < b,
            _ => false,
        },
    }
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
/// ticket, else its customer.
pub fn record_of(payload: &Value) -> Option<Uuid> {
    ["ticket_id", "customer_id", "timeline.customer_id"]
        .iter()
        .find_map(|p| lookup(payload, p).and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok()))
}

/// The ticket an event is about.
pub fn ticket_of(payload: &Value) -> Option<Uuid> {
    lookup(payload, "ticket_id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

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
}
