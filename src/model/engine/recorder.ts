/**
 * Records what happens during a replication as raw tallies per measured
 * interval, per call type and per agent group, then folds them into the
 * views of a summary (see summary-layout.ts).
 *
 * Calls are counted in the interval of their arrival, whenever they end.
 * Time-weighted quantities (agents busy and on duty, calls waiting) are
 * integrated over [start, end) of each interval; the model reports every
 * change, and the interval-boundary event closes one interval and opens
 * the next.
 */
import { BinLayout, Histogram } from '../../kernel/histogram.js';
import { Field, FIELD_COUNT, WAIT_PERCENTILES } from '../kpis.js';
import type { Clock } from '../scenario/compile.js';
import { intervalLength } from '../scenario/compile.js';
import { SummaryLayout } from '../summary-layout.js';

/**
 * Bins for wait percentiles: 0.1 s up to 5 s, widening to 5 min bins up to a
 * day (736 bins; at most about 3% relative error above 5 s). Exact zeros are
 * counted apart.
 */
const WAIT_BINS = new BinLayout([
  { upTo: 5, width: 0.1 },
  { upTo: 30, width: 0.5 },
  { upTo: 120, width: 1 },
  { upTo: 600, width: 4 },
  { upTo: 3600, width: 20 },
  { upTo: 86400, width: 300 },
]);
const PERCENTILE_PS = WAIT_PERCENTILES.map((w) => w.p);

const F = Field;

export class Recorder {
  /** The measured interval now running, or −1 outside the measured window. */
  current = -1;
  private readonly typeCells: Float64Array;
  private readonly groupCells: Float64Array;
  private readonly allQueueArea: Float64Array;
  private readonly allQueueMax: Float64Array;
  private readonly waits: Histogram[];

  // Time-weighted state: the last time each quantity changed, and its value.
  private readonly groupChanged: Float64Array;
  private readonly groupBusy: Int32Array;
  private readonly groupStaffed: Int32Array;
  private readonly queueChanged: Float64Array;
  private readonly queueLength: Int32Array;
  private allQueueChanged = 0;
  private allQueueLength = 0;

  constructor(
    private readonly clock: Clock,
    private readonly callTypes: number,
    private readonly groups: number,
    private readonly threshold: number,
    private readonly shortAbandon: number,
  ) {
    const intervals = clock.intervalCount;
    this.typeCells = new Float64Array(intervals * callTypes * FIELD_COUNT);
    this.groupCells = new Float64Array(intervals * groups * FIELD_COUNT);
    this.allQueueArea = new Float64Array(intervals);
    this.allQueueMax = new Float64Array(intervals);
    this.waits = Array.from({ length: intervals * callTypes }, () => new Histogram(WAIT_BINS));
    this.groupChanged = new Float64Array(groups);
    this.groupBusy = new Int32Array(groups);
    this.groupStaffed = new Int32Array(groups);
    this.queueChanged = new Float64Array(callTypes);
    this.queueLength = new Int32Array(callTypes);
  }

  /** Measured interval of simulation time `t`, or −1 outside the measured window. */
  intervalOf(t: number): number {
    const c = this.clock;
    if (t < c.measureStart || t >= c.measureEnd) return -1;
    return Math.min(c.intervalCount - 1, Math.floor((t - c.measureStart) / c.intervalLength));
  }

  private typeCell(interval: number, type: number): number {
    return (interval * this.callTypes + type) * FIELD_COUNT;
  }

  private groupCell(interval: number, group: number): number {
    return (interval * this.groups + group) * FIELD_COUNT;
  }

  // ------------------------------------------------------------ call events

  offered(interval: number, type: number): void {
    if (interval >= 0) this.typeCells[this.typeCell(interval, type) + F.offered]++;
  }

  queued(interval: number, type: number): void {
    if (interval >= 0) this.typeCells[this.typeCell(interval, type) + F.queued]++;
  }

  answered(interval: number, type: number, group: number, wait: number, serviceTime: number): void {
    if (interval < 0) return;
    const within = wait <= this.threshold ? 1 : 0;
    const t = this.typeCells;
    const i = this.typeCell(interval, type);
    t[i + F.answered]++;
    t[i + F.answeredWithinThreshold] += within;
    t[i + F.waitAnswered] += wait;
    t[i + F.talkTime] += serviceTime;
    const g = this.groupCells;
    const j = this.groupCell(interval, group);
    g[j + F.answered]++;
    g[j + F.answeredWithinThreshold] += within;
    g[j + F.waitAnswered] += wait;
    g[j + F.talkTime] += serviceTime;
    this.waits[interval * this.callTypes + type].add(wait);
  }

