// Every URL of the app in one place, in Portuguese as the users see them.
export const paths = {
  auth: {
    login: {
      path: '/entrar',
      getHref: (redirectTo?: string | null) =>
        redirectTo ? `/entrar?redirectTo=${encodeURIComponent(redirectTo)}` : '/entrar',
    },
    signup: { path: '/cadastro', getHref: () => '/cadastro' },
    forgotPassword: { path: '/esqueci-senha', getHref: () => '/esqueci-senha' },
    resetPassword: {
      path: '/redefinir-senha/:token',
      getHref: (token: string) => `/redefinir-senha/${encodeURIComponent(token)}`,
    },
    invitation: {
      path: '/convite/:token',
      getHref: (token: string) => `/convite/${encodeURIComponent(token)}`,
    },
    confirmEmail: {
      path: '/confirmar-email/:token',
      getHref: (token: string) => `/confirmar-email/${encodeURIComponent(token)}`,
    },
  },
  /** Outside the signed-in app: what a customer opens from an e-mail. */
  public: {
    proposal: {
      path: '/p/:token',
      getHref: (token: string) => `/p/${encodeURIComponent(token)}`,
    },
    /** The invoice's payment page (the server builds `${FRONTEND_URL}/fatura/{token}`). */
    invoice: {
      path: '/fatura/:token',
      getHref: (token: string) => `/fatura/${encodeURIComponent(token)}`,
    },
  },
  app: {
    root: { path: '/', getHref: () => '/' },
    dashboard: { path: '/dashboard', getHref: () => '/dashboard' },
    /** Meu perfil: every role's own data, photo, signature, password, logins and notifications. */
    profile: { path: '/perfil', getHref: () => '/perfil' },
    support: {
      /** The inbox; `search` keeps the list's view and filters ("visao=mine&situacao=open"). */
      root: {
        path: '/atendimento',
        getHref: (search?: string) => (search ? `/atendimento?${search}` : '/atendimento'),
      },
      ticket: {
        path: '/atendimento/:ticketId',
        getHref: (id: string, search?: string) =>
          search ? `/atendimento/${encodeURIComponent(id)}?${search}` : `/atendimento/${encodeURIComponent(id)}`,
      },
      settings: {
        root: { path: '/atendimento/configuracoes', getHref: () => '/atendimento/configuracoes/canais' },
        channels: { path: '/atendimento/configuracoes/canais', getHref: () => '/atendimento/configuracoes/canais' },
        teams: { path: '/atendimento/configuracoes/equipes', getHref: () => '/atendimento/configuracoes/equipes' },
        queues: { path: '/atendimento/configuracoes/filas', getHref: () => '/atendimento/configuracoes/filas' },
        sla: { path: '/atendimento/configuracoes/sla', getHref: () => '/atendimento/configuracoes/sla' },
        canned: {
          path: '/atendimento/configuracoes/respostas-prontas',
          getHref: () => '/atendimento/configuracoes/respostas-prontas',
        },
        triage: { path: '/atendimento/configuracoes/triagem', getHref: () => '/atendimento/configuracoes/triagem' },
        /** The company's LLM and its usage (owners and admins). */
        ai: { path: '/atendimento/configuracoes/ia', getHref: () => '/atendimento/configuracoes/ia' },
      },
    },
    crm: {
      root: { path: '/crm', getHref: () => '/crm' },
      customers: {
        path: '/crm/clientes',
        getHref: (search?: string) => (search ? `/crm/clientes?${search}` : '/crm/clientes'),
      },
      newCustomer: { path: '/crm/clientes/novo', getHref: () => '/crm/clientes/novo' },
      importCustomers: {
        path: '/crm/clientes/importar',
        /** With an import's id, its progress and result. */
        getHref: (importId?: string) =>
          importId ? `/crm/clientes/importar?importacao=${encodeURIComponent(importId)}` : '/crm/clientes/importar',
      },
      customer: {
        path: '/crm/clientes/:id',
        getHref: (id: string) => `/crm/clientes/${encodeURIComponent(id)}`,
      },
      opportunities: { path: '/crm/oportunidades', getHref: () => '/crm/oportunidades' },
      /** One deal: the pipeline's page with the deal's dialog open (`?funil=&oportunidade=`). */
      opportunity: {
        path: '/crm/oportunidades',
        getHref: (id: string, pipelineId?: string) => {
          const params = new URLSearchParams();
          if (pipelineId) params.set('funil', pipelineId);
          params.set('oportunidade', id);
          return `/crm/oportunidades?${params.toString()}`;
        },
      },
      products: { path: '/crm/produtos', getHref: () => '/crm/produtos' },
      proposals: { path: '/crm/propostas', getHref: () => '/crm/propostas' },
      newProposal: {
        path: '/crm/propostas/nova',
        /**
         * Prefilled with a customer and, optionally, one of their
         * opportunities; `ticketId` makes it the proposal of that
         * conversation (the inbox's "Nova proposta").
         */
        getHref: ({ customerId, opportunityId, ticketId }: { customerId?: string; opportunityId?: string; ticketId?: string } = {}) => {
          const params = new URLSearchParams();
          if (customerId) params.set('customer_id', customerId);
          if (opportunityId) params.set('opportunity_id', opportunityId);
          if (ticketId) params.set('ticket_id', ticketId);
          const search = params.toString();
          return search ? `/crm/propostas/nova?${search}` : '/crm/propostas/nova';
        },
      },
      proposal: {
        path: '/crm/propostas/:id',
        getHref: (id: string) => `/crm/propostas/${encodeURIComponent(id)}`,
      },
      contracts: { path: '/crm/contratos', getHref: () => '/crm/contratos' },
      newContract: {
        path: '/crm/contratos/novo',
        getHref: (customerId?: string) =>
          customerId ? `/crm/contratos/novo?customer_id=${encodeURIComponent(customerId)}` : '/crm/contratos/novo',
      },
      contract: {
        path: '/crm/contratos/:id',
        getHref: (id: string) => `/crm/contratos/${encodeURIComponent(id)}`,
      },
      settings: { path: '/crm/configuracoes', getHref: () => '/crm/configuracoes' },
    },
    finance: {
      root: { path: '/financeiro', getHref: () => '/financeiro' },
      invoices: {
        path: '/financeiro/faturas',
        getHref: (search?: string) => (search ? `/financeiro/faturas?${search}` : '/financeiro/faturas'),
      },
      newInvoice: {
        path: '/financeiro/faturas/nova',
        getHref: (customerId?: string) =>
          customerId ? `/financeiro/faturas/nova?customer_id=${encodeURIComponent(customerId)}` : '/financeiro/faturas/nova',
      },
      invoice: {
        path: '/financeiro/faturas/:id',
        getHref: (id: string) => `/financeiro/faturas/${encodeURIComponent(id)}`,
      },
      payments: {
        path: '/financeiro/pagamentos',
        getHref: (search?: string) => (search ? `/financeiro/pagamentos?${search}` : '/financeiro/pagamentos'),
      },
      subscriptions: { path: '/financeiro/assinaturas', getHref: () => '/financeiro/assinaturas' },
      newSubscription: {
        path: '/financeiro/assinaturas/nova',
        getHref: (customerId?: string) =>
          customerId
            ? `/financeiro/assinaturas/nova?customer_id=${encodeURIComponent(customerId)}`
            : '/financeiro/assinaturas/nova',
      },
      subscription: {
        path: '/financeiro/assinaturas/:id',
        getHref: (id: string) => `/financeiro/assinaturas/${encodeURIComponent(id)}`,
      },
      settings: { path: '/financeiro/configuracoes', getHref: () => '/financeiro/configuracoes' },
    },
    automation: {
      /** Fluxos, the section's first tab. */
      root: { path: '/automacao', getHref: () => '/automacao' },
      /** The service bot ("Bot IA"): settings and a simulated chat. */
      bot: { path: '/automacao/bot', getHref: () => '/automacao/bot' },
    },
    insights: {
      /** Opens the first tab the role may see. */
      root: { path: '/insights', getHref: () => '/insights' },
      risk: { path: '/insights/clientes-em-risco', getHref: () => '/insights/clientes-em-risco' },
      topics: { path: '/insights/tendencias', getHref: () => '/insights/tendencias' },
    },
    settings: {
      root: { path: '/configuracoes', getHref: () => '/configuracoes/empresa' },
      company: { path: '/configuracoes/empresa', getHref: () => '/configuracoes/empresa' },
      users: { path: '/configuracoes/usuarios', getHref: () => '/configuracoes/usuarios' },
      plan: { path: '/configuracoes/plano', getHref: () => '/configuracoes/plano' },
      failedJobs: { path: '/configuracoes/tarefas', getHref: () => '/configuracoes/tarefas' },
      integrations: { path: '/configuracoes/integracoes', getHref: () => '/configuracoes/integracoes' },
    },
  },
} as const;

/**
 * Only same-origin paths are accepted as a post-login destination. Without
 * one, `/`: each role's start page.
 */
export function safeRedirect(target: string | null | undefined, fallback: string = paths.app.root.getHref()) {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return fallback;
  }
  return target;
}
