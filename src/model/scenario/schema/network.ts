/**
 * Sites, entry points (numbers callers dial) and the IVR.
 */
import { z } from 'zod';
import { arrivalsSchema } from './arrivals.js';
import { distributionSchema } from './distribution.js';
import { MAX_COST_PER_HOUR, MAX_LINES } from '../limits.js';
import { clockTime, duration, name, nonNegative, probability, wholeNumber } from './primitives.js';

export const siteSchema = z.strictObject({
  name,
  /** Trunks: a voice call holds one from arrival until it leaves (not during after-call work). Omitted: unlimited. */
  lines: wholeNumber('lines', 0, MAX_LINES).optional(),
  /** IVR ports: a call holds one while in the IVR. Omitted: unlimited. */
  ivrPorts: wholeNumber('IVR ports', 0, MAX_LINES).optional(),
  /** Cost of one line for an hour. */
  costPerLineHour: nonNegative('a cost per line hour', MAX_COST_PER_HOUR).default(0),
});

export const entryPointSchema = z.strictObject({
  name,
  arrivals: arrivalsSchema,
  /** The IVR node callers enter first. */
  ivr: z.string({ error: 'expected the name of an IVR node' }),
});

const ivrTarget = z.union(
  [
    z.string({ error: 'expected selfService, hangup, or an IVR node name' }),
    z.strictObject({ queue: z.string() }),
  ],
  { error: 'expected selfService, hangup, an IVR node name, or { queue: <call type> }' },
);

export const ivrNodeSchema = z.strictObject({
  duration: distributionSchema,
  next: z
    .array(z.strictObject({ p: probability, to: ivrTarget }), { error: 'expected a list of { p, to }' })
    .min(1, { error: 'expected at least one branch' }),
});

export type SiteInput = z.output<typeof siteSchema>;
export type EntryPointInput = z.output<typeof entryPointSchema>;
export type IvrNodeInput = z.output<typeof ivrNodeSchema>;

/**
 * How arrivals are spread over sites (network level, or per call type):
 * fixed shares, or at each arrival the site with the most idle eligible
 * agents, or with the shortest expected wait. `overflowAfter`: a call that
 * has waited this long at its site may be taken by another site's agents
 * (omitted: never).
 */
export const routingSchema = z.strictObject({
  policy: z
    .enum(['shares', 'mostIdle', 'shortestExpectedWait'], {
      error: 'expected policy shares, mostIdle or shortestExpectedWait',
    })
    .default('mostIdle'),
  /** With policy shares: each site's share of the arrivals (normalised to sum to 1). */
  shares: z.record(name, nonNegative('a share', 1e9), { error: 'expected shares by site name' }).optional(),
  /** Inter-site overflow: after this wait, any site's eligible agents may take the call. */
  overflowAfter: duration().optional(),
});

const restoreSchema = z.strictObject({
  /** Fraction of the failed site's agents who resume work elsewhere. */
  fraction: probability,
  /** The site they work from (its lines carry their calls). */
  to: z.string({ error: 'expected the name of a site' }),
  /** Time from the failure until they are back at work. */
  after: duration(),
});

/**
 * A site outage: scheduled (`at` and `duration`) or random (`mtbf` and
 * `mttr`, time between failures and time to repair, drawn from their own
 * random streams). `scope`: the whole site, or only its IVR, its lines, or
 * a `fraction` of its agents.
 */
export const outageSchema = z
  .strictObject({
    site: z.string({ error: 'expected the name of a site' }),
    at: clockTime().optional(),
    duration: duration({ positive: true }).optional(),
    mtbf: distributionSchema.optional(),
    mttr: distributionSchema.optional(),
    /** Until the failure is detected, calls routed to the site fail; then its share goes to the other sites. */
    detectionDelay: duration().default(0),
    scope: z
      .enum(['full', 'ivr', 'lines', 'agents'], { error: 'expected scope full, ivr, lines or agents' })
      .default('full'),
    /** With scope agents: the fraction of the site's agents lost (default all). */
    fraction: probability.default(1),
    restore: restoreSchema.optional(),
  })
  .superRefine((o, ctx) => {
    const scheduled = o.at !== undefined || o.duration !== undefined;
    const random = o.mtbf !== undefined || o.mttr !== undefined;
    if (scheduled && random) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected either at and duration, or mtbf and mttr, not both',
      });
    } else if (scheduled) {
      if (o.at === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['at'],
          message: 'expected a clock time "HH:MM" for the outage start',
        });
      if (o.duration === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['duration'],
          message: 'expected the duration of the outage, e.g. 2h',
        });
    } else if (random) {
      if (o.mtbf === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['mtbf'],
          message: 'expected mtbf, the time between failures (a distribution)',
        });
      if (o.mttr === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['mttr'],
          message: 'expected mttr, the time to repair (a distribution)',
        });
    } else {
      ctx.addIssue({
        code: 'custom',
        message: 'expected at and duration (a scheduled outage) or mtbf and mttr (random outages)',
      });
    }
  });

export type RoutingInput = z.output<typeof routingSchema>;
export type OutageInput = z.output<typeof outageSchema>;
