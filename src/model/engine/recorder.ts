/**
 * The KPI recorder: a RunListener that keeps raw tallies per measured
 * interval and per call type, tier, agent group, entry point and site
 * (folded into a summary by summary-fold.ts, outside the engine).
 *
 * Calls are counted in the interval of their arrival at the center,
 * whenever they end. Time-weighted quantities (agents busy and on duty,
 * calls waiting, lines and ports in use, sites down) are kernel
 * TimeWeighted collectors, closed into the interval's cells at each
 * boundary. Tallies live in packed arrays of numbers (see columns.ts).
 */
import { BinLayout, Histogram } from '../../kernel/histogram.js';
import { TimeWeighted } from '../../kernel/statistics.js';
import { WAIT_BIN_COUNT, waitBinOf } from '../wait-distribution.js';
import { Field, FIELD_COUNT } from '../kpis.js';
import type { CompiledOutage, CompiledScenario } from '../scenario/compile.js';
import { OutageScope } from '../scenario/compile.js';
import type { CallFateCode, CallView } from './call-listener.js';
import type { RunListener } from './run-listener.js';
import { doubles } from './columns.js';

/**
 * Bins for wait percentiles: 0.1 s up to 5 s, widening to 5 min bins up to a
 * day (736 bins; at most about 3% relative error above 5 s). Exact zeros are
 * counted apart.
 */
export const WAIT_BINS = new BinLayout([
  { upTo: 5, width: 0.1 },
  { upTo: 30, width: 0.5 },
  { upTo: 120, width: 1 },
  { upTo: 600, width: 4 },
  { upTo: 3600, width: 20 },
  { upTo: 86400, width: 300 },
]);

const F = Field;

export type CellKind = 'callType' | 'tier' | 'agentGroup' | 'entryPoint' | 'site';

/** A replication's raw tallies, as summary-fold.ts reads them. */
export interface Tallies {
  /** Per kind: FIELD_COUNT numbers per (interval, item), interval-major. */
  readonly cells: Readonly<Record<CellKind, readonly number[]>>;
  readonly counts: Readonly<Record<CellKind, number>>;
  /** Per interval: area and maximum of all calls waiting. */
  readonly allQueueArea: readonly number[];
  readonly allQueueMax: readonly number[];
  /** Per (interval × call type): waits of answered calls. */
  readonly waits: readonly Histogram[];
  /** Whole-horizon wait distributions (model/wait-distribution.ts). */
  readonly answeredWaitBins: Float64Array;
  readonly abandonedWaitBins: Float64Array;
}

/** `n` collectors of a quantity that starts at 0 at time 0. */
function collectors(n: number): TimeWeighted[] {
  return Array.from({ length: n }, () => new TimeWeighted(0));
}

export class Recorder implements RunListener {
  /** The measured interval now running, or −1 outside the measured window. */
  private current = -1;
  private readonly cells: Record<CellKind, number[]>;
  private readonly counts: Record<CellKind, number>;
  private readonly allQueueArea: number[];
  private readonly allQueueMax: number[];
  private readonly waits: Histogram[];
  private readonly answeredWaitBins = new Float64Array(WAIT_BIN_COUNT);
  private readonly abandonedWaitBins = new Float64Array(WAIT_BIN_COUNT);

  // Time-weighted quantities.
  private readonly groupBusy: TimeWeighted[];
  private readonly groupPresent: TimeWeighted[];
  private readonly queueLength: TimeWeighted[];
  private readonly allQueue = new TimeWeighted(0);
  private readonly linesInUse: TimeWeighted[];
  private readonly portsInUse: TimeWeighted[];
  /** Per site: 1 while an outage that takes something down is in effect. */
  private readonly siteDown: TimeWeighted[];
  /** Per site: outages in effect now. */
  private readonly outagesInEffect: number[];

