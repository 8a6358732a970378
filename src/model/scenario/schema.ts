/**
 * The scenario format: one zod schema, from which the TypeScript types are
 * inferred. Field meanings are documented in the README ("Scenario format").
 *
 * Validation is strict: unknown fields are errors (a mistyped `pateince`
 * must not be silently ignored). Durations and clock times are converted to
 * seconds here, so everything downstream works in seconds.
 */
import { z } from 'zod';
import { parseClockTime, parseDurationString } from './units.js';

const DURATION_EXPECTED = 'a duration: seconds as a number, or a string like "30s", "4m", "1.5h"';

/** A duration ≥ 0 (or > 0 when `positive`), in seconds after parsing. */
function duration(options: { positive?: boolean } = {}) {
  const bound = options.positive ? 'a positive' : 'a non-negative';
  return z.unknown().transform((value, ctx): number => {
    let seconds: number | undefined;
    if (typeof value === 'number' && Number.isFinite(value)) seconds = value;
    else if (typeof value === 'string') {
      const negative = value.trim().startsWith('-');
      const magnitude = parseDurationString(negative ? value.trim().slice(1) : value);
      seconds = magnitude === undefined ? undefined : negative ? -magnitude : magnitude;
    }
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected ${DURATION_EXPECTED}, got ${describeValue(value)}` });
      return z.NEVER;
    }
    if (seconds < 0 || (options.positive && seconds === 0)) {
      ctx.addIssue({ code: 'custom', message: `expected ${bound} duration, got ${describeValue(value)}` });
      return z.NEVER;
    }
    return seconds;
  });
}

/** A clock time `"HH:MM"`, in seconds since midnight after parsing. */
function clockTime() {
  return z.unknown().transform((value, ctx): number => {
    const seconds = typeof value === 'string' ? parseClockTime(value) : undefined;
    if (seconds === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a clock time "HH:MM" (00:00 to 48:00), got ${describeValue(value)}`,
      });
      return z.NEVER;
    }
    return seconds;
  });
}

const positiveNumber = (what: string) =>
  z.number({ error: `expected ${what} (a positive number)` }).positive({ error: `expected ${what} > 0` });

const name = z.string({ error: 'expected a name (text)' }).regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, {
  error: 'expected a name of letters, digits, spaces, "-", "_" or "." (starting with a letter or digit)',
});

const probability = z
  .number({ error: 'expected a probability between 0 and 1' })
  .min(0, { error: 'expected a probability ≥ 0' })
  .max(1, { error: 'expected a probability ≤ 1' });

// ---------------------------------------------------------------- distributions

const empiricalPoint = z.tuple([
  z.number({ error: 'expected a value in seconds' }).min(0, { error: 'expected a value ≥ 0' }),
  probability,
]);

export const distributionSchema = z.discriminatedUnion(
  'dist',
  [
    z.strictObject({ dist: z.literal('exponential'), mean: duration({ positive: true }) }),
    z.strictObject({ dist: z.literal('deterministic'), value: duration() }),
    z
      .strictObject({ dist: z.literal('uniform'), min: duration(), max: duration() })
      .refine((d) => d.max > d.min, { error: 'expected max > min', path: ['max'] }),
    z.strictObject({
      dist: z.literal('lognormal'),
      mean: duration({ positive: true }),
      cv: positiveNumber('a coefficient of variation'),
    }),
    z.strictObject({
      dist: z.literal('gamma'),
      mean: duration({ positive: true }),
      cv: positiveNumber('a coefficient of variation'),
    }),
    z.strictObject({
      dist: z.literal('erlang'),
      mean: duration({ positive: true }),
      k: z
        .number()
        .int({ error: 'expected a whole number of phases ≥ 1' })
        .min(1, { error: 'expected k ≥ 1' }),
    }),
    z.strictObject({
      dist: z.literal('weibull'),
      mean: duration({ positive: true }),
      shape: positiveNumber('a shape'),
    }),
    z
      .strictObject({
        dist: z.literal('empirical'),
        points: z.array(empiricalPoint).min(1, { error: 'expected at least one [value, cdf] point' }),
      })
      .superRefine((d, ctx) => {
        for (let i = 1; i < d.points.length; i++) {
          if (d.points[i][0] < d.points[i - 1][0] || d.points[i][1] < d.points[i - 1][1]) {
            ctx.addIssue({
              code: 'custom',
              path: ['points', i],
              message: 'expected values and cdf to be non-decreasing from one point to the next',
            });
          }
        }
        const last = d.points[d.points.length - 1];
        if (last !== undefined && last[1] !== 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['points', d.points.length - 1, 1],
            message: `expected the last point's cdf to be 1, got ${last[1]}`,
          });
        }
      }),
  ],
  { error: distributionError },
);

