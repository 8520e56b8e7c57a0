import { describe, expect, it, vi } from 'vitest';

import { throttle } from './throttle';

describe('throttle', () => {
  it('calls at most once per interval, on the leading edge', () => {
    let now = 1_000;
    const fn = vi.fn();
    const throttled = throttle(fn, 2_000, () => now);
    throttled();
    expect(fn).toHaveBeenCalledTimes(1);
    now += 500;
    throttled();
    now += 1_499;
    throttled();
    expect(fn).toHaveBeenCalledTimes(1);
    now += 1;
    throttled();
    expect(fn).toHaveBeenCalledTimes(2);
    now += 10_000;
    throttled();
    throttled();
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('uses the real clock by default', () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      const throttled = throttle(fn, 2_000);
      throttled();
      throttled();
      vi.advanceTimersByTime(2_000);
      throttled();
      expect(fn).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
