import { describe, expect, it } from 'vitest';
import { estimatorFor } from '../../src/experiment/estimate.js';
import { meanInterval, ratioInterval } from '../../src/kernel/confidence.js';
import { createStream } from '../../src/kernel/random.js';
import { FIELD_COUNT, Field, KPI_BY_NAME } from '../../src/model/kpis.js';

/** Records of `count` replications with answered calls and their total wait drawn at random. */
function records(count: number): Float64Array[] {
  const u = createStream(7, 0, 'estimate-test').uniform;
  return Array.from({ length: count }, () => {
    const r = new Float64Array(FIELD_COUNT);
    r[Field.answered] = 900 + Math.floor(200 * u());
    r[Field.waitAnswered] = r[Field.answered] * (20 + 10 * u());
    return r;
  });
}

function kpi(name: string) {
  const definition = KPI_BY_NAME.get(name);
  if (definition === undefined) throw new Error(`no KPI ${name}`);
  return definition;
}

// The validation tests estimate through kernel/confidence.ts: a run's estimators must give the same bits.
describe('the estimators of a run', () => {
  it('give meanInterval’s bits for a count KPI', () => {
    const definition = kpi('answered');
    if (definition.estimator === 'ratio') throw new Error('answered is a count');
    const estimator = estimatorFor(definition);
    const data = records(12);
    for (const r of data) estimator.add(r);
    const interval = meanInterval(data.map(definition.value), 0.9);
    expect(estimator.estimate(0.9)).toEqual({ mean: interval.mean, lo: interval.lo, hi: interval.hi });
    expect(estimator.halfWidth(0.9)).toBe(interval.halfWidth);
  });

  it('give ratioInterval’s bits for a ratio KPI', () => {
    const definition = kpi('asa');
    if (definition.estimator !== 'ratio') throw new Error('asa is a ratio');
    const estimator = estimatorFor(definition);
    const data = records(12);
    for (const r of data) estimator.add(r);
    const interval = ratioInterval(data.map(definition.numerator), data.map(definition.denominator), 0.95);
    expect(estimator.estimate(0.95)).toEqual({ mean: interval.mean, lo: interval.lo, hi: interval.hi });
    expect(estimator.halfWidth(0.95)).toBe(interval.halfWidth);
  });

  it('report no bounds from one replication', () => {
    const estimator = estimatorFor(kpi('asa'));
    const [r] = records(1);
    estimator.add(r);
    expect(estimator.estimate(0.95)).toEqual({
      mean: r[Field.waitAnswered] / r[Field.answered],
      lo: null,
      hi: null,
    });
    expect(estimator.halfWidth(0.95)).toBeNull();
  });
});
