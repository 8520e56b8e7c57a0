import { describe, expect, it } from 'vitest';

import { canAccess, ROLES } from './authorization';
import { landingPath } from './landing';

describe('landingPath', () => {
  it('sends each role to where it works', () => {
    expect(landingPath('agent')).toBe('/atendimento');
    expect(landingPath('sales')).toBe('/crm/oportunidades');
    expect(landingPath('finance')).toBe('/financeiro');
    expect(landingPath('owner')).toBe('/dashboard');
    expect(landingPath('admin')).toBe('/dashboard');
    expect(landingPath('manager')).toBe('/dashboard');
  });

  it('never lands a role on a section it may not open', () => {
    const sectionOf = { '/atendimento': 'support', '/crm/oportunidades': 'crm', '/financeiro': 'finance', '/dashboard': 'dashboard' } as const;
    for (const role of ROLES) {
      const path = landingPath(role) as keyof typeof sectionOf;
      expect(canAccess(role, sectionOf[path]), `${role} → ${path}`).toBe(true);
    }
  });
});
