import type {
  AutomationTrigger,
  EventKind,
  Flow,
  FlowAction,
  FlowCondition,
  FlowDefinition,
  FlowInvoiceVia,
  FlowOp,
  FlowWaitUnit,
  SaveFlowRequest,
  TicketStatus,
} from '@/lib/api/models';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';

import { CUSTOM_FIELD_KEY, fieldOf, variablePath } from './fields';

type Priority = Extract<FlowAction, { type: 'set_priority' }>['priority'];

/** A condition row of the editor: values are typed as text and converted by the field's type. */
export type LeafDraft = { field: string; op: FlowOp | ''; value: string };

/** A reply's WhatsApp template, sent instead of the text outside the 24-hour window. */
export type TemplateDraft = { name: string; language: string; params: string[] };

export type ActionDraft =
  | { type: 'add_note'; text: string }
  | { type: 'set_status'; status: TicketStatus }
  | { type: 'set_priority'; priority: Priority }
  | { type: 'add_tags'; tags: string }
  /** `''`: not chosen (at least one of the two is). */
  | { type: 'assign'; team_id: string; user_id: string }
  | { type: 'reply'; text: string; template: TemplateDraft | null }
  | { type: 'notify'; user_ids: string[]; subject: string; text: string }
  | { type: 'wait'; amount: string; unit: FlowWaitUnit }
  | { type: 'webhook'; url: string }
  | { type: 'email_customer'; subject: string; text: string }
  | { type: 'send_invoice'; via: FlowInvoiceVia }
  /** `value` in BRL as typed ("1.234,56"); `''` ids: not chosen (first open stage, nobody). */
  | { type: 'create_opportunity'; pipeline_id: string; stage_id: string; title: string; value: string; owner_id: string }
  | { type: 'move_opportunity'; stage_id: string }
  /** `value` as typed, sent as `kind` says (empty clears the field). */
  | { type: 'set_custom_field'; key: string; value: string; kind: CustomValueKind }
  | { type: 'wait_business_hours' }
  /** `time` as typed ("09:00"); `weekdays`: only Monday to Friday. */
  | { type: 'wait_until'; time: string; weekdays: boolean };

/** How a custom field's value is sent: text (dates and choices too), a number, or yes/no. */
export type CustomValueKind = 'text' | 'number' | 'boolean';

export type FlowDraft = {
  name: string;
  trigger: EventKind | '';
  /** Cron of a scheduled flow (see `isScheduled`), e.g. `0 9 * * Mon-Fri`. */
  schedule: string;
  /** Whether every condition must hold, or any one. */
  mode: 'all' | 'any';
  conditions: LeafDraft[];
  actions: ActionDraft[];
  /** Conditions with nested groups (made through the API): kept as they are, not editable here. */
  kept: FlowCondition | null;
};

/** The trigger of flows that run on their schedule, once per open invoice due some days from each firing. */
export const INVOICE_DUE: EventKind = 'FlowInvoiceDue';
/** Whether flows of this trigger run on their schedule (which they must have): the schedule itself, or `INVOICE_DUE`. */
export const isScheduled = (kind: EventKind | '') => kind === 'FlowScheduleFired' || kind === INVOICE_DUE;
/** The trigger of flows that are buttons on a ticket. */
export const BUTTON: EventKind = 'FlowRunRequested';

export const emptyDraft = (): FlowDraft => ({ name: '', trigger: '', schedule: '', mode: 'all', conditions: [], actions: [], kept: null });

export const newTemplate = (): TemplateDraft => ({ name: '', language: 'pt_BR', params: [] });

export const newAction = (type: ActionDraft['type']): ActionDraft => {
  switch (type) {
    case 'add_note':
      return { type, text: '' };
    case 'set_status':
      return { type, status: 'resolved' };
    case 'set_priority':
      return { type, priority: 'high' };
    case 'add_tags':
      return { type, tags: '' };
    case 'assign':
      return { type, team_id: '', user_id: '' };
    case 'reply':
      return { type, text: '', template: null };
    case 'notify':
      return { type, user_ids: [], subject: '', text: '' };
    case 'wait':
      return { type, amount: '1', unit: 'hours' };
    case 'webhook':
      return { type, url: '' };
    case 'email_customer':
      return { type, subject: '', text: '' };
    case 'send_invoice':
      return { type, via: 'email' };
    case 'create_opportunity':
      return { type, pipeline_id: '', stage_id: '', title: '', value: '', owner_id: '' };
    case 'move_opportunity':
      return { type, stage_id: '' };
    case 'set_custom_field':
      return { type, key: '', value: '', kind: 'text' };
    case 'wait_business_hours':
      return { type };
    case 'wait_until':
      return { type, time: '09:00', weekdays: true };
  }
};

