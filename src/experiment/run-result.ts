/**
 * The result of running a scenario: the shape `ccsim run --json` prints and
 * the library returns. KPI estimates keyed by KPI name (see model/kpis.ts).
 */
import { formatClockTime } from '../model/scenario/units.js';
import type { CompiledScenario } from '../model/scenario/compile.js';
import { intervalClockStart, intervalLength } from '../model/scenario/compile.js';
import type { ViewKind } from '../model/kpis.js';
import { WAIT_BIN_COUNT, waitBinBounds } from '../model/wait-distribution.js';
import type { Aggregator, KpiEstimates } from './aggregate.js';

export interface IntervalResult {
  /** Clock time at which the interval starts, `"08:00"`. */
  readonly interval: string;
  /** Clock time at which it ends. */
  readonly end: string;
  readonly kpis: KpiEstimates;
  readonly byCallType: Record<string, KpiEstimates>;
  readonly byTier: Record<string, KpiEstimates>;
  readonly byAgentGroup: Record<string, KpiEstimates>;
  readonly byEntryPoint: Record<string, KpiEstimates>;
  readonly bySite: Record<string, KpiEstimates>;
}

/** One bin of the wait-time distribution: mean calls per replication with a wait in [from, to). */
export interface WaitBin {
  /** Seconds; a bin with from = to = 0 holds waits of exactly 0 (answered at once). */
  readonly from: number;
  /** Seconds; null for the last bin (no upper bound). */
  readonly to: number | null;
  readonly answered: number;
  readonly abandoned: number;
}

/** KPIs of one phase of a scheduled outage (whole KPI intervals; see Phase in scenario/compile.ts). */
export interface PhaseResult {
  /** Position of the outage in the scenario's list, from 1. */
  readonly outage: number;
  readonly site: string;
  readonly phase: 'before' | 'during' | 'after';
  /** Clock times of the phase's first interval start and last interval end; null when empty. */
  readonly from: string | null;
  readonly to: string | null;
  readonly kpis: KpiEstimates;
  readonly bySite: Record<string, KpiEstimates>;
}

export interface RunResult {
  readonly scenario: {
    readonly name: string;
    readonly file: string;
    readonly hash: string;
    /** The files the scenario read (CSV forecasts) and their SHA-256; absent when it read none. */
    readonly inputs?: ReadonlyArray<{ readonly reference: string; readonly sha256: string }>;
  };
  readonly seed: number;
  readonly replications: number;
  readonly confidenceLevel: number;
  readonly serviceLevel: {
    readonly threshold: number;
    readonly shortAbandon: number;
    readonly target: number | null;
  };
  /** The scenario's other targets (`targets`), null where none is set. */
  readonly targets: {
    readonly maxAbandonRate: number | null;
    readonly maxAsa: number | null;
    readonly maxOccupancy: number | null;
  };
  readonly total: KpiEstimates;
  readonly byCallType: Record<string, KpiEstimates>;
  /** Per customer-value tier of call types that have tiers, named `<call type>/<tier>`. */
  readonly byTier: Record<string, KpiEstimates>;
  readonly byAgentGroup: Record<string, KpiEstimates>;
  readonly byEntryPoint: Record<string, KpiEstimates>;
  readonly bySite: Record<string, KpiEstimates>;
  readonly byInterval: readonly IntervalResult[];
  /** Before, during and after each scheduled outage (absent without scheduled outages). */
  readonly byPhase?: readonly PhaseResult[];
  /**
   * Waits of answered and abandoned calls over the measured horizon, all
   * call types, up to the last non-empty bin (model/wait-distribution.ts).
   */
  readonly waitDistribution: readonly WaitBin[];
  /**
   * The work done by this invocation: replications folded in from a results
   * database (resume) count in `replications` and the KPIs, never here.
   */
  readonly performance: {
    /** Calls simulated by this invocation (not those of reused replications). */
    readonly simulatedCalls: number;
    readonly events: number;
    readonly wallSeconds: number;
    /** simulatedCalls / wallSeconds; 0 when nothing was simulated. */
    readonly callsPerSecond: number;
    /** Replications taken from the results database instead of simulated. */
    readonly reusedReplications: number;
  };
  /** With precision targets (`--precision`): whether they were met (absent without targets). */
  readonly precision?: PrecisionOutcome;
}

/** The outcome of sequential precision. */
export interface PrecisionOutcome {
  /** False when the most replications allowed ran out first. */
  readonly reached: boolean;
  readonly maxReplications: number;
  readonly targets: ReadonlyArray<{
    readonly kpi: string;
    /** The largest acceptable half-width: absolute, or a fraction of the mean when `relative`. */
    readonly halfWidth: number;
    readonly relative: boolean;
    /** The half-width achieved (absolute, in the KPI's unit); null when there is none yet. */
    readonly achieved: number | null;
    readonly met: boolean;
  }>;
}

