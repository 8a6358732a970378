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
 * The event list is a binary heap held in arrays of numbers (no allocation
 * per event). `data` is one number (typically the index of an entity in
 * the model's own storage). A cancelled event leaves the heap at once.
 *
 * The arrays are plain packed arrays, not typed arrays, on purpose: once
 * any ArrayBuffer in the process has been detached (tsx's loader does it,
 * so do transfers to worker threads), V8 checks on every typed-array access
 * that the buffer is still attached, and the sifts touch these arrays many
 * times per event. Packed arrays of small integers or of doubles need no
 * such check.
 *
 * Three details keep the heap cheap, and none changes the order (every
 * entry has a distinct (time, key), so the heap pops the same sequence
 * whatever its internal layout):
 *
 *   - an entry is (time, slot); the tie-break key lives with the slot and is
 *     read only when two times are equal, so a sift moves two numbers, not
 *     three;
 *   - each slot knows its entry's place in the heap, so a cancelled event is
 *     taken out at once (a sift from where it was, usually near the bottom)
 *     rather than left in to deepen the heap until it reaches the top;
 *   - the event being fired stays at the top while its handler runs. The
 *     handler's first `schedule` overwrites it and sifts the new event down
 *     (most handlers schedule a follow-up, and a near-future event stops
 *     after a level or two), instead of a pop that sifts a leaf all the way
 *     down followed by a push. Only if the handler schedules nothing is the
 *     top popped afterwards.
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
  /**
   * Most events in a row at one simulated time before {@link ZeroTimeCycleError}
   * (default {@link DEFAULT_MAX_EVENTS_AT_ONE_TIME}): a guard against models
   * whose events schedule each other at the same instant without end.
   */
  readonly maxEventsAtOneTime?: number;
}

export const DEFAULT_MAX_EVENTS_AT_ONE_TIME = 100_000_000;

/** Thrown by {@link Simulator.run} when too many events in a row happen at one simulated time. */
export class ZeroTimeCycleError extends Error {
  constructor(
    /** The simulated time at which the clock stopped advancing. */
    readonly time: number,
    /** The kind of the event due next when the run stopped (one of those in the cycle). */
    readonly kind: string,
    readonly events: number,
  ) {
    super(
      `${events} events in a row at simulated time ${time} (the next: '${kind}'): the clock does not advance`,
    );
    this.name = 'ZeroTimeCycleError';
  }
}

