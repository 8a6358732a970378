/**
 * Records what happens during a replication as raw tallies per measured
 * interval and per call type, agent group, entry point and site, then folds
 * them into the views of a summary (see summary-layout.ts).
 *
 * Calls are counted in the interval of their arrival at the center,
 * whenever they end. Time-weighted quantities (agents busy and on duty,
 * calls waiting, lines and ports in use) are integrated over [start, end)
 * of each interval; the model reports every change, and the
 * interval-boundary event closes one interval and opens the next. Tallies
 * live in packed arrays of numbers (see columns.ts).
 */
import { BinLayout, Histogram } from '../../kernel/histogram.js';
import { WAIT_BIN_COUNT, waitBinOf } from '../wait-distribution.js';
import { Field, FIELD_COUNT, WAIT_PERCENTILES } from '../kpis.js';
import type { CompiledOutage, CompiledScenario } from '../scenario/compile.js';
import { DEFAULT_SERVICE_LEVEL_TARGET, OutageScope, intervalLength } from '../scenario/compile.js';
import type { SummaryLayout, ViewRef } from '../summary-layout.js';
import { doubles, integers } from './columns.js';

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

/** Fields the "all" view takes from each kind of cell (so nothing is counted twice). */
const CALL_FIELDS = [
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
  F.acwTime,
  F.unfinished,
  F.uniqueCallers,
  F.redials,
  F.repeatCalls,
  F.completed,
  F.completedWithinDue,
  F.backlog,
  F.failed,
  F.dropped,
];
const ENTRY_FIELDS = [
  F.failed,
  F.dropped,
  F.ivrOffered,
  F.ivrBlocked,
  F.ivrSelfServed,
  F.ivrHangups,
  F.ivrTransferred,
  F.uniqueCallers,
  F.redials,
];
const GROUP_FIELDS = [F.busyTime, F.staffedTime, F.cost];
const SITE_FIELDS = [F.lineTime, F.lineCapacity, F.portTime, F.portCapacity, F.cost, F.outages, F.downTime];

/** What the "all" view takes from each kind of cell (tiers repeat their call types, so nothing). */
const FIELDS_TO_ALL: Readonly<
  Record<'callType' | 'tier' | 'agentGroup' | 'entryPoint' | 'site', readonly number[]>
> = {
  callType: CALL_FIELDS,
  tier: [],
  agentGroup: GROUP_FIELDS,
  entryPoint: ENTRY_FIELDS,
  site: SITE_FIELDS,
};

type CellKind = 'callType' | 'tier' | 'agentGroup' | 'entryPoint' | 'site';

export class Recorder {
  /** The measured interval now running, or −1 outside the measured window. */
  current = -1;
  private readonly cells: Record<CellKind, number[]>;
  private readonly counts: Record<CellKind, number>;
  private readonly allQueueArea: number[];
  private readonly allQueueMax: number[];
  private readonly waits: Histogram[];
  /** Whole-horizon wait distributions for reports (model/wait-distribution.ts). */
  private readonly answeredWaitBins = new Float64Array(WAIT_BIN_COUNT);
  private readonly abandonedWaitBins = new Float64Array(WAIT_BIN_COUNT);

  // Time-weighted state: when each quantity last changed, and its value.
  private readonly groupChanged: number[];
  private readonly groupBusy: number[];
  private readonly groupPresent: number[];
  private readonly queueChanged: number[];
  private readonly queueLength: number[];
  private allQueueChanged = 0;
  private allQueueLength = 0;
  private readonly siteChanged: number[];
  private readonly linesInUse: number[];
  private readonly portsInUse: number[];
  /** Per site: outages in effect now, and when that last changed (downtime). */
  private readonly outagesInEffect: number[];
  private readonly downChanged: number[];

