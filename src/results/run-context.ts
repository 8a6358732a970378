/**
 * What the run and compare reports need beyond a RunResult: a few facts of
 * the scenario it came from (its text, clock, targets and structure) and
 * the closed-form staffing requirement at the load it saw. Computed from
 * the compiled scenario in src/planning/run-context.ts, so that the report
 * layer needs neither a compiled scenario nor src/analytic.
 */
import type { RunResult } from '../experiment/run-result.js';
import type { Clock } from '../model/scenario/index.js';

/** A scheduled outage (one with a start; random ones are not drawn), in simulation time. */
export interface ScheduledOutage {
  /** The site's name. */
  readonly site: string;
  readonly at: number;
  /** Null when the outage has no duration. */
  readonly duration: number | null;
  readonly detectionDelay: number;
}

export interface ScenarioFacts {
  readonly name: string;
  /** The scenario's text as run. */
  readonly text: string;
  readonly clock: Clock;
  /** The service-level definition: T in seconds, and the scenario's target (the default when it sets none). */
  readonly serviceLevel: { readonly threshold: number; readonly target: number };
  /** Site names, in the scenario's order. */
  readonly sites: readonly string[];
  readonly callTypes: number;
  /** Some call type is chat or e-mail (which have no Erlang model). */
  readonly nonVoice: boolean;
  /** Some call type has a patience (so Erlang A differs from Erlang C). */
  readonly withPatience: boolean;
  readonly entryPoints: number;
  readonly scheduledOutages: readonly ScheduledOutage[];
}

/** The closed-form staffing requirement of one KPI interval (see src/planning/erlang-requirement.ts). */
export interface IntervalRequirement {
  readonly interval: number;
  /** Agents by Erlang C, summed over voice call types; null when the load is unstaffable. */
  readonly erlangC: number | null;
  /** Agents by Erlang A (patience as an exponential of the same mean); equals Erlang C without patience. */
  readonly erlangA: number | null;
}

/** A run as its report reads it. */
export interface ReportedRun {
  readonly result: RunResult;
  readonly scenario: ScenarioFacts;
  /** Per KPI interval, in the order of `result.byInterval`. */
  readonly requirement: readonly IntervalRequirement[];
}
