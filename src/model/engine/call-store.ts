/**
 * Calls in the system: one pooled record per call present (pending
 * redials included), and a free list of records. A record is reused once
 * its call has left, so memory grows with the number of calls present at
 * once, never with the number of calls simulated. Events and queues name a
 * call by the index of its record.
 *
 * Records are objects of one class rather than one typed array per
 * attribute: a call's path reads and writes some thirty attributes, and a
 * field is a single load where a typed-array element also costs a bounds
 * check and, once any ArrayBuffer in the process has been detached (tsx's
 * loader does it, so do transfers to worker threads), a check that its
 * buffer is still attached.
 */

export const NO_CALL = -1;

/** Thrown when more calls are present at once than the store may hold (see MAX_CALLS_PRESENT). */
export class CallCapacityError extends Error {
  constructor(readonly capacity: number) {
    super(`more than ${capacity} calls present at once`);
    this.name = 'CallCapacityError';
  }
}

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

/** What the engine knows about one call. Fields start at 0, as in a fresh typed array. */
export class Call {
  state = 0;
  /** Call type index (−1 until the IVR has chosen one). */
  type = 0;
  /** The queue (call type tier) the call waits in. */
  queue = 0;
  /** Where it came from: an entry point, or a call type's direct arrivals (see replication.ts). */
  source = 0;
  /** Attempt number, 1 for the first. */
  attempt = 0;
  /** Attempt.first, redial or callback. */
  kind = 0;
  /** Measured interval of arrival at the center, or −1 outside the measured window. */
  interval = 0;
  abandonEvent = 0;
  /** The pending IVR-end, talk-end or work-end event (cancelled when an outage drops the call). */
  serviceEvent = 0;
  overflowEvent = 0;
  /** Index of the next delay-overflow step. */
  overflowStep = 0;
  /** Neighbours in its queue (doubly linked). */
  next = 0;
  prev = 0;
  /** The agent serving it. */
  agent = 0;
  /** The route (group skill) it is served through. */
  route = 0;
  /** Where the IVR path drawn at arrival leads: a call type, or an IvrExit. */
  ivrOutcome = 0;
  site = 0;
  /** 1 while it holds a phone line. */
  holdsLine = 0;
  /** Drawn at arrival: whether the caller would try again after an abandon or block (1) or not (0). */
  redialWill = 0;
  /** Drawn at arrival: whether an answer resolves the caller's issue (1) or not (0). */
  resolved = 0;
  /** Units of agent capacity the contact takes. */
  units = 0;
  /** Arrival order within the replication, from 1 (for call listeners). */
  seq = 0;
  /** Simulation time of arrival at the center. */
  arrival = 0;
  /** Simulation time it joined the queue (its wait counts from here); NaN until it asks for an agent. */
  queuedAt = 0;
  /** Simulation time an agent took it; NaN until one does. */
  answeredAt = 0;
  /** Talk time drawn at arrival (before group factors). */
  handleTime = 0;
  acw = 0;
  /** From an agent taking the call to the talk starting (0: none). */
  answerDelay = 0;
  /** Infinity: never abandons. */
  patience = 0;
  ivrDuration = 0;
  redialDelay = 0;
  callbackDelay = 0;
}

export class CallStore {
  /** The records, by index; those never used are at the end. */
  readonly at: Call[] = [];
  private readonly free: number[] = [];
  private used = 0;
  /** Calls present now (pending redials included). */
  inSystem = 0;

  /** `maxRecords`: calls present at once beyond which {@link CallCapacityError} is thrown. */
  constructor(
    capacity = 256,
    private readonly maxRecords = Infinity,
  ) {
    this.addRecords(Math.min(capacity, maxRecords));
  }

  /** A fresh record for a new call; returns its index. */
  allocate(): number {
    this.inSystem++;
    const free = this.free;
    return free.length > 0 ? (free.pop() as number) : this.newRow();
  }

  /** Returns the record of a call that has left. */
  release(call: number): void {
    this.at[call].state = CallState.free;
    this.free.push(call);
    this.inSystem--;
  }

  /** Records ever used (the rest have never held a call). */
  get rows(): number {
    return this.used;
  }

  /** A record never used before (the pool doubles when all are in use, up to its maximum). */
  private newRow(): number {
    if (this.used === this.at.length) {
      if (this.used >= this.maxRecords) throw new CallCapacityError(this.maxRecords);
      this.addRecords(Math.min(this.at.length, this.maxRecords - this.at.length));
    }
    return this.used++;
  }

  private addRecords(count: number): void {
    for (let k = 0; k < count; k++) this.at.push(new Call());
  }
}
