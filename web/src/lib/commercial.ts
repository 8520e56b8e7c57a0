// Words and numbers shared by everything that shows a priced line (the CRM's
// proposals and contracts, and the customer's public proposal page).
import type { Billing } from './api/models';

export const BILLING_LABELS: Record<Billing, string> = {
  one_time: 'Avulso',
  monthly: 'Mensal',
  quarterly: 'Trimestral',
  yearly: 'Anual',
};

/** What follows a recurring amount: "R$ 199,90/mês". */
export const BILLING_PERIOD_SUFFIX: Record<Billing, string> = {
  one_time: '',
  monthly: '/mês',
  quarterly: '/trimestre',
  yearly: '/ano',
};

/**
 * The recurring-revenue acronyms, said in plain Portuguese next to them
 * (the finance page and the dashboard's Financeiro).
 */
export const RECURRING_TERMS = {
  mrr: 'Receita recorrente mensal: quanto as assinaturas ativas rendem por mês.',
  arr: 'Receita recorrente anual: o MRR vezes 12.',
  churn: 'Receita mensal perdida com assinaturas canceladas.',
  churnRate: 'Parte da receita recorrente perdida com cancelamentos no período.',
} as const;

/** 1 → "PROP-0001". */
export const proposalNumber = (n: number) => `PROP-${String(n).padStart(4, '0')}`;

/** 1 → "CT-0001". */
export const contractNumber = (n: number) => `CT-${String(n).padStart(4, '0')}`;

/** Thousandths → "1,5" (as the server prints quantities). */
export function formatQuantityMilli(milli: number): string {
  const negative = milli < 0;
  const abs = Math.abs(Math.trunc(milli));
  const whole = Math.trunc(abs / 1000);
  const frac = abs % 1000;
  const wholeText = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const fracText = frac === 0 ? '' : `,${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  return `${negative ? '-' : ''}${wholeText}${fracText}`;
}

/** Basis points → "12,5%" (1000 bp = 10%). */
export function formatBasisPoints(bp: number): string {
  const abs = Math.abs(Math.trunc(bp));
  const whole = Math.trunc(abs / 100);
  const frac = abs % 100;
  const fracText = frac === 0 ? '' : `,${String(frac).padStart(2, '0').replace(/0+$/, '')}`;
  return `${bp < 0 ? '-' : ''}${whole}${fracText}%`;
}
