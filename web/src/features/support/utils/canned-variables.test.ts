import { describe, expect, it } from 'vitest';

import { unknownVariables, variablesIn } from './canned-variables';

describe('canned-response variables', () => {
  it('finds each variable once, in order', () => {
    expect(variablesIn('Olá, {{customer.first_name}}! {{agent.name}} aqui, {{customer.first_name}}.')).toEqual([
      '{{customer.first_name}}',
      '{{agent.name}}',
    ]);
    expect(variablesIn('Sem variáveis.')).toEqual([]);
  });

  it('points out the variables the server leaves as typed, such as the contact person', () => {
    expect(unknownVariables('Olá, {{contato.primeiro_nome}}! Ticket {{ticket.number}} de {{contato.nome}}.')).toEqual([
      '{{contato.primeiro_nome}}',
      '{{contato.nome}}',
    ]);
    expect(unknownVariables('Olá, {{customer.first_name}}! Sou {{agent.name}} ({{ticket.number}}), {{customer.name}}.')).toEqual([]);
  });
});
