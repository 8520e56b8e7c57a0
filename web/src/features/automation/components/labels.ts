import type { FlowOp, FlowRun, FlowStatus, FlowStep } from '@/lib/api/models';

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
