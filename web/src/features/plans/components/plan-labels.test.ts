import { describe, expect, it } from 'vitest';

import { builtFeatureLabels } from './plan-labels';

describe('builtFeatureLabels', () => {
  it('names the features the app has and leaves out the rest', () => {
    const enterprise = ['inbox', 'crm', 'invoices', 'subscriptions', 'automation', 'ai_triage', 'sla', 'api', 'priority_support', 'whatever'];
    expect(builtFeatureLabels(enterprise)).toEqual([
      'Caixa de entrada omnichannel',
      'CRM e funil de vendas',
      'Faturas e cobranças',
      'Assinaturas recorrentes',
      'Fluxos de automação',
      'Triagem por IA',
      'SLA de atendimento',
    ]);
  });
});