/** Priorities are small integers so that (priority, sequence) packs into one double. */
const MAX_PRIORITY = 255;
const PRIORITY_SHIFT = 2 ** 45; // sequence numbers below 2^45 (3.5e13 events) stay exact

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

  // The heap: entry i has a time and a slot.
  private heapTime: number[];
  private heapSlot: number[];
  private size = 0;
  /** True while a handler runs and its event, already read, still sits at the top of the heap. */
  private firing = false;

  // Slots hold what the event does, its tie-break key (priority·2^45 + sequence) and its place
  // in the heap; freed slots are reused.
  private slotKind: number[];
  private slotKey: number[];
  private slotData: number[];
  private slotPlace: number[];
  private freeSlots: number[];
  private freeCount = 0;
  private slotsUsed = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.heapTime = doubles(capacity);
    this.heapSlot = integers(capacity);
    this.slotKind = integers(capacity);
    this.slotKey = doubles(capacity);
    this.slotData = doubles(capacity);
    this.slotPlace = integers(capacity);
    this.freeSlots = integers(capacity);
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

  /** Number of events waiting. */
  get pending(): number {
    return this.firing ? this.size - 1 : this.size;
  }

  /** Schedules an event of `kind` at absolute time `time` (≥ now). */
  schedule(kind: EventKind, time: number, data = 0): EventHandle {
    if (!(time >= this.now)) this.refusePast(kind, time);
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    const key = this.kindKeys[kind.id] + this.sequence++;
    this.slotKind[slot] = kind.id;
    this.slotKey[slot] = key;
    this.slotData[slot] = data;
    if (this.firing) {
      // The fired event's place at the top is free: take it.
      this.firing = false;
      this.siftDown(0, time, key, slot, this.size);
    } else {
      if (this.size === this.heapTime.length) this.growHeap();
      this.siftUp(this.size++, time, key, slot);
    }
    return slot;
  }

  /**
   * Cancels a scheduled event. The handle must belong to an event that has
   * neither fired nor been cancelled: handles are reused afterwards.
   */
  cancel(handle: EventHandle): void {
    const place = this.slotPlace[handle];
    if (this.heapSlot[place] !== handle || place >= this.size || (place === 0 && this.firing)) {
      throw new Error(`cannot cancel event ${handle}: it has fired or was cancelled already`);
    }
    this.freeSlots[this.freeCount++] = handle;
    // The last entry fills the cancelled one's place and moves up or down from there.
    const n = --this.size;
    if (place === n) return;
    const slot = this.heapSlot[n];
    const time = this.heapTime[n];
    const key = this.slotKey[slot];
    if (place > 0 && this.before(time, key, (place - 1) >> 1)) this.siftUp(place, time, key, slot);
    else this.siftDown(place, time, key, slot, n);
  }

  /** Makes {@link run} return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /** Runs events in order until the list is empty, `until` is reached, or {@link stop}. */
  run(options: RunOptions = {}): void {
    const until = options.until ?? Infinity;
    const maxAtOneTime = options.maxEventsAtOneTime ?? DEFAULT_MAX_EVENTS_AT_ONE_TIME;
    const handlers = this.handlers;
    this.stopped = false;
    this.finishFiring(); // in case a handler threw and left its event at the top
    let atOneTime = 0;
    while (this.size > 0 && !this.stopped) {
      const time = this.heapTime[0];
      if (time >= until) break;
      const slot = this.heapSlot[0];
      // One comparison per event: the count restarts whenever the clock moves.
      if (time === this.now) {
        if (++atOneTime > maxAtOneTime) this.refuseCycle(slot, atOneTime);
      } else atOneTime = 1;
      this.freeSlots[this.freeCount++] = slot;
      this.now = time;
      this.eventsFired++;
      this.firing = true;
      handlers[this.slotKind[slot]](this.slotData[slot]);
      this.finishFiring();
    }
    if (!this.stopped && until !== Infinity && this.now < until) this.now = until;
  }

  /** The error for an event scheduled in the past (apart, so that `schedule` stays small enough for V8 to inline). */
  private refusePast(kind: EventKind, time: number): never {
    throw new RangeError(`cannot schedule '${kind.name}' at ${time}: the clock is at ${this.now}`);
  }

  /** The error for a zero-time cycle (apart, to keep the run loop small). */
  private refuseCycle(slot: number, events: number): never {
    throw new ZeroTimeCycleError(this.now, this.kinds[this.slotKind[slot]].name, events - 1);
  }

  /** Pops the fired event if its handler scheduled nothing in its place. */
  private finishFiring(): void {
    if (this.firing) {
      this.firing = false;
      const n = --this.size;
      if (n > 0) {
        const slot = this.heapSlot[n];
        this.siftDown(0, this.heapTime[n], this.slotKey[slot], slot, n);
      }
    }
  }

  private newSlot(): number {
    if (this.slotsUsed === this.slotKind.length) {
      const capacity = this.slotKind.length * 2;
      for (const column of [this.slotKind, this.slotKey, this.slotData, this.slotPlace, this.freeSlots])
        pad(column, capacity);
    }
    return this.slotsUsed++;
  }

  private growHeap(): void {
    const capacity = this.size * 2;
    pad(this.heapTime, capacity);
    pad(this.heapSlot, capacity);
  }

  /** Whether (time, key) comes before the entry at place i. */
  private before(time: number, key: number, i: number): boolean {
    const t = this.heapTime[i];
    return time < t || (time === t && key < this.slotKey[this.heapSlot[i]]);
  }

  /** Puts (time, key, slot) at place i and moves it up past later parents. */
  private siftUp(i: number, time: number, key: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    const slotKey = this.slotKey;
    const slotPlace = this.slotPlace;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = heapTime[parent];
      if (pt < time || (pt === time && slotKey[heapSlot[parent]] < key)) break;
      const ps = heapSlot[parent];
      heapTime[i] = pt;
      heapSlot[i] = ps;
      slotPlace[ps] = i;
      i = parent;
    }
    heapTime[i] = time;
    heapSlot[i] = slot;
    slotPlace[slot] = i;
  }

  /** Puts (time, key, slot) at place i of the first n entries and moves it down past earlier children. */
  private siftDown(i: number, time: number, key: number, slot: number, n: number): void {
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    const slotKey = this.slotKey;
    const slotPlace = this.slotPlace;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = heapTime[child];
      const right = child + 1;
      if (right < n) {
        const rt = heapTime[right];
        if (rt < ct || (rt === ct && slotKey[heapSlot[right]] < slotKey[heapSlot[child]])) {
          child = right;
          ct = rt;
        }
      }
      if (time < ct || (time === ct && key < slotKey[heapSlot[child]])) break;
      const cs = heapSlot[child];
      heapTime[i] = ct;
      heapSlot[i] = cs;
      slotPlace[cs] = i;
      i = child;
    }
    heapTime[i] = time;
    heapSlot[i] = slot;
    slotPlace[slot] = i;
  }
}

/** Pads `column` with zeros to `length` entries (it keeps its element kind). */
function pad(column: number[], length: number): void {
  while (column.length < length) column.push(0);
}

/** `length` zeros held as small integers (V8: packed Smi elements). */
function integers(length: number): number[] {
  const column: number[] = [];
  pad(column, length);
  return column;
}

/** `length` zeros held as unboxed doubles (V8: packed double elements, fixed by the literal's 0.5). */
function doubles(length: number): number[] {
  const column = [0.5];
  column.pop();
  pad(column, length);
  return column;
}
