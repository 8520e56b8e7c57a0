// The public web-chat API (/api/v1/public/webchat), called cross-origin from
// the customer's site: no cookies, the visitor token travels as a header.
import type { components } from '../src/lib/api/schema';

import type { ServerMessage } from './messages';

// Shapes from the generated OpenAPI schema (type-only: nothing of the app is bundled).
type Schemas = components['schemas'];
export type WidgetConfig = Schemas['WidgetConfig'];
export type Session = Schemas['WebchatSession'];
export type Contact = Schemas['StartSessionRequest'];
export type FieldError = Schemas['FieldError'];
export type OutgoingMessage = Schemas['VisitorMessageRequest'];

export class ApiError extends Error {
  readonly status: number;
  readonly errors: FieldError[];
  /** Seconds the server asked to wait (`Retry-After`, on 429 and 503). */
  readonly retryAfter?: number;

  constructor(status: number, detail: string, errors: FieldError[] = [], retryAfter?: number) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
    this.retryAfter = retryAfter;
  }
}

export interface Api {
  config(channel: string): Promise<WidgetConfig>;
  startSession(channel: string, contact: Contact): Promise<Session>;
  history(token: string): Promise<ServerMessage[]>;
  send(token: string, message: OutgoingMessage): Promise<void>;
  /** The visitor has seen the conversation up to and including message `through`. */
  seen(token: string, through: string): Promise<void>;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** `Retry-After` in seconds: a number of seconds or an HTTP date. */
function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

async function problem(response: Response): Promise<ApiError> {
  let detail = 'Não foi possível falar com o atendimento. Tente de novo em instantes.';
  let errors: FieldError[] = [];
  try {
    const body = (await response.json()) as { detail?: unknown; errors?: unknown };
    if (typeof body.detail === 'string' && body.detail) detail = body.detail;
    if (Array.isArray(body.errors)) errors = body.errors as FieldError[];
  } catch {
    // Not problem+json: keep the generic message.
  }
  return new ApiError(response.status, detail, errors, retryAfter(response));
}

export function createApi(origin: string, fetcher: Fetch = (input, init) => fetch(input, init)): Api {
  const base = `${origin}/api/v1/public/webchat`;

  async function call<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
    const { token, headers, ...rest } = init;
    const response = await fetcher(`${base}${path}`, {
      ...rest,
      credentials: 'omit',
      headers: {
        accept: 'application/json',
        ...(rest.body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { 'x-visitor-token': token } : {}),
        ...headers,
      },
    });
    if (!response.ok) throw await problem(response);
    if (response.status === 202 || response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  return {
    config: (channel) => call<WidgetConfig>(`/${encodeURIComponent(channel)}`),
    startSession: (channel, contact) =>
      call<Session>(`/${encodeURIComponent(channel)}/sessions`, { method: 'POST', body: JSON.stringify(contact) }),
    history: (token) => call<ServerMessage[]>('/messages', { token }),
    send: (token, message) => call<void>('/messages', { method: 'POST', token, body: JSON.stringify(message) }),
    seen: (token, through) => call<void>('/seen', { method: 'POST', token, body: JSON.stringify({ through }) }),
  };
}