/** `INVOICE_DUE`'s field: days from the firing day to the invoice's due date (3 = três dias antes, −2 = dois dias depois). */
export const DUE_FIELD = 'days_to_due';
const MAX_DUE_DAYS = 365;
/** The top-level condition of an `INVOICE_DUE` flow saying which invoices it is for (the server requires one). */
export const dueCondition = (days: number): LeafDraft => ({ field: DUE_FIELD, op: 'equals', value: String(days) });
/** The row of the `days_to_due equals N` condition the editor edits apart from the others, or -1. */
export const dueIndex = (draft: FlowDraft) =>
  draft.trigger === INVOICE_DUE && !draft.kept && draft.mode === 'all' ? draft.conditions.findIndex((c) => c.field === DUE_FIELD && c.op === 'equals') : -1;

/** Why an `INVOICE_DUE` flow's conditions don't say which invoices it is for, or null (the server's `invoice_days`). */
function dueProblem(draft: FlowDraft): string | null {
  if (draft.kept) return null;
  const row = draft.mode === 'all' ? draft.conditions.find((c) => c.field === DUE_FIELD && (c.op === 'equals' || c.op === 'in')) : undefined;
  if (!row) return 'Inclua a condição "days_to_due é igual a" (ex.: 3 = três dias antes do vencimento) ou "é um de".';
  const days = row.op === 'in' ? splitList(row.value) : [row.value.trim()];
  const ok = days.length > 0 && days.every((d) => /^-?\d{1,3}$/.test(d) && Math.abs(Number(d)) <= MAX_DUE_DAYS);
  return ok ? null : `Dias para o vencimento de -${MAX_DUE_DAYS} a ${MAX_DUE_DAYS}.`;
}

const NO_VALUE: FlowOp[] = ['is_empty', 'is_not_empty'];
export const needsValue = (op: FlowOp | '') => op !== '' && !NO_VALUE.includes(op);

/** Operators that take a number of days (a date field's). */
const DAY_OPS: FlowOp[] = ['within_next_days', 'more_than_days_ago'];

/** Whether a condition's value goes as a number: a number field's, a number of days, or any `greater_than`/`less_than` (a custom field's too). */
const numeric = (type: string, op: FlowOp) => type === 'number' || DAY_OPS.includes(op) || op === 'greater_than' || op === 'less_than';

/** The decimal a person typed ("10,5"), or NaN. */
const decimal = (text: string) => (text.trim() ? Number(text.trim().replace(',', '.')) : Number.NaN);

const isLeaf = (c: FlowCondition): c is Extract<FlowCondition, { field: string }> => 'field' in c;

const valueText = (value: unknown): string =>
  value === undefined || value === null ? '' : Array.isArray(value) ? value.map(String).join(', ') : String(value);

function actionDraft(a: FlowAction): ActionDraft {
  switch (a.type) {
    case 'add_tags':
      return { type: 'add_tags', tags: a.tags.join(', ') };
    case 'assign':
      return { type: 'assign', team_id: a.team_id ?? '', user_id: a.user_id ?? '' };
    case 'reply':
      return {
        type: 'reply',
        text: a.text,
        template: a.template ? { name: a.template.name, language: a.template.language, params: a.template.params ?? [] } : null,
      };
    case 'wait':
      return { type: 'wait', amount: String(a.amount), unit: a.unit };
    case 'create_opportunity':
      return {
        type: 'create_opportunity',
        pipeline_id: a.pipeline_id,
        stage_id: a.stage_id ?? '',
        title: a.title,
        value: a.value_cents ? formatCentsForInput(a.value_cents) : '',
        owner_id: a.owner_id ?? '',
      };
    case 'set_custom_field': {
      const kind: CustomValueKind = typeof a.value === 'number' ? 'number' : typeof a.value === 'boolean' ? 'boolean' : 'text';
      return { type: 'set_custom_field', key: a.key, value: valueText(a.value), kind };
    }
    case 'wait_until':
      return { type: 'wait_until', time: a.time, weekdays: a.weekdays ?? false };
    default:
      return a;
  }
}

