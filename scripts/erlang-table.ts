/**
 * Prints the README's validation table: simulated KPIs (mean and 95%
 * interval over replications) beside the exact Erlang C / Erlang A values.
 *
 *   npx tsx scripts/erlang-table.ts
 */
import { erlangA, erlangC } from '../src/analytic/index.js';
import { simulate } from '../src/experiment/simulate.js';
import type { RunResult } from '../src/experiment/run-result.js';
import { singleQueue } from '../test/support/scenarios.js';

interface Case {
  label: string;
  rate: number;
  aht: number;
  agents: number;
  patience?: number;
  warmup: string;
  horizon: string;
}

const cases: Case[] = [
  { label: 'M/M/1, ρ = 0.7', rate: 10.5, aht: 240, agents: 1, warmup: '10h', horizon: '400h' },
  { label: 'M/M/50, 45 erl', rate: 675, aht: 240, agents: 50, warmup: '2h', horizon: '40h' },
  { label: 'M/M/500, 480 erl', rate: 7200, aht: 240, agents: 500, warmup: '2h', horizon: '10h' },
  {
    label: 'M/M/50+M, 45 erl, patience 8 min',
    rate: 675,
    aht: 240,
    agents: 50,
    patience: 480,
    warmup: '2h',
    horizon: '40h',
  },
  {
    label: 'M/M/50+M, 60 erl (overloaded), patience 3 min',
    rate: 900,
    aht: 240,
    agents: 50,
    patience: 180,
    warmup: '2h',
    horizon: '40h',
  },
];

const fmt = (x: number, unit: string) => (unit === '%' ? `${(x * 100).toFixed(2)}%` : `${x.toFixed(2)} s`);

function row(label: string, kpi: string, unit: string, exact: number, r: RunResult): string {
  const e = r.total[kpi];
  const inside = e.lo !== null && e.hi !== null && exact >= e.lo && exact <= e.hi;
  return `| ${label} | ${kpi} | ${fmt(exact, unit)} | ${fmt(e.mean!, unit)} [${fmt(e.lo!, unit)}, ${fmt(e.hi!, unit)}] | ${inside ? 'yes' : '**no**'} |`;
}

console.log('| case | KPI | exact | simulated, 95% CI (20 replications) | inside |');
console.log('|---|---|---|---|---|');
for (const c of cases) {
  const model = singleQueue({
    ratePerHour: c.rate,
    ahtSeconds: c.aht,
    agents: c.agents,
    patienceSeconds: c.patience,
    warmup: c.warmup,
    horizon: c.horizon,
    replications: 20,
    seed: 2024,
  });
  const r = await simulate(model);
  const input = {
    arrivalRatePerHour: c.rate,
    meanServiceSeconds: c.aht,
    agents: c.agents,
    thresholdSeconds: 20,
  };
  if (c.patience === undefined) {
    const x = erlangC(input);
    if (!x.stable) throw new Error('unstable case');
    for (const [k, u, v] of [
      ['pWait', '%', x.pWait],
      ['serviceLevel', '%', x.serviceLevel],
      ['asa', 's', x.asa],
      ['occupancy', '%', x.occupancy],
    ] as const) {
      console.log(row(`${c.label} (Erlang C)`, k, u, v, r));
    }
  } else {
    const x = erlangA({ ...input, meanPatienceSeconds: c.patience });
    for (const [k, u, v] of [
      ['serviceLevel', '%', x.serviceLevel],
      ['abandonRate', '%', x.pAbandon],
      ['asa', 's', x.asa],
      ['meanWait', 's', x.meanWait],
      ['occupancy', '%', x.occupancy],
    ] as const) {
      console.log(row(`${c.label} (Erlang A)`, k, u, v, r));
    }
  }
}