  private readonly threshold: number;
  private readonly shortAbandon: number;
  // Direct handles on the hot cells (the same arrays as in `cells`).
  private readonly typeCells: number[];
  private readonly tierCells: number[];
  /** Per queue: its tier view, or −1 for call types without tiers. */
  private readonly tierOfQueue: number[];
  private readonly tierCount: number;
  private readonly groupCells: number[];
  private readonly entryCells: number[];
  private readonly siteCells: number[];
  private readonly typeCount: number;
  private readonly groupCount: number;
  private readonly entryCount: number;
  private readonly siteCount: number;

  constructor(private readonly model: CompiledScenario) {
    const intervals = model.clock.intervalCount;
    this.threshold = model.serviceLevel.threshold;
    this.shortAbandon = model.serviceLevel.shortAbandon;
    this.tierOfQueue = Array.from(tierViewsOf(model));
    this.counts = {
      callType: model.callTypes.length,
      tier: this.tierOfQueue.reduce((n, t) => (t >= 0 ? n + 1 : n), 0),
      agentGroup: model.agentGroups.length,
      entryPoint: model.entryPoints.length,
      site: model.sites.length,
    };
    const cellsOf = (n: number) => doubles(intervals * n * FIELD_COUNT);
    this.cells = {
      callType: cellsOf(this.counts.callType),
      tier: cellsOf(this.counts.tier),
      agentGroup: cellsOf(this.counts.agentGroup),
      entryPoint: cellsOf(this.counts.entryPoint),
      site: cellsOf(this.counts.site),
    };
    this.typeCells = this.cells.callType;
    this.tierCells = this.cells.tier;
    this.tierCount = this.counts.tier;
    this.groupCells = this.cells.agentGroup;
    this.entryCells = this.cells.entryPoint;
    this.siteCells = this.cells.site;
    this.typeCount = this.counts.callType;
    this.groupCount = this.counts.agentGroup;
    this.entryCount = this.counts.entryPoint;
    this.siteCount = this.counts.site;
    this.allQueueArea = doubles(intervals);
    this.allQueueMax = doubles(intervals);
    this.waits = Array.from({ length: intervals * this.counts.callType }, () => new Histogram(WAIT_BINS));
    this.groupBusy = collectors(this.groupCount);
    this.groupPresent = collectors(this.groupCount);
    this.queueLength = collectors(this.typeCount);
    this.linesInUse = collectors(this.siteCount);
    this.portsInUse = collectors(this.siteCount);
    this.siteDown = collectors(this.siteCount);
    this.outagesInEffect = this.model.sites.map(() => 0);
  }

  /** The tallies so far (the recorder's own arrays: read them once the run is over). */
  tallies(): Tallies {
    const { cells, counts, allQueueArea, allQueueMax, waits, answeredWaitBins, abandonedWaitBins } = this;
    return { cells, counts, allQueueArea, allQueueMax, waits, answeredWaitBins, abandonedWaitBins };
  }

  /** Adds one to a field of a call type's cell (and its tier's and site's), if the interval is measured. */
  countCall(interval: number, type: number, queue: number, site: number, field: number): void {
    if (interval < 0) return;
    this.typeCells[(interval * this.typeCount + type) * FIELD_COUNT + field]++;
    this.siteCells[(interval * this.siteCount + site) * FIELD_COUNT + field]++;
    const tier = this.tierOfQueue[queue];
    if (tier >= 0) this.tierCells[(interval * this.tierCount + tier) * FIELD_COUNT + field]++;
  }

  /** Counts an offered call at its call type (and tier): `offered`, and `how` it came. */
  countOffered(interval: number, type: number, queue: number, site: number, how: number): void {
    if (interval < 0) return;
    const i = (interval * this.typeCount + type) * FIELD_COUNT;
    this.typeCells[i + F.offered]++;
    this.typeCells[i + how]++;
    const s = (interval * this.siteCount + site) * FIELD_COUNT;
    this.siteCells[s + F.offered]++;
    this.siteCells[s + how]++;
    const tier = this.tierOfQueue[queue];
    if (tier >= 0) {
      const k = (interval * this.tierCount + tier) * FIELD_COUNT;
      this.tierCells[k + F.offered]++;
      this.tierCells[k + how]++;
    }
  }

