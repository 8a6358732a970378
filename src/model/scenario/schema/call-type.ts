/**
 * Call types: what a queue receives and what its callers need and do.
 */
import { z } from 'zod';
import { arrivalsSchema } from './arrivals.js';
import { distributionSchema } from './distribution.js';
import { routingSchema } from './network.js';
import { MAX_HANDLE_TIME_FACTOR, MAX_REDIAL_ATTEMPTS } from '../limits.js';
import { duration, name, probability, wholeNumber } from './primitives.js';

const redialSchema = z.strictObject({
  /** Probability that a caller who abandoned or was blocked (or dropped) tries again. */
  probability,
  /** Time until the next attempt. */
  delay: distributionSchema,
  /** Attempts in all, the first included (default 3). */
  maxAttempts: wholeNumber('attempts', 1, MAX_REDIAL_ATTEMPTS).default(3),
});

const tierSchema = z.strictObject({
  name,
  /** Fraction of this call type's callers in the tier. */
  share: probability,
  /** Higher is served first, within the call type (the tier of the rest has priority 0). */
  priority: z.number({ error: 'expected a priority (a number; higher is served first)' }),
});

export const callTypeSchema = z.strictObject({
  name,
  description: z.string().optional(),
  channel: z
    .enum(['voice', 'chat', 'email'], { error: 'expected channel voice, chat or email' })
    .default('voice'),
  /** Higher is served first (default 0). */
  priority: z.number({ error: 'expected a priority (a number; higher is served first)' }).default(0),
  /** Customer value tiers inside the call type, served before lower tiers. */
  tiers: z.array(tierSchema, { error: 'expected a list of tiers' }).optional(),
  /** Direct arrivals; a call type fed only by an IVR has none. */
  arrivals: arrivalsSchema.optional(),
  handleTime: distributionSchema,
  /** Multiplies the handle time of calls arriving in each interval (one factor per interval). */
  handleTimeFactors: z
    .array(
      z
        .number({ error: 'expected a handle-time factor (a positive number)' })
        .positive({ error: 'expected a handle-time factor > 0' })
        .max(MAX_HANDLE_TIME_FACTOR, { error: `expected a handle-time factor ≤ ${MAX_HANDLE_TIME_FACTOR}` }),
      { error: 'expected a list of handle-time factors, one per interval' },
    )
    .optional(),
  /** After-call work: the agent stays busy, the line is released. */
  acw: distributionSchema.optional(),
  /**
   * From an agent taking the call to the talk starting (connecting, ringing, the agent's reaction):
   * the agent is held and the caller's wait goes on (counted in ASA and service level), but the
   * caller no longer abandons. Calibrated from logs whose queued calls never wait less than a few seconds.
   */
  answerDelay: distributionSchema.optional(),
  /** Omitted: callers never abandon (e-mails never do). */
  patience: distributionSchema.optional(),
  redial: redialSchema.optional(),
  /** First-contact resolution: the fraction of answered calls resolved; the rest call back. */
  fcr: probability.optional(),
  /** Time until an unresolved caller calls back (required with fcr < 1). */
  callbackDelay: distributionSchema.optional(),
  /** Calls waiting beyond this many are blocked. */
  maxQueue: wholeNumber('calls waiting').optional(),
  /** Overrides the network's routing of arrivals to sites for this call type. */
  routing: routingSchema.optional(),
  /** E-mail and work items: the time within which an item should be completed. */
  due: duration({ positive: true }).optional(),
});

export type CallTypeInput = z.output<typeof callTypeSchema>;