function distributionError(issue: { input?: unknown }): string {
  const kinds = 'exponential, deterministic, uniform, lognormal, gamma, erlang, weibull, empirical';
  const input = issue.input;
  if (input !== null && typeof input === 'object' && 'dist' in input) {
    return `expected dist to be one of ${kinds}, got ${describeValue((input as { dist: unknown }).dist)}`;
  }
  return `expected a distribution such as { dist: exponential, mean: 240s } (dist: ${kinds})`;
}

// ---------------------------------------------------------------- scenario parts

const arrivalsSchema = z
  .strictObject({
    /** Poisson arrivals at a constant rate. */
    ratePerHour: z
      .number({ error: 'expected calls per hour (a number ≥ 0)' })
      .min(0, { error: 'expected a rate ≥ 0 calls per hour' })
      .optional(),
    /** Arrivals at these times exactly (offsets from the start of measurement): a replayed trace. */
    times: z.array(duration(), { error: 'expected a list of arrival times, e.g. [0s, 45s, 2m]' }).optional(),
  })
  .superRefine((a, ctx) => {
    const given = (a.ratePerHour === undefined ? 0 : 1) + (a.times === undefined ? 0 : 1);
    if (given !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one of ratePerHour or times, got ${given === 0 ? 'neither' : 'both'}`,
      });
    }
    a.times?.forEach((t, i) => {
      if (i > 0 && t < a.times![i - 1]) {
        ctx.addIssue({
          code: 'custom',
          path: ['times', i],
          message: 'expected arrival times in increasing order',
        });
      }
    });
  });

const callTypeSchema = z.strictObject({
  name,
  description: z.string().optional(),
  arrivals: arrivalsSchema,
  handleTime: distributionSchema,
  /** Omitted: callers never abandon. */
  patience: distributionSchema.optional(),
});

const agentGroupSchema = z.strictObject({
  name,
  description: z.string().optional(),
  agents: z
    .number({ error: 'expected a number of agents (a whole number ≥ 0)' })
    .int({ error: 'expected a whole number of agents' })
    .min(0, { error: 'expected agents ≥ 0' }),
  skills: z
    .array(z.string({ error: 'expected the name of a call type' }), {
      error: 'expected a list of call-type names',
    })
    .min(1, { error: 'expected at least one skill' }),
});

const serviceLevelSchema = z.strictObject({
  /** T in "X% of calls answered within T". */
  threshold: duration().default(20),
  /** Calls abandoned within this wait are short abandons, excluded from the service level. */
  shortAbandon: duration().default(0),
  /** The target fraction X (0..1), shown against results in reports. */
  target: probability.optional(),
});

const scenarioObject = z.strictObject({
  name: z.string({ error: 'expected a scenario name (text)' }).min(1).optional(),
  description: z.string().optional(),
  seed: z
    .number({ error: 'expected a seed (a whole number ≥ 0)' })
    .int({ error: 'expected a whole-number seed' })
    .min(0, { error: 'expected a seed ≥ 0' })
    .default(1),
  replications: z
    .number({ error: 'expected a number of replications (a whole number ≥ 1)' })
    .int({ error: 'expected a whole number of replications' })
    .min(1, { error: 'expected at least 1 replication' })
    .default(10),
  /** Clock time of the first measured instant (the end of the warm-up). */
  start: clockTime().default(0),
  /** Measured time, after the warm-up. */
  horizon: duration({ positive: true }),
  /** Simulated before `start` to reach a loaded state; not measured. */
  warmup: duration().default(0),
  /** Length of a KPI interval (default 30 minutes, or the horizon if shorter). */
  interval: duration({ positive: true }).optional(),
  serviceLevel: serviceLevelSchema.default({ threshold: 20, shortAbandon: 0 }),
  callTypes: z
    .array(callTypeSchema, { error: 'expected a list of call types' })
    .min(1, { error: 'expected at least one call type' }),
  agentGroups: z
    .array(agentGroupSchema, { error: 'expected a list of agent groups' })
    .min(1, { error: 'expected at least one agent group' }),
});

export const scenarioSchema = scenarioObject.transform((s) => ({
  ...s,
  interval: s.interval ?? Math.min(1800, s.horizon),
}));

/** A validated scenario, times in seconds. */
export type Scenario = z.output<typeof scenarioSchema>;
export type CallTypeSpec = Scenario['callTypes'][number];
export type AgentGroupSpec = Scenario['agentGroups'][number];
export type DistributionInput = z.output<typeof distributionSchema>;

/** Short description of a value for messages: `-3`, `"expo"`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}