  countSite(interval: number, site: number, field: number): void {
    if (interval >= 0) this.siteCells[(interval * this.siteCount + site) * FIELD_COUNT + field]++;
  }

  countEntry(interval: number, entry: number, field: number): void {
    if (interval >= 0) this.entryCells[(interval * this.entryCount + entry) * FIELD_COUNT + field]++;
  }

  // ------------------------------------------------------------ call outcomes

  answered(
    interval: number,
    type: number,
    queue: number,
    site: number,
    group: number,
    wait: number,
    talk: number,
    _at: number, // declared, as passed (an argument count mismatch costs V8 a slower call): not a KPI
  ): void {
    if (interval < 0) return;
    const within = wait <= this.threshold ? 1 : 0;
    const sc = this.siteCells;
    const s = (interval * this.siteCount + site) * FIELD_COUNT;
    sc[s + F.answered]++;
    sc[s + F.answeredWithinThreshold] += within;
    sc[s + F.waitAnswered] += wait;
    sc[s + F.talkTime] += talk;
    const tier = this.tierOfQueue[queue];
    if (tier >= 0) {
      const k = (interval * this.tierCount + tier) * FIELD_COUNT;
      this.tierCells[k + F.answered]++;
      this.tierCells[k + F.answeredWithinThreshold] += within;
      this.tierCells[k + F.waitAnswered] += wait;
      this.tierCells[k + F.talkTime] += talk;
    }
    const t = this.typeCells;
    const i = (interval * this.typeCount + type) * FIELD_COUNT;
    t[i + F.answered]++;
    t[i + F.answeredWithinThreshold] += within;
    t[i + F.waitAnswered] += wait;
    t[i + F.talkTime] += talk;
    const g = this.groupCells;
    const j = (interval * this.groupCount + group) * FIELD_COUNT;
    g[j + F.answered]++;
    g[j + F.answeredWithinThreshold] += within;
    g[j + F.waitAnswered] += wait;
    g[j + F.talkTime] += talk;
    this.waits[interval * this.typeCount + type].add(wait);
    this.answeredWaitBins[waitBinOf(wait)]++;
  }

  completed(
    interval: number,
    type: number,
    group: number,
    acw: number,
    due: number | null,
    sojourn: number,
  ): void {
    if (interval < 0) return;
    const i = (interval * this.typeCount + type) * FIELD_COUNT;
    const t = this.typeCells;
    t[i + F.acwTime] += acw;
    const j = (interval * this.groupCount + group) * FIELD_COUNT;
    this.groupCells[j + F.acwTime] += acw;
    if (due === null) return;
    t[i + F.completed]++;
    this.groupCells[j + F.completed]++;
    if (sojourn <= due) t[i + F.completedWithinDue]++;
  }

  abandoned(interval: number, type: number, queue: number, site: number, wait: number): void {
    if (interval < 0) return;
    const sc = this.siteCells;
    const s = (interval * this.siteCount + site) * FIELD_COUNT;
    sc[s + F.abandoned]++;
    sc[s + F.waitAbandoned] += wait;
    if (wait <= this.shortAbandon) sc[s + F.shortAbandoned]++;
    const tier = this.tierOfQueue[queue];
    if (tier >= 0) {
      const k = (interval * this.tierCount + tier) * FIELD_COUNT;
      this.tierCells[k + F.abandoned]++;
      this.tierCells[k + F.waitAbandoned] += wait;
      if (wait <= this.shortAbandon) this.tierCells[k + F.shortAbandoned]++;
    }
    const t = this.typeCells;
    const i = (interval * this.typeCount + type) * FIELD_COUNT;
    t[i + F.abandoned]++;
    t[i + F.waitAbandoned] += wait;
    if (wait <= this.shortAbandon) t[i + F.shortAbandoned]++;
    this.abandonedWaitBins[waitBinOf(wait)]++;
  }

