/**
 * Waiting calls, one first-come-first-served queue per call-type tier, as doubly
 * linked lists through the call store (O(1) join, leave from the front, and
 * removal of an abandoning caller from anywhere).
 */
import type { CallStore } from './call-store.js';
import { NO_CALL } from './call-store.js';

export class CallQueues {
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  /** Calls waiting per queue. */
  readonly length: Int32Array;
  /** Calls waiting in all queues. */
  total = 0;

  constructor(
    private readonly calls: CallStore,
    queueCount: number,
  ) {
    this.head = new Int32Array(queueCount).fill(NO_CALL);
    this.tail = new Int32Array(queueCount).fill(NO_CALL);
    this.length = new Int32Array(queueCount);
  }

  /** The call at the front of queue `q` (the longest waiting), or NO_CALL. */
  front(q: number): number {
    return this.head[q];
  }

  push(q: number, call: number): void {
    const calls = this.calls;
    const last = this.tail[q];
    calls.prev[call] = last;
    calls.next[call] = NO_CALL;
    if (last === NO_CALL) this.head[q] = call;
    else calls.next[last] = call;
    this.tail[q] = call;
    this.length[q]++;
    this.total++;
  }

  remove(q: number, call: number): void {
    const calls = this.calls;
    const before = calls.prev[call];
    const after = calls.next[call];
    if (before === NO_CALL) this.head[q] = after;
    else calls.next[before] = after;
    if (after === NO_CALL) this.tail[q] = before;
    else calls.prev[after] = before;
    this.length[q]--;
    this.total--;
  }
}
