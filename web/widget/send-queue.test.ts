import { describe, expect, it, vi } from 'vitest';

import { deferred, flush } from './chat-harness';
import { SendQueue } from './send-queue';
import type { Outgoing } from './send-queue';

const msg = (seq: number): Outgoing => ({ clientId: `c${seq}`, seq, text: `m${seq}` });

function queue(post: (m: Outgoing) => Promise<void>, failed: (m: Outgoing, e: unknown) => 'stop' | 'drop' = () => 'stop') {
  const events: string[] = [];
  const q = new SendQueue({
    post,
    sending: (m) => events.push(`sending ${m.seq}`),
    sent: (m) => events.push(`sent ${m.seq}`),
    failed: (m, e) => {
      events.push(`failed ${m.seq}`);
      return failed(m, e);
    },
  });
  return { q, events };
}

describe('SendQueue', () => {
  it('posts one at a time, in order', async () => {
    const inFlight: ReturnType<typeof deferred<void>>[] = [];
    const post = vi.fn(() => {
      const d = deferred<void>();
      inFlight.push(d);
      return d.promise;
    });
    const { q, events } = queue(post);
    q.push(msg(1));
    q.push(msg(2));
    expect(post).toHaveBeenCalledTimes(1);
    inFlight[0].resolve();
    await flush();
    expect(post).toHaveBeenCalledTimes(2);
    inFlight[1].resolve();
    await flush();
    expect(events).toEqual(['sending 1', 'sent 1', 'sending 2', 'sent 2']);
    expect(q.waiting).toEqual([]);
  });

  it('stops at a failure until resumed, then goes on from the same message', async () => {
    const post = vi.fn(async (m: Outgoing) => void m).mockRejectedValueOnce(new TypeError('offline'));
    const { q, events } = queue(post);
    q.push(msg(1));
    q.push(msg(2));
    await flush();
    expect(q.stopped).toBe(true);
    expect(q.waiting.map((m) => m.seq)).toEqual([1, 2]);
    q.resume();
    await flush();
    expect(post.mock.calls.map(([m]) => m)).toEqual([msg(1), msg(1), msg(2)]);
    expect(events).toEqual(['sending 1', 'failed 1', 'sending 1', 'sent 1', 'sending 2', 'sent 2']);
  });

  it('drops a refused message and goes on', async () => {
    const post = vi.fn(async (m: Outgoing) => void m).mockRejectedValueOnce(new Error('422'));
    const { q } = queue(post, () => 'drop');
    q.push(msg(1));
    q.push(msg(2));
    await flush();
    expect(post.mock.calls.map(([m]) => m.seq)).toEqual([1, 2]);
    expect(q.stopped).toBe(false);
  });

  it('forgets everything on clear, even a post in flight', async () => {
    const first = deferred();
    const post = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValue(undefined);
    const { q, events } = queue(post);
    q.push(msg(1));
    q.push(msg(2));
    q.clear();
    first.reject(new Error('401'));
    await flush();
    expect(events).toEqual(['sending 1']);
    q.push(msg(1));
    await flush();
    expect(events).toEqual(['sending 1', 'sending 1', 'sent 1']);
  });
});
