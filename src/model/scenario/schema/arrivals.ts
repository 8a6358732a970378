/**
 * How calls arrive at a call type or an entry point.
 */
import { z } from 'zod';
import { MAX_UNCERTAINTY_CV, MIN_CV } from '../limits.js';
import { clockTime, duration, nonNegative, numberBetween } from './primitives.js';

const surgeSchema = z.strictObject({
  /** Clock time the surge starts (hours past 24 are later days). */
  from: clockTime(),
  /** Clock time it ends (exclusive). */
  to: clockTime(),
  /** Multiplies the arrival rate in [from, to). */
  factor: nonNegative('a rate multiplier'),
});

export const arrivalsSchema = z
  .strictObject({
    /** Poisson arrivals at a constant rate. */
    ratePerHour: nonNegative('calls per hour').optional(),
    /** Expected calls per interval of the horizon (Poisson, piecewise-constant rate). */
    perInterval: z
      .array(nonNegative('a number of calls'), {
        error: 'expected a list of calls per interval, e.g. [120, 180, 240]',
      })
      .optional(),
    /** A CSV forecast: a column `interval` (clock times) and one column of volumes per call type. */
    csv: z.string({ error: 'expected the path of a CSV file (relative to the scenario)' }).optional(),
    /** The CSV column to read (default: the call type's or entry point's name). */
    column: z.string().optional(),
    /** Arrivals at these times exactly (offsets from the start of measurement): a replayed trace. */
    times: z.array(duration(), { error: 'expected a list of arrival times, e.g. [0s, 45s, 2m]' }).optional(),
    /** Forecast uncertainty: each replication multiplies the rate by a gamma(mean 1, cv) day factor. */
    uncertainty: z
      .strictObject({ cv: numberBetween('a coefficient of variation', MIN_CV, MAX_UNCERTAINTY_CV) })
      .optional(),
    /** Calendar multipliers of the rate. */
    surges: z.array(surgeSchema, { error: 'expected a list of { from, to, factor }' }).optional(),
  })
  .superRefine((a, ctx) => {
    const given = ['ratePerHour', 'perInterval', 'csv', 'times'].filter(
      (k) => a[k as keyof typeof a] !== undefined,
    );
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one of ratePerHour, perInterval, csv or times, got ${given.length === 0 ? 'none' : given.join(' and ')}`,
      });
    }
    if (a.column !== undefined && a.csv === undefined) {
      ctx.addIssue({ code: 'custom', path: ['column'], message: 'expected column only together with csv' });
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
    a.surges?.forEach((s, i) => {
      if (!(s.to > s.from)) {
        ctx.addIssue({ code: 'custom', path: ['surges', i, 'to'], message: 'expected to later than from' });
      }
    });
  });

export type ArrivalsInput = z.output<typeof arrivalsSchema>;
