/**
 * The scenario variants a DR analysis runs: the scenario as written with its
 * own outages replaced by one injected failure (or the baseline's null
 * outage), plus extra agents and lines per site while sizing.
 */
import type { LoadedScenario, CompiledScenario } from '../model/scenario/index.js';
import { formatClockTime } from '../model/scenario/index.js';
import type { DrRestore } from '../results/dr.js';
import type { BaseScenario, Json } from './scenario-variant.js';
import { compileVariant } from './scenario-variant.js';

/** The scenario as written and validated (its own outages are replaced in every variant). */
export type Base = BaseScenario;

/** What a run changes in the scenario. */
export interface Variant {
  /** The failed site (scope full), 'null' for the baseline's null outage. */
  readonly fail: string | 'null';
  readonly at: number;
  readonly duration: number;
  readonly detection: number;
  /** The failed site's restore plan (none for the baseline). */
  readonly restore?: DrRestore | null;
  /** Extra agents and lines per site (by index). */
  readonly agents?: readonly number[];
  readonly lines?: readonly number[];
  /** Service level definition for the run (sizing: the DR target's threshold). */
  readonly serviceLevel?: { readonly threshold: number; readonly target: number };
}

/** Extra agents of a site spread over its groups in proportion to their size (largest remainders; ties to the first). */
export function spreadOverGroups(extra: number, sizes: readonly number[]): number[] {
  const out = sizes.map(() => 0);
  if (extra <= 0 || sizes.length === 0) return out;
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= 0) {
    out[0] = extra;
    return out;
  }
  const exact = sizes.map((s) => (extra * s) / total);
  let given = 0;
  exact.forEach((x, i) => {
    out[i] = Math.floor(x);
    given += out[i];
  });
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; given < extra; k++, given++) out[order[k % order.length].i]++;
  return out;
}

/** A group's size: its agents; the most agents of any interval; or the agents of all its shifts. */
function groupSize(g: LoadedScenario['scenario']['agentGroups'][number]): number {
  if (g.agents !== undefined) return g.agents;
  if (g.perInterval !== undefined) return Math.max(0, ...g.perInterval);
  return (g.shifts ?? []).reduce((sum, s) => sum + s.count, 0);
}

export interface SiteInfo {
  readonly name: string;
  /** Indices of its agent groups. */
  readonly groups: readonly number[];
  readonly groupSizes: readonly number[];
  readonly agents: number;
  /** Null when unlimited. */
  readonly lines: number | null;
  readonly costPerLineHour: number;
}

export function sitesOf(base: Base): SiteInfo[] {
  const s = base.loaded.scenario;
  return s.sites.map((site) => {
    const groups: number[] = [];
    s.agentGroups.forEach((g, i) => {
      if ((g.site ?? s.sites[0].name) === site.name) groups.push(i);
    });
    const groupSizes = groups.map((g) => groupSize(s.agentGroups[g]));
    return {
      name: site.name,
      groups,
      groupSizes,
      agents: groupSizes.reduce((a, b) => a + b, 0),
      lines: site.lines ?? null,
      costPerLineHour: site.costPerLineHour,
    };
  });
}

/** The scenario input of a variant: its one outage, extra agents and lines, service level. */
export function variantInput(base: Base, sites: readonly SiteInfo[], v: Variant): Json {
  const input = structuredClone(base.input) as Json;
  const scenario = base.loaded.scenario;
  const at = formatClockTime(v.at);
  input.outages = [
    v.fail === 'null'
      ? { site: sites[0].name, at, duration: v.duration, scope: 'agents', fraction: 0 }
      : {
          site: v.fail,
          at,
          duration: v.duration,
          detectionDelay: v.detection,
          scope: 'full',
          ...(v.restore == null ? {} : { restore: { ...v.restore } }),
        },
  ];
  const groups = input.agentGroups as Json[];
  sites.forEach((site, s) => {
    const extra = v.agents?.[s] ?? 0;
    const perGroup = spreadOverGroups(extra, site.groupSizes);
    site.groups.forEach((g, k) => {
      const add = perGroup[k];
      if (add === 0) return;
      const raw = groups[g];
      const spec = scenario.agentGroups[g];
      if (spec.agents !== undefined) raw.agents = spec.agents + add;
      else if (spec.perInterval !== undefined) raw.perInterval = spec.perInterval.map((n) => n + add);
      else {
        // A shift covering the warm-up and the horizon.
        const from = Math.max(0, scenario.start - scenario.warmup);
        const shift = {
          start: formatClockTime(from),
          length: scenario.start + scenario.horizon - from,
          count: add,
        };
        raw.shifts = [...((raw.shifts as unknown[] | undefined) ?? []), shift];
      }
    });
    const lines = v.lines?.[s] ?? 0;
    if (lines > 0 && site.lines !== null) {
      const rawSites = input.sites as Json[];
      rawSites[s].lines = site.lines + lines;
    }
  });
  if (v.serviceLevel !== undefined) {
    const raw = (input.serviceLevel ?? {}) as Json;
    input.serviceLevel = { ...raw, threshold: v.serviceLevel.threshold, target: v.serviceLevel.target };
  }
  return input;
}

export function compileDrVariant(base: Base, sites: readonly SiteInfo[], v: Variant): CompiledScenario {
  return compileVariant(base, variantInput(base, sites, v), JSON.stringify({ dr: v }));
}
