/**
 * The wait-time distribution a report draws: per replication, counts of
 * answered calls and of abandons by wait, in fixed display bins over the
 * whole measured horizon (all call types). It travels at the end of a
 * replication summary, after the KPI records (see SummaryLayout), so that
 * the results database, resume and distributed workers carry it unchanged.
 *
 * Bins: exactly 0 (answered at once) apart, then 1 s bins up to 60 s, 5 s up
 * to 5 min, 30 s up to 30 min, 5 min up to 2 h, and one overflow bin (waits
 * of 2 h or more). Fine where service-level thresholds lie (10–60 s),
 * coarser in the tail, 213 bins in all.
 */

/** Upper edges of the bins after the zero bin; the last bin is [last edge, ∞). */
export const WAIT_BIN_EDGES: readonly number[] = (() => {
  const edges: number[] = [];
  const segments: ReadonlyArray<[upTo: number, width: number]> = [
    [60, 1],
    [300, 5],
    [1800, 30],
    [7200, 300],
  ];
  let at = 0;
  for (const [upTo, width] of segments) {
    while (at < upTo) {
      at += width;
      edges.push(at);
    }
  }
  return edges;
})();

/** Bins per outcome: the zero bin, one per edge, the overflow. */
export const WAIT_BIN_COUNT = WAIT_BIN_EDGES.length + 2;

/** Length of the section: answered bins, then abandoned bins. */
export const WAIT_SECTION_LENGTH = 2 * WAIT_BIN_COUNT;

/** The bin of a wait: 0 for exactly 0, then [0, e0) → 1, [e0, e1) → 2, …, ≥ last edge → overflow. */
export function waitBinOf(wait: number): number {
  if (wait <= 0) return 0;
  // Binary search over the edges (213 of them: 8 steps).
  let lo = 0;
  let hi = WAIT_BIN_EDGES.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (WAIT_BIN_EDGES[mid] <= wait) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** [lower, upper) of bin k, in seconds; the zero bin is [0, 0], the overflow [last, ∞). */
export function waitBinBounds(bin: number): readonly [number, number] {
  if (bin === 0) return [0, 0];
  const lower = bin === 1 ? 0 : WAIT_BIN_EDGES[bin - 2];
  const upper = bin - 1 < WAIT_BIN_EDGES.length ? WAIT_BIN_EDGES[bin - 1] : Infinity;
  return [lower, upper];
}