  private readonly threshold: number;
  private readonly shortAbandon: number;
  // The clock, unpacked for intervalOf.
  private readonly measureStart: number;
  private readonly measureEnd: number;
  private readonly intervalLength: number;
  private readonly lastInterval: number;
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
    this.measureStart = model.clock.measureStart;
    this.measureEnd = model.clock.measureEnd;
    this.intervalLength = model.clock.intervalLength;
    this.lastInterval = intervals - 1;
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
    const G = this.counts.agentGroup;
    this.groupChanged = doubles(G);
    this.groupBusy = doubles(G);
    this.groupPresent = integers(G);
    this.queueChanged = doubles(this.counts.callType);
    this.queueLength = integers(this.counts.callType);
    this.siteChanged = doubles(this.counts.site);
    this.linesInUse = integers(this.counts.site);
    this.portsInUse = integers(this.counts.site);
    this.outagesInEffect = integers(this.counts.site);
    this.downChanged = doubles(this.counts.site);
  }

  /** Measured interval of simulation time `t`, or −1 outside the measured window. */
  intervalOf(t: number): number {
    if (t < this.measureStart || t >= this.measureEnd) return -1;
    return Math.min(this.lastInterval, Math.floor((t - this.measureStart) / this.intervalLength));
  }

  private at(kind: CellKind, interval: number, index: number): number {
    return (interval * this.counts[kind] + index) * FIELD_COUNT;
  }

  /** Adds one to a field of a call type's cell (and its tier's and site's), if the interval is measured. */
  countCall(interval: number, type: number, queue: number, site: number, field: number): void {
    if (interval < 0) return;
    this.typeCells[(interval * this.typeCount + type) * FIELD_COUNT + field]++;
    this.siteCells[(interval * this.siteCount + site) * FIELD_COUNT + field]++;
    const tier = this.tierOfQueue[queue];
    if (tier >= 0) this.tierCells[(interval * this.tierCount + tier) * FIELD_COUNT + field]++;
  }

  /** Counts an offered call at its call type (and tier): `offered`, and `how` it came (see ATTEMPT_FIELD). */
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

  /** Adds one to a field of a site's cell, if the interval is measured. */
  countSite(interval: number, site: number, field: number): void {
    if (interval >= 0) this.siteCells[(interval * this.siteCount + site) * FIELD_COUNT + field]++;
  }

  /** Adds one to a field of an entry point's cell, if the interval is measured. */
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

  /** Work on a contact ended; `due` is its due time (null: none) and `sojourn` the time since arrival. */
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

  // ------------------------------------------------------------ time-weighted

  /** From `now` on, group `g` has `busy` agents' worth of work and `present` agents on duty. */
  setGroup(g: number, busy: number, present: number, now: number): void {
    if (this.current >= 0) {
      const j = (this.current * this.groupCount + g) * FIELD_COUNT;
      const dt = now - this.groupChanged[g];
      this.groupCells[j + F.busyTime] += this.groupBusy[g] * dt;
      this.groupCells[j + F.staffedTime] += this.groupPresent[g] * dt;
    }
    this.groupChanged[g] = now;
    this.groupBusy[g] = busy;
    this.groupPresent[g] = present;
  }

  /** From `now` on, `length` calls of call type `type` wait. */
  setQueueLength(type: number, length: number, now: number): void {
    const current = this.current;
    if (current >= 0) {
      const i = (current * this.typeCount + type) * FIELD_COUNT;
      const t = this.typeCells;
      t[i + F.queueArea] += this.queueLength[type] * (now - this.queueChanged[type]);
      if (length > t[i + F.queueMax]) t[i + F.queueMax] = length;
      this.allQueueArea[current] += this.allQueueLength * (now - this.allQueueChanged);
    }
    this.queueChanged[type] = now;
    this.allQueueChanged = now;
    this.allQueueLength += length - this.queueLength[type];
    this.queueLength[type] = length;
    if (current >= 0 && this.allQueueLength > this.allQueueMax[current])
      this.allQueueMax[current] = this.allQueueLength;
  }

  /** From `now` on, site `s` has `lines` lines and `ports` IVR ports in use. */
  setSite(s: number, lines: number, ports: number, now: number): void {
    if (this.current >= 0) {
      const k = (this.current * this.siteCount + s) * FIELD_COUNT;
      const dt = now - this.siteChanged[s];
      this.siteCells[k + F.lineTime] += this.linesInUse[s] * dt;
      this.siteCells[k + F.portTime] += this.portsInUse[s] * dt;
    }
    this.siteChanged[s] = now;
    this.linesInUse[s] = lines;
    this.portsInUse[s] = ports;
  }

  /** Outage `o` began at `now`: counted at its site, which is down from now on (unless it takes nothing down). */
  outageBegan(o: number, now: number): void {
    const outage = this.model.outages[o];
    if (!takesSomethingDown(outage)) return;
    this.countSite(this.intervalOf(now), outage.site, F.outages);
    this.addDownTime(outage.site, now);
    this.outagesInEffect[outage.site]++;
  }

  /** Outage `o` ended at `now`. */
  outageEnded(o: number, now: number): void {
    const outage = this.model.outages[o];
    if (!takesSomethingDown(outage)) return;
    this.addDownTime(outage.site, now);
    this.outagesInEffect[outage.site]--;
  }

  /** Adds the time since the last change during which site `s` was down to the running interval. */
  private addDownTime(s: number, now: number): void {
    if (this.current >= 0 && this.outagesInEffect[s] > 0)
      this.siteCells[(this.current * this.siteCount + s) * FIELD_COUNT + F.downTime] +=
        now - this.downChanged[s];
    this.downChanged[s] = now;
  }

  /**
   * Closes the running interval at `now` and opens `next` (−1: none). The
   * queue lengths at the boundary are the closing interval's backlog, and
   * open the new interval's maxima.
   */
  boundary(now: number, next: number): void {
    for (let g = 0; g < this.counts.agentGroup; g++)
      this.setGroup(g, this.groupBusy[g], this.groupPresent[g], now);
    for (let t = 0; t < this.counts.callType; t++) this.setQueueLength(t, this.queueLength[t], now);
    for (let s = 0; s < this.counts.site; s++) {
      this.setSite(s, this.linesInUse[s], this.portsInUse[s], now);
      this.addDownTime(s, now);
    }
    if (this.current >= 0) {
      for (let t = 0; t < this.counts.callType; t++) {
        this.cells.callType[this.at('callType', this.current, t) + F.backlog] = this.queueLength[t];
      }
    }
    this.current = next;
    if (next >= 0) {
      for (let t = 0; t < this.counts.callType; t++) {
        this.cells.callType[this.at('callType', next, t) + F.queueMax] = this.queueLength[t];
      }
      this.allQueueMax[next] = this.allQueueLength;
    }
  }

  // ------------------------------------------------------------ summary

  /** Folds the tallies into the views of a summary. */
  summarize(layout: SummaryLayout): Float64Array {
    const out = new Float64Array(layout.length);
    const { clock } = this.model;
    const I = clock.intervalCount;
    const T = this.counts.callType;
    const all: ViewRef = { kind: 'all', index: 0 };
    const totalWaits = new Histogram(WAIT_BINS);
    const typeWaits = Array.from({ length: T }, () => new Histogram(WAIT_BINS));
    const intervalWaits = new Histogram(WAIT_BINS);

    for (let i = 0; i < I; i++) {
      const length = intervalLength(clock, i);
      const intervalAll = layout.offset(i, all);
      intervalWaits.reset();
      for (const kind of ['callType', 'tier', 'agentGroup', 'entryPoint', 'site'] as const) {
        const cells = this.cells[kind];
        const toAll = FIELDS_TO_ALL[kind];
        for (let x = 0; x < this.counts[kind]; x++) {
          const cell = this.at(kind, i, x);
          const rec = layout.offset(i, { kind, index: x });
          for (let f = 0; f < FIELD_COUNT; f++) out[rec + f] = cells[cell + f];
          out[rec + F.duration] = length;
          for (const f of toAll) out[intervalAll + f] += cells[cell + f];
          if (kind === 'agentGroup') this.addCosts(out, rec, intervalAll, x);
          if (kind === 'site') this.addSiteCapacity(out, rec, intervalAll, x, length);
          if (kind === 'callType') {
            const waits = this.waits[i * T + x];
            writePercentiles(out, rec, waits);
            intervalWaits.merge(waits);
            typeWaits[x].merge(waits);
          } else {
            clearPercentiles(out, rec);
          }
        }
      }
      out[intervalAll + F.queueArea] = this.allQueueArea[i];
      out[intervalAll + F.queueMax] = this.allQueueMax[i];
      out[intervalAll + F.duration] = length;
      writePercentiles(out, intervalAll, intervalWaits);
      totalWaits.merge(intervalWaits);
    }

    // Whole horizon: every interval; percentiles come from the merged histograms.
    sumIntervals(out, layout, -1, 0, I - 1);
    writePercentiles(out, layout.offset(-1, all), totalWaits);
    this.summarizePhases(out, layout);
    out.set(this.answeredWaitBins, layout.waitSectionOffset);
    out.set(this.abandonedWaitBins, layout.waitSectionOffset + WAIT_BIN_COUNT);
    for (let t = 0; t < T; t++)
      writePercentiles(out, layout.offset(-1, { kind: 'callType', index: t }), typeWaits[t]);
    return out;
  }

  /**
   * Outage phases: each view's sum over the phase's intervals (maxima are
   * maxima, the backlog is the last interval's, no percentiles), and the
   * time to recover of each outage in its "during" record of all calls: from
   * the outage start to the end of the first run of intervals below the
   * service-level target that starts during the outage (0 if none does).
   * An outage that takes nothing down has no time to recover (NaN): a dip
   * in its window is not a recovery from anything (ccsim dr's baseline is
   * such an outage).
   */
  private summarizePhases(out: Float64Array, layout: SummaryLayout): void {
    const { phases, clock, outages } = this.model;
    const per = layout.viewsPerPeriod;
    for (let r = 0; r < layout.recordCount; r++) out[r * FIELD_COUNT + F.recovery] = NaN;
    phases.forEach((phase, p) => {
      const period = layout.phase(p);
      sumIntervals(out, layout, period, phase.first, phase.last);
      if (phase.name !== 'during' || !takesSomethingDown(outages[phase.outage])) return;
      const start = (outages[phase.outage].at ?? 0) - clock.measureStart;
      // Recovery is judged up to the next scheduled outage's start (or the end of the horizon).
      const next = phases.find((q) => q.name === 'during' && q.first > phase.first);
      const limit = next === undefined ? clock.intervalCount : next.first;
      const target = this.model.serviceLevel.target ?? DEFAULT_SERVICE_LEVEL_TARGET;
      const below = (k: number) => {
        const rec = (k + 1) * per * FIELD_COUNT;
        const base = out[rec + F.offered] - out[rec + F.blocked] - out[rec + F.shortAbandoned];
        return base > 0 && out[rec + F.answeredWithinThreshold] / base < target;
      };
      // The first run of intervals below target that starts during the outage; recovered when it ends.
      let first = -1;
      for (let k = phase.first; k <= phase.last && first < 0; k++) if (below(k)) first = k;
      let end = first;
      while (end >= 0 && end + 1 < limit && below(end + 1)) end++;
      const recovered = first < 0 ? 0 : Math.min(clock.horizon, (end + 1) * clock.intervalLength) - start;
      out[(period + 1) * per * FIELD_COUNT + F.recovery] = Math.max(0, recovered);
    });
  }

  /** Agent cost of a group's interval: agent-hours on duty × cost per hour. */
  private addCosts(out: Float64Array, rec: number, allRec: number, group: number): void {
    const cost = (out[rec + F.staffedTime] / 3600) * this.model.agentGroups[group].costPerHour;
    out[rec + F.cost] = cost;
    out[allRec + F.cost] += cost;
  }

  /** Line and port capacity of a site's interval, and the cost of its lines. */
  private addSiteCapacity(
    out: Float64Array,
    rec: number,
    allRec: number,
    site: number,
    length: number,
  ): void {
    const s = this.model.sites[site];
    const lineCapacity = Number.isFinite(s.lines) ? s.lines * length : 0;
    const portCapacity = Number.isFinite(s.ivrPorts) ? s.ivrPorts * length : 0;
    const cost = (lineCapacity / 3600) * s.costPerLineHour;
    out[rec + F.siteTime] = length;
    out[allRec + F.siteTime] += length;
    out[rec + F.lineCapacity] = lineCapacity;
    out[rec + F.portCapacity] = portCapacity;
    out[rec + F.cost] = cost;
    out[allRec + F.lineCapacity] += lineCapacity;
    out[allRec + F.portCapacity] += portCapacity;
    out[allRec + F.cost] += cost;
  }
}

