import { describe, expect, it } from 'vitest';

import { createIdempotencyKeys, newIdempotencyKey } from './idempotency';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newIdempotencyKey', () => {
  it('is a fresh UUID v4 each time', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).toMatch(UUID_V4);
    expect(b).toMatch(UUID_V4);
    expect(a).not.toBe(b);
  });
});

describe('createIdempotencyKeys', () => {
  it('reuses the key for the same body and makes a new one when the body changes', () => {
    const keyFor = createIdempotencyKeys();
    const first = keyFor({ amount_cents: 100, method: 'pix' });
    expect(keyFor({ amount_cents: 100, method: 'pix' })).toBe(first);
    const second = keyFor({ amount_cents: 200, method: 'pix' });
    expect(second).not.toBe(first);
    expect(keyFor({ amount_cents: 100, method: 'pix' })).not.toBe(first);
  });

  it('keeps separate forms apart', () => {
    const a = createIdempotencyKeys();
    const b = createIdempotencyKeys();
    expect(a({ x: 1 })).not.toBe(b({ x: 1 }));
  });
});
