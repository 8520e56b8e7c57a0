import { describe, expect, it } from 'vitest';

import { templateFieldsFor, templateIssues, templatesDefaults, toTemplatesConfig } from './sale-templates';

describe('sale templates', () => {
  it('reads the stored templates and suggests a list for the ones not named', () => {
    const values = templatesDefaults({
      phone_number_id: '1',
      templates: { invoice: { name: 'fatura_disponivel', language: 'en_US', params: ['link', 'cpf', 'pix_code'] } },
    });
    expect(values.invoice).toEqual({ enabled: true, name: 'fatura_disponivel', language: 'en_US', params: ['link', 'pix_code'] });
    expect(values.proposal).toEqual({ enabled: false, name: '', language: 'pt_BR', params: ['customer_name', 'label', 'amount', 'link'] });
    expect(templatesDefaults(null).invoice.params).toContain('pix_code');
  });

  it('sends only the templates turned on, trimmed, and nothing when none is', () => {
    const values = templatesDefaults(null);
    expect(toTemplatesConfig(values)).toBeNull();
    expect(toTemplatesConfig({ ...values, proposal: { enabled: true, name: ' proposta ', language: 'pt_BR ', params: ['link'] } })).toEqual({
      proposal: { name: 'proposta', language: 'pt_BR', params: ['link'] },
    });
  });

  it('refuses what the server refuses, for the templates turned on only', () => {
    const values = templatesDefaults(null);
    expect(templateIssues({ ...values, invoice: { ...values.invoice, name: 'Fatura' } })).toEqual([]);
    expect(
      templateIssues({
        ...values,
        proposal: { enabled: true, name: 'Proposta!', language: 'portugues', params: ['pix_code'] },
        invoice: { enabled: true, name: 'fatura_1', language: 'pt', params: ['pix_code'] },
      }).map((issue) => issue.path.join('.')),
    ).toEqual(['proposal.name', 'proposal.language', 'proposal.params']);
    expect(templateFieldsFor('proposal')).not.toContain('pix_code');
    expect(templateFieldsFor('invoice')).toContain('pix_code');
  });
});
