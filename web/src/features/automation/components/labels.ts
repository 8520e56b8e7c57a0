import type { EventKind, FlowOp, FlowRun, FlowStatus, FlowStep } from '@/lib/api/models';

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
  NoteAdded: 'Nota interna adicionada',
  CsatReceived: 'Avaliação (CSAT) recebida',
  InvoiceIssued: 'Fatura emitida',
  InvoiceSent: 'Fatura enviada',
  InvoiceReminderDue: 'Lembrete de fatura',
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
};

export const OP_LABELS: Record<FlowOp, string> = {
  equals: 'é igual a',
  not_equals: 'é diferente de',
  contains: 'contém',
  starts_with: 'começa com',
  in: 'é um de (separe por vírgula)',
  greater_than: 'é maior que',
  less_than: 'é menor que',
  is_empty: 'está vazio',
  is_not_empty: 'não está vazio',
};

export const STATUS_LABELS: Record<FlowStatus, string> = { draft: 'Rascunho', active: 'Ativo', paused: 'Pausado' };

export const RUN_STATUS_LABELS: Record<FlowRun['status'], string> = {
  running: 'Em andamento',
  succeeded: 'Concluída',
  failed: 'Falhou',
  skipped: 'Ignorada',
};

export const OUTCOME_LABELS: Record<FlowStep['outcome'], string> = {
  held: 'atendida',
  not_held: 'não atendida',
  succeeded: 'feita',
  failed: 'falhou',
  would_run: 'seria feita',
  not_run: 'não feita',
};

export const ACTION_LABELS = {
  add_note: 'Adicionar nota interna',
  set_priority: 'Definir prioridade',
  add_tags: 'Adicionar etiquetas',
  webhook: 'Chamar webhook',
} as const;
