/** Builds small scenarios for tests, as YAML text compiled through the real loader. */
import { simulate } from '../../src/experiment/simulate.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import type { CompiledScenario } from '../../src/model/scenario/index.js';

export interface SingleQueue {
  ratePerHour: number;
  ahtSeconds: number;
  agents: number;
  patienceSeconds?: number;
  thresholdSeconds?: number;
  warmup: string;
  horizon: string;
  interval?: string;
  seed?: number;
  replications?: number;
}

/** One exponential queue (M/M/n or M/M/n+M). */
export function singleQueue(q: SingleQueue): CompiledScenario {
  const patience =
    q.patienceSeconds === undefined
      ? ''
      : `\n    patience: { dist: exponential, mean: ${q.patienceSeconds} }`;
  return modelFromText(
    `name: test
seed: ${q.seed ?? 1}
replications: ${q.replications ?? 10}
warmup: ${q.warmup}
horizon: ${q.horizon}
interval: ${q.interval ?? q.horizon}
serviceLevel: { threshold: ${q.thresholdSeconds ?? 20}, shortAbandon: 0 }
callTypes:
  - name: q
    arrivals: { ratePerHour: ${q.ratePerHour} }
    handleTime: { dist: exponential, mean: ${q.ahtSeconds} }${patience}
agentGroups:
  - name: team
    agents: ${q.agents}
    skills: [q]
`,
    'test.yaml',
  );
}

/** Mean and interval of a KPI of the whole horizon. */
export function kpi(result: RunResult, name: string): { mean: number; lo: number; hi: number } {
  const e = result.total[name];
  if (e === undefined || e.mean === null || e.lo === null || e.hi === null) {
    throw new Error(`KPI ${name} has no interval: ${JSON.stringify(e)}`);
  }
  return { mean: e.mean, lo: e.lo, hi: e.hi };
}

export async function run(model: CompiledScenario, level = 0.95): Promise<RunResult> {
  return simulate(model, { confidenceLevel: level });
}
