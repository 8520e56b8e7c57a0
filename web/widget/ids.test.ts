import { describe, expect, it } from 'vitest';

import { uuid } from './ids';

describe('uuid', () => {
  it('is a v4 UUID', () => {
    const id = uuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid()).not.toBe(id);
  });

  it('sets the version and variant bits whatever the random bytes', () => {
    expect(uuid((b) => b.fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuid((b) => b.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
  });
});
