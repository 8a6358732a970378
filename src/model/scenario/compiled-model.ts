/**
 * The runtime model a scenario compiles to (see compile.ts): indices
 * instead of names, samplers built once, rates and staffing laid out on the
 * simulation clock. The hot loop reads only this, never the scenario.
 */
import type { Distribution } from '../../kernel/distributions.js';
import type { ArrivalSpec } from './arrival-rates.js';
import type { Scenario } from './schema/index.js';

declare const compiledBrand: unique symbol;

export const Channel = { voice: 0, chat: 1, email: 2 } as const;
export type ChannelCode = (typeof Channel)[keyof typeof Channel];

/** How a group takes a call type. */
export interface Route {
  readonly group: number;
  readonly callType: number;
  /** 1 is the most preferred. */
  readonly level: number;
  /** The group is offered the call once it has waited this long. */
  readonly after: number;
  readonly handleTimeFactor: number;
}

/** One FIFO queue: a call type's tier. */
export interface CompiledQueue {
  readonly index: number;
  readonly callType: number;
  readonly tier: number;
  readonly name: string;
}

export interface CompiledTier {
  readonly name: string;
  readonly share: number;
  readonly priority: number;
  readonly queue: number;
}

/**
 * The service-level target assumed where a scenario sets none (the common
 * 80/20 convention): for judging recovery from an outage, and for the Erlang
 * requirement drawn in reports.
 */
export const DEFAULT_SERVICE_LEVEL_TARGET = 0.8;

/** How arrivals are spread over sites (see schema/network.ts). */
export const RoutingPolicy = { shares: 0, mostIdle: 1, shortestExpectedWait: 2 } as const;
export type RoutingPolicyCode = (typeof RoutingPolicy)[keyof typeof RoutingPolicy];

export interface CompiledRouting {
  readonly policy: RoutingPolicyCode;
  /** Per site, the share of arrivals (sums to 1; equal shares when the policy is not shares). */
  readonly shares: readonly number[];
  /** Wait after which other sites' agents may take a call; Infinity: never. */
  readonly overflowAfter: number;
}

export const OutageScope = { full: 0, ivr: 1, lines: 2, agents: 3 } as const;
export type OutageScopeCode = (typeof OutageScope)[keyof typeof OutageScope];

export interface CompiledOutage {
  readonly index: number;
  readonly site: number;
  /** Scheduled: start in simulation time and duration; null for random outages. */
  readonly at: number | null;
  readonly duration: number | null;
  /** Random: time between failures and time to repair. */
  readonly mtbf: Distribution | null;
  readonly mttr: Distribution | null;
  readonly detectionDelay: number;
  readonly scope: OutageScopeCode;
  /** Fraction of the site's agents lost (1 unless scope is agents). */
  readonly fraction: number;
  readonly restore: { readonly fraction: number; readonly to: number; readonly after: number } | null;
}

/**
 * KPI phases of a scheduled outage, as whole KPI intervals: before (the
 * intervals ending by its start), during (those overlapping it), after (the
 * rest). `first`..`last` inclusive; empty when first > last.
 */
export interface Phase {
  readonly outage: number;
  readonly name: 'before' | 'during' | 'after';
  readonly first: number;
  readonly last: number;
}

export interface CompiledCallType {
  readonly index: number;
  readonly name: string;
  readonly channel: ChannelCode;
  readonly priority: number;
  /** Tiers, highest priority first; the last is the default tier of the remaining share. */
  readonly tiers: readonly CompiledTier[];
  /** Direct arrivals, or null when fed only by the IVR. */
  readonly arrivals: ArrivalSpec | null;
  readonly handleTime: Distribution;
  /** Multiplies the handle time of calls arriving in each measured interval; null: none. */
  readonly handleTimeFactors: readonly number[] | null;
  readonly acw: Distribution | null;
  /** From an agent taking the call to the talk starting; null: none. */
  readonly answerDelay: Distribution | null;
  /** Null: callers never abandon. */
  readonly patience: Distribution | null;
  readonly redial: {
    readonly probability: number;
    readonly delay: Distribution;
    readonly maxAttempts: number;
  } | null;
  /** Fraction of answered calls resolved (1: all). */
  readonly fcr: number;
  readonly callbackDelay: Distribution | null;
  readonly maxQueue: number;
  /** E-mail due time (s), or null. */
  readonly due: number | null;
  /** Groups that take this call type, by level then scenario order. */
  readonly routes: readonly Route[];
  /** How its arrivals are spread over sites. */
  readonly routing: CompiledRouting;
}

