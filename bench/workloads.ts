/** Fixed workloads for the benchmarks. */
import { modelFromText } from '../src/model/scenario/index.js';
import type { CompiledScenario } from '../src/model/scenario/index.js';

/**
 * M/M/50+M at 45 erlangs (675 calls/h, AHT 240 s, exponential patience of
 * mean 480 s), one KPI interval over the whole horizon. About 675 calls are
 * simulated per hour of horizon.
 */
export function mm50(calls: number): CompiledScenario {
  const hours = Math.ceil(calls / 675);
  return modelFromText(
    `name: M/M/50+M throughput
seed: 1
replications: 1
warmup: 1h
horizon: ${hours}h
interval: ${hours}h
callTypes:
  - name: sales
    arrivals: { ratePerHour: 675 }
    handleTime: { dist: exponential, mean: 240s }
    patience: { dist: exponential, mean: 480s }
agentGroups:
  - name: team
    agents: 50
    skills: [sales]
`,
    'bench/mm50',
  );
}
