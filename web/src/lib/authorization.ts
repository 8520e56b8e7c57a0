import type { Role } from './api/models';

export const ROLES = ['owner', 'admin', 'manager', 'agent', 'sales', 'finance'] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Proprietário',
  admin: 'Administrador',
  manager: 'Gerente',
  agent: 'Atendente',
  sales: 'Vendedor',
  finance: 'Financeiro',
};

export type Section =
  | 'support'
  | 'support_settings'
  | 'ai_settings'
  | 'crm'
  | 'finance'
  | 'automation'
  | 'insights'
  | 'insights_risk'
  | 'insights_topics'
  | 'dashboard'
  | 'settings';

export const SECTION_LABELS: Record<Section, string> = {
  support: 'Atendimento',
  support_settings: 'Configurações do atendimento',
  ai_settings: 'Configurações de IA',
  crm: 'CRM',
  finance: 'Financeiro',
  automation: 'Automação',
  insights: 'Insights',
  insights_risk: 'Clientes em risco',
  insights_topics: 'Tendências',
  dashboard: 'Painel',
  settings: 'Configurações',
};

// Mirrors the server's rules; the server enforces them too. The UI uses them
// to hide what a role cannot open and to explain a refusal.
const SECTION_ROLES: Record<Section, readonly Role[]> = {
  support: ['owner', 'admin', 'manager', 'agent'],
  // Channels, teams, queues, SLA, canned responses, triage rules; agents work in the inbox only.
  support_settings: ['owner', 'admin', 'manager'],
  // The company's LLM: its key (sealed, shown as 4 characters) and its spending; the server's SECRET_VIEWERS.
  ai_settings: ['owner', 'admin'],
  crm: ['owner', 'admin', 'manager', 'sales'],
  finance: ['owner', 'admin', 'manager', 'finance'],
  automation: ['owner', 'admin', 'manager'],
  // Insights: each role sees the tabs below it may open (every role has one).
  insights: ROLES,
  // Customers at risk of leaving: support, sales and finance signals together.
  insights_risk: ['owner', 'admin', 'manager', 'sales', 'finance'],
  // What tickets are about lately: the support team.
  insights_topics: ['owner', 'admin', 'manager', 'agent'],
  dashboard: ROLES,
  settings: ['owner', 'admin'],
};

export function canAccess(role: Role, section: Section): boolean {
  return SECTION_ROLES[section].includes(role);
}

/** Changing roles, (de)activating users, inviting, editing the company. */
export const canManageCompany = (role: Role) => role === 'owner' || role === 'admin';

/** Configuring the CRM: custom fields, pipelines and the product catalogue. */
export const canConfigureCrm = (role: Role) => role === 'owner' || role === 'admin' || role === 'manager';

/** Configuring finance: payment gateways and their keys, late fees, PIX key, dunning. */
export const canConfigureFinance = (role: Role) => role === 'owner' || role === 'admin' || role === 'finance';

/** Configuring support (channels, teams, queues, SLA, canned responses, triage) and acting on any team's tickets. */
export const canConfigureSupport = (role: Role) => canAccess(role, 'support_settings');

/** Reading a customer's CRM record (the inbox's side panel); agents see only what the ticket says. */
export const canReadCustomers = (role: Role) =>
  role === 'owner' || role === 'admin' || role === 'manager' || role === 'sales' || role === 'finance';

/**
 * Selling inside a conversation (the inbox's "Vendas" block, "Enviar no
 * chat"): roles that work in both support and the CRM — owner, admin and
 * manager. The server asks for both too.
 */
export const canSellInConversation = (role: Role) => canAccess(role, 'support') && canAccess(role, 'crm');

/** The agents' leaderboard on the dashboard (the server's BOARD_ROLES): whoever runs the team — owner, admin and manager. */
export const canSeeAgentBoard = (role: Role) => role === 'owner' || role === 'admin' || role === 'manager';

/** What each role is for, in a sentence; what it may open is listed by `roleAreas` (from the rules above). */
export const ROLE_PURPOSES: Record<Role, string> = {
  owner: 'Responsável pela conta da empresa; ela tem sempre pelo menos um proprietário ativo.',
  admin: 'Administra a empresa: dados, usuários, plano e integrações.',
  manager: 'Coordena as equipes de atendimento e de vendas.',
  agent: 'Atende os clientes nas conversas; do cliente, vê o que o ticket mostra.',
  sales: 'Vende: clientes, oportunidades, propostas e contratos.',
  finance: 'Cuida da cobrança: faturas, pagamentos e assinaturas.',
};

/**
 * The areas and settings a role may open, in the menu's order, each read
 * from the rules above (SECTION_ROLES and the can… checks), so the
 * explanation of the roles cannot drift from what the app lets them do.
 */
const AREAS: { label: string; allows: (role: Role) => boolean }[] = [
  { label: SECTION_LABELS.dashboard, allows: (role) => canAccess(role, 'dashboard') },
  { label: 'Ranking de atendentes no Painel', allows: canSeeAgentBoard },
  { label: SECTION_LABELS.support, allows: (role) => canAccess(role, 'support') },
  { label: SECTION_LABELS.support_settings, allows: canConfigureSupport },
  { label: SECTION_LABELS.ai_settings, allows: (role) => canAccess(role, 'ai_settings') },
  { label: SECTION_LABELS.crm, allows: (role) => canAccess(role, 'crm') },
  { label: 'Configurações do CRM (funis, campos e produtos)', allows: (role) => canAccess(role, 'crm') && canConfigureCrm(role) },
  { label: SECTION_LABELS.finance, allows: (role) => canAccess(role, 'finance') },
  { label: 'Configurações do financeiro', allows: (role) => canAccess(role, 'finance') && canConfigureFinance(role) },
  { label: SECTION_LABELS.automation, allows: (role) => canAccess(role, 'automation') },
  { label: `${SECTION_LABELS.insights}: ${SECTION_LABELS.insights_risk}`, allows: (role) => canAccess(role, 'insights_risk') },
  { label: `${SECTION_LABELS.insights}: ${SECTION_LABELS.insights_topics}`, allows: (role) => canAccess(role, 'insights_topics') },
  { label: 'Configurações da empresa e usuários', allows: (role) => canAccess(role, 'settings') && canManageCompany(role) },
];

export function roleAreas(role: Role): string[] {
  return AREAS.filter((area) => area.allows(role)).map((area) => area.label);
}