  /** The recorder needs no per-call record (a trace listener does); parameters declared as passed. */
  callEnded(_call: CallView, _fate: CallFateCode, _at: number): void {}

  // ------------------------------------------------------------ time-weighted

  setGroup(g: number, busy: number, present: number, now: number): void {
    this.groupBusy[g].update(now, busy);
    this.groupPresent[g].update(now, present);
  }

  setQueueLength(type: number, length: number, now: number): void {
    const queue = this.queueLength[type];
    const all = this.allQueue;
    all.update(now, all.value + length - queue.value);
    queue.update(now, length);
  }

  setSite(s: number, lines: number, ports: number, now: number): void {
    this.linesInUse[s].update(now, lines);
    this.portsInUse[s].update(now, ports);
  }

  /** Outage `o` began at `now`, in measured interval `interval`: counted at its site, which is down from now on (unless it takes nothing down). */
  outageBegan(o: number, interval: number, now: number): void {
    const outage = this.model.outages[o];
    if (!takesSomethingDown(outage)) return;
    const s = outage.site;
    if (interval >= 0) this.siteCells[(interval * this.siteCount + s) * FIELD_COUNT + F.outages]++;
    this.siteDown[s].update(now, 1);
    this.outagesInEffect[s]++;
  }

  outageEnded(o: number, now: number): void {
    const outage = this.model.outages[o];
    if (!takesSomethingDown(outage)) return;
    const s = outage.site;
    this.outagesInEffect[s]--;
    this.siteDown[s].update(now, this.outagesInEffect[s] > 0 ? 1 : 0);
  }

  /**
   * Closes the running interval at `now` into its cells and opens `next`
   * (−1: none). The queue lengths at the boundary are the closing
   * interval's backlog, and open the new interval's maxima.
   */
  boundary(now: number, next: number): void {
    const k = this.current;
    if (k >= 0) {
      for (let g = 0; g < this.groupCount; g++) {
        const j = (k * this.groupCount + g) * FIELD_COUNT;
        this.groupCells[j + F.busyTime] = this.groupBusy[g].close(now);
        this.groupCells[j + F.staffedTime] = this.groupPresent[g].close(now);
      }
      for (let t = 0; t < this.typeCount; t++) {
        const i = (k * this.typeCount + t) * FIELD_COUNT;
        const queue = this.queueLength[t];
        this.typeCells[i + F.queueMax] = queue.max;
        this.typeCells[i + F.queueArea] = queue.close(now);
        this.typeCells[i + F.backlog] = queue.value;
      }
      this.allQueueMax[k] = this.allQueue.max;
      this.allQueueArea[k] = this.allQueue.close(now);
      for (let s = 0; s < this.siteCount; s++) {
        const i = (k * this.siteCount + s) * FIELD_COUNT;
        this.siteCells[i + F.lineTime] = this.linesInUse[s].close(now);
        this.siteCells[i + F.portTime] = this.portsInUse[s].close(now);
        this.siteCells[i + F.downTime] = this.siteDown[s].close(now);
      }
    } else {
      for (const collector of [
        ...this.groupBusy,
        ...this.groupPresent,
        ...this.queueLength,
        this.allQueue,
        ...this.linesInUse,
        ...this.portsInUse,
        ...this.siteDown,
      ])
        collector.restart(now);
    }
    this.current = next;
  }
}

/** False for an outage of scope agents with fraction 0: it takes nothing down (no count, downtime or recovery). */
export function takesSomethingDown(outage: CompiledOutage): boolean {
  return !(outage.scope === OutageScope.agents && outage.fraction === 0);
}

/** Per queue, the index of its tier view: queues of call types with several tiers, in queue order. */
export function tierViewsOf(model: CompiledScenario): Int32Array {
  let next = 0;
  return Int32Array.from(model.queues, (q) => (model.callTypes[q.callType].tiers.length > 1 ? next++ : -1));
}
