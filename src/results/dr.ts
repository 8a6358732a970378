/**
 * The shapes of a disaster-recovery analysis (`ccsim dr`): the N-1 analysis
 * and the sizing of the surviving sites. Computed by src/planning/dr*.ts,
 * read by src/report/dr-report.ts and its charts.
 */
import type { KpiEstimates } from '../experiment/aggregate.js';
import type { Estimate } from '../experiment/estimate.js';

/** The KPIs a DR analysis keeps, per phase, per site and for the whole horizon. */
export const DR_KPIS: readonly string[] = [
  'offered',
  'answered',
  'abandoned',
  'blocked',
  'failed',
  'dropped',
  'callsLost',
  'serviceLevel',
  'asa',
  'abandonRate',
  'timeToRecover',
];

/** Part of a failed site's agents resuming work at another site (an outage's `restore`). */
export interface DrRestore {
  /** Fraction of the failed site's agents. */
  readonly fraction: number;
  /** The site they work from. */
  readonly to: string;
  /** Seconds from the failure until they are back at work. */
  readonly after: number;
}

/** `scenario`: each failure gets the scenario's restore plan for its site, if any; `none`: no restore. */
export type DrRestoreMode = 'scenario' | 'none';
export const DR_RESTORE_MODES: readonly DrRestoreMode[] = ['scenario', 'none'];

export interface DrPhase {
  readonly phase: 'before' | 'during' | 'after';
  /** Clock times of the phase's first interval start and last interval end; null when empty. */
  readonly from: string | null;
  readonly to: string | null;
  /** All calls (DR_KPIS; timeToRecover in the during phase only). */
  readonly kpis: KpiEstimates;
  readonly bySite: Record<string, KpiEstimates>;
}

/** One KPI interval of a run, for timelines. */
export interface DrTimelinePoint {
  readonly interval: string;
  readonly end: string;
  /** Interval start and end in seconds since midnight. */
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly offered: Estimate;
  readonly serviceLevel: Estimate;
  readonly queueLength: Estimate;
}

export interface DrCase {
  /** `baseline` or `<site> fails`. */
  readonly label: string;
  /** The failed site; null for the baseline. */
  readonly failedSite: string | null;
  /** The restore plan applied to the failure (the scenario's for that site); null: none. */
  readonly restore: DrRestore | null;
  /** Whole horizon, all calls. */
  readonly total: KpiEstimates;
  /** Whole horizon, per site. */
  readonly bySite: Record<string, KpiEstimates>;
  /** Before, during, after. */
  readonly phases: readonly DrPhase[];
  readonly timeline: readonly DrTimelinePoint[];
  readonly simulatedCalls: number;
  readonly wallSeconds: number;
}

export interface DrOutage {
  /** Clock time of the failure, and of its end (clamped to the horizon's end in the phases). */
  readonly at: string;
  readonly end: string;
  readonly atSeconds: number;
  readonly endSeconds: number;
  readonly duration: number;
  readonly detectionDelay: number;
  readonly scope: 'full';
  /** Whether the start was given (`--at`) or is the busiest interval's. */
  readonly chosen: 'given' | 'busiest';
  /** The interval with the most offered calls in the baseline (mean over replications). */
  readonly busiest: { readonly interval: string; readonly offered: number };
}

export interface DrResult {
  readonly scenario: { readonly name: string; readonly file: string; readonly hash: string };
  readonly seed: number;
  readonly replications: number;
  readonly confidenceLevel: number;
  readonly sites: readonly string[];
  readonly serviceLevel: { readonly threshold: number; readonly target: number | null };
  readonly outage: DrOutage;
  /** The scenario's own outages, left out of every run (their restore plans are kept unless restore is `none`). */
  readonly removedOutages: number;
  readonly restore: DrRestoreMode;
  /**
   * KPI intervals of the outage window (the during phase) in which the
   * baseline, without any failure, is already below the service-level
   * target (mean): a failure's time to recover counts those too.
   */
  readonly baselineBelowTarget: { readonly intervals: number; readonly of: number };
  readonly baseline: DrCase;
  /** One per site, in the scenario's order. */
  readonly failures: readonly DrCase[];
  readonly wallSeconds: number;
}

