/**
 * The shapes of a shift plan (`ccsim shifts`): the shift templates it
 * rosters, the roster and its coverage (src/planning/shifts.ts), and the
 * roster simulated (src/planning/roster.ts); read by
 * src/report/shifts-report.ts and its charts.
 */
import type { KpiEstimates } from '../experiment/aggregate.js';

/** A shape an employer may roster (read from a templates file by src/planning/shift-templates.ts). */
export interface ShiftTemplate {
  readonly name: string;
  /** Seconds. */
  readonly length: number;
  /** Allowed start times, seconds since midnight. */
  readonly starts: readonly number[];
  /** Breaks: offset from the shift start and length, seconds. */
  readonly breaks: ReadonlyArray<{ readonly after: number; readonly length: number }>;
  /** Cost of one agent working the shift for an hour (breaks paid). */
  readonly costPerHour: number;
}

export interface WhatIf {
  /** Arrival volumes × this. */
  readonly volume: number;
  /** Handle times × this. */
  readonly aht: number;
}

export interface PlannedShift {
  readonly group: string;
  readonly template: string;
  readonly start: string;
  readonly length: string;
  readonly count: number;
  /** What these agents on this shift cost: count × hours × the template's cost per hour. */
  readonly cost: number;
  readonly breaks: ReadonlyArray<{ readonly at: string; readonly length: string }>;
}

export interface Coverage {
  readonly interval: string;
  readonly group: string;
  readonly required: number;
  readonly onDuty: number;
}

export interface ShiftPlan {
  readonly shifts: readonly PlannedShift[];
  readonly cost: number;
  readonly coverage: readonly Coverage[];
  /** Per group: the solver's status and the number of shift options considered. */
  readonly solver: ReadonlyArray<{
    readonly group: string;
    readonly status: string;
    readonly options: number;
  }>;
}

export interface AchievedInterval {
  readonly interval: string;
  readonly kpis: KpiEstimates;
  readonly meets: boolean | null;
}

export interface RosterResult extends ShiftPlan {
  /** What the plan is for: the scenario's name (the plan's, or the one simulated), else the requirements file's. */
  readonly name: string;
  readonly requirementsFile: string;
  readonly templatesFile: string;
  readonly templates: readonly ShiftTemplate[];
  /** The scenario run with the planned shifts (absent without a scenario). */
  readonly achieved?: {
    readonly scenario: string;
    readonly replications: number;
    readonly seed: number;
    readonly confidenceLevel: number;
    /** The plan's target, else the scenario's own (null: neither has one). */
    readonly target: { readonly serviceLevel: number; readonly threshold: number } | null;
    /** T of the service level measured, seconds. */
    readonly threshold: number;
    /** The what-if the roster was simulated under (the plan's; 1 and 1 when it records none). */
    readonly whatIf: WhatIf;
    /** What the reader should know about this proof (a changed scenario, no what-if recorded). */
    readonly notes: readonly string[];
    readonly byInterval: readonly AchievedInterval[];
    readonly total: KpiEstimates;
  };
}
