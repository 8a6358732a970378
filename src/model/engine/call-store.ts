/**
 * Calls in the system, held in pooled typed arrays (one column per
 * attribute, a free list of rows). Memory grows with the number of calls
 * present at once, never with the number of calls simulated.
 */

export const NO_CALL = -1;

export const CallState = {
  free: 0,
  waiting: 1,
  inService: 2,
} as const;

export class CallStore {
  /** Call type index. */
  type: Int32Array;
  /** Simulation time of arrival. */
  arrival: Float64Array;
  /** Service time drawn at arrival (before any group's handle-time factor). */
  handleTime: Float64Array;
  /** Patience drawn at arrival (Infinity: never abandons). */
  patience: Float64Array;
  /** Measured interval of arrival, or −1 when it arrived outside the measured window. */
  interval: Int32Array;
  state: Uint8Array;
  /** The pending abandonment event while waiting. */
  abandonEvent: Int32Array;
  /** Neighbours in the queue the call waits in (doubly linked). */
  next: Int32Array;
  prev: Int32Array;

  private free: Int32Array;
  private freeCount = 0;
  private used = 0;
  /** Calls present now. */
  inSystem = 0;

  constructor(capacity = 256) {
    this.type = new Int32Array(capacity);
    this.arrival = new Float64Array(capacity);
    this.handleTime = new Float64Array(capacity);
    this.patience = new Float64Array(capacity);
    this.interval = new Int32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.abandonEvent = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
  }

  /** A fresh row for a new call. */
  allocate(): number {
    this.inSystem++;
    if (this.freeCount > 0) return this.free[--this.freeCount];
    if (this.used === this.type.length) this.grow();
    return this.used++;
  }

  /** Returns the row of a call that has left. */
  release(call: number): void {
    this.state[call] = CallState.free;
    this.free[this.freeCount++] = call;
    this.inSystem--;
  }

  private grow(): void {
    const n = this.type.length * 2;
    this.type = copy(this.type, new Int32Array(n));
    this.arrival = copy(this.arrival, new Float64Array(n));
    this.handleTime = copy(this.handleTime, new Float64Array(n));
    this.patience = copy(this.patience, new Float64Array(n));
    this.interval = copy(this.interval, new Int32Array(n));
    this.state = copy(this.state, new Uint8Array(n));
    this.abandonEvent = copy(this.abandonEvent, new Int32Array(n));
    this.next = copy(this.next, new Int32Array(n));
    this.prev = copy(this.prev, new Int32Array(n));
    this.free = copy(this.free, new Int32Array(n));
  }
}

function copy<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
