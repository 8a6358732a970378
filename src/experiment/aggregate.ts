/**
 * Folds replication summaries, in replication order, into estimates for
 * every KPI of every view. Folding in replication order (never completion
 * order) makes results independent of how replications were scheduled.
 */
import type { KpiDefinition } from '../model/kpis.js';
import { FIELD_COUNT, KPIS } from '../model/kpis.js';
import type { ReplicationSummary } from '../model/engine/replication.js';
import type { SummaryLayout } from '../model/summary-layout.js';
import { WAIT_SECTION_LENGTH } from '../model/wait-distribution.js';
import type { Estimate, KpiEstimator } from './estimate.js';
import { estimatorFor } from './estimate.js';

/** KPI name → estimate. */
export type KpiEstimates = Record<string, Estimate>;

export class Aggregator {
  /** Per record (see SummaryLayout), the estimators of the KPIs that apply to its view. */
  private readonly estimators: Array<Array<{ kpi: KpiDefinition; estimator: KpiEstimator }>>;
  private nextReplication = 0;
  simulatedCalls = 0;
  events = 0;
  /** Sums over replications of the wait-time distribution section (model/wait-distribution.ts). */
  readonly waitBins = new Float64Array(WAIT_SECTION_LENGTH);

  constructor(readonly layout: SummaryLayout) {
    this.estimators = [];
    for (let record = 0; record < layout.recordCount; record++) {
      const kind = layout.kindOf(record);
      this.estimators.push(
        KPIS.filter((k) => k.views.includes(kind)).map((kpi) => ({ kpi, estimator: estimatorFor(kpi) })),
      );
    }
  }

  get replications(): number {
    return this.nextReplication;
  }

  /** Adds the next replication; summaries must come in replication order. */
  add(summary: ReplicationSummary): void {
    if (summary.replication !== this.nextReplication) {
      throw new Error(`internal: replication ${summary.replication} folded out of order`);
    }
    this.nextReplication++;
    this.simulatedCalls += summary.simulatedCalls;
    this.events += summary.events;
    for (let record = 0; record < this.estimators.length; record++) {
      const data = summary.records.subarray(record * FIELD_COUNT, (record + 1) * FIELD_COUNT);
      for (const { estimator } of this.estimators[record]) estimator.add(data);
    }
    const waits = this.layout.waitSectionOffset;
    for (let k = 0; k < WAIT_SECTION_LENGTH; k++) this.waitBins[k] += summary.records[waits + k];
  }

  /** Estimates of the record at `offset` (an offset from the layout). */
  estimatesAt(offset: number, level: number): KpiEstimates {
    const out: KpiEstimates = {};
    for (const { kpi, estimator } of this.estimators[offset / FIELD_COUNT])
      out[kpi.name] = estimator.estimate(level);
    return out;
  }

  /** The half-width of one KPI at a record, for sequential precision. */
  halfWidthAt(offset: number, kpiName: string, level: number): number | null {
    const entry = this.estimators[offset / FIELD_COUNT].find((e) => e.kpi.name === kpiName);
    return entry === undefined ? null : entry.estimator.halfWidth(level);
  }
}
