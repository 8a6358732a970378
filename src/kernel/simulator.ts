/**
 * The discrete-event kernel: a clock, an event list and a run loop.
 *
 * Events are (time, kind, data). Each kind is defined once with a name, a
 * handler and a priority. Simultaneous events run in a fixed order:
 *
 *   1. earlier time first;
 *   2. at equal times, lower kind priority first (the model documents what
 *      each priority means, e.g. "a server freed at t serves a job arriving
 *      at t");
 *   3. at equal time and priority, the event scheduled first runs first.
 *
 * Ties are never broken at random, so a run is a pure function of its inputs.
 *
 * The event list is a binary heap held in typed arrays (no allocation per
 * event). `data` is one number (typically the index of an entity in the
 * model's own typed storage). Cancellation is lazy: a cancelled event stays
 * in the heap and is skipped when it reaches the top.
 */

/** Called when an event of its kind fires; `data` is what was scheduled. */
export type EventHandler = (data: number) => void;

/** A kind of event, created by {@link Simulator.defineEvent}. */
export interface EventKind {
  readonly id: number;
  readonly name: string;
  readonly priority: number;
}

/** Identifies a scheduled event until it fires or is cancelled. */
export type EventHandle = number;

export interface RunOptions {
  /** Process events with time strictly before `until`, then set the clock to `until`. */
  readonly until?: number;
}

/** Priorities are small integers so that (priority, sequence) packs into one double. */
const MAX_PRIORITY = 255;
const PRIORITY_SHIFT = 2 ** 45; // sequence numbers below 2^45 (3.5e13 events) stay exact

const CANCELLED = -1;

export class Simulator {
  /** Current simulation time. */
  now = 0;
  /** Events fired so far (cancelled events not counted). */
  eventsFired = 0;

  private readonly kinds: EventKind[] = [];
  private readonly handlers: EventHandler[] = [];
  private readonly kindKeys: number[] = [];
  private sequence = 0;
  private stopped = false;

  // The heap: entry i has a time, a tie-break key (priority·2^45 + sequence) and a slot.
  private heapTime: Float64Array;
  private heapKey: Float64Array;
  private heapSlot: Int32Array;
  private size = 0;

  // Slots hold what the event does; freed slots are reused.
  private slotKind: Int32Array;
  private slotData: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.heapTime = new Float64Array(capacity);
    this.heapKey = new Float64Array(capacity);
    this.heapSlot = new Int32Array(capacity);
    this.slotKind = new Int32Array(capacity);
    this.slotData = new Float64Array(capacity);
    this.freeSlots = new Int32Array(capacity);
  }

  /**
   * Defines a kind of event. `priority` (0–255) orders kinds at equal times:
   * lower runs first.
   */
  defineEvent(name: string, priority: number, handler: EventHandler): EventKind {
    if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
      throw new RangeError(`event priority must be an integer in 0..${MAX_PRIORITY}, got ${priority}`);
    }
    const kind: EventKind = { id: this.kinds.length, name, priority };
    this.kinds.push(kind);
    this.handlers.push(handler);
    this.kindKeys.push(priority * PRIORITY_SHIFT);
    return kind;
  }

  /** Number of events waiting (cancelled ones not yet skipped included). */
  get pending(): number {
    return this.size;
  }

  /** Schedules an event of `kind` at absolute time `time` (≥ now). */
  schedule(kind: EventKind, time: number, data = 0): EventHandle {
    if (!(time >= this.now)) {
      throw new RangeError(`cannot schedule '${kind.name}' at ${time}: the clock is at ${this.now}`);
    }
    const slot = this.allocateSlot();
    this.slotKind[slot] = kind.id;
    this.slotData[slot] = data;
    this.push(time, this.kindKeys[kind.id] + this.sequence++, slot);
    return slot;
  }

  /**
   * Cancels a scheduled event. The handle must belong to an event that has
   * neither fired nor been cancelled: handles are reused afterwards.
   */
  cancel(handle: EventHandle): void {
    this.slotKind[handle] = CANCELLED;
  }

  /** Makes {@link run} return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /** Runs events in order until the list is empty, `until` is reached, or {@link stop}. */
  run(options: RunOptions = {}): void {
    const until = options.until ?? Infinity;
    const handlers = this.handlers;
    this.stopped = false;
    while (this.size > 0 && !this.stopped) {
      const time = this.heapTime[0];
      if (time >= until) break;
      const slot = this.heapSlot[0];
      this.popTop();
      const kind = this.slotKind[slot];
      const data = this.slotData[slot];
      this.freeSlots[this.freeCount++] = slot;
      if (kind === CANCELLED) continue;
      this.now = time;
      this.eventsFired++;
      handlers[kind](data);
    }
    if (!this.stopped && until !== Infinity && this.now < until) this.now = until;
  }

  private allocateSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    if (this.slotsUsed === this.slotKind.length) this.growSlots();
    return this.slotsUsed++;
  }

  private growSlots(): void {
    const capacity = this.slotKind.length * 2;
    this.slotKind = grow(this.slotKind, new Int32Array(capacity));
    this.slotData = grow(this.slotData, new Float64Array(capacity));
    this.freeSlots = grow(this.freeSlots, new Int32Array(capacity));
  }

  private push(time: number, key: number, slot: number): void {
    if (this.size === this.heapTime.length) {
      const capacity = this.size * 2;
      this.heapTime = grow(this.heapTime, new Float64Array(capacity));
      this.heapKey = grow(this.heapKey, new Float64Array(capacity));
      this.heapSlot = grow(this.heapSlot, new Int32Array(capacity));
    }
    const heapTime = this.heapTime;
    const heapKey = this.heapKey;
    const heapSlot = this.heapSlot;
    // Sift up: move parents down until the new entry's place is found.
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = heapTime[parent];
      if (pt < time || (pt === time && heapKey[parent] < key)) break;
      heapTime[i] = pt;
      heapKey[i] = heapKey[parent];
      heapSlot[i] = heapSlot[parent];
      i = parent;
    }
    heapTime[i] = time;
    heapKey[i] = key;
    heapSlot[i] = slot;
  }

  private popTop(): void {
    const n = --this.size;
    if (n === 0) return;
    const heapTime = this.heapTime;
    const heapKey = this.heapKey;
    const heapSlot = this.heapSlot;
    // Sift the last entry down from the root.
    const time = heapTime[n];
    const key = heapKey[n];
    const slot = heapSlot[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n) {
        const ct = heapTime[child];
        const rt = heapTime[right];
        if (rt < ct || (rt === ct && heapKey[right] < heapKey[child])) child = right;
      }
      const ct = heapTime[child];
      if (time < ct || (time === ct && key < heapKey[child])) break;
      heapTime[i] = ct;
      heapKey[i] = heapKey[child];
      heapSlot[i] = heapSlot[child];
      i = child;
    }
    heapTime[i] = time;
    heapKey[i] = key;
    heapSlot[i] = slot;
  }
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
