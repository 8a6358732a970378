/**
 * Calls in the system, held in pooled typed arrays (one column per
 * attribute, a free list of rows). Memory grows with the number of calls
 * present at once, never with the number of calls simulated.
 */

export const NO_CALL = -1;

export const CallState = {
  free: 0,
  /** A redial or callback scheduled, not yet arrived. */
  pending: 1,
  inIvr: 2,
  waiting: 3,
  talking: 4,
  afterCallWork: 5,
} as const;

/** Why a call exists: a first attempt, a redial, or a callback of an unresolved caller. */
export const Attempt = { first: 0, redial: 1, callback: 2 } as const;

const INT_COLUMNS = [
  'type',
  'queue',
  'source',
  'attempt',
  'kind',
  'interval',
  'abandonEvent',
  'overflowEvent',
  'overflowStep',
  'next',
  'prev',
  'agent',
  'route',
  'ivrOutcome',
  'site',
] as const;
const FLOAT_COLUMNS = [
  'arrival',
  'queuedAt',
  'handleTime',
  'acw',
  'patience',
  'ivrDuration',
  'redialDelay',
  'callbackDelay',
] as const;
const BYTE_COLUMNS = ['state', 'holdsLine', 'redialWill', 'resolved', 'units'] as const;

export class CallStore {
  /** Call type index (−1 until the IVR has chosen one). */
  type = new Int32Array(0);
  /** The queue (call type tier) the call waits in. */
  queue = new Int32Array(0);
  /** Where it came from: an entry point, or a call type's direct arrivals (see replication.ts). */
  source = new Int32Array(0);
  /** Attempt number, 1 for the first. */
  attempt = new Int32Array(0);
  /** Attempt.first, redial or callback. */
  kind = new Int32Array(0);
  /** Measured interval of arrival at the center, or −1 outside the measured window. */
  interval = new Int32Array(0);
  abandonEvent = new Int32Array(0);
  overflowEvent = new Int32Array(0);
  /** Index of the next delay-overflow step. */
  overflowStep = new Int32Array(0);
  /** Neighbours in its queue (doubly linked). */
  next = new Int32Array(0);
  prev = new Int32Array(0);
  /** The agent serving it. */
  agent = new Int32Array(0);
  /** The route (group skill) it is served through. */
  route = new Int32Array(0);
  /** Where the IVR path drawn at arrival leads: a call type, or an IvrExit. */
  ivrOutcome = new Int32Array(0);
  site = new Int32Array(0);
  /** Simulation time of arrival at the center. */
  arrival = new Float64Array(0);
  /** Simulation time it joined the queue (its wait counts from here). */
  queuedAt = new Float64Array(0);
  /** Talk time drawn at arrival (before group factors). */
  handleTime = new Float64Array(0);
  acw = new Float64Array(0);
  /** Infinity: never abandons. */
  patience = new Float64Array(0);
  ivrDuration = new Float64Array(0);
  redialDelay = new Float64Array(0);
  callbackDelay = new Float64Array(0);
  state = new Uint8Array(0);
  holdsLine = new Uint8Array(0);
  /** Drawn at arrival: whether the caller would try again after an abandon or block. */
  redialWill = new Uint8Array(0);
  /** Drawn at arrival: whether an answer resolves the caller's issue. */
  resolved = new Uint8Array(0);
  /** Units of agent capacity the contact takes. */
  units = new Uint8Array(0);

  private free = new Int32Array(0);
  private freeCount = 0;
  private used = 0;
  /** Calls present now (pending redials included). */
  inSystem = 0;

  constructor(capacity = 256) {
    this.resize(capacity);
  }

  /** A fresh row for a new call. */
  allocate(): number {
    this.inSystem++;
    if (this.freeCount > 0) return this.free[--this.freeCount];
    if (this.used === this.type.length) this.resize(this.type.length * 2);
    return this.used++;
  }

  /** Returns the row of a call that has left. */
  release(call: number): void {
    this.state[call] = CallState.free;
    this.free[this.freeCount++] = call;
    this.inSystem--;
  }

  /** Rows ever used (the rest have never held a call). */
  get rows(): number {
    return this.used;
  }

  private resize(capacity: number): void {
    for (const c of INT_COLUMNS) this[c] = grown(this[c], new Int32Array(capacity));
    for (const c of FLOAT_COLUMNS) this[c] = grown(this[c], new Float64Array(capacity));
    for (const c of BYTE_COLUMNS) this[c] = grown(this[c], new Uint8Array(capacity));
    this.free = grown(this.free, new Int32Array(capacity));
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
