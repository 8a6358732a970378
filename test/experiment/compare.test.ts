/**
 * compare(): scenarios on the same calls, paired differences from the
 * baseline, and why pairing pays (common random numbers).
 */
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/experiment/compare.js';
import type { CompareResult, KpiDifference } from '../../src/experiment/compare.js';
import { meanInterval } from '../../src/kernel/confidence.js';
import { simulateReplication } from '../../src/model/engine/replication.js';
import { layoutOf } from '../../src/model/engine/replication.js';
import { Field } from '../../src/model/kpis.js';
import { modelFromText } from '../../src/model/scenario/index.js';

/** M/M/n+M, 250 calls/h, AHT 2 min (8.3 erlangs), patience 5 min, one hour after a 10-minute warm-up. */
function center(agents: number, name = `${agents} agents`) {
  return modelFromText(
    `name: ${name}
seed: 3
replications: 20
warmup: 10m
horizon: 1h
interval: 15m
serviceLevel: { threshold: 20s, shortAbandon: 0s }
callTypes:
  - name: sales
    arrivals: { ratePerHour: 250 }
    handleTime: { dist: exponential, mean: 120s }
    patience: { dist: exponential, mean: 300s }
agentGroups:
  - { name: team, agents: ${agents}, skills: [sales] }
`,
    `${agents}.yaml`,
  );
}

function find(result: CompareResult, kpi: string, callType: string | null = null): KpiDifference {
  const d = result.differences.find((x) => x.kpi === kpi && x.callType === callType);
  if (d === undefined) throw new Error(`no difference for ${kpi}`);
  return d;
}

/** Half-width of an estimate's interval. */
function halfWidth(e: { mean: number | null; lo: number | null; hi: number | null }): number {
  if (e.mean === null || e.lo === null || e.hi === null) throw new Error('no interval');
  return (e.hi - e.lo) / 2;
}

describe('compare', () => {
  it('finds no difference at all between a scenario and itself', async () => {
    const result = await compare([center(10), center(10)]);
    expect(result.scenarios.map((s) => s.label)).toEqual(['10 agents #1', '10 agents #2']);
    expect(result.differences.length).toBeGreaterThan(10);
    for (const d of result.differences) {
      if (d.baseline.mean === null) continue;
      expect(d.difference, `${d.callType ?? 'all'} ${d.kpi}`).toEqual({ mean: 0, lo: 0, hi: 0 });
      expect(d.significant).toBe(false);
      expect(d.value).toEqual(d.baseline);
    }
    // Views: all calls and the call type both scenarios have; occupancy, agents, cost only for all calls.
    expect(new Set(result.differences.map((d) => d.callType))).toEqual(new Set([null, 'sales']));
    expect(result.differences.filter((d) => d.kpi === 'occupancy').map((d) => d.callType)).toEqual([null]);
  });

  it('finds 12 agents significantly better than 10, with a paired interval much narrower than the two separate ones', async () => {
    const result = await compare([center(10), center(12)]);
    expect(result.seed).toBe(3);
    expect(result.replications).toBe(20);
    const sl = find(result, 'serviceLevel');
    expect(sl.scenario).toBe('12 agents');
    expect(sl.significant).toBe(true);
    expect(sl.difference.lo).toBeGreaterThan(0);
    expect(sl.pValue).toBeLessThan(0.001);
    // Ratio KPIs: the difference is exactly the difference of the two runs' estimates.
    expect(sl.difference.mean).toBeCloseTo((sl.value.mean as number) - (sl.baseline.mean as number), 12);
    // Common random numbers: the noise both runs share cancels in the paired difference.
    const paired = halfWidth(sl.difference);
    const unpaired = halfWidth(sl.baseline) + halfWidth(sl.value);
    expect(paired).toBeLessThan(unpaired);
    expect(paired).toBeLessThan(0.7 * unpaired);

    expect(find(result, 'asa').difference.hi).toBeLessThan(0);
    expect(find(result, 'abandonRate').significant).toBe(true);
    expect(find(result, 'agents').difference.mean).toBeCloseTo(2, 9);
    // The same calls arrive in both: offered is identical replication by replication.
    expect(find(result, 'offered').difference).toEqual({ mean: 0, lo: 0, hi: 0 });
    expect(find(result, 'offered').significant).toBe(false);
    // The per call type view of a single call type agrees with all calls.
    expect(find(result, 'serviceLevel', 'sales').difference).toEqual(sl.difference);
  });

  it('estimates count KPIs from the per-replication differences (Student t)', async () => {
    const a = center(10);
    const b = center(12);
    const result = await compare([a, b], { replications: 8, seed: 11, confidenceLevel: 0.9 });
    const at = layoutOf(a).offset(-1, { kind: 'all', index: 0 });
    const d = Array.from({ length: 8 }, (_, r) => {
      const answered = (m: typeof a) => simulateReplication(m, r, 11).records[at + Field.answered];
      return answered(b) - answered(a);
    });
    const expected = meanInterval(d, 0.9);
    const answered = find(result, 'answered');
    expect(answered.pairs).toBe(8);
    expect(answered.difference.mean).toBeCloseTo(expected.mean as number, 9);
    expect(answered.difference.lo).toBeCloseTo(expected.lo as number, 9);
    expect(answered.difference.hi).toBeCloseTo(expected.hi as number, 9);
    expect(result.scenarios[0].result.replications).toBe(8);
    expect(result.scenarios[1].result.seed).toBe(11);
  });

  it('gives the same result with 1 and 2 threads', async () => {
    const models = [center(10), center(12), center(11)];
    const strip = (r: CompareResult) =>
      JSON.stringify({
        ...r,
        scenarios: r.scenarios.map((s) => ({
          ...s,
          result: {
            ...s.result,
            performance: { ...s.result.performance, wallSeconds: 0, callsPerSecond: 0 },
          },
        })),
      });
    const one = await compare(models, { replications: 6, threads: 1 });
    const two = await compare(models, { replications: 6, threads: 2 });
    expect(strip(two)).toBe(strip(one));
    expect(
      one.differences.filter((d) => d.kpi === 'serviceLevel' && d.callType === null).map((d) => d.scenario),
    ).toEqual(['12 agents', '11 agents']);
  });

  it('needs two scenarios', async () => {
    await expect(compare([center(10)])).rejects.toThrow(/at least two scenarios/);
  });
});
