/**
 * The result of running a scenario: the shape `ccsim run --json` prints and
 * the library returns. KPI estimates keyed by KPI name (see model/kpis.ts).
 */
import { formatClockTime } from '../model/scenario/units.js';
import type { CompiledScenario } from '../model/scenario/compile.js';
import { intervalClockStart, intervalLength } from '../model/scenario/compile.js';
import type { Aggregator, KpiEstimates } from './aggregate.js';

export interface IntervalResult {
  /** Clock time at which the interval starts, `"08:00"`. */
  readonly interval: string;
  /** Clock time at which it ends. */
  readonly end: string;
  readonly kpis: KpiEstimates;
  readonly byCallType: Record<string, KpiEstimates>;
  readonly byAgentGroup: Record<string, KpiEstimates>;
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
  readonly byAgentGroup: Record<string, KpiEstimates>;
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
  const viewsOf = (interval: number) => ({
    all: aggregator.estimatesAt(layout.offset(interval, { kind: 'all', index: 0 }), level),
    byCallType: Object.fromEntries(
      model.callTypes.map((c) => [
        c.name,
        aggregator.estimatesAt(layout.offset(interval, { kind: 'callType', index: c.index }), level),
      ]),
    ),
    byAgentGroup: Object.fromEntries(
      model.agentGroups.map((g) => [
        g.name,
        aggregator.estimatesAt(layout.offset(interval, { kind: 'agentGroup', index: g.index }), level),
      ]),
    ),
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
      byAgentGroup: views.byAgentGroup,
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
    byAgentGroup: whole.byAgentGroup,
    byInterval,
    performance: {
      simulatedCalls: aggregator.simulatedCalls,
      events: aggregator.events,
      wallSeconds,
      callsPerSecond: wallSeconds > 0 ? Math.round(aggregator.simulatedCalls / wallSeconds) : 0,
    },
  };
}
