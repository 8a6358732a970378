/**
 * Distributions of durations as written in a scenario.
 */
import { z } from 'zod';
import {
  MAX_CV,
  MAX_DURATION_SECONDS,
  MAX_ERLANG_PHASES,
  MAX_WEIBULL_SHAPE,
  MIN_CV,
  MIN_WEIBULL_SHAPE,
} from '../limits.js';
import { describeValue, duration, numberBetween, probability } from './primitives.js';

const cv = () => numberBetween('a coefficient of variation', MIN_CV, MAX_CV);

const empiricalPoint = z.tuple([
  z
    .number({ error: 'expected a value in seconds' })
    .min(0, { error: 'expected a value ≥ 0' })
    .max(MAX_DURATION_SECONDS, {
      error: `expected a value of at most 100 years (${MAX_DURATION_SECONDS} s)`,
    }),
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
      cv: cv(),
    }),
    z.strictObject({
      dist: z.literal('gamma'),
      mean: duration({ positive: true }),
      cv: cv(),
    }),
    z.strictObject({
      dist: z.literal('erlang'),
      mean: duration({ positive: true }),
      k: z
        .number()
        .int({ error: 'expected a whole number of phases ≥ 1' })
        .min(1, { error: 'expected k ≥ 1' })
        .max(MAX_ERLANG_PHASES, { error: `expected k ≤ ${MAX_ERLANG_PHASES}` }),
    }),
    z.strictObject({
      dist: z.literal('weibull'),
      mean: duration({ positive: true }),
      shape: numberBetween('a shape', MIN_WEIBULL_SHAPE, MAX_WEIBULL_SHAPE),
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
