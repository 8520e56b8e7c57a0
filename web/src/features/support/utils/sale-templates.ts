// The approved WhatsApp templates a channel names for the sale in one thread
// (`config.templates`): what "Enviar no chat" sends, for a proposal or an
// invoice, once the customer's last message is more than 24 hours old; and
// the dunning reminder, which naming a `reminder` template turns on.
// Mirrors crates/support/src/channels/templates.rs (the server checks too).

export const TEMPLATE_PURPOSES = ['proposal', 'invoice', 'reminder'] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];

/** The values the server fills into a template's {{1}}, {{2}}, … */
export const TEMPLATE_FIELDS = ['customer_name', 'label', 'title', 'amount', 'due_date', 'link', 'pix_code'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** Meta's limit the server keeps. */
export const MAX_TEMPLATE_PARAMS = 10;

export const PURPOSE_LABELS: Record<TemplatePurpose, string> = {
  proposal: 'Proposta',
  invoice: 'Fatura',
  reminder: 'Lembrete de cobrança',
};

/** What each value is, worded for the record it comes from. */
const FIELD_LABELS: Record<TemplatePurpose, Record<TemplateField, string>> = {
  proposal: {
    customer_name: 'Nome do cliente',
    label: 'Número (PROP-0001)',
    title: 'Título da proposta',
    amount: 'Valor total (R$)',
    due_date: 'Válida até (dd/mm/aaaa)',
    link: 'Link da página da proposta',
    pix_code: 'PIX copia e cola',
  },
  invoice: {
    customer_name: 'Nome do cliente',
    label: 'Número (FAT-0001)',
    title: 'Descrição da fatura',
    amount: 'Valor a pagar hoje (R$)',
    due_date: 'Vencimento (dd/mm/aaaa)',
    link: 'Link da página de pagamento',
    pix_code: 'PIX copia e cola',
  },
  reminder: {
    customer_name: 'Nome do cliente',
    label: 'Número (FAT-0001)',
    title: 'Descrição da fatura',
    amount: 'Valor a pagar hoje, com multa e juros (R$)',
    due_date: 'Vencimento (dd/mm/aaaa)',
    link: 'Link da página de pagamento',
    pix_code: 'PIX copia e cola',
  },
};

export function templateFieldLabel(purpose: TemplatePurpose, field: TemplateField): string {
  return FIELD_LABELS[purpose][field];
}

/** What a purpose may fill: a proposal has no PIX copia e cola. */
export function templateFieldsFor(purpose: TemplatePurpose): readonly TemplateField[] {
  return purpose === 'proposal' ? TEMPLATE_FIELDS.filter((field) => field !== 'pix_code') : TEMPLATE_FIELDS;
}

/** A suggestion for a template not named yet (the company matches it to the text Meta approved). */
const SUGGESTED_PARAMS: Record<TemplatePurpose, TemplateField[]> = {
  proposal: ['customer_name', 'label', 'amount', 'link'],
  invoice: ['customer_name', 'label', 'amount', 'due_date', 'link', 'pix_code'],
  reminder: ['customer_name', 'label', 'amount', 'due_date', 'link'],
};

/** One template in the form; `enabled: false` sends none for that purpose. */
export type TemplateValues = {
  enabled: boolean;
  name: string;
  language: string;
  params: TemplateField[];
};

export type SaleTemplatesValues = Record<TemplatePurpose, TemplateValues>;

/** What the server stores for one purpose. */
export type SaleTemplate = { name: string; language: string; params: TemplateField[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isTemplateField = (value: unknown): value is TemplateField =>
  typeof value === 'string' && (TEMPLATE_FIELDS as readonly string[]).includes(value);

/** The form's values for a channel's `config` (nothing named: off, with a suggested list). */
export function templatesDefaults(config: Record<string, unknown> | null | undefined): SaleTemplatesValues {
  const stored = isObject(config?.templates) ? config.templates : {};
  const one = (purpose: TemplatePurpose): TemplateValues => {
    const template = stored[purpose];
    if (!isObject(template)) return { enabled: false, name: '', language: 'pt_BR', params: [...SUGGESTED_PARAMS[purpose]] };
    return {
      enabled: true,
      name: typeof template.name === 'string' ? template.name : '',
      language: typeof template.language === 'string' && template.language ? template.language : 'pt_BR',
      params: Array.isArray(template.params) ? template.params.filter(isTemplateField) : [],
    };
  };
  return { proposal: one('proposal'), invoice: one('invoice'), reminder: one('reminder') };
}

/** `config.templates` for these values; null when no purpose has one. */
export function toTemplatesConfig(values: SaleTemplatesValues): Partial<Record<TemplatePurpose, SaleTemplate>> | null {
  const templates: Partial<Record<TemplatePurpose, SaleTemplate>> = {};
  for (const purpose of TEMPLATE_PURPOSES) {
    const template = values[purpose];
    if (!template.enabled) continue;
    templates[purpose] = { name: template.name.trim(), language: template.language.trim(), params: [...template.params] };
  }
  return Object.keys(templates).length > 0 ? templates : null;
}

/** Meta's template names: lowercase letters, digits and `_`. */
export const isTemplateName = (name: string) => name.length > 0 && name.length <= 512 && /^[a-z0-9_]+$/.test(name);

/** A language code like `pt_BR` or `en`. */
export const isTemplateLanguage = (code: string) => /^[a-z]{2,3}(_[A-Z]{2})?$/.test(code);

export type TemplateIssue = { path: [TemplatePurpose, keyof TemplateValues]; message: string };

/** What the server would refuse, with its words, for the templates turned on. */
export function templateIssues(values: SaleTemplatesValues): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  for (const purpose of TEMPLATE_PURPOSES) {
    const template = values[purpose];
    if (!template.enabled) continue;
    if (!isTemplateName(template.name.trim())) {
      issues.push({ path: [purpose, 'name'], message: 'Use o nome do modelo aprovado: letras minúsculas, números e _.' });
    }
    if (!isTemplateLanguage(template.language.trim())) {
      issues.push({ path: [purpose, 'language'], message: 'Use o código do idioma do modelo, como pt_BR.' });
    }
    if (template.params.length > MAX_TEMPLATE_PARAMS) {
      issues.push({ path: [purpose, 'params'], message: `Até ${MAX_TEMPLATE_PARAMS} variáveis.` });
    } else if (purpose === 'proposal' && template.params.includes('pix_code')) {
      issues.push({ path: [purpose, 'params'], message: 'Uma proposta não tem PIX copia e cola.' });
    }
  }
  return issues;
}
