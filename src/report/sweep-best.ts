/**
 * Which grid points of a sweep meet the scenario's targets, and the
 * cheapest of them: by cost when the scenario prices agents or lines, else
 * by agents on duty (the cost a planner controls).
 */
import type { SweepPointResult, SweepResult } from '../experiment/sweep.js';
import { targetsMet } from './headline.js';

export interface SweepVerdict {
  /** Per point (in the order of `points`): all targets met (by the mean); null when the scenario sets no target. */
  readonly feasible: ReadonlyArray<boolean | null>;
  /** Position in `points` of the cheapest feasible point, or null. */
  readonly best: number | null;
  /** What "cheapest" was measured by. */
  readonly by: 'cost' | 'agents';
}

export function costOf(point: SweepPointResult, by: 'cost' | 'agents'): number {
  return point.total[by]?.mean ?? Infinity;
}

export function sweepVerdict(result: SweepResult): SweepVerdict {
  const by = result.points.some((p) => (p.total.cost?.mean ?? 0) > 0) ? 'cost' : 'agents';
  const feasible = result.points.map((p) => targetsMet(p.result));
  let best: number | null = null;
  result.points.forEach((p, i) => {
    if (feasible[i] !== true) return;
    if (best === null || costOf(p, by) < costOf(result.points[best], by)) best = i;
  });
  return { feasible, best, by };
}
