import { describe, expect, it } from 'vitest';

import { canAccess, ROLE_PURPOSES, roleAreas, ROLES, SECTION_LABELS } from './authorization';

describe('roleAreas', () => {
  it('lists what an agent may open: the inbox and its insights, no CRM, finance or settings', () => {
    expect(roleAreas('agent')).toEqual(['Painel', 'Atendimento', 'Insights: Tendências']);
  });

  it('gives a salesperson the CRM without its settings, and a finance person the finance settings', () => {
    expect(roleAreas('sales')).toEqual(['Painel', 'CRM', 'Insights: Clientes em risco']);
    expect(roleAreas('finance')).toEqual(['Painel', 'Financeiro', 'Configurações do financeiro', 'Insights: Clientes em risco']);
  });

  it('gives a manager every area but the company settings, the LLM settings and finance configuration', () => {
    const areas = roleAreas('manager');
    expect(areas).toContain('Automação');
    expect(areas).toContain('Configurações do CRM (funis, campos e produtos)');
    expect(areas).not.toContain('Configurações de IA');
    expect(areas).not.toContain('Configurações do financeiro');
    expect(areas).not.toContain('Configurações da empresa e usuários');
  });

  it('follows the sections table for every role, so the explanation cannot drift', () => {
    for (const role of ROLES) {
      for (const section of ['support', 'crm', 'finance', 'automation'] as const) {
        expect(roleAreas(role).includes(SECTION_LABELS[section])).toBe(canAccess(role, section));
      }
      expect(ROLE_PURPOSES[role]).toMatch(/\.$/);
    }
  });
});