/** The work this invocation did (see RunResult.performance). */
export interface WorkDone {
  readonly simulatedCalls: number;
  readonly events: number;
  readonly wallSeconds: number;
  readonly reusedReplications: number;
}

export function buildRunResult(
  model: CompiledScenario,
  aggregator: Aggregator,
  options: {
    seed: number;
    confidenceLevel: number;
    work: WorkDone;
    precision?: PrecisionOutcome;
  },
): RunResult {
  const { layout } = aggregator;
  const level = options.confidenceLevel;
  const tieredQueues = model.queues.filter((q) => model.callTypes[q.callType].tiers.length > 1);
  const byName = (interval: number, kind: ViewKind, items: ReadonlyArray<{ name: string }>) =>
    Object.fromEntries(
      items.map((item, index) => [
        item.name,
        aggregator.estimatesAt(layout.offset(interval, { kind, index }), level),
      ]),
    );
  const viewsOf = (interval: number) => ({
    all: aggregator.estimatesAt(layout.offset(interval, { kind: 'all', index: 0 }), level),
    byCallType: byName(interval, 'callType', model.callTypes),
    byTier: byName(interval, 'tier', tieredQueues),
    byAgentGroup: byName(interval, 'agentGroup', model.agentGroups),
    byEntryPoint: byName(interval, 'entryPoint', model.entryPoints),
    bySite: byName(interval, 'site', model.sites),
  });
  const whole = viewsOf(-1);
  const byInterval: IntervalResult[] = [];
  for (let i = 0; i < model.clock.intervalCount; i++) {
    const views = viewsOf(i);
    const start = intervalClockStart(model.clock, i);
    byInterval.push({
      interval: formatClockTime(start),
      end: formatClockTime(start + intervalLength(model.clock, i)),
      kpis: views.all,
      byCallType: views.byCallType,
      byTier: views.byTier,
      byAgentGroup: views.byAgentGroup,
      byEntryPoint: views.byEntryPoint,
      bySite: views.bySite,
    });
  }
  const { simulatedCalls, events, wallSeconds, reusedReplications } = options.work;
  return {
    scenario: {
      name: model.name,
      file: model.source.file,
      hash: model.source.hash,
      ...(model.source.inputs !== undefined ? { inputs: model.source.inputs } : {}),
    },
    seed: options.seed,
    replications: aggregator.replications,
    confidenceLevel: level,
    serviceLevel: {
      threshold: model.serviceLevel.threshold,
      shortAbandon: model.serviceLevel.shortAbandon,
      target: model.serviceLevel.target ?? null,
    },
    targets: {
      maxAbandonRate: model.targets.maxAbandonRate ?? null,
      maxAsa: model.targets.maxAsa ?? null,
      maxOccupancy: model.targets.maxOccupancy ?? null,
    },
    total: whole.all,
    byCallType: whole.byCallType,
    byTier: whole.byTier,
    byAgentGroup: whole.byAgentGroup,
    byEntryPoint: whole.byEntryPoint,
    bySite: whole.bySite,
    byInterval,
    ...(model.phases.length > 0
      ? {
          byPhase: model.phases.map((phase, p): PhaseResult => {
            const period = layout.phase(p);
            const empty = phase.first > phase.last;
            return {
              outage: phase.outage + 1,
              site: model.sites[model.outages[phase.outage].site].name,
              phase: phase.name,
              from: empty ? null : formatClockTime(intervalClockStart(model.clock, phase.first)),
              to: empty
                ? null
                : formatClockTime(
                    intervalClockStart(model.clock, phase.last) + intervalLength(model.clock, phase.last),
                  ),
              kpis: aggregator.estimatesAt(layout.offset(period, { kind: 'all', index: 0 }), level),
              bySite: byName(period, 'site', model.sites),
            };
          }),
        }
      : {}),
    waitDistribution: waitDistributionOf(aggregator),
    performance: {
      simulatedCalls,
      events,
      wallSeconds,
      callsPerSecond: wallSeconds > 0 ? Math.round(simulatedCalls / wallSeconds) : 0,
      reusedReplications,
    },
    ...(options.precision !== undefined ? { precision: options.precision } : {}),
  };
}

function waitDistributionOf(aggregator: Aggregator): WaitBin[] {
  const n = aggregator.replications;
  const sums = aggregator.waitBins;
  let last = -1;
  for (let k = 0; k < WAIT_BIN_COUNT; k++) if (sums[k] > 0 || sums[WAIT_BIN_COUNT + k] > 0) last = k;
  const bins: WaitBin[] = [];
  for (let k = 0; k <= last; k++) {
    const [from, to] = waitBinBounds(k);
    bins.push({
      from,
      to: Number.isFinite(to) ? to : null,
      answered: n > 0 ? sums[k] / n : 0,
      abandoned: n > 0 ? sums[WAIT_BIN_COUNT + k] / n : 0,
    });
  }
  return bins;
}