  abandoned(interval: number, type: number, wait: number): void {
    if (interval < 0) return;
    const t = this.typeCells;
    const i = this.typeCell(interval, type);
    t[i + F.abandoned]++;
    t[i + F.waitAbandoned] += wait;
    if (wait <= this.shortAbandon) t[i + F.shortAbandoned]++;
  }

  unfinished(interval: number, type: number): void {
    if (interval >= 0) this.typeCells[this.typeCell(interval, type) + F.unfinished]++;
  }

  // ------------------------------------------------------------ time-weighted

  /** Agents of `group` busy with calls is now `busy` (from `now` on). */
  setBusy(group: number, busy: number, now: number): void {
    this.accrueGroup(group, now);
    this.groupBusy[group] = busy;
  }

  /** Agents of `group` on duty is now `staffed` (from `now` on). */
  setStaffed(group: number, staffed: number, now: number): void {
    this.accrueGroup(group, now);
    this.groupStaffed[group] = staffed;
  }

  /** Calls waiting in queue `type` is now `length` (from `now` on). */
  setQueueLength(type: number, length: number, now: number): void {
    const current = this.current;
    if (current >= 0) {
      const i = this.typeCell(current, type);
      this.typeCells[i + F.queueArea] += this.queueLength[type] * (now - this.queueChanged[type]);
      if (length > this.typeCells[i + F.queueMax]) this.typeCells[i + F.queueMax] = length;
      this.allQueueArea[current] += this.allQueueLength * (now - this.allQueueChanged);
    }
    this.queueChanged[type] = now;
    this.allQueueChanged = now;
    this.allQueueLength += length - this.queueLength[type];
    this.queueLength[type] = length;
    if (current >= 0 && this.allQueueLength > this.allQueueMax[current]) {
      this.allQueueMax[current] = this.allQueueLength;
    }
  }

  private accrueGroup(group: number, now: number): void {
    if (this.current >= 0) {
      const j = this.groupCell(this.current, group);
      const dt = now - this.groupChanged[group];
      this.groupCells[j + F.busyTime] += this.groupBusy[group] * dt;
      this.groupCells[j + F.staffedTime] += this.groupStaffed[group] * dt;
    }
    this.groupChanged[group] = now;
  }

  /**
   * Closes the running interval at `now` and opens `next` (−1: none). Values
   * carried over (queue lengths, busy agents) open the new interval's maxima.
   */
  boundary(now: number, next: number): void {
    for (let g = 0; g < this.groups; g++) this.accrueGroup(g, now);
    for (let t = 0; t < this.callTypes; t++) this.setQueueLength(t, this.queueLength[t], now);
    this.current = next;
    if (next >= 0) {
      for (let t = 0; t < this.callTypes; t++) {
        this.typeCells[this.typeCell(next, t) + F.queueMax] = this.queueLength[t];
      }
      this.allQueueMax[next] = this.allQueueLength;
    }
  }

  // ------------------------------------------------------------ summary

