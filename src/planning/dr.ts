/**
 * Disaster recovery: N-1 analysis of a multi-site network, and sizing the
 * surviving sites for it.
 *
 * `drAnalysis` runs the scenario once without failure (the baseline) and
 * once per site with that site failed: a full outage (agents, lines, IVR)
 * at one start time for one duration, detected after a delay. The
 * scenario's own outages (scheduled and random) are replaced by that one
 * failure, so every run shows a single site failing; but the scenario's
 * recovery plan is kept: where one of its outages of a site has a
 * `restore` (e.g. agents working from home through another site), the
 * injected failure of that site gets the same restore (restore mode
 * `scenario`, the default; `none` tests the failure without it). Every
 * run uses the same seed and replication indices (common random numbers):
 * the failures and the baseline see the same calls.
 *
 * KPIs come per phase of the outage: before, during and after, each a set
 * of whole KPI intervals (see Phase in model/scenario/compile.ts); the
 * baseline gets the same phases through a "null" outage (scope agents,
 * fraction 0: nothing fails), so its columns cover exactly the same
 * intervals. Where no start is given, the outage starts with the busiest
 * interval: the one with the most offered calls in the baseline.
 *
 * `sizeForDr` finds extra agents (and lines) per site so that during any
 * single-site failure the network's service level (during phase; judged on
 * the mean over replications, or on the lower bound of its confidence
 * interval) meets a DR target and no surviving site blocks more than
 * 0.5% of its offered calls. The search is greedy (see sizeForDr); its
 * result is locally minimal: no single agent or line can be taken away
 * from a site without breaking the target in at least one failure, on the
 * same seed and replications.
 *
 * The analysis is in dr-analysis.ts, the sizing in dr-sizing.ts (its search
 * in dr-sizing-search.ts), the scenario variants both run in
 * dr-variants.ts and what they share in dr-run.ts; the result shapes in
 * src/results/dr.ts.
 */
export type {
  DrCase,
  DrJudge,
  DrOutage,
  DrPhase,
  DrRestore,
  DrRestoreMode,
  DrResult,
  DrShortfall,
  DrSiteSizing,
  DrSizing,
  DrSizingCheck,
  DrSizingStep,
  DrTarget,
  DrTimelinePoint,
} from '../results/dr.js';
export { DR_JUDGES, DR_KPIS, DR_RESTORE_MODES } from '../results/dr.js';
export type { DrOptions, DrProgress, DrRunOptions, DrSource } from './dr-run.js';
export { DrError } from './dr-run.js';
export { drAnalysis, phaseOf } from './dr-analysis.js';
export type { DrSizingOptions } from './dr-sizing.js';
export { parseDrTarget, sizeForDr } from './dr-sizing.js';
export { spreadOverGroups } from './dr-variants.js';
