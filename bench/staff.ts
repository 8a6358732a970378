/**
 * Whole-run time of the capacity planner: `staff()` on the 12-hour planner
 * day (24 intervals of 30 minutes, 3 call types, 3 agent groups, 80/20 and
 * at most 5% abandonment), replications as in the scenario. Prints figures;
 * asserts nothing.
 *
 *   npx tsx bench/staff.ts [scenario] [replications]
 */
import { performance } from 'node:perf_hooks';
import { staff } from '../src/planning/staff.js';

const file = process.argv[2] ?? 'scenarios/planner-day.yaml';
const replications = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const started = performance.now();
const plan = await staff(file, {
  targets: { serviceLevel: 0.8, threshold: 20, maxAbandonRate: 0.05 },
  replications,
});
const seconds = (performance.now() - started) / 1000;
const intervals = plan.byInterval.length;
const met = plan.byInterval.filter((b) => b.meets).length;
console.log(
  `${file}: ${intervals} intervals × ${new Set(plan.requirements.map((r) => r.group)).size} groups, ` +
    `${plan.replications} replications per evaluation: ${plan.evaluations} evaluations in ${seconds.toFixed(1)} s; ` +
    `${met}/${intervals} intervals meet the targets; ${plan.agentHours} agent-hours, cost ${plan.cost}`,
);
