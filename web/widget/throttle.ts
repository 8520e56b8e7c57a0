/**
 * Calls `fn` at most once per `ms` (leading edge; calls in between are
 * dropped): enough for "the visitor is typing" signals.
 */
export function throttle(fn: () => void, ms: number, now: () => number = Date.now): () => void {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last < ms) return;
    last = t;
    fn();
  };
}
