/**
 * The in-order result window shared by the local and distributed runners:
 * batches of replications run with a bounded number in flight, and their
 * results are handed on strictly in batch order, whatever order they finish
 * in. That order is what makes results independent of how the work was
 * scheduled.
 */

export interface OrderedWindow<T> {
  /** Number of batches, run as 0, 1, … */
  readonly batches: number;
  /** Batches in flight at most: while batch b is awaited, b … b + window − 1 have been started. */
  readonly window: number;
  /** Starts batch `index`; its promise brings the batch's results. */
  readonly start: (index: number) => Promise<readonly T[]>;
  /** Takes the next result in order; false stops: the batches in flight are abandoned. */
  readonly accept: (result: T) => boolean;
  /** Rejects with its reason when it aborts; the batches in flight are abandoned. */
  readonly signal?: AbortSignal;
  /** Told of each started batch whose results are not wanted (stopped, aborted, failed). */
  readonly abandon?: (index: number) => void;
}

/**
 * Runs the batches of `w` and resolves when every result was accepted or
 * `accept` stopped; rejects with the first failed batch's error (in batch
 * order) or the signal's reason. A batch that fails while an earlier one
 * is awaited is not reported before its turn.
 */
export async function runInOrder<T>(w: OrderedWindow<T>): Promise<void> {
  if (!(Number.isInteger(w.window) && w.window >= 1))
    throw new RangeError(`window must be a whole number ≥ 1, got ${w.window}`);
  // The signal is watched here, once, not once per batch (a listener per batch
  // overflowed the signal's listener limit).
  const stop = abortion(w.signal);
  const inFlight = new Map<number, Promise<readonly T[]>>();
  let next = 0;
  try {
    for (let b = 0; b < w.batches; b++) {
      while (next < w.batches && next - b < w.window) {
        const results = w.start(next);
        // Seen when its turn comes; until then a rejection must not count as unhandled.
        results.catch(() => undefined);
        inFlight.set(next++, results);
      }
      const results = await Promise.race([inFlight.get(b) as Promise<readonly T[]>, stop.promise]);
      inFlight.delete(b);
      for (const result of results) if (!w.accept(result)) return;
      w.signal?.throwIfAborted();
    }
  } finally {
    stop.dispose();
    if (w.abandon !== undefined) for (const index of inFlight.keys()) w.abandon(index);
  }
}

/** A promise rejected with the signal's reason when it aborts (never settled otherwise), and its clean-up. */
function abortion(signal: AbortSignal | undefined): { promise: Promise<never>; dispose: () => void } {
  if (signal === undefined) return { promise: new Promise<never>(() => undefined), dispose: () => undefined };
  signal.throwIfAborted();
  let onAbort = () => undefined as void;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}
