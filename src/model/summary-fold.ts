/**
 * Folds a replication's raw tallies (engine/recorder.ts) into the records
 * of its summary (summary-layout.ts): per measured interval, each view and
 * the "all" view of each interval; the whole horizon; outage phases with
 * the time to recover; and the whole-horizon wait distributions. Runs once
 * per replication, after the simulation.
 */
import { Histogram } from '../kernel/histogram.js';
import { Field, FIELD_COUNT, WAIT_PERCENTILES } from './kpis.js';
import type { CompiledScenario } from './scenario/compile.js';
import { DEFAULT_SERVICE_LEVEL_TARGET, intervalLength } from './scenario/compile.js';
import type { SummaryLayout, ViewRef } from './summary-layout.js';
import type { CellKind, Tallies } from './engine/recorder.js';
import { WAIT_BINS, takesSomethingDown } from './engine/recorder.js';
import { WAIT_BIN_COUNT } from './wait-distribution.js';

const F = Field;
const PERCENTILE_PS = WAIT_PERCENTILES.map((w) => w.p);

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
const FIELDS_TO_ALL: Readonly<Record<CellKind, readonly number[]>> = {
  callType: CALL_FIELDS,
  tier: [],
  agentGroup: GROUP_FIELDS,
  entryPoint: ENTRY_FIELDS,
  site: SITE_FIELDS,
};

/** The summary records of a replication's tallies. */
export function summarize(model: CompiledScenario, tallies: Tallies, layout: SummaryLayout): Float64Array {
  return new SummaryFold(model, tallies).summarize(layout);
}

class SummaryFold {
  /** The quantiles of one histogram, reused for every record of the fold. */
  private readonly quantiles = new Float64Array(PERCENTILE_PS.length);

  constructor(
    private readonly model: CompiledScenario,
    private readonly tallies: Tallies,
  ) {}

  /** The summary records of the tallies, in `layout`. */
  summarize(layout: SummaryLayout): Float64Array {
    const out = new Float64Array(layout.length);
    const { clock } = this.model;
    const I = clock.intervalCount;
    const T = this.tallies.counts.callType;
    const all: ViewRef = { kind: 'all', index: 0 };
    const totalWaits = new Histogram(WAIT_BINS);
    const typeWaits = Array.from({ length: T }, () => new Histogram(WAIT_BINS));
    const intervalWaits = new Histogram(WAIT_BINS);

    for (let i = 0; i < I; i++) {
      const length = intervalLength(clock, i);
      const intervalAll = layout.offset(i, all);
      intervalWaits.reset();
      for (const kind of ['callType', 'tier', 'agentGroup', 'entryPoint', 'site'] as const) {
        const cells = this.tallies.cells[kind];
        const toAll = FIELDS_TO_ALL[kind];
        for (let x = 0; x < this.tallies.counts[kind]; x++) {
          const cell = (i * this.tallies.counts[kind] + x) * FIELD_COUNT;
          const rec = layout.offset(i, { kind, index: x });
          for (let f = 0; f < FIELD_COUNT; f++) out[rec + f] = cells[cell + f];
          out[rec + F.duration] = length;
          for (const f of toAll) out[intervalAll + f] += cells[cell + f];
          if (kind === 'agentGroup') this.addCosts(out, rec, intervalAll, x);
          if (kind === 'site') this.addSiteCapacity(out, rec, intervalAll, x, length);
          if (kind === 'callType') {
            const waits = this.tallies.waits[i * T + x];
            this.writePercentiles(out, rec, waits);
            intervalWaits.merge(waits);
            typeWaits[x].merge(waits);
          } else {
            clearPercentiles(out, rec);
          }
        }
      }
      out[intervalAll + F.queueArea] = this.tallies.allQueueArea[i];
      out[intervalAll + F.queueMax] = this.tallies.allQueueMax[i];
      out[intervalAll + F.duration] = length;
      this.writePercentiles(out, intervalAll, intervalWaits);
      totalWaits.merge(intervalWaits);
    }

    // Whole horizon: every interval; percentiles come from the merged histograms.
    sumIntervals(out, layout, -1, 0, I - 1);
    this.writePercentiles(out, layout.offset(-1, all), totalWaits);
    this.summarizePhases(out, layout);
    out.set(this.tallies.answeredWaitBins, layout.waitSectionOffset);
    out.set(this.tallies.abandonedWaitBins, layout.waitSectionOffset + WAIT_BIN_COUNT);
    for (let t = 0; t < T; t++)
      this.writePercentiles(out, layout.offset(-1, { kind: 'callType', index: t }), typeWaits[t]);
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

  /** The wait percentiles of `waits` into the record at `at`. */
  private writePercentiles(out: Float64Array, at: number, waits: Histogram): void {
    waits.quantiles(PERCENTILE_PS, this.quantiles);
    for (let k = 0; k < WAIT_PERCENTILES.length; k++) out[at + WAIT_PERCENTILES[k].field] = this.quantiles[k];
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

function clearPercentiles(out: Float64Array, at: number): void {
  for (const { field } of WAIT_PERCENTILES) out[at + field] = NaN;
}
