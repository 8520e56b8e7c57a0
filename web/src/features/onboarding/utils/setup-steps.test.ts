import { describe, expect, it } from 'vitest';

import { type SetupData, setupProgress, setupSteps, type SetupStepId, type SetupStepState } from './setup-steps';

/** A company just signed up: nothing done yet (its default pipeline included). */
const fresh: SetupData = {
  company: { cnpj: null, address: null },
  users: [{ active: true }],
  channelCount: 0,
  hasProducts: false,
  financeSettings: { pix_key: null },
  gateways: [],
  pipelineCount: 1,
  hasOpportunities: false,
};

const address = { cep: '01310100', street: 'Av. Paulista', number: '1000', district: 'Bela Vista', city: 'São Paulo', state: 'SP' };

const states = (data: SetupData): Record<SetupStepId, SetupStepState> =>
  Object.fromEntries(setupSteps(data).map((step) => [step.id, step.state])) as Record<SetupStepId, SetupStepState>;

describe('setupSteps', () => {
  it('has six steps, all to do for a new company', () => {
    const steps = setupSteps(fresh);
    expect(steps.map((step) => step.title)).toEqual([
      'Dados da empresa',
      'Convidar a equipe',
      'Conectar um canal',
      'Cadastrar produtos',
      'Configurar PIX ou gateway',
      'Criar o primeiro funil',
    ]);
    expect(steps.every((step) => step.state === 'todo')).toBe(true);
    expect(setupProgress(steps)).toEqual({ done: 0, total: 6, settled: true, complete: false });
  });

  it('links each step to the page that does it', () => {
    expect(Object.fromEntries(setupSteps(fresh).map((step) => [step.id, step.href]))).toEqual({
      company: '/configuracoes/empresa',
      team: '/configuracoes/usuarios',
      channel: '/atendimento/configuracoes/canais',
      products: '/crm/produtos',
      payments: '/financeiro/configuracoes',
      pipeline: '/crm/oportunidades',
    });
  });

  it('ticks the company with both CNPJ and address', () => {
    expect(states({ ...fresh, company: { cnpj: '11222333000181', address: null } }).company).toBe('todo');
    expect(states({ ...fresh, company: { cnpj: null, address } }).company).toBe('todo');
    expect(states({ ...fresh, company: { cnpj: '11222333000181', address } }).company).toBe('done');
  });

  it('ticks the team with a second active user', () => {
    expect(states({ ...fresh, users: [{ active: true }, { active: false }] }).team).toBe('todo');
    expect(states({ ...fresh, users: [{ active: true }, { active: true }] }).team).toBe('done');
  });

  it('ticks channels and products when there is one', () => {
    const s = states({ ...fresh, channelCount: 1, hasProducts: true });
    expect(s.channel).toBe('done');
    expect(s.products).toBe('done');
  });

  it('ticks payments with a PIX key or an enabled gateway', () => {
    expect(states({ ...fresh, financeSettings: { pix_key: '  ' } }).payments).toBe('todo');
    expect(states({ ...fresh, financeSettings: { pix_key: 'financeiro@acme.com.br' } }).payments).toBe('done');
    expect(states({ ...fresh, gateways: [{ enabled: false }] }).payments).toBe('todo');
    expect(states({ ...fresh, gateways: [{ enabled: true }] }).payments).toBe('done');
  });

  it('ticks the pipeline with a first deal or a second pipeline, not with the default pipeline alone', () => {
    expect(states({ ...fresh, pipelineCount: 1 }).pipeline).toBe('todo');
    expect(states({ ...fresh, hasOpportunities: true }).pipeline).toBe('done');
    expect(states({ ...fresh, pipelineCount: 2 }).pipeline).toBe('done');
  });

  it('tells loading and unreadable data apart from "not done"', () => {
    const s = states({ ...fresh, company: undefined, hasProducts: null, financeSettings: null, gateways: null });
    expect(s.company).toBe('pending');
    expect(s.products).toBe('unknown');
    expect(s.payments).toBe('unknown');
    // One source refused, the other answers: the answer counts.
    expect(states({ ...fresh, financeSettings: null, gateways: [{ enabled: true }] }).payments).toBe('done');
    expect(states({ ...fresh, financeSettings: null, gateways: [] }).payments).toBe('todo');
    expect(states({ ...fresh, financeSettings: undefined, gateways: [] }).payments).toBe('pending');
  });

  it('counts progress and says when it is settled and complete', () => {
    const loading = setupSteps({ ...fresh, channelCount: undefined, hasProducts: true });
    expect(setupProgress(loading)).toEqual({ done: 1, total: 6, settled: false, complete: false });
    const all = setupSteps({
      company: { cnpj: '11222333000181', address },
      users: [{ active: true }, { active: true }],
      channelCount: 2,
      hasProducts: true,
      financeSettings: { pix_key: null },
      gateways: [{ enabled: true }],
      pipelineCount: 1,
      hasOpportunities: true,
    });
    expect(setupProgress(all)).toEqual({ done: 6, total: 6, settled: true, complete: true });
  });
});
