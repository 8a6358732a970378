/**
 * The scenario format: one zod schema, from which the TypeScript types are
 * inferred. Field meanings are documented in the README ("Scenario format").
 *
 * Validation is strict: unknown fields are errors (a mistyped `pateince`
 * must not be silently ignored). Durations and clock times are converted to
 * seconds here, so everything downstream works in seconds.
 */
import { z } from 'zod';
import { agentGroupSchema } from './agents.js';
import { calibrationSchema } from './calibration.js';
import { callTypeSchema } from './call-type.js';
import { entryPointSchema, ivrNodeSchema, outageSchema, routingSchema, siteSchema } from './network.js';
import { MAX_INTERVALS, MAX_REPLICATIONS, MAX_SIMULATED_SECONDS } from '../limits.js';
import { clockTime, duration, name, probability, wholeNumber } from './primitives.js';

export { distributionSchema } from './distribution.js';
export { describeValue } from './primitives.js';

const serviceLevelSchema = z.strictObject({
  /** T in "X% of calls answered within T". */
  threshold: duration().default(20),
  /** Calls abandoned within this wait are short abandons, excluded from the service level. */
  shortAbandon: duration().default(0),
  /** The target fraction X (0..1), shown against results in reports. */
  target: probability.optional(),
});

/** Further targets, shown green or red in reports (the service-level target is `serviceLevel.target`). */
const targetsSchema = z.strictObject({
  /** Highest acceptable abandonment rate (abandoned ÷ offered), 0..1. */
  maxAbandonRate: probability.optional(),
  /** Highest acceptable average speed of answer. */
  maxAsa: duration().optional(),
  /** Highest acceptable agent occupancy, 0..1. */
  maxOccupancy: probability.optional(),
});

const scenarioObject = z.strictObject({
  name: z.string({ error: 'expected a scenario name (text)' }).min(1).optional(),
  description: z.string().optional(),
  seed: wholeNumber('a seed').default(1),
  replications: wholeNumber('replications', 1, MAX_REPLICATIONS).default(10),
  /** Clock time of the first measured instant (the end of the warm-up). */
  start: clockTime().default(0),
  /** Measured time, after the warm-up. */
  horizon: duration({ positive: true }),
  /** Simulated before `start` to reach a loaded state; not measured. */
  warmup: duration().default(0),
  /** Length of a KPI interval (default 30 minutes, or the horizon if shorter). */
  interval: duration({ positive: true }).optional(),
  serviceLevel: serviceLevelSchema.default({ threshold: 20, shortAbandon: 0 }),
  targets: targetsSchema.default({}),
  /** Omitted: one site "main" with unlimited lines and IVR ports. */
  sites: z.array(siteSchema, { error: 'expected a list of sites' }).min(1).optional(),
  /** How arrivals are spread over sites (default: the site with the most idle eligible agents). */
  routing: routingSchema.optional(),
  /** Site failures: scheduled or random. */
  outages: z.array(outageSchema, { error: 'expected a list of outages' }).default([]),
  /** Numbers callers dial, leading into the IVR. */
  entryPoints: z.array(entryPointSchema, { error: 'expected a list of entry points' }).default([]),
  /** IVR menu nodes by name. */
  // Keys are names (so never `__proto__`, which a plain object would take for its prototype).
  ivr: z.record(name, ivrNodeSchema, { error: 'expected IVR nodes by name' }).default({}),
  callTypes: z
    .array(callTypeSchema, { error: 'expected a list of call types' })
    .min(1, { error: 'expected at least one call type' }),
  agentGroups: z
    .array(agentGroupSchema, { error: 'expected a list of agent groups' })
    .min(1, { error: 'expected at least one agent group' }),
  /** Written by `ccsim calibrate`: which log calls each call type stands for (read by `ccsim backtest --per-day`). */
  calibration: calibrationSchema.optional(),
});

export const scenarioSchema = scenarioObject.superRefine(checkClock).transform((s) => ({
  ...s,
  interval: s.interval ?? Math.min(1800, s.horizon),
  sites: s.sites ?? [{ name: 'main', costPerLineHour: 0 }],
}));

/**
 * The simulated time and the number of KPI intervals are bounded here, before
 * anything (a CSV forecast's interval list included) is laid out per interval.
 */
function checkClock(
  s: { horizon: number; warmup: number; interval?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  const days = (seconds: number) => `${Number((seconds / 86400).toFixed(2))} days`;
  if (s.horizon + s.warmup > MAX_SIMULATED_SECONDS) {
    ctx.addIssue({
      code: 'custom',
      path: [s.warmup > s.horizon ? 'warmup' : 'horizon'],
      message:
        `expected warmup + horizon of at most ${days(MAX_SIMULATED_SECONDS)}, ` +
        `got ${days(s.horizon + s.warmup)} (see "Limits" in the README)`,
    });
    return;
  }
  const interval = s.interval ?? Math.min(1800, s.horizon);
  const count = Math.ceil(s.horizon / interval - 1e-9);
  if (count > MAX_INTERVALS) {
    ctx.addIssue({
      code: 'custom',
      path: [s.interval === undefined ? 'horizon' : 'interval'],
      message:
        `expected at most ${MAX_INTERVALS.toLocaleString('en')} KPI intervals over the horizon, ` +
        `got ${count.toLocaleString('en')}: choose a longer interval (see "Limits" in the README)`,
    });
  }
}

/** A validated scenario, times in seconds. */
export type Scenario = z.output<typeof scenarioSchema>;
export type CallTypeSpec = Scenario['callTypes'][number];
export type AgentGroupSpec = Scenario['agentGroups'][number];
export type SiteSpec = Scenario['sites'][number];
export type EntryPointSpec = Scenario['entryPoints'][number];
export type IvrNodeSpec = Scenario['ivr'][string];
export type ArrivalsSpec = NonNullable<CallTypeSpec['arrivals']>;
export type DistributionInput = CallTypeSpec['handleTime'];