/** The editor's draft of a flow: its pending `draft` when it has one (what the next publish puts live), else its live definition. */
export function fromFlow(flow: Flow): FlowDraft {
  const d: FlowDefinition = flow.draft ?? flow;
  const c = d.conditions ?? { all: [] };
  const members = isLeaf(c) ? [c] : 'all' in c ? c.all : c.any;
  const flat = members.every(isLeaf);
  return {
    name: flow.name,
    trigger: d.trigger_kind,
    schedule: d.schedule ?? '',
    mode: !isLeaf(c) && 'any' in c ? 'any' : 'all',
    conditions: flat ? members.filter(isLeaf).map((l) => ({ field: l.field, op: l.op, value: valueText(l.value) })) : [],
    actions: d.actions.map(actionDraft),
    kept: flat ? null : c,
  };
}

/** The `{{names}}` of a text, trimmed; null for a `{{` never closed. */
function variables(text: string): string[] | null {
  const out: string[] = [];
  let rest = text;
  for (let start = rest.indexOf('{{'); start !== -1; start = rest.indexOf('{{')) {
    const after = rest.slice(start + 2);
    const end = after.indexOf('}}');
    if (end === -1) return null;
    out.push(after.slice(0, end).trim());
    rest = after.slice(end + 2);
  }
  return out;
}

/** Why a text's variables are not right, or null (the server's `check_variables`). */
function variableProblem(trigger: AutomationTrigger, text: string): string | null {
  const names = variables(text);
  if (names === null) return 'Feche cada variável com }}.';
  const unknown = names.find((name) => variablePath(trigger.fields, name) === null);
  return unknown === undefined ? null : `Este evento não tem a variável {{${unknown}}}.`;
}

const MAX_ACTIONS = 20;
const MAX_CONDITIONS = 50;
const MAX_WAITS = 3;
const WAIT_UNIT_MINUTES: Record<FlowWaitUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };
/** 30 days. */
const MAX_WAIT_MINUTES = 30 * 24 * 60;
/** R$ 1 bilhão, as deals allow. */
const MAX_VALUE_CENTS = 100_000_000_000;

const tooLong = (text: string, max: number) => !text.trim() || [...text].length > max;

/** A five-field cron with weekdays by name, as the server reads it (it also checks the 15-minute spacing). */
export function scheduleProblem(expr: string): string | null {
  const fields = expr.trim().split(/\s+/).filter(Boolean);
  if (fields.length === 0) return 'Informe quando o fluxo roda (ex.: 0 9 * * Mon-Fri).';
  if (fields.length !== 5) return 'Use cinco campos: minuto hora dia mês dia-da-semana (ex.: 0 9 * * Mon-Fri).';
  if (/\d/.test(fields[4])) return 'Escreva os dias da semana pelo nome em inglês (Mon, Tue, …, Sun), ex.: Mon-Fri.';
  return null;
}

/** What an action acts on, which the trigger's events must name. */
export type Subject = 'ticket' | 'customer' | 'invoice' | 'opportunity';

/** Each action's subject; null: it needs none (e-mail to people, waiting, webhooks). */
const SUBJECTS: Record<ActionDraft['type'], Subject | null> = {
  add_note: 'ticket',
  set_status: 'ticket',
  set_priority: 'ticket',
  add_tags: 'ticket',
  assign: 'ticket',
  reply: 'ticket',
  email_customer: 'customer',
  create_opportunity: 'customer',
  set_custom_field: 'customer',
  send_invoice: 'invoice',
  move_opportunity: 'opportunity',
  notify: null,
  wait: null,
  wait_business_hours: null,
  wait_until: null,
  webhook: null,
};

