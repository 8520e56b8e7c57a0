import { afterEach, describe, expect, it } from 'vitest';

import { hideSetupGuide, isSetupGuideHidden, setupGuideKey } from './guide-visibility';

afterEach(() => localStorage.clear());

describe('setup guide visibility', () => {
  it('is remembered per company and per user', () => {
    expect(setupGuideKey('t1', 'u1')).toBe('conectcrm.setup-guide.hidden.t1.u1');
    expect(isSetupGuideHidden('t1', 'u1')).toBe(false);
    hideSetupGuide('t1', 'u1');
    expect(isSetupGuideHidden('t1', 'u1')).toBe(true);
    expect(isSetupGuideHidden('t1', 'u2')).toBe(false);
    expect(isSetupGuideHidden('t2', 'u1')).toBe(false);
  });
});
