/**
 * Waiting calls, one first-come-first-served queue per call-type tier, as doubly
 * linked lists through the call records (O(1) join, leave from the front, and
 * removal of an abandoning caller from anywhere).
 */
import type { CallStore } from './call-store.js';
import { NO_CALL } from './call-store.js';

export class CallQueues {
  private readonly head: number[];
  private readonly tail: number[];
  /** Calls waiting per queue. */
  readonly length: number[];
  /** Calls waiting in all queues. */
  total = 0;

  constructor(
    private readonly calls: CallStore,
    queueCount: number,
  ) {
    this.head = Array.from({ length: queueCount }, () => NO_CALL);
    this.tail = Array.from({ length: queueCount }, () => NO_CALL);
    this.length = Array.from({ length: queueCount }, () => 0);
  }

  /** The call at the front of queue `q` (the longest waiting), or NO_CALL. */
  front(q: number): number {
    return this.head[q];
  }

  push(q: number, call: number): void {
    const at = this.calls.at;
    const last = this.tail[q];
    const c = at[call];
    c.prev = last;
    c.next = NO_CALL;
    if (last === NO_CALL) this.head[q] = call;
    else at[last].next = call;
    this.tail[q] = call;
    this.length[q]++;
    this.total++;
  }

  remove(q: number, call: number): void {
    const at = this.calls.at;
    const c = at[call];
    const before = c.prev;
    const after = c.next;
    if (before === NO_CALL) this.head[q] = after;
    else at[before].next = after;
    if (after === NO_CALL) this.tail[q] = before;
    else at[after].prev = before;
    this.length[q]--;
    this.total--;
  }
}
