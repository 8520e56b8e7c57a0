/** What each kind of background task does, as people read it. */
const JOB_KIND_LABELS: Record<string, string> = {
  'mail.send': 'Envio de e-mail',
  'crm.send_proposal': 'Envio de proposta',
  'crm.expire_proposal': 'Expiração de proposta',
  'crm.import_customers': 'Importação de clientes',
  'crm.timeline_from_event': 'Histórico do cliente',
  'crm.default_pipeline': 'Criação do funil padrão',
  'ops.janitor': 'Limpeza automática',
};

/** A known kind's label; an unknown one as the server names it. */
export const jobKindLabel = (kind: string) => JOB_KIND_LABELS[kind] ?? kind;
