// `Idempotency-Key` values for POSTs that must not happen twice (a payment, a
// refund, an e-mail): the server replays its first answer to a retry with the
// same key and the same body.

/** A random UUID v4 (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // not a secure context: build it by hand below
    }
  }
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key per submission of a form: sending the same body again (a double
 * click, a retry after a network error) reuses the key, so the server answers
 * with the first result; a changed body is a new submission with a new key.
 */
export function createIdempotencyKeys() {
  let last: { body: string; key: string } | null = null;
  return (payload: unknown): string => {
    const body = JSON.stringify(payload);
    if (last?.body !== body) last = { body, key: newIdempotencyKey() };
    return last.key;
  };
}
