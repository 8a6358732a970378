/**
 * Where each view's record sits in a replication summary.
 *
 * A summary is one Float64Array of `recordCount × FIELD_COUNT` numbers (cheap
 * to pass between threads). Records are grouped by period: period 0 is the
 * whole measured horizon, period i + 1 is measured interval i. Within a
 * period: the view of all calls, then one view per call type, then one per
 * agent group.
 */
import { FIELD_COUNT } from './kpis.js';
import type { ViewKind } from './kpis.js';

export interface ViewRef {
  readonly kind: ViewKind;
  /** Call type or agent group index; 0 for `all`. */
  readonly index: number;
}

export class SummaryLayout {
  readonly viewsPerPeriod: number;
  readonly periods: number;
  readonly recordCount: number;
  readonly length: number;

  constructor(
    readonly intervalCount: number,
    readonly callTypeCount: number,
    readonly agentGroupCount: number,
  ) {
    this.viewsPerPeriod = 1 + callTypeCount + agentGroupCount;
    this.periods = intervalCount + 1;
    this.recordCount = this.periods * this.viewsPerPeriod;
    this.length = this.recordCount * FIELD_COUNT;
  }

  /** Offset of a record: `interval` −1 for the whole horizon. */
  offset(interval: number, view: ViewRef): number {
    const period = interval + 1;
    const within =
      view.kind === 'all'
        ? 0
        : view.kind === 'callType'
          ? 1 + view.index
          : 1 + this.callTypeCount + view.index;
    return (period * this.viewsPerPeriod + within) * FIELD_COUNT;
  }

  /** The record of a view as a subarray (a view, not a copy). */
  record(data: Float64Array, interval: number, view: ViewRef): Float64Array {
    const start = this.offset(interval, view);
    return data.subarray(start, start + FIELD_COUNT);
  }
}
