import { paths } from '@/config/paths';
import type { Company, FinanceSettings, Gateway, User } from '@/lib/api/models';

// The setup guide on a new company's Painel: which first steps are done,
// read from the same data the pages that do them show.

export type SetupStepId = 'company' | 'team' | 'channel' | 'products' | 'payments' | 'pipeline';

/** `pending`: still loading; `unknown`: the data could not be read (a refused or failed request). */
export type SetupStepState = 'done' | 'todo' | 'pending' | 'unknown';

/** One reading: `undefined` while loading, `null` when it failed (403 included), else the data. */
export type Reading<T> = T | null | undefined;

export type SetupData = {
  company: Reading<Pick<Company, 'cnpj' | 'address'>>;
  users: Reading<Pick<User, 'active'>[]>;
  channelCount: Reading<number>;
  hasProducts: Reading<boolean>;
  financeSettings: Reading<Pick<FinanceSettings, 'pix_key'>>;
  gateways: Reading<Pick<Gateway, 'enabled'>[]>;
  pipelineCount: Reading<number>;
  hasOpportunities: Reading<boolean>;
};

export type SetupStep = { id: SetupStepId; title: string; description: string; href: string; linkLabel: string; state: SetupStepState };

const state = <T,>(reading: Reading<T>, done: (value: T) => boolean): SetupStepState => {
  if (reading === undefined) return 'pending';
  if (reading === null) return 'unknown';
  return done(reading) ? 'done' : 'todo';
};

/** Done when any reading says so; otherwise still loading if one is, unknown if none could be read. */
const either = (...states: SetupStepState[]): SetupStepState => {
  if (states.includes('done')) return 'done';
  if (states.includes('pending')) return 'pending';
  if (states.includes('todo')) return 'todo';
  return 'unknown';
};

/**
 * The six steps, in order. "Criar o primeiro funil": every company starts
 * with a default pipeline, and a pipeline carries no "edited" mark, so the
 * step counts as done once there is a deal in any pipeline or a second
 * pipeline was created.
 */
export function setupSteps(data: SetupData): SetupStep[] {
  return [
    {
      id: 'company',
      title: 'Dados da empresa',
      description: 'CNPJ e endereço: saem nas propostas, nas faturas e no PIX.',
      href: paths.app.settings.company.getHref(),
      linkLabel: 'Preencher os dados',
      state: state(data.company, (company) => Boolean(company.cnpj?.trim()) && company.address != null),
    },
    {
      id: 'team',
      title: 'Convidar a equipe',
      description: 'Atendentes, vendedores e o financeiro, cada um com o seu papel.',
      href: paths.app.settings.users.getHref(),
      linkLabel: 'Convidar pessoas',
      state: state(data.users, (users) => users.filter((user) => user.active).length > 1),
    },
    {
      id: 'channel',
      title: 'Conectar um canal',
      description: 'O chat do site sai em um clique; WhatsApp e e-mail ficam nas configurações do atendimento.',
      href: paths.app.support.settings.channels.getHref(),
      linkLabel: 'Ver os canais',
      state: state(data.channelCount, (count) => count > 0),
    },
    {
      id: 'products',
      title: 'Cadastrar produtos',
      description: 'Os produtos e serviços que entram nas propostas e nos contratos.',
      href: paths.app.crm.products.getHref(),
      linkLabel: 'Cadastrar produtos',
      state: state(data.hasProducts, (has) => has),
    },
    {
      id: 'payments',
      title: 'Configurar PIX ou gateway',
      description: 'Uma chave PIX ou um gateway de pagamento para as faturas serem pagas.',
      href: paths.app.finance.settings.getHref(),
      linkLabel: 'Configurar recebimentos',
      state: either(
        state(data.financeSettings, (settings) => Boolean(settings.pix_key?.trim())),
        state(data.gateways, (gateways) => gateways.some((gateway) => gateway.enabled)),
      ),
    },
    {
      id: 'pipeline',
      title: 'Criar o primeiro funil',
      description: 'A empresa já começa com um funil padrão: ajuste as etapas se quiser e cadastre a primeira oportunidade.',
      href: paths.app.crm.opportunities.getHref(),
      linkLabel: 'Abrir o funil',
      state: either(
        state(data.hasOpportunities, (has) => has),
        state(data.pipelineCount, (count) => count > 1),
      ),
    },
  ];
}

export type SetupProgress = { done: number; total: number; settled: boolean; complete: boolean };

/** "3 de 6"; `settled` once no step is loading; `complete` when every step is done. */
export function setupProgress(steps: readonly SetupStep[]): SetupProgress {
  const done = steps.filter((step) => step.state === 'done').length;
  return {
    done,
    total: steps.length,
    settled: steps.every((step) => step.state !== 'pending'),
    complete: done === steps.length,
  };
}
