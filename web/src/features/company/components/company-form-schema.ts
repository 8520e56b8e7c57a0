import { z } from 'zod';

import type { Company, UpdateCompanyRequest } from '@/lib/api/models';
import { addressStarted, isValidCep, normalizeCep, formatCep } from '@/lib/br/cep';
import { formatCnpj, isValidCnpj, normalizeCnpj } from '@/lib/br/cnpj';
import { formatPhone, isValidPhone, toE164Phone } from '@/lib/br/phone';
import { STATE_CODES } from '@/lib/br/states';
import { DEFAULT_TIMEZONE } from '@/lib/br/timezones';

export const WEEKDAYS = ['Domingo', 'Segunda-feira', 'Terça-feira', 'Quarta-feira', 'Quinta-feira', 'Sexta-feira', 'Sábado'];

const time = /^([01]\d|2[0-3]):[0-5]\d$/;

const addressSchema = z.object({
  cep: z.string(),
  street: z.string(),
  number: z.string(),
  complement: z.string(),
  district: z.string(),
  city: z.string(),
  state: z.string(),
});

export const companyFormSchema = z
  .object({
    name: z.string().trim().min(2, 'Informe a razão social.').max(200, 'Use no máximo 200 caracteres.'),
    trade_name: z.string().trim().max(200, 'Use no máximo 200 caracteres.'),
    cnpj: z.string().refine((value) => value.trim() === '' || isValidCnpj(value), 'CNPJ inválido: confira os dígitos.'),
    email: z.string().trim().refine((value) => value === '' || z.email().safeParse(value).success, 'Informe um e-mail válido.'),
    phone: z
      .string()
      .refine((value) => value.trim() === '' || isValidPhone(value), 'Telefone inválido: use DDD + número, ex. (11) 91234-5678.'),
    address: addressSchema,
    timezone: z.string().min(1, 'Escolha o fuso horário.'),
    business_hours: z.array(
      z.object({ weekday: z.number().int().min(0).max(6), open: z.boolean(), opens: z.string(), closes: z.string() }),
    ),
  })
  .superRefine((values, ctx) => {
    // The address is optional, but once started (beyond the CEP) it must be complete.
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
    values.business_hours.forEach((day, index) => {
      if (!day.open) return;
      if (!time.test(day.opens)) {
        ctx.addIssue({ code: 'custom', path: ['business_hours', index, 'opens'], message: 'Horário inválido.' });
      } else if (!time.test(day.closes)) {
        ctx.addIssue({ code: 'custom', path: ['business_hours', index, 'closes'], message: 'Horário inválido.' });
      } else if (day.closes <= day.opens) {
        ctx.addIssue({
          code: 'custom',
          path: ['business_hours', index, 'closes'],
          message: 'O fechamento precisa ser depois da abertura.',
        });
      }
    });
  });

export type CompanyFormValues = z.infer<typeof companyFormSchema>;

export const COMPANY_FORM_FIELDS = ['name', 'trade_name', 'cnpj', 'email', 'phone', 'address', 'timezone', 'business_hours'] as const;

export function toFormValues(company: Company): CompanyFormValues {
  const address = company.address;
  return {
    name: company.name,
    trade_name: company.trade_name ?? '',
    cnpj: company.cnpj ? formatCnpj(company.cnpj) : '',
    email: company.email ?? '',
    phone: company.phone ? formatPhone(company.phone) : '',
    address: {
      cep: address ? formatCep(address.cep) : '',
      street: address?.street ?? '',
      number: address?.number ?? '',
      complement: address?.complement ?? '',
      district: address?.district ?? '',
      city: address?.city ?? '',
      state: address?.state ?? '',
    },
    timezone: company.timezone || DEFAULT_TIMEZONE,
    // One opening interval per weekday; a day with no interval is closed.
    business_hours: WEEKDAYS.map((_, weekday) => {
      const hours = company.business_hours.find((entry) => entry.weekday === weekday);
      return hours
        ? { weekday, open: true, opens: hours.opens.slice(0, 5), closes: hours.closes.slice(0, 5) }
        : { weekday, open: false, opens: '09:00', closes: '18:00' };
    }),
  };
}

export function toUpdateRequest(values: CompanyFormValues): UpdateCompanyRequest {
  const a = values.address;
  const hasAddress = addressStarted(a);
  return {
    name: values.name.trim(),
    trade_name: values.trade_name.trim() || null,
    cnpj: values.cnpj.trim() ? normalizeCnpj(values.cnpj) : null,
    email: values.email.trim() || null,
    phone: values.phone.trim() ? toE164Phone(values.phone) : null,
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
    timezone: values.timezone,
    business_hours: values.business_hours
      .filter((day) => day.open)
      .map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
  };
}

/**
 * The server numbers business_hours by the entries sent (open days only); the
 * form has one row per weekday. Maps "business_hours.1.opens" back to the row.
 */
export function serverPathToFormPath(values: CompanyFormValues) {
  const sentWeekdays = values.business_hours.filter((day) => day.open).map((day) => day.weekday);
  return (path: string) =>
    path.replace(/^business_hours\.(\d+)/, (match, index: string) => {
      const weekday = sentWeekdays[Number(index)];
      return weekday === undefined ? match : `business_hours.${weekday}`;
    });
}
