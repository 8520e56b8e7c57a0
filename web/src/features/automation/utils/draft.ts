import type {
  AutomationTrigger,
  EventKind,
  Flow,
  FlowAction,
  FlowCondition,
  FlowDefinition,
  FlowOp,
  SaveFlowRequest,
} from '@/lib/api/models';

type Priority = Extract<FlowAction, { type: 'set_priority' }>['priority'];

/** A condition row of the editor: values are typed as text and converted by the field's type. */
export type LeafDraft = { field: string; op: FlowOp | ''; value: string };

export type ActionDraft =
  | { type: 'add_note'; text: string }
  | { type: 'set_priority'; priority: Priority }
  | { type: 'add_tags'; tags: string }
  | { type: 'webhook'; url: string };

export type FlowDraft = {
  name: string;
  trigger: EventKind | '';
  /** Whether every condition must hold, or any one. */
  mode: 'all' | 'any';
  conditions: LeafDraft[];
  actions: ActionDraft[];
  /** Conditions with nested groups (made through the API): kept as they are, not editable here. */
  kept: FlowCondition | null;
};

export const emptyDraft = (): FlowDraft => ({ name: '', trigger: '', mode: 'all', conditions: [], actions: [], kept: null });

export const newAction = (type: ActionDraft['type']): ActionDraft => {
  switch (type) {
    case 'add_note':
      return { type, text: '' };
    case 'set_priority':
      return { type, priority: 'high' };
    case 'add_tags':
      return { type, tags: '' };
    case 'webhook':
      return { type, url: '' };
  }
};

const NO_VALUE: FlowOp[] = ['is_empty', 'is_not_empty'];
export const needsValue = (op: FlowOp | '') => op !== '' && !NO_VALUE.includes(op);

const isLeaf = (c: FlowCondition): c is Extract<FlowCondition, { field: string }> => 'field' in c;

const valueText = (value: unknown): string =>
  value === undefined || value === null ? '' : Array.isArray(value) ? value.map(String).join(', ') : String(value);

export function fromFlow(flow: Flow): FlowDraft {
  const c = flow.conditions;
  const members = isLeaf(c) ? [c] : 'all' in c ? c.all : c.any;
  const flat = members.every(isLeaf);
  return {
    name: flow.name,
    trigger: flow.trigger_kind,
    mode: !isLeaf(c) && 'any' in c ? 'any' : 'all',
    conditions: flat ? members.filter(isLeaf).map((l) => ({ field: l.field, op: l.op, value: valueText(l.value) })) : [],
    actions: flow.actions.map((a): ActionDraft => (a.type === 'add_tags' ? { type: 'add_tags', tags: a.tags.join(', ') } : a)),
    kept: flat ? null : c,
  };
}

/** Problems the editor shows before asking the server, keyed like `conditions.0.value`. */
export function validateDraft(draft: FlowDraft, trigger: AutomationTrigger | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Dê um nome ao fluxo.';
  else if (name.length > 120) errors.name = 'Até 120 caracteres.';
  if (!draft.trigger || !trigger) {
    errors.trigger_kind = 'Escolha o evento que dispara o fluxo.';
    return errors;
  }
  draft.conditions.forEach((c, i) => {
    const field = trigger.fields.find((f) => f.path === c.field);
    if (!field) errors[`conditions.${i}.field`] = 'Escolha um campo do evento.';
    else if (!c.op || !field.ops.includes(c.op)) errors[`conditions.${i}.op`] = 'Escolha um operador.';
    else if (needsValue(c.op) && !c.value.trim()) errors[`conditions.${i}.value`] = 'Informe o valor.';
    else if (field.type === 'number' && needsValue(c.op) && c.op !== 'in' && Number.isNaN(Number(c.value.replace(',', '.'))))
      errors[`conditions.${i}.value`] = 'Informe um número.';
  });
  if (draft.actions.length === 0) errors.actions = 'Inclua ao menos uma ação.';
  if (draft.actions.length > 20) errors.actions = 'Até 20 ações.';
  draft.actions.forEach((a, i) => {
    if (a.type !== 'webhook' && !trigger.has_ticket) errors[`actions.${i}.type`] = 'Este evento não se refere a um ticket.';
    if (a.type === 'add_note') {
      if (!a.text.trim()) errors[`actions.${i}.text`] = 'Escreva a nota.';
      else if ((a.text.match(/{{/g) ?? []).length !== (a.text.match(/}}/g) ?? []).length)
        errors[`actions.${i}.text`] = 'Feche cada variável com }}.';
    }
    if (a.type === 'add_tags' && splitList(a.tags).length === 0) errors[`actions.${i}.tags`] = 'Informe ao menos uma etiqueta.';
    if (a.type === 'webhook' && !/^https?:\/\/\S+$/.test(a.url.trim())) errors[`actions.${i}.url`] = 'Informe um endereço https:// válido.';
  });
  return errors;
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function typed(value: string, type: string): unknown {
  if (type === 'number') return Number(value.trim().replace(',', '.'));
  if (type === 'boolean') return value.trim().toLowerCase() === 'sim' || value.trim().toLowerCase() === 'true';
  return value.trim();
}

/** The definition the API takes; call after `validateDraft` found nothing. */
export function toDefinition(draft: FlowDraft, trigger: AutomationTrigger): FlowDefinition {
  const leaves = draft.conditions.map((c) => {
    const type = trigger.fields.find((f) => f.path === c.field)?.type ?? 'text';
    const op = c.op as FlowOp;
    const value = !needsValue(op) ? undefined : op === 'in' ? splitList(c.value).map((x) => typed(x, type)) : typed(c.value, type);
    return value === undefined ? { field: c.field, op } : { field: c.field, op, value };
  });
  const conditions: FlowCondition = draft.kept ?? (draft.mode === 'any' && leaves.length > 0 ? { any: leaves } : { all: leaves });
  const actions = draft.actions.map((a): FlowAction => {
    switch (a.type) {
      case 'add_note':
        return { type: 'add_note', text: a.text.trim() };
      case 'add_tags':
        return { type: 'add_tags', tags: splitList(a.tags) };
      case 'webhook':
        return { type: 'webhook', url: a.url.trim() };
      case 'set_priority':
        return a;
    }
  });
  return { trigger_kind: draft.trigger as EventKind, conditions, actions };
}

export const toRequest = (draft: FlowDraft, trigger: AutomationTrigger): SaveFlowRequest => ({
  name: draft.name.trim(),
  ...toDefinition(draft, trigger),
});

/** The editor's key for a server field error: `conditions.all[2].value` → `conditions.2.value`. */
export function draftKey(serverField: string): string {
  return serverField.replace(/^conditions\.(?:all|any)\[(\d+)\]/, 'conditions.$1').replace(/^actions\[(\d+)\]/, 'actions.$1');
}
