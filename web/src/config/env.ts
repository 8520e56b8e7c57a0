import { z } from 'zod';

// zod 4 probes `new Function` to compile fast parsers; the server's
// Content-Security-Policy (no 'unsafe-eval') refuses it and the browser logs a
// violation. Interpreted parsing is plenty fast for forms. This module is the
// first to use zod, so the setting is in place before any parse.
z.config({ jitless: true });

// Validated once at start-up: a wrong build-time variable fails loudly instead
// of producing requests to "undefined/...".
const envSchema = z.object({
  API_URL: z.string().min(1).default('/api/v1'),
  // Socket.IO lives on the same origin by default (path /socket.io).
  SOCKET_URL: z.string().optional(),
  ENABLE_REALTIME: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

function readEnv() {
  const raw = Object.fromEntries(
    Object.entries(import.meta.env)
      .filter(([key]) => key.startsWith('VITE_APP_'))
      .map(([key, value]) => [key.replace('VITE_APP_', ''), value]),
  );
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Configuração inválida (VITE_APP_*): ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const env = readEnv();
