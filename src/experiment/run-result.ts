/**
 * The result of running a scenario: the shape `ccsim run --json` prints and
 * the library returns. KPI estimates keyed by KPI name (see model/kpis.ts).
 */
import { formatClockTime } from '../model/scenario/units.js';
import type { CompiledScenario } from '../model/scenario/compile.js';
import { intervalClockStart, intervalLength } from '../model/scenario/compile.js';
import type { ViewKind } from '../model/kpis.js';
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

export interface RunResult {
  readonly scenario: { readonly name: string; readonly file: string; readonly hash: string };
  readonly seed: number;
  readonly replications: number;
  readonly confidenceLevel: number;
  readonly serviceLevel: {
    readonly threshold: number;
    readonly shortAbandon: number;
    readonly target: number | null;
  };
  readonly total: KpiEstimates;
  readonly byCallType: Record<string, KpiEstimates>;
  /** Per customer-value tier of call types that have tiers, named `<call type>/<tier>`. */
  readonly byTier: Record<string, KpiEstimates>;
  readonly byAgentGroup: Record<string, KpiEstimates>;
  readonly byEntryPoint: Record<string, KpiEstimates>;
  readonly bySite: Record<string, KpiEstimates>;
  readonly byInterval: readonly IntervalResult[];
  readonly performance: {
    readonly simulatedCalls: number;
    readonly events: number;
    readonly wallSeconds: number;
    readonly callsPerSecond: number;
  };
}

export function buildRunResult(
  model: CompiledScenario,
  aggregator: Aggregator,
  options: { seed: number; confidenceLevel: number; wallSeconds: number },
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
  const wallSeconds = options.wallSeconds;
  return {
    scenario: { name: model.name, file: model.source.file, hash: model.source.hash },
    seed: options.seed,
    replications: aggregator.replications,
    confidenceLevel: level,
    serviceLevel: {
      threshold: model.serviceLevel.threshold,
      shortAbandon: model.serviceLevel.shortAbandon,
      target: model.serviceLevel.target ?? null,
    },
    total: whole.all,
    byCallType: whole.byCallType,
    byTier: whole.byTier,
    byAgentGroup: whole.byAgentGroup,
    byEntryPoint: whole.byEntryPoint,
    bySite: whole.bySite,
    byInterval,
    performance: {
      simulatedCalls: aggregator.simulatedCalls,
      events: aggregator.events,
      wallSeconds,
      callsPerSecond: wallSeconds > 0 ? Math.round(aggregator.simulatedCalls / wallSeconds) : 0,
    },
  };
}