// ------------------------------------------------------------------ scenario variants

/** A DR service-level target: `fraction` of calls answered within `threshold` seconds. */
export interface DrTarget {
  readonly serviceLevel: number;
  readonly threshold: number;
}

/** What meets a DR target: the mean service level, or the lower bound of its confidence interval. */
export type DrJudge = 'mean' | 'lower';
export const DR_JUDGES: readonly DrJudge[] = ['mean', 'lower'];

/** One failure evaluated during sizing: the network's during-phase service level at the DR threshold. */
export interface DrSizingCheck {
  readonly failedSite: string;
  /** Network, during phase, mean over replications (null: no call offered). */
  readonly serviceLevel: number | null;
  readonly serviceLevelCi: Estimate;
  /** What is judged against the target: the mean, or the lower bound of the interval (see DrJudge). */
  readonly judged: number | null;
  /** Per surviving site: during-phase service level, and blocked ÷ offered. */
  readonly sites: Record<
    string,
    { readonly serviceLevel: number | null; readonly blockedShare: number | null }
  >;
  readonly meetsServiceLevel: boolean;
  readonly meetsBlocking: boolean;
}

export interface DrSiteSizing {
  readonly site: string;
  /** The site's agents as scheduled (sum of its groups' sizes). */
  readonly agents: number;
  readonly extraAgents: number;
  /** Extra agents per agent group of the site. */
  readonly byGroup: Record<string, number>;
  /** Null when the site's lines are unlimited. */
  readonly lines: number | null;
  readonly extraLines: number;
  /** Cost of the extras over the horizon (0 when unpriced). */
  readonly cost: number;
}

/** A failure that misses the target with the extras found (when the search stopped short). */
export interface DrShortfall {
  readonly failedSite: string;
  /** The judged network service level during the failure, and how far below the target it is (0 when met). */
  readonly serviceLevel: number | null;
  readonly short: number;
  /** Surviving sites that block more than maxBlocked of their calls: their blocked share. */
  readonly blocking: Readonly<Record<string, number>>;
}

export interface DrSizingStep {
  readonly iteration: number;
  /** The worst failure's network during service level at the time. */
  readonly worst: { readonly failedSite: string; readonly serviceLevel: number | null };
  readonly action: string;
}

export interface DrSizing {
  readonly target: DrTarget;
  readonly judge: DrJudge;
  readonly maxBlocked: number;
  /** Every failure meets the target with the extras. */
  readonly reached: boolean;
  /** Why not, when not reached: every failure that misses, and by how much. */
  readonly reason: string | null;
  /** The failures that miss the target with the extras found (empty when reached). */
  readonly shortfalls: readonly DrShortfall[];
  readonly iterations: number;
  readonly maxIterations: number;
  /** Distinct variants simulated (each N failures × replications). */
  readonly evaluations: number;
  readonly replications: number;
  readonly seed: number;
  readonly sites: readonly DrSiteSizing[];
  readonly totalExtraAgents: number;
  readonly totalExtraLines: number;
  readonly cost: {
    readonly agents: number;
    readonly lines: number;
    readonly total: number;
    /** Hours of the measured horizon the extras are paid for. */
    readonly hours: number;
    /** False when neither agents nor lines of the sites that got extras have a cost. */
    readonly priced: boolean;
  };
  /** The failures without extras, and with them. */
  readonly before: readonly DrSizingCheck[];
  readonly after: readonly DrSizingCheck[];
  readonly steps: readonly DrSizingStep[];
  /** Sites whose blocking more lines did not reduce (the queue limit blocks, not lines): left out of the blocking rule. */
  readonly blockingNotFromLines: readonly string[];
  /** The scenario input as written plus the extras (its own outages kept), e.g. to write as YAML. */
  readonly sizedScenario: Record<string, unknown>;
  readonly outage: { readonly at: string; readonly duration: number; readonly detectionDelay: number };
  readonly wallSeconds: number;
}
