/**
 * Sites, entry points (numbers callers dial) and the IVR.
 */
import { z } from 'zod';
import { arrivalsSchema } from './arrivals.js';
import { distributionSchema } from './distribution.js';
import { name, nonNegative, probability, wholeNumber } from './primitives.js';

export const siteSchema = z.strictObject({
  name,
  /** Trunks: a voice call holds one from arrival until it leaves (not during after-call work). Omitted: unlimited. */
  lines: wholeNumber('lines').optional(),
  /** IVR ports: a call holds one while in the IVR. Omitted: unlimited. */
  ivrPorts: wholeNumber('IVR ports').optional(),
  /** Cost of one line for an hour. */
  costPerLineHour: nonNegative('a cost per line hour').default(0),
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