/** "a um ticket", for "Este evento não se refere a um ticket." */
export const SUBJECT_NAMES: Record<Subject, string> = {
  ticket: 'a um ticket',
  customer: 'a um cliente',
  invoice: 'a uma fatura',
  opportunity: 'a uma oportunidade',
};

/** Whether the trigger's events name what `subject` is (a ticket's events name its customer too). */
export const hasSubject = (trigger: AutomationTrigger, subject: Subject) =>
  ({ ticket: trigger.has_ticket, customer: trigger.has_customer, invoice: trigger.has_invoice, opportunity: trigger.has_opportunity })[subject];

/** The subject an action needs and the trigger lacks, or null when it may run there. */
export function missingSubject(type: ActionDraft['type'], trigger: AutomationTrigger): Subject | null {
  const subject = SUBJECTS[type];
  return subject && !hasSubject(trigger, subject) ? subject : null;
}

const isWait = (a: ActionDraft) => a.type === 'wait' || a.type === 'wait_business_hours' || a.type === 'wait_until';

/** "09:00": hours 00–23, minutes 00–59, as the server takes it. */
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Problems of one action, keyed by its field (`text`, `template.name`), as the server names them. */
function actionProblems(a: ActionDraft, trigger: AutomationTrigger): Record<string, string> {
  const errors: Record<string, string> = {};
  const missing = missingSubject(a.type, trigger);
  if (missing) errors.type = `Este evento não se refere ${SUBJECT_NAMES[missing]}.`;
  const texts = (fields: Record<string, string>) => {
    for (const [field, text] of Object.entries(fields)) {
      const problem = variableProblem(trigger, text);
      if (problem && !errors[field]) errors[field] = problem;
    }
  };
  switch (a.type) {
    case 'add_note':
      if (tooLong(a.text, 5000)) errors.text = 'Escreva a nota (até 5.000 caracteres).';
      texts({ text: a.text });
      break;
    case 'add_tags': {
      const tags = splitList(a.tags);
      if (tags.length === 0 || tags.length > 20 || tags.some((t) => [...t].length > 40))
        errors.tags = 'De 1 a 20 etiquetas de até 40 caracteres.';
      break;
    }
    case 'assign':
      if (!a.team_id && !a.user_id) errors.team_id = 'Escolha a equipe, a pessoa ou ambas.';
      break;
    case 'reply':
      if (tooLong(a.text, 4096)) errors.text = 'Escreva a mensagem (até 4.096 caracteres).';
      texts({ text: a.text });
      if (a.template) {
        if (tooLong(a.template.name, 512)) errors['template.name'] = 'Informe o nome do modelo aprovado.';
        if (tooLong(a.template.language, 10)) errors['template.language'] = 'Informe o idioma do modelo (ex.: pt_BR).';
        if (a.template.params.length > 10) errors['template.params'] = 'Até 10 parâmetros.';
        else if (a.template.params.some((p) => !p.trim())) errors['template.params'] = 'Preencha cada parâmetro ou remova-o.';
        texts({ 'template.params': a.template.params.join(' ') });
      }
      break;
    case 'notify':
      if (a.user_ids.length === 0 || a.user_ids.length > 20) errors.user_ids = 'Escolha de 1 a 20 pessoas.';
      if (tooLong(a.subject, 200)) errors.subject = 'Informe o assunto (até 200 caracteres).';
      if (tooLong(a.text, 5000)) errors.text = 'Escreva a mensagem (até 5.000 caracteres).';
      texts({ subject: a.subject, text: a.text });
      break;
    case 'wait': {
      const amount = Number(a.amount.trim());
      const minutes = amount * WAIT_UNIT_MINUTES[a.unit];
      if (!a.amount.trim() || !Number.isInteger(amount) || minutes < 1 || minutes > MAX_WAIT_MINUTES)
        errors.amount = 'Espere de 1 minuto a 30 dias.';
      break;
    }
    case 'webhook':
      if (!/^https?:\/\/\S+$/.test(a.url.trim()) || a.url.trim().length > 2000) errors.url = 'Informe um endereço https:// válido.';
      break;
    case 'email_customer':
      if (tooLong(a.subject, 200)) errors.subject = 'Informe o assunto (até 200 caracteres).';
      if (tooLong(a.text, 10_000)) errors.text = 'Escreva a mensagem (até 10.000 caracteres).';
      texts({ subject: a.subject, text: a.text });
      break;
    case 'create_opportunity': {
      if (!a.pipeline_id) errors.pipeline_id = 'Escolha o funil.';
      if (tooLong(a.title, 200)) errors.title = 'Informe o título (até 200 caracteres).';
      texts({ title: a.title });
      const cents = a.value.trim() ? parseMoneyToCents(a.value) : 0;
      if (cents === null || cents < 0 || cents > MAX_VALUE_CENTS) errors.value_cents = 'Informe um valor de R$ 0 a R$ 1 bilhão.';
      break;
    }
    case 'move_opportunity':
      if (!a.stage_id) errors.stage_id = 'Escolha a etapa.';
      break;
    case 'set_custom_field':
      if (!CUSTOM_FIELD_KEY.test(a.key)) errors.key = 'Informe a chave do campo personalizado (ex.: plano).';
      if (a.kind === 'number' && a.value.trim() && Number.isNaN(decimal(a.value))) errors.value = 'Informe um número.';
      else if (a.kind === 'text' && [...a.value.trim()].length > 1000) errors.value = 'Informe um texto (até 1.000 caracteres), número, sim/não ou nulo.';
      else if (a.kind === 'text') texts({ value: a.value });
      break;
    case 'wait_until':
      if (!CLOCK_TIME.test(a.time)) errors.time = 'Informe a hora como HH:MM (ex.: 09:00).';
      break;
    case 'set_status':
    case 'set_priority':
    case 'send_invoice':
    case 'wait_business_hours':
      break;
  }
  return errors;
}

