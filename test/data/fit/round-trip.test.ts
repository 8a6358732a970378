/**
 * Round trip: samples drawn from known laws (fixed seeds, ccsim’s own generators) are fitted back,
 * and the known parameters fall inside the 95% intervals about as often as they should. Over 20
 * seeds, 19 inside is expected; at least 15 is asked (a coverage of 95% gives ≤ 14 inside with
 * probability about 3e-4), so the test fails for a biased estimate or an interval far too narrow.
 */
import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../../src/data/fit/estimate.js';
import { fitHandleTime } from '../../../src/data/fit/handle-time.js';
import { fitPatience } from '../../../src/data/fit/patience.js';
import {
  type Distribution,
  exponential,
  gamma,
  lognormal,
  weibull,
} from '../../../src/kernel/distributions.js';
import { createStream } from '../../../src/kernel/random.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

function inside(e: Estimate | undefined, truth: number): boolean {
  return e !== undefined && e.lo <= truth && truth <= e.hi;
}

function draw(law: Distribution, seed: number, n: number, name: string): number[] {
  const u = createStream(seed, 0, name).uniform;
  return Array.from({ length: n }, () => law.sample(u));
}

/** Patience ~ law, censored by an independent exponential wait of mean `serveMean` (the call was served first). */
function censored(law: Distribution, seed: number, n: number, serveMean: number) {
  const patience = draw(law, seed, n, 'test/patience');
  const serve = draw(exponential(serveMean), seed, n, 'test/served');
  return {
    waits: patience.map((p, i) => Math.min(p, serve[i])),
    abandoned: patience.map((p, i) => p <= serve[i]),
  };
}

describe('fits recover known laws within their intervals', () => {
  it.each([
    ['lognormal', lognormal(240, 0.9), 'cv', 0.9],
    ['gamma', gamma(180, 0.7), 'cv', 0.7],
    ['weibull', weibull(200, 1.5), 'shape', 1.5],
  ] as const)('handle times from a %s law', (family, law, parameter, truth) => {
    let meanInside = 0;
    let parameterInside = 0;
    for (const seed of SEEDS) {
      const fit = fitHandleTime(draw(law, seed, 1000, 'test/handle'), { shortCallThreshold: 0 });
      const c = fit.candidates.find((x) => x.family === family);
      if (inside(c?.mean, law.mean)) meanInside++;
      if (inside(c?.parameters[parameter], truth)) parameterInside++;
    }
    expect(meanInside).toBeGreaterThanOrEqual(15);
    expect(parameterInside).toBeGreaterThanOrEqual(15);
  });

  it('censored exponential patience: rate and mean', () => {
    let meanInside = 0;
    let lognormalCount = 0;
    for (const seed of SEEDS) {
      const { waits, abandoned } = censored(exponential(300), seed, 1000, 150);
      const fit = fitPatience(waits, abandoned);
      if (inside(fit.exponential?.mean, 300) && inside(fit.exponential?.rate, 1 / 300)) meanInside++;
      if (fit.family === 'lognormal') lognormalCount++;
    }
    expect(meanInside).toBeGreaterThanOrEqual(15);
    expect(lognormalCount).toBeLessThan(10);
  });

  it('censored Weibull patience: mean and shape', () => {
    let meanInside = 0;
    let shapeInside = 0;
    for (const seed of SEEDS) {
      const { waits, abandoned } = censored(weibull(250, 0.7), seed, 1000, 200);
      const fit = fitPatience(waits, abandoned);
      const c = fit.candidates.find((x) => x.family === 'weibull');
      if (inside(c?.mean, 250)) meanInside++;
      if (inside(c?.parameters.shape, 0.7)) shapeInside++;
    }
    expect(meanInside).toBeGreaterThanOrEqual(15);
    expect(shapeInside).toBeGreaterThanOrEqual(15);
  });

  it('heavily censored lognormal patience: mean and cv', () => {
    let meanInside = 0;
    let cvInside = 0;
    for (const seed of SEEDS) {
      const { waits, abandoned } = censored(lognormal(300, 1.5), seed, 1500, 100);
      const fit = fitPatience(waits, abandoned);
      const c = fit.candidates.find((x) => x.family === 'lognormal');
      if (inside(c?.mean, 300)) meanInside++;
      if (inside(c?.parameters.cv, 1.5)) cvInside++;
    }
    expect(meanInside).toBeGreaterThanOrEqual(15);
    expect(cvInside).toBeGreaterThanOrEqual(15);
  });
});
