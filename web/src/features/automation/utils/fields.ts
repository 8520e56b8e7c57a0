import type { AutomationTriggerField, FlowOp } from '@/lib/api/models';

// What a trigger's conditions and texts may read, as the server's
// `definition::field_type` and `variable_path` see it.

/** The prefix of the fields read from the ticket as it is now. */
export const RECORD_PREFIX = 'record.';
/** …from the customer as it is now. */
export const CUSTOMER_PREFIX = 'customer.';
/** A company's own fields of the customer: `customer.custom_fields.<key>`. */
export const CUSTOM_FIELD_PREFIX = 'customer.custom_fields.';

/** A custom field's key, as the CRM keeps it. */
export const CUSTOM_FIELD_KEY = /^[a-z0-9_]{1,60}$/;

/** A custom field's type is known only from its data: every operator but `contains`. */
const CUSTOM_OPS: FlowOp[] = [
  'equals',
  'not_equals',
  'starts_with',
  'in',
  'greater_than',
  'less_than',
  'within_next_days',
  'more_than_days_ago',
  'is_empty',
  'is_not_empty',
];

/** `customer.custom_fields.<key>` of a key. */
export const customFieldPath = (key: string) => `${CUSTOM_FIELD_PREFIX}${key}`;

/**
 * A trigger's field by its path. The company's custom fields are not listed:
 * `customer.custom_fields.<key>` is a `custom` field wherever the trigger
 * reads the customer (it lists `customer.*`).
 */
export function fieldOf(fields: AutomationTriggerField[], path: string): AutomationTriggerField | undefined {
  const listed = fields.find((f) => f.path === path);
  if (listed || !path.startsWith(CUSTOM_FIELD_PREFIX)) return listed;
  const key = path.slice(CUSTOM_FIELD_PREFIX.length);
  const readsCustomer = fields.some((f) => f.path.startsWith(CUSTOMER_PREFIX));
  return readsCustomer && key && !key.includes('.') ? { path, type: 'custom', ops: CUSTOM_OPS } : undefined;
}

/** The pt-BR names a text may use (`{{cliente.nome}}`, `{{fatura.valor}}`), segment by segment. */
const ENGLISH: Record<string, string> = {
  cliente: 'customer',
  fatura: 'invoice',
  nome: 'name',
  valor: 'amount_due',
  total: 'total',
  vencimento: 'due_date',
  numero: 'number',
  número: 'number',
  telefone: 'phone',
  assunto: 'subject',
  pix: 'pix_code',
  campos: 'custom_fields',
};

/**
 * The field a `{{variable}}` reads: itself, its pt-BR names in English, or
 * either without its first segment (`{{ticket.number}}` reads `number`); null
 * when the trigger has none.
 */
export function variablePath(fields: AutomationTriggerField[], name: string): string | null {
  const translated = name
    .split('.')
    .map((segment) => ENGLISH[segment] ?? segment)
    .join('.');
  for (const candidate of [name, translated]) {
    if (fieldOf(fields, candidate)) return candidate;
    const dot = candidate.indexOf('.');
    const rest = candidate.slice(dot + 1);
    if (dot > 0 && fieldOf(fields, rest)) return rest;
  }
  return null;
}