/** Problems the editor shows before asking the server (mirrors `definition::validate`), keyed like `conditions.0.value`. */
export function validateDraft(draft: FlowDraft, trigger: AutomationTrigger | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Dê um nome ao fluxo.';
  else if (name.length > 120) errors.name = 'Até 120 caracteres.';
  if (!draft.trigger || !trigger) {
    errors.trigger_kind = 'Escolha o evento que dispara o fluxo.';
    return errors;
  }
  if (isScheduled(draft.trigger)) {
    const problem = scheduleProblem(draft.schedule);
    if (problem) errors.schedule = problem;
  }
  const due = draft.trigger === INVOICE_DUE ? dueProblem(draft) : null;
  if (due) errors.conditions = due;
  if (draft.conditions.length > MAX_CONDITIONS) errors.conditions = `Até ${MAX_CONDITIONS} condições.`;
  draft.conditions.forEach((c, i) => {
    const field = fieldOf(trigger.fields, c.field);
    if (!field) errors[`conditions.${i}.field`] = 'Escolha um campo do evento.';
    else if (!c.op || !field.ops.includes(c.op)) errors[`conditions.${i}.op`] = 'Escolha um operador.';
    else if (needsValue(c.op) && !c.value.trim()) errors[`conditions.${i}.value`] = 'Informe o valor.';
    else if (DAY_OPS.includes(c.op)) {
      if (!/^\d{1,4}$/.test(c.value.trim())) errors[`conditions.${i}.value`] = 'Informe um número de dias.';
    } else if (needsValue(c.op) && c.op !== 'in' && numeric(field.type, c.op) && Number.isNaN(decimal(c.value)))
      errors[`conditions.${i}.value`] = 'Informe um número.';
  });
  if (draft.actions.length === 0) errors.actions = 'Inclua ao menos uma ação.';
  else if (draft.actions.length > MAX_ACTIONS) errors.actions = `Até ${MAX_ACTIONS} ações.`;
  else if (draft.actions.filter(isWait).length > MAX_WAITS) errors.actions = `Até ${MAX_WAITS} esperas por fluxo.`;
  draft.actions.forEach((a, i) => {
    for (const [field, message] of Object.entries(actionProblems(a, trigger))) errors[`actions.${i}.${field}`] = message;
  });
  return errors;
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function typed(value: string, type: string, op: FlowOp): unknown {
  if (numeric(type, op)) return decimal(value);
  if (type === 'boolean') return value.trim().toLowerCase() === 'sim' || value.trim().toLowerCase() === 'true';
  return value.trim();
}

function customValue(a: Extract<ActionDraft, { type: 'set_custom_field' }>): string | number | boolean | null {
  if (!a.value.trim()) return null;
  if (a.kind === 'number') return decimal(a.value);
  if (a.kind === 'boolean') return a.value === 'true';
  return a.value.trim();
}

function toAction(a: ActionDraft): FlowAction {
  switch (a.type) {
    case 'add_note':
      return { type: 'add_note', text: a.text.trim() };
    case 'add_tags':
      return { type: 'add_tags', tags: splitList(a.tags) };
    case 'assign':
      return { type: 'assign', team_id: a.team_id || null, user_id: a.user_id || null };
    case 'reply':
      return {
        type: 'reply',
        text: a.text.trim(),
        ...(a.template && {
          template: { name: a.template.name.trim(), language: a.template.language.trim(), params: a.template.params.map((p) => p.trim()) },
        }),
      };
    case 'notify':
      return { type: 'notify', user_ids: a.user_ids, subject: a.subject.trim(), text: a.text.trim() };
    case 'wait':
      return { type: 'wait', amount: Number(a.amount.trim()), unit: a.unit };
    case 'webhook':
      return { type: 'webhook', url: a.url.trim() };
    case 'email_customer':
      return { type: 'email_customer', subject: a.subject.trim(), text: a.text.trim() };
    case 'create_opportunity':
      return {
        type: 'create_opportunity',
        pipeline_id: a.pipeline_id,
        ...(a.stage_id ? { stage_id: a.stage_id } : {}),
        title: a.title.trim(),
        value_cents: parseMoneyToCents(a.value) ?? 0,
        ...(a.owner_id ? { owner_id: a.owner_id } : {}),
      };
    case 'set_custom_field':
      return { type: 'set_custom_field', key: a.key, value: customValue(a) };
    case 'set_status':
    case 'set_priority':
    case 'send_invoice':
    case 'move_opportunity':
    case 'wait_business_hours':
      return a;
    case 'wait_until':
      return { type: 'wait_until', time: a.time, weekdays: a.weekdays };
  }
}

/** The definition the API takes; call after `validateDraft` found nothing. */
export function toDefinition(draft: FlowDraft, trigger: AutomationTrigger): FlowDefinition {
  const leaves = draft.conditions.map((c) => {
    const type = fieldOf(trigger.fields, c.field)?.type ?? 'text';
    const op = c.op as FlowOp;
    const value = !needsValue(op) ? undefined : op === 'in' ? splitList(c.value).map((x) => typed(x, type, op)) : typed(c.value, type, op);
    return value === undefined ? { field: c.field, op } : { field: c.field, op, value };
  });
  const conditions: FlowCondition = draft.kept ?? (draft.mode === 'any' && leaves.length > 0 ? { any: leaves } : { all: leaves });
  return {
    trigger_kind: draft.trigger as EventKind,
    // Only scheduled flows have a schedule (the server refuses it on others).
    ...(isScheduled(draft.trigger) && { schedule: draft.schedule.trim().replace(/\s+/g, ' ') }),
    conditions,
    actions: draft.actions.map(toAction),
  };
}

export const toRequest = (draft: FlowDraft, trigger: AutomationTrigger): SaveFlowRequest => ({
  name: draft.name.trim(),
  ...toDefinition(draft, trigger),
});

/**
 * The editor's key for a server field error: `conditions.all[2].value` →
 * `conditions.2.value`, `actions[1].template.name` → `actions.1.template.name`.
 */
export function draftKey(serverField: string): string {
  return serverField.replace(/^conditions\.(?:all|any)\[(\d+)\]/, 'conditions.$1').replace(/^actions\[(\d+)\]/, 'actions.$1');
}

/** `text` with `{{path}}` put at the caret (or at the end), spaced from its neighbours. */
export function insertVariable(text: string, path: string, start = text.length, end = start): string {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const token = `{{${path}}}`;
  const left = before && !/\s$/.test(before) ? ' ' : '';
  const right = after && !/^\s/.test(after) ? ' ' : '';
  return `${before}${left}${token}${right}${after}`;
}
