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

  it('points out the variables the server leaves as typed, and knows the Portuguese and English names', () => {
    expect(unknownVariables('Olá, {{contato.primeiro_nome}}! Pedido {{pedido.numero}} de {{cliente.cpf}}.')).toEqual([
      '{{pedido.numero}}',
      '{{cliente.cpf}}',
    ]);
    expect(unknownVariables('Olá, {{customer.first_name}}! Sou {{agent.name}} ({{ticket.number}}), {{customer.name}}.')).toEqual([]);
    expect(
      unknownVariables('{{contato.nome}} {{contact.first_name}} {{cliente.nome}} {{cliente.primeiro_nome}} {{atendente.nome}} {{ticket.numero}}'),
    ).toEqual([]);
  });
});