/** Agents on duty over simulation time: `counts[k]` from `times[k]` until `times[k + 1]`. */
export interface StaffingSchedule {
  readonly times: readonly number[];
  readonly counts: readonly number[];
}

export interface CompiledAgentGroup {
  readonly index: number;
  readonly name: string;
  readonly site: number;
  readonly schedule: StaffingSchedule;
  /** Most agents on duty at once. */
  readonly maxAgents: number;
  readonly concurrency: number;
  readonly concurrencySlowdown: number;
  readonly costPerHour: number;
  /** Routes of this group, in the order a freed agent scans queues (see replication.ts). */
  readonly routes: readonly Route[];
}

export interface CompiledSite {
  readonly index: number;
  readonly name: string;
  /** Infinity when unlimited. */
  readonly lines: number;
  readonly ivrPorts: number;
  readonly costPerLineHour: number;
}

/** IVR branch targets: a node index (≥ 0), or one of these exits. */
export const IvrExit = { selfService: -1, hangup: -2 } as const;
/** Encodes "queue to call type c" as a branch target. */
export const ivrQueueTarget = (callType: number) => -3 - callType;
export const callTypeOfIvrTarget = (target: number) => -3 - target;

export interface CompiledIvrNode {
  readonly index: number;
  readonly name: string;
  readonly duration: Distribution;
  /** Cumulative branch probabilities (the last is 1). */
  readonly cumulative: readonly number[];
  readonly targets: readonly number[];
}

export interface CompiledEntryPoint {
  readonly index: number;
  readonly name: string;
  readonly arrivals: ArrivalSpec;
  readonly ivr: number;
}

/**
 * The clock. Simulation time 0 is the start of the warm-up; the measured
 * window is [warmup, warmup + horizon), cut into intervals [start, end)
 * of `intervalLength` (the last one shorter when the horizon is not a
 * multiple).
 */
export interface Clock {
  /** Clock time of the first measured instant, seconds since midnight. */
  readonly start: number;
  readonly warmup: number;
  readonly horizon: number;
  readonly intervalLength: number;
  readonly intervalCount: number;
  /** Simulation time at which measurement starts (= warmup). */
  readonly measureStart: number;
  /** Simulation time at which measurement ends and arrivals stop. */
  readonly measureEnd: number;
}

export interface CompiledScenario {
  readonly [compiledBrand]: true;
  readonly name: string;
  readonly seed: number;
  readonly replications: number;
  readonly clock: Clock;
  readonly serviceLevel: {
    readonly threshold: number;
    readonly shortAbandon: number;
    readonly target?: number;
  };
  readonly targets: {
    readonly maxAbandonRate?: number;
    readonly maxAsa?: number;
    readonly maxOccupancy?: number;
  };
  readonly sites: readonly CompiledSite[];
  /** The network's routing (call types may override it). */
  readonly routing: CompiledRouting;
  readonly outages: readonly CompiledOutage[];
  /** Phases of the scheduled outages, three per outage (see Phase). */
  readonly phases: readonly Phase[];
  readonly callTypes: readonly CompiledCallType[];
  readonly queues: readonly CompiledQueue[];
  readonly agentGroups: readonly CompiledAgentGroup[];
  readonly entryPoints: readonly CompiledEntryPoint[];
  readonly ivrNodes: readonly CompiledIvrNode[];
  /** The validated scenario it was compiled from (times in seconds). */
  readonly scenario: Scenario & { readonly name: string };
  readonly source: {
    readonly file: string;
    readonly hash: string;
    readonly text: string;
    /** The files the scenario read (CSV forecasts), as it names them, with their SHA-256; the hash covers them. */
    readonly inputs?: ReadonlyArray<{ readonly reference: string; readonly sha256: string }>;
  };
}

/** Start of measured interval `i` as seconds since midnight (for labels). */
export function intervalClockStart(clock: Clock, i: number): number {
  return clock.start + i * clock.intervalLength;
}

/** Length of measured interval `i` (the last may be shorter). */
export function intervalLength(clock: Clock, i: number): number {
  return Math.min(clock.intervalLength, clock.horizon - i * clock.intervalLength);
}
