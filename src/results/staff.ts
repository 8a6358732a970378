/**
 * The shape of a staffing plan (`ccsim staff`): computed by
 * src/planning/staff.ts, read by src/report/staff-report.ts and by `ccsim
 * shifts` (as plan.json).
 */
import type { KpiEstimates } from '../experiment/aggregate.js';

export interface StaffTargets {
  /** Required service level X (0..1) within `threshold` seconds. */
  readonly serviceLevel: number;
  readonly threshold: number;
  readonly maxAbandonRate?: number;
  readonly maxAsa?: number;
  readonly maxOccupancy?: number;
}

export interface Requirement {
  readonly interval: string;
  readonly group: string;
  /** Agents on duty the simulation requires. */
  readonly agents: number;
  /** With `fractional`: interpolated between agents − 1 and agents on the binding call type's service level. */
  readonly fractional?: number;
  /** The closed forms' requirement for the group (its share of each call type's). */
  readonly erlangC: number | null;
  readonly erlangA: number | null;
  /** Headcount to schedule: agents ÷ (1 − the group's shrinkage), rounded up. */
  readonly headcount: number;
  /** The interval's KPIs for the group (occupancy, answered) and for its call types' calls. */
  readonly kpis: KpiEstimates;
  /** In a what-if: the agents the baseline plan (no what-if) needs here, and the change. */
  readonly baseAgents?: number;
  readonly change?: number;
}

export interface IntervalOutcome {
  readonly interval: string;
  /** KPIs of all calls in the interval at the final staffing. */
  readonly kpis: KpiEstimates;
  readonly meets: boolean;
}

export interface StaffResult {
  /** The scenario planned: its name, file and the hash of its text (`ccsim shifts` checks it). */
  readonly scenario: { readonly name: string; readonly file: string; readonly hash: string };
  readonly targets: StaffTargets;
  /** Where the targets came from: the options (`--target`), or the scenario's own. */
  readonly targetsFrom: 'options' | 'scenario';
  readonly seed: number;
  readonly replications: number;
  readonly confidenceLevel: number;
  readonly whatIf: { readonly volume: number; readonly aht: number };
  readonly requirements: readonly Requirement[];
  readonly byInterval: readonly IntervalOutcome[];
  /** Agent cost of the requirement: agents × interval hours × each group's cost per hour; null when no group has a cost. */
  readonly cost: number | null;
  /** Agent-hours on duty. */
  readonly agentHours: number;
  /** Scenario runs made (each of `replications` replications). */
  readonly evaluations: number;
  /** In a what-if: the baseline plan (the scenario as written) it is compared with. */
  readonly base?: {
    readonly cost: number | null;
    readonly agentHours: number;
    readonly requirements: ReadonlyArray<{
      readonly interval: string;
      readonly group: string;
      readonly agents: number;
    }>;
  };
}
