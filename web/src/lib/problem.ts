import type { FieldError, Problem } from './api/models';

/** Any failed API call: an HTTP problem, or status 0 when the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds, from the Retry-After header of a 429. */
  readonly retryAfter: number | null;

  constructor(problem: Problem, retryAfter: number | null = null) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  /** The plan-limit problem: `{limit, max, plan}` next to the usual fields. */
  get planLimit(): { limit: string; max: number | null; plan: string | null } | null {
    const { limit, max, plan } = this.problem;
    return typeof limit === 'string' ? { limit, max: max ?? null, plan: plan ?? null } : null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const FALLBACK_DETAIL: Record<number, string> = {
  0: 'Não foi possível falar com o servidor. Verifique sua conexão e tente de novo.',
  400: 'A requisição não pôde ser entendida.',
  401: 'Sua sessão expirou. Entre novamente.',
  403: 'Você não tem permissão para esta ação.',
  404: 'Não encontrado.',
  409: 'A operação conflita com o estado atual.',
  413: 'O arquivo é grande demais.',
  415: 'Formato de arquivo não aceito.',
  422: 'Alguns dados são inválidos. Confira os campos.',
  429: 'Muitas tentativas. Aguarde um pouco e tente de novo.',
  500: 'Erro interno do servidor. Tente de novo em instantes.',
  502: 'O servidor está indisponível no momento.',
  503: 'O servidor está indisponível no momento.',
};

export function fallbackProblem(status: number, title?: string): Problem {
  const detail =
    FALLBACK_DETAIL[status] ?? (status >= 500 ? FALLBACK_DETAIL[500] : 'Não foi possível concluir a operação.');
  return { type: 'about:blank', title: title || detail, status, detail };
}

/**
 * The sentence to show a person for a failed call. `overrides` replaces the
 * server's text for statuses whose meaning the caller knows better (401 on the
 * login form means wrong credentials, not an expired session).
 */
export function problemMessage(error: unknown, overrides: Partial<Record<number, string>> = {}): string {
  if (!isApiError(error)) {
    return error instanceof Error && error.message ? error.message : 'Erro inesperado. Tente de novo.';
  }
  const override = overrides[error.status];
  if (override) return override;
  if (error.status === 429 && error.retryAfter) {
    return `Muitas tentativas. Tente de novo em ${error.retryAfter} segundo${error.retryAfter === 1 ? '' : 's'}.`;
  }
  return error.problem.detail || error.problem.title || fallbackProblem(error.status).detail || '';
}
