import type { EventKind } from '@/lib/api/models';

// Event kinds in pt-BR, shared by automation (a flow's trigger) and the
// integrations (a webhook's subscriptions).

/** Every event kind in pt-BR: a new kind fails the type check until it has a label. */
export const EVENT_LABELS: Record<EventKind, string> = {
  CompanyCreated: 'Empresa criada',
  CompanyUpdated: 'Empresa atualizada',
  UserInvited: 'Usuário convidado',
  UserJoined: 'Usuário entrou',
  UserUpdated: 'Usuário atualizado',
  UserDeactivated: 'Usuário desativado',
  CustomerCreated: 'Cliente criado',
  CustomerUpdated: 'Cliente atualizado',
  CustomerMerged: 'Clientes mesclados',
  CustomerDeleted: 'Cliente excluído',
  CustomersImported: 'Clientes importados',
  ContactAdded: 'Contato adicionado',
  OpportunityCreated: 'Oportunidade criada',
  OpportunityUpdated: 'Oportunidade atualizada',
  OpportunityMoved: 'Oportunidade movida',
  OpportunityStageChanged: 'Oportunidade mudou de etapa',
  OpportunityWon: 'Oportunidade ganha',
  OpportunityLost: 'Oportunidade perdida',
  OpportunityDeleted: 'Oportunidade excluída',
  ProposalCreated: 'Proposta criada',
  ProposalUpdated: 'Proposta atualizada',
  ProposalSent: 'Proposta enviada',
  ProposalViewed: 'Proposta visualizada',
  ProposalAccepted: 'Proposta aceita',
  ProposalRejected: 'Proposta recusada',
  ProposalExpired: 'Proposta expirada',
  ContractUpdated: 'Contrato atualizado',
  ContractSigned: 'Contrato assinado',
  ContractStatusChanged: 'Contrato mudou de situação',
  ContractCancelled: 'Contrato cancelado',
  TicketCreated: 'Ticket aberto',
  TicketTriaged: 'Mensagem classificada pela triagem',
  TicketCategorized: 'Categoria do ticket alterada',
  TicketAssigned: 'Ticket atribuído',
  TicketStatusChanged: 'Ticket mudou de situação',
  TicketResolved: 'Ticket resolvido',
  TicketMerged: 'Ticket mesclado',
  TicketMentioned: 'Menção em nota',
  SlaWarningReached: 'SLA perto de vencer',
  SlaBreached: 'SLA vencido',
  MessageReceived: 'Mensagem recebida',
  MessageQueued: 'Mensagem na fila de envio',
  MessageStatusChanged: 'Mensagem mudou de situação',
  MessageDeliveryFailed: 'Mensagem não entregue',
  NoteAdded: 'Nota interna adicionada',
  CsatReceived: 'Avaliação (CSAT) recebida',
  InvoiceIssued: 'Fatura emitida',
  InvoiceSent: 'Fatura enviada',
  InvoiceReminderDue: 'Lembrete de fatura',
  InvoiceOverdue: 'Fatura vencida',
  InvoicePaid: 'Fatura paga',
  InvoiceCancelled: 'Fatura cancelada',
  PaymentReceived: 'Pagamento recebido',
  PaymentNeedsReview: 'Pagamento para conferir',
  PaymentFailed: 'Pagamento falhou',
  PaymentRefunded: 'Pagamento estornado',
  SubscriptionStarted: 'Assinatura iniciada',
  SubscriptionChanged: 'Assinatura alterada',
  SubscriptionPaused: 'Assinatura pausada',
  SubscriptionResumed: 'Assinatura retomada',
  SubscriptionCancelled: 'Assinatura cancelada',
  FlowRunRequested: 'Botão no ticket (executar à mão)',
  FlowScheduleFired: 'Agenda (dia e hora marcados)',
  FlowInvoiceDue: 'Faturas a vencer (agenda diária, por fatura)',
  FlowPaused: 'Fluxo pausado automaticamente',
};

export type EventGroup = 'accounts' | 'crm' | 'support' | 'finance';

export const EVENT_GROUP_LABELS: Record<EventGroup, string> = {
  accounts: 'Empresa e usuários',
  crm: 'CRM e vendas',
  support: 'Atendimento',
  finance: 'Financeiro',
};

const GROUP_PREFIXES: [EventGroup, RegExp][] = [
  ['accounts', /^(Company|User)/],
  ['crm', /^(Customer|Contact|Opportunit|Proposal|Contract)/],
  ['support', /^(Ticket|Sla|Message|Note|Csat)/],
  ['finance', /^(Invoice|Payment|Subscription)/],
];

/** The domain that emits a kind, by its name (the catalogue names events after their record). */
export function eventGroup(kind: EventKind): EventGroup {
  return GROUP_PREFIXES.find(([, prefix]) => prefix.test(kind))?.[0] ?? 'accounts';
}

/** Every kind, grouped by domain in the catalogue's order. */
export function groupedEventKinds(): { group: EventGroup; kinds: EventKind[] }[] {
  const kinds = Object.keys(EVENT_LABELS) as EventKind[];
  return (Object.keys(EVENT_GROUP_LABELS) as EventGroup[]).map((group) => ({
    group,
    kinds: kinds.filter((kind) => eventGroup(kind) === group),
  }));
}