  /** Folds the tallies into the views of a summary. */
  summarize(layout: SummaryLayout): Float64Array {
    const out = new Float64Array(layout.length);
    const { intervalCount } = this.clock;
    const T = this.callTypes;
    const G = this.groups;
    const all = { kind: 'all', index: 0 } as const;
    const totalWaits = new Histogram(WAIT_BINS);
    const typeWaits = Array.from({ length: T }, () => new Histogram(WAIT_BINS));
    const intervalWaits = new Histogram(WAIT_BINS);
    const totalAll = layout.offset(-1, all);

    for (let i = 0; i < intervalCount; i++) {
      const length = intervalLength(this.clock, i);
      const intervalAll = layout.offset(i, all);
      intervalWaits.reset();
      for (let t = 0; t < T; t++) {
        const view = { kind: 'callType', index: t } as const;
        const cell = this.typeCell(i, t);
        const rec = layout.offset(i, view);
        addCallFields(out, rec, this.typeCells, cell);
        out[rec + F.queueArea] = this.typeCells[cell + F.queueArea];
        out[rec + F.queueMax] = this.typeCells[cell + F.queueMax];
        out[rec + F.duration] = length;
        const waits = this.waits[i * T + t];
        writePercentiles(out, rec, waits);
        intervalWaits.merge(waits);
        typeWaits[t].merge(waits);

        addCallFields(out, intervalAll, this.typeCells, cell);
        const typeTotal = layout.offset(-1, view);
        addCallFields(out, typeTotal, this.typeCells, cell);
        out[typeTotal + F.queueArea] += this.typeCells[cell + F.queueArea];
        out[typeTotal + F.queueMax] = Math.max(
          out[typeTotal + F.queueMax],
          this.typeCells[cell + F.queueMax],
        );
        addCallFields(out, totalAll, this.typeCells, cell);
      }
      for (let g = 0; g < G; g++) {
        const view = { kind: 'agentGroup', index: g } as const;
        const cell = this.groupCell(i, g);
        const rec = layout.offset(i, view);
        addGroupFields(out, rec, this.groupCells, cell);
        out[rec + F.duration] = length;
        addGroupFields(out, layout.offset(-1, view), this.groupCells, cell);
        out[intervalAll + F.busyTime] += this.groupCells[cell + F.busyTime];
        out[intervalAll + F.staffedTime] += this.groupCells[cell + F.staffedTime];
        out[totalAll + F.busyTime] += this.groupCells[cell + F.busyTime];
        out[totalAll + F.staffedTime] += this.groupCells[cell + F.staffedTime];
      }
      out[intervalAll + F.queueArea] = this.allQueueArea[i];
      out[intervalAll + F.queueMax] = this.allQueueMax[i];
      out[intervalAll + F.duration] = length;
      writePercentiles(out, intervalAll, intervalWaits);
      totalWaits.merge(intervalWaits);
      out[totalAll + F.queueArea] += this.allQueueArea[i];
      out[totalAll + F.queueMax] = Math.max(out[totalAll + F.queueMax], this.allQueueMax[i]);
    }
    out[totalAll + F.duration] = this.clock.horizon;
    writePercentiles(out, totalAll, totalWaits);
    for (let t = 0; t < T; t++) {
      const rec = layout.offset(-1, { kind: 'callType', index: t });
      out[rec + F.duration] = this.clock.horizon;
      writePercentiles(out, rec, typeWaits[t]);
    }
    for (let g = 0; g < G; g++) {
      const rec = layout.offset(-1, { kind: 'agentGroup', index: g });
      out[rec + F.duration] = this.clock.horizon;
      for (const { field } of WAIT_PERCENTILES) out[rec + field] = NaN;
    }
    for (let i = 0; i < intervalCount; i++) {
      for (let g = 0; g < G; g++) {
        const rec = layout.offset(i, { kind: 'agentGroup', index: g });
        for (const { field } of WAIT_PERCENTILES) out[rec + field] = NaN;
      }
    }
    return out;
  }
}

/** Fields that add up across intervals and call types. */
const CALL_SUM_FIELDS = [
  F.offered,
  F.answered,
  F.answeredWithinThreshold,
  F.abandoned,
  F.shortAbandoned,
  F.blocked,
  F.queued,
  F.waitAnswered,
  F.waitAbandoned,
  F.talkTime,
  F.unfinished,
];
const GROUP_SUM_FIELDS = [
  F.answered,
  F.answeredWithinThreshold,
  F.waitAnswered,
  F.talkTime,
  F.busyTime,
  F.staffedTime,
];

function addCallFields(out: Float64Array, at: number, from: Float64Array, cell: number): void {
  for (const f of CALL_SUM_FIELDS) out[at + f] += from[cell + f];
}

function addGroupFields(out: Float64Array, at: number, from: Float64Array, cell: number): void {
  for (const f of GROUP_SUM_FIELDS) out[at + f] += from[cell + f];
}

const percentileScratch = new Float64Array(WAIT_PERCENTILES.length);

function writePercentiles(out: Float64Array, at: number, waits: Histogram): void {
  waits.quantiles(PERCENTILE_PS, percentileScratch);
  for (let k = 0; k < WAIT_PERCENTILES.length; k++)
    out[at + WAIT_PERCENTILES[k].field] = percentileScratch[k];
}
