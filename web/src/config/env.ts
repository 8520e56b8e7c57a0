import { config } from 'zod/v4/core';

// zod 4 probes `new Function` to compile fast parsers; the server's
// Content-Security-Policy (no 'unsafe-eval') refuses it and the browser logs a
// violation. Interpreted parsing is plenty fast for forms. This module is
// loaded first (the API client imports it), so the setting is in place before
// any parse. Only zod's global config is imported here: zod itself (~60 kB)
// stays out of the entry chunk and loads with the pages that have forms.
config({ jitless: true });

// Validated once at start-up: a wrong build-time variable fails loudly instead
// of producing requests to "undefined/...". Checked by hand rather than with a
// zod schema for the same reason.
type Env = {
  API_URL: string;
  /** Socket.IO lives on the same origin by default (path /socket.io). */
  SOCKET_URL?: string;
  ENABLE_REALTIME: boolean;
};

export function parseEnv(raw: Record<string, unknown>): Env {
  const problems: string[] = [];
  const text = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problems.push(`${key}: esperado texto`);
      return undefined;
    }
    return value;
  };
  const apiUrl = text('API_URL') ?? '/api/v1';
  if (apiUrl.length === 0) problems.push('API_URL: não pode ser vazio');
  const realtime = text('ENABLE_REALTIME') ?? 'true';
  if (realtime !== 'true' && realtime !== 'false') problems.push(`ENABLE_REALTIME: esperado "true" ou "false", recebido "${realtime}"`);
  const socketUrl = text('SOCKET_URL');
  if (problems.length > 0) throw new Error(`Configuração inválida (VITE_APP_*): ${problems.join('; ')}`);
  return { API_URL: apiUrl, SOCKET_URL: socketUrl, ENABLE_REALTIME: realtime === 'true' };
}

function readEnv() {
  const raw = Object.fromEntries(
    Object.entries(import.meta.env)
      .filter(([key]) => key.startsWith('VITE_APP_'))
      .map(([key, value]) => [key.replace('VITE_APP_', ''), value]),
  );
  return parseEnv(raw);
}

export const env = readEnv();
