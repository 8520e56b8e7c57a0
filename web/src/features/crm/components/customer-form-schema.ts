import { z } from 'zod';

import type {
  CreateCustomerRequest,
  Customer,
  CustomerKind,
  CustomField,
  CustomFieldValue,
  CustomFieldValues,
  UpdateCustomerRequest,
} from '@/lib/api/models';
import { addressStarted, formatCep, isValidCep, normalizeCep } from '@/lib/br/cep';
import { formatCnpj, isValidCnpj, normalizeCnpj } from '@/lib/br/cnpj';
import { formatCpf, isValidCpf, normalizeCpf } from '@/lib/br/cpf';
import { formatPhone, isValidPhone, normalizePhone, toE164Phone } from '@/lib/br/phone';
import { STATE_CODES } from '@/lib/br/states';

const addressSchema = z.object({
  cep: z.string(),
  street: z.string(),
  number: z.string(),
  complement: z.string(),
  district: z.string(),
  city: z.string(),
  state: z.string(),
});

const isEmail = (value: string) => z.email().safeParse(value).success;
const NUMBER = /^-?\d+([.,]\d+)?$/;

/** The form's schema depends on the company's custom fields (required ones, numbers). */
export function customerFormSchema(fields: readonly CustomField[]) {
  return z
    .object({
      kind: z.enum(['person', 'company']),
      name: z.string().trim().min(1, 'Informe o nome.').max(200, 'Use no máximo 200 caracteres.'),
      trade_name: z.string().trim().max(200, 'Use no máximo 200 caracteres.'),
      document: z.string(),
      emails: z.array(
        z.object({
          value: z.string().trim().refine((value) => value === '' || isEmail(value), 'Informe um e-mail válido.'),
        }),
      ),
      phones: z.array(
        z.object({
          value: z
            .string()
            .refine((value) => value.trim() === '' || isValidPhone(value), 'Telefone inválido: use DDD + número, ex. (11) 98765-4321.'),
        }),
      ),
      address: addressSchema,
      tags: z.string(),
      status: z.enum(['lead', 'active', 'inactive']),
      owner_id: z.string(),
      notes: z.string().max(5000, 'Use no máximo 5000 caracteres.'),
      custom_fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    })
    .superRefine((values, ctx) => {
      const document = values.document.trim();
      if (document !== '') {
        if (values.kind === 'person' && !isValidCpf(document)) {
          ctx.addIssue({ code: 'custom', path: ['document'], message: 'CPF inválido: confira os dígitos.' });
        }
        if (values.kind === 'company' && !isValidCnpj(document)) {
          ctx.addIssue({ code: 'custom', path: ['document'], message: 'CNPJ inválido: confira os dígitos.' });
        }
      }
      const a = values.address;
      if (addressStarted(a)) {
        if (!isValidCep(a.cep)) ctx.addIssue({ code: 'custom', path: ['address', 'cep'], message: 'CEP inválido: use 8 dígitos.' });
        const required: Array<[keyof typeof a, string]> = [
          ['street', 'Informe o logradouro.'],
          ['number', 'Informe o número (ou “s/n”).'],
          ['district', 'Informe o bairro.'],
          ['city', 'Informe a cidade.'],
        ];
        for (const [key, message] of required) {
          if (a[key].trim() === '') ctx.addIssue({ code: 'custom', path: ['address', key], message });
        }
        if (!STATE_CODES.includes(a.state)) ctx.addIssue({ code: 'custom', path: ['address', 'state'], message: 'Escolha o estado.' });
      }
      for (const field of fields) {
        const value = values.custom_fields[field.key];
        const empty = value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');
        if (empty) {
          if (field.required) {
            ctx.addIssue({ code: 'custom', path: ['custom_fields', field.key], message: `${field.label} é obrigatório.` });
          }
        } else if (field.field_type === 'number' && typeof value === 'string' && !NUMBER.test(value.trim())) {
          ctx.addIssue({ code: 'custom', path: ['custom_fields', field.key], message: `${field.label} deve ser um número.` });
        }
      }
    });
}

export type CustomerFormValues = z.infer<ReturnType<typeof customerFormSchema>>;

export const CUSTOMER_FORM_FIELDS = [
  'kind',
  'name',
  'trade_name',
  'document',
  'emails',
  'phones',
  'address',
  'tags',
  'status',
  'owner_id',
  'notes',
  'custom_fields',
] as const;

export const formatDocumentInput = (kind: CustomerKind, value: string) =>
  kind === 'person' ? formatCpf(value) : formatCnpj(value);

function customValueForForm(field: CustomField, value: unknown): string | string[] {
  if (field.field_type === 'multiselect') return Array.isArray(value) ? value.map(String) : [];
  if (value === null || value === undefined) return '';
  return String(value);
}

