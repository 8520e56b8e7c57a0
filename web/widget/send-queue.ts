// The visitor's messages go to the server one at a time, in the order typed:
// the server orders a conversation by arrival, so two requests in flight
// could swap. A failure stops the line at that message (the later ones wait
// behind it) until `resume()`; the message is posted again with the same
// client_id and seq, so one that did reach the server is stored once.

export interface Outgoing {
  clientId: string;
  seq: number;
  text: string;
}

export interface SendQueueHooks {
  post(message: Outgoing): Promise<void>;
  /** The message is being posted. */
  sending(message: Outgoing): void;
  sent(message: Outgoing): void;
  /**
   * Its post failed. "drop" when posting it again cannot help (the server
   * refused it): the line goes on without it. "stop": it and the ones
   * behind it wait for `resume()`.
   */
  failed(message: Outgoing, error: unknown): 'stop' | 'drop';
}

export class SendQueue {
  private readonly hooks: SendQueueHooks;
  private line: Outgoing[] = [];
  private running = false;
  private halted = false;
  /** Bumped by `clear()`: a post still in flight from before is ignored when it settles. */
  private generation = 0;

  constructor(hooks: SendQueueHooks) {
    this.hooks = hooks;
  }

  /** Stopped at a failed message. */
  get stopped(): boolean {
    return this.halted;
  }

  /** The messages not yet accepted, in order (the first is in flight or the failed one). */
  get waiting(): readonly Outgoing[] {
    return this.line;
  }

  push(message: Outgoing): void {
    this.line.push(message);
    void this.drain();
  }

  resume(): void {
    this.halted = false;
    void this.drain();
  }

  /** Forgets everything (the session is gone). */
  clear(): void {
    this.line = [];
    this.halted = false;
    this.running = false;
    this.generation += 1;
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const generation = this.generation;
    while (!this.halted && this.line.length && generation === this.generation) {
      const head = this.line[0];
      this.hooks.sending(head);
      try {
        await this.hooks.post(head);
      } catch (error) {
        if (generation !== this.generation) return;
        const verdict = this.hooks.failed(head, error);
        // The hook may have cleared the line (a refused session).
        if (generation !== this.generation) return;
        if (verdict === 'drop') this.line.shift();
        else this.halted = true;
        continue;
      }
      if (generation !== this.generation) return;
      this.line.shift();
      this.hooks.sent(head);
    }
    if (generation === this.generation) this.running = false;
  }
}
