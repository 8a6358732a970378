/**
 * Prints the README's KPI table from src/model/kpis.ts (the README quotes the
 * module; test/readme.test.ts checks it does).
 *
 *   npx tsx scripts/kpi-table.ts
 */
import { KPIS } from '../src/model/kpis.js';

const ESTIMATOR = {
  count: 'mean (Student-t)',
  ratio: 'ratio of means (delta method)',
  perReplication: 'mean (Student-t)',
} as const;
const VIEW = {
  all: 'all',
  callType: 'call type',
  tier: 'tier',
  agentGroup: 'agent group',
  entryPoint: 'entry point',
  site: 'site',
} as const;

console.log('| KPI | definition | unit | estimate over replications | views |');
console.log('|---|---|---|---|---|');
for (const k of KPIS) {
  console.log(
    `| \`${k.name}\` | ${k.definition} | ${k.unit} | ${ESTIMATOR[k.estimator]} | ${k.views.map((v) => VIEW[v]).join(', ')} |`,
  );
}
