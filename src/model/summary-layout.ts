/**
 * Where each view's record sits in a replication summary.
 *
 * A summary is one Float64Array of `recordCount × FIELD_COUNT` numbers (cheap
 * to pass between threads), followed by the wait-time distribution section
 * (model/wait-distribution.ts) at `waitSectionOffset`. Records are grouped by period: period 0 is the
 * whole measured horizon, period i + 1 is measured interval i, then one
 * period per outage phase (see Phase in scenario/compile.ts). Within a
 * period: the view of all calls, then one view per call type, tier (of
 * call types with customer-value tiers), agent group, entry point and site,
 * in that order.
 */
import { FIELD_COUNT } from './kpis.js';
import { WAIT_SECTION_LENGTH } from './wait-distribution.js';
import type { ViewKind } from './kpis.js';

export interface ViewRef {
  readonly kind: ViewKind;
  /** Index within its kind; 0 for `all`. */
  readonly index: number;
}

export type ViewCounts = Readonly<Record<Exclude<ViewKind, 'all'>, number>>;

const KINDS: ReadonlyArray<Exclude<ViewKind, 'all'>> = [
  'callType',
  'tier',
  'agentGroup',
  'entryPoint',
  'site',
];

export class SummaryLayout {
  readonly viewsPerPeriod: number;
  readonly periods: number;
  readonly recordCount: number;
  /** Where the wait-time distribution starts: right after the records. */
  readonly waitSectionOffset: number;
  /** Numbers in a summary: records and the wait-time section. */
  readonly length: number;
  private readonly firstOfKind: Readonly<Record<ViewKind, number>>;

  constructor(
    readonly intervalCount: number,
    readonly counts: ViewCounts,
    /** Outage phases (model.phases), recorded after the intervals: period intervalCount + 1 + p. */
    readonly phaseCount = 0,
  ) {
    const first: Record<ViewKind, number> = {
      all: 0,
      callType: 0,
      tier: 0,
      agentGroup: 0,
      entryPoint: 0,
      site: 0,
    };
    let next = 1;
    for (const kind of KINDS) {
      first[kind] = next;
      next += counts[kind];
    }
    this.firstOfKind = first;
    this.viewsPerPeriod = next;
    this.periods = intervalCount + 1 + phaseCount;
    this.recordCount = this.periods * this.viewsPerPeriod;
    this.waitSectionOffset = this.recordCount * FIELD_COUNT;
    this.length = this.waitSectionOffset + WAIT_SECTION_LENGTH;
  }

  /** Offset of a record: `interval` −1 for the whole horizon; phase p is `intervalCount + p`. */
  offset(interval: number, view: ViewRef): number {
    return ((interval + 1) * this.viewsPerPeriod + this.firstOfKind[view.kind] + view.index) * FIELD_COUNT;
  }

  /** The kind of view of a record number. */
  kindOf(record: number): ViewKind {
    const within = record % this.viewsPerPeriod;
    if (within === 0) return 'all';
    for (let k = KINDS.length - 1; k >= 0; k--) if (within >= this.firstOfKind[KINDS[k]]) return KINDS[k];
    return 'all';
  }

  /** The `interval` argument of {@link offset} for outage phase p. */
  phase(p: number): number {
    return this.intervalCount + p;
  }

  /** The record of a view as a subarray (a view, not a copy). */
  record(data: Float64Array, interval: number, view: ViewRef): Float64Array {
    const start = this.offset(interval, view);
    return data.subarray(start, start + FIELD_COUNT);
  }
}
