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
    crm: { path: '/crm', getHref: () => '/crm' },
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
