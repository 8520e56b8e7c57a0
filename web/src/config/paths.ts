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
  },
  app: {
    root: { path: '/', getHref: () => '/' },
    dashboard: { path: '/dashboard', getHref: () => '/dashboard' },
    support: { path: '/atendimento', getHref: () => '/atendimento' },
    crm: {
      root: { path: '/crm', getHref: () => '/crm' },
      customers: {
        path: '/crm/clientes',
        getHref: (search?: string) => (search ? `/crm/clientes?${search}` : '/crm/clientes'),
      },
      newCustomer: { path: '/crm/clientes/novo', getHref: () => '/crm/clientes/novo' },
      customer: {
        path: '/crm/clientes/:id',
        getHref: (id: string) => `/crm/clientes/${encodeURIComponent(id)}`,
      },
      opportunities: { path: '/crm/oportunidades', getHref: () => '/crm/oportunidades' },
      products: { path: '/crm/produtos', getHref: () => '/crm/produtos' },
      proposals: { path: '/crm/propostas', getHref: () => '/crm/propostas' },
      contracts: { path: '/crm/contratos', getHref: () => '/crm/contratos' },
      settings: { path: '/crm/configuracoes', getHref: () => '/crm/configuracoes' },
    },
    finance: { path: '/financeiro', getHref: () => '/financeiro' },
    automation: { path: '/automacao', getHref: () => '/automacao' },
    settings: {
      root: { path: '/configuracoes', getHref: () => '/configuracoes/empresa' },
      company: { path: '/configuracoes/empresa', getHref: () => '/configuracoes/empresa' },
      users: { path: '/configuracoes/usuarios', getHref: () => '/configuracoes/usuarios' },
      plan: { path: '/configuracoes/plano', getHref: () => '/configuracoes/plano' },
    },
  },
} as const;

/** Only same-origin paths are accepted as a post-login destination. */
export function safeRedirect(target: string | null | undefined, fallback: string = paths.app.dashboard.getHref()) {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return fallback;
  }
  return target;
}
