/**
 * Who is on duty: each group's schedule (shifts, breaks and per-interval
 * counts, compiled into change times and counts), times the fraction an
 * outage left it, and the site it works at (its own, or a recovery site
 * while its own is down). The replication puts the target on duty.
 */
import type { CompiledScenario } from '../scenario/compile.js';
import { doublesOf, integers, integersOf } from './columns.js';

export class Staffing {
  /** Per group: the site it works at now. */
  readonly groupSite: number[];
  /** Per group: fraction of its scheduled agents on duty (outages), and its schedule's count now. */
  private readonly rosterFactor: number[];
  private readonly scheduledCount: number[];
  private readonly scheduleStep: number[];
  /** Per site: the groups whose home it is. */
  private readonly groupsAt: number[][];

  constructor(private readonly model: CompiledScenario) {
    const groups = model.agentGroups;
    this.groupSite = integersOf(groups, (g) => g.site);
    this.rosterFactor = doublesOf(groups, () => 1);
    this.scheduledCount = integers(groups.length);
    this.scheduleStep = integers(groups.length);
    this.groupsAt = model.sites.map((_, s) => groups.flatMap((g, index) => (g.site === s ? [index] : [])));
  }

  /** Takes group g's schedule step due now; returns when its next step is due (NaN: none). */
  step(g: number): number {
    const schedule = this.model.agentGroups[g].schedule;
    const step = this.scheduleStep[g];
    this.scheduledCount[g] = schedule.counts[step];
    if (step + 1 >= schedule.times.length) return NaN;
    this.scheduleStep[g] = step + 1;
    return schedule.times[step + 1];
  }

  /** Agents group g should have on duty now. */
  target(g: number): number {
    return Math.round(this.scheduledCount[g] * this.rosterFactor[g]);
  }

  /** An outage at `site` leaves its groups `1 − lost` of their agents; returns those groups. */
  lose(site: number, lost: number): readonly number[] {
    const groups = this.groupsAt[site];
    for (const g of groups) this.rosterFactor[g] = 1 - lost;
    return groups;
  }

  /** `fraction` of the failed site's agents resume work at site `to`; returns those groups. */
  relocate(site: number, to: number, fraction: number): readonly number[] {
    const groups = this.groupsAt[site];
    for (const g of groups) {
      this.groupSite[g] = to;
      this.rosterFactor[g] = fraction;
    }
    return groups;
  }

  /** The site is back: its groups work there again, all of them; returns those groups. */
  restore(site: number): readonly number[] {
    const groups = this.groupsAt[site];
    for (const g of groups) {
      this.groupSite[g] = site;
      this.rosterFactor[g] = 1;
    }
    return groups;
  }
}
