/**
 * Compiling the network of a scenario: its sites, how arrivals are spread
 * over them, and the outages with the KPI phases of the scheduled ones.
 */
import { fromSpec } from '../../kernel/distributions.js';
import { simTimeOf } from './arrival-rates.js';
import type { Clock, CompiledOutage, CompiledRouting, CompiledSite, Phase } from './compiled-model.js';
import { OutageScope, RoutingPolicy } from './compiled-model.js';
import { mustGet } from './name-index.js';
import type { Scenario } from './schema/index.js';

export function compileSites(s: Scenario): CompiledSite[] {
  return s.sites.map((x, index) => ({
    index,
    name: x.name,
    lines: x.lines ?? Infinity,
    ivrPorts: x.ivrPorts ?? Infinity,
    costPerLineHour: x.costPerLineHour,
  }));
}

/** The network's routing, or a call type's own: per-site shares normalised to sum to 1. */
export function compileRouting(r: Scenario['routing'], sites: readonly CompiledSite[]): CompiledRouting {
  const policy = RoutingPolicy[r?.policy ?? 'mostIdle'];
  // A Map, not the object: a site may be called "constructor".
  const given = new Map(Object.entries(r?.shares ?? {}));
  const raw = sites.map((site) => given.get(site.name) ?? (policy === RoutingPolicy.shares ? 0 : 1));
  const total = raw.reduce((a, b) => a + b, 0);
  return {
    policy,
    shares: raw.map((x) => (total > 0 ? x / total : 1 / sites.length)),
    overflowAfter: r?.overflowAfter ?? Infinity,
  };
}

export function compileOutages(
  s: Scenario,
  clock: Clock,
  siteIndex: ReadonlyMap<string, number>,
): CompiledOutage[] {
  // A scheduled outage that began before the simulation (time 0) is cut to what remains of it.
  const startOf = (at: number | undefined) => (at === undefined ? null : simTimeOf(clock, at));
  return s.outages.map((o, index) => ({
    index,
    site: mustGet(siteIndex, o.site),
    at: o.at === undefined ? null : Math.max(0, simTimeOf(clock, o.at)),
    duration: o.duration === undefined ? null : Math.max(0, o.duration + Math.min(0, startOf(o.at) ?? 0)),
    mtbf: o.mtbf === undefined ? null : fromSpec(o.mtbf),
    mttr: o.mttr === undefined ? null : fromSpec(o.mttr),
    detectionDelay: o.detectionDelay,
    scope: OutageScope[o.scope],
    fraction: o.scope === 'agents' ? o.fraction : 1,
    restore:
      o.restore === undefined
        ? null
        : { fraction: o.restore.fraction, to: mustGet(siteIndex, o.restore.to), after: o.restore.after },
  }));
}

/** Before, during and after each scheduled outage, as whole KPI intervals (see Phase). */
export function outagePhases(outages: readonly CompiledOutage[], clock: Clock): Phase[] {
  const I = clock.intervalCount;
  return outages.flatMap((o) => {
    if (o.at === null || o.duration === null || o.duration === 0) return [];
    const start = o.at - clock.measureStart;
    const end = start + o.duration;
    // During: the intervals overlapping [start, end), clamped to the horizon.
    let first = Math.floor(start / clock.intervalLength);
    let last = Math.ceil(end / clock.intervalLength) - 1;
    first = Math.min(Math.max(first, 0), I);
    last = Math.min(Math.max(last, first - 1), I - 1);
    return [
      { outage: o.index, name: 'before' as const, first: 0, last: first - 1 },
      { outage: o.index, name: 'during' as const, first, last },
      { outage: o.index, name: 'after' as const, first: last + 1, last: I - 1 },
    ];
  });
}