export function emptyCustomerValues(fields: readonly CustomField[], ownerId = ''): CustomerFormValues {
  return {
    kind: 'person',
    name: '',
    trade_name: '',
    document: '',
    emails: [{ value: '' }],
    phones: [{ value: '' }],
    address: { cep: '', street: '', number: '', complement: '', district: '', city: '', state: '' },
    tags: '',
    status: 'lead',
    owner_id: ownerId,
    notes: '',
    custom_fields: Object.fromEntries(fields.map((field) => [field.key, customValueForForm(field, undefined)])),
  };
}

export function toFormValues(customer: Customer, fields: readonly CustomField[]): CustomerFormValues {
  const a = customer.address;
  const stored = customer.custom_fields as unknown as CustomFieldValues;
  return {
    kind: customer.kind,
    name: customer.name,
    trade_name: customer.trade_name ?? '',
    document: customer.document ? formatDocumentInput(customer.kind, customer.document) : '',
    emails: customer.emails.length ? customer.emails.map((value) => ({ value })) : [{ value: '' }],
    phones: customer.phones.length ? customer.phones.map((value) => ({ value: formatPhone(value) })) : [{ value: '' }],
    address: {
      cep: a ? formatCep(a.cep) : '',
      street: a?.street ?? '',
      number: a?.number ?? '',
      complement: a?.complement ?? '',
      district: a?.district ?? '',
      city: a?.city ?? '',
      state: a?.state ?? '',
    },
    tags: customer.tags.join(', '),
    status: customer.status,
    owner_id: customer.owner_id ?? '',
    notes: customer.notes ?? '',
    custom_fields: Object.fromEntries(fields.map((field) => [field.key, customValueForForm(field, stored[field.key])])),
  };
}

export function normalizeDocument(kind: CustomerKind, value: string): string {
  return kind === 'person' ? normalizeCpf(value) : normalizeCnpj(value);
}

const sentEmails = (values: CustomerFormValues) => values.emails.map((e) => e.value.trim()).filter(Boolean);
const sentPhones = (values: CustomerFormValues) =>
  values.phones.map((p) => p.value).filter((value) => normalizePhone(value) !== '');

/** Custom field values as the API wants them; empty ones are null (cleared) or left out. */
function customFieldsPayload(values: CustomerFormValues, fields: readonly CustomField[], clearEmpty: boolean) {
  const out: CustomFieldValues = {};
  for (const field of fields) {
    const raw = values.custom_fields[field.key];
    let value: CustomFieldValue = null;
    if (Array.isArray(raw)) {
      value = raw.length ? raw : null;
    } else if (raw !== undefined && raw.trim() !== '') {
      value = field.field_type === 'number' ? Number(raw.trim().replace(',', '.')) : raw.trim();
    }
    if (value !== null || clearEmpty) out[field.key] = value;
  }
  return out;
}

function commonPayload(values: CustomerFormValues) {
  const a = values.address;
  const hasAddress = addressStarted(a);
  return {
    kind: values.kind,
    name: values.name.trim(),
    trade_name: values.kind === 'company' ? values.trade_name.trim() || null : null,
    document: values.document.trim() ? normalizeDocument(values.kind, values.document) : null,
    emails: sentEmails(values),
    phones: sentPhones(values).map(toE164Phone),
    address: hasAddress
      ? {
          cep: normalizeCep(a.cep),
          street: a.street.trim(),
          number: a.number.trim(),
          complement: a.complement.trim() || null,
          district: a.district.trim(),
          city: a.city.trim(),
          state: a.state,
        }
      : null,
    tags: values.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    status: values.status,
    owner_id: values.owner_id || null,
    notes: values.notes.trim() || null,
  };
}

export function toCreateRequest(values: CustomerFormValues, fields: readonly CustomField[]): CreateCustomerRequest {
  return {
    ...commonPayload(values),
    custom_fields: customFieldsPayload(values, fields, false) as CreateCustomerRequest['custom_fields'],
  };
}

export function toUpdateRequest(values: CustomerFormValues, fields: readonly CustomField[]): UpdateCustomerRequest {
  return {
    ...commonPayload(values),
    custom_fields: customFieldsPayload(values, fields, true) as UpdateCustomerRequest['custom_fields'],
  };
}

/**
 * The server numbers `emails.N`/`phones.N` by the entries sent (blank rows
 * are dropped) and names the value itself; the form has `{value}` rows.
 */
export function serverPathToFormPath(values: CustomerFormValues) {
  const emailRows = values.emails.flatMap((e, index) => (e.value.trim() ? [index] : []));
  const phoneRows = values.phones.flatMap((p, index) => (normalizePhone(p.value) !== '' ? [index] : []));
  return (path: string) =>
    path.replace(/^(emails|phones)\.(\d+)$/, (match, list: string, index: string) => {
      const row = (list === 'emails' ? emailRows : phoneRows)[Number(index)];
      return row === undefined ? match : `${list}.${row}.value`;
    });
}
