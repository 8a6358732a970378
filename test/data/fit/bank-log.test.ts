/**
 * The fits on the real log (data/anonymous-bank, first two weeks of February 1999), read with a
 * tiny local TSV split so as not to depend on the importer: PS (regular) calls that wanted an agent
 * (AGENT, or HANG after queueing: q_time > 0), waits = q_time, talk = ser_time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitHandleTime } from '../../../src/data/fit/handle-time.js';
import { fitPatience } from '../../../src/data/fit/patience.js';
import { fromSpec } from '../../../src/kernel/distributions.js';
import { distributionSchema } from '../../../src/model/scenario/schema/distribution.js';

const rows = readFileSync('data/anonymous-bank/calls-1999-02-01-to-14.tsv', 'utf8')
  .split('\r\n')
  .slice(1)
  .filter((line) => line.length > 0)
  .map((line) => line.split('\t'));
const TYPE = 4;
const Q_TIME = 11;
const OUTCOME = 12;
const SER_TIME = 15;

const served = rows.filter((r) => r[TYPE] === 'PS' && r[OUTCOME] === 'AGENT');
const abandonedInQueue = rows.filter(
  (r) => r[TYPE] === 'PS' && r[OUTCOME] === 'HANG' && Number(r[Q_TIME]) > 0,
);

describe('fits on the bank log (PS calls)', () => {
  it('reads the log the test expects', () => {
    expect(served.length).toBe(9707);
    expect(abandonedInQueue.length).toBe(732);
  });

  const handle = fitHandleTime(served.map((r) => Number(r[SER_TIME])));

  it('finds talk times lognormal rather than exponential once the short calls are apart (Brown et al. 2005)', () => {
    const aic = (family: string) => handle.bodyCandidates.find((c) => c.family === family)?.aic ?? NaN;
    expect(aic('lognormal')).toBeLessThan(aic('exponential'));
    expect(aic('lognormal')).toBeLessThan(aic('gamma'));
    expect(aic('lognormal')).toBeLessThan(aic('weibull'));
    expect(handle.family).toBe('lognormal');
    expect(handle.shortCalls.share.value).toBeCloseTo(505 / 9707, 12);
    expect(() => distributionSchema.parse(handle.law)).not.toThrow();
    // The law keeps the calls' mean (178 s) within its interval.
    const mean = fromSpec(handle.law).mean;
    expect(mean).toBeGreaterThan(handle.mean.lo);
    expect(mean).toBeLessThan(handle.mean.hi);
  });

  const patience = fitPatience(
    [...served, ...abandonedInQueue].map((r) => Number(r[Q_TIME])),
    [...served.map(() => false), ...abandonedInQueue.map(() => true)],
  );

  it('estimates patience from censored waits with a finite mean and interval', () => {
    let total = 0;
    for (const r of [...served, ...abandonedInQueue]) total += Number(r[Q_TIME]);
    expect(patience.abandons).toBe(732);
    expect(patience.exponential?.mean.value).toBe(total / 732);
    const mean = patience.exponential?.mean;
    expect(Number.isFinite(mean?.hi)).toBe(true);
    expect(mean?.lo).toBeLessThan(mean?.value ?? 0);
    expect(mean?.hi).toBeGreaterThan(mean?.value ?? 0);
    expect(Number.isFinite(patience.kaplanMeier.restrictedMean.hi)).toBe(true);
  });

  it('finds the hazard of abandoning not constant: the Kaplan–Meier law, not the exponential', () => {
    const exponentialFit = patience.candidates.find((c) => c.family === 'exponential');
    expect(exponentialFit?.kmStandardisedDistance).toBeGreaterThan(3.5);
    expect(patience.choice).toBe('empirical');
    expect(() => distributionSchema.parse(patience.law)).not.toThrow();
    expect(patience.tail?.rate.value).toBeGreaterThan(0);
  });
});