/**
 * Each view's record of `period` (−1: the whole horizon; a phase) as the sum
 * of its records in intervals first..last: maxima are maxima, the backlog is
 * the last interval's, percentiles are cleared (the caller merges
 * histograms where it has them) and the recovery time is not summed.
 */
function sumIntervals(
  out: Float64Array,
  layout: SummaryLayout,
  period: number,
  first: number,
  last: number,
): void {
  for (let v = 0; v < layout.viewsPerPeriod; v++) {
    const into = ((period + 1) * layout.viewsPerPeriod + v) * FIELD_COUNT;
    for (let i = first; i <= last; i++) {
      const rec = ((i + 1) * layout.viewsPerPeriod + v) * FIELD_COUNT;
      for (let f = 0; f < F.waitP50; f++) {
        if (f === F.queueMax) out[into + f] = Math.max(out[into + f], out[rec + f]);
        else if (f === F.backlog) out[into + f] = out[rec + f];
        else if (f !== F.recovery) out[into + f] += out[rec + f];
      }
    }
    clearPercentiles(out, into);
  }
}

const percentileScratch = new Float64Array(WAIT_PERCENTILES.length);

function writePercentiles(out: Float64Array, at: number, waits: Histogram): void {
  waits.quantiles(PERCENTILE_PS, percentileScratch);
  for (let k = 0; k < WAIT_PERCENTILES.length; k++)
    out[at + WAIT_PERCENTILES[k].field] = percentileScratch[k];
}

function clearPercentiles(out: Float64Array, at: number): void {
  for (const { field } of WAIT_PERCENTILES) out[at + field] = NaN;
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
