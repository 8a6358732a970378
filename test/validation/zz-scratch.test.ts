import { it } from 'vitest';
import { erlangB } from '../../src/analytic/index.js';
import { Field } from '../../src/model/kpis.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { Replications } from '../support/replication-records.js';
it('x', () => {
  const zs: string[] = [];
  for (const [seed, n] of [[502, 20], [502, 100], [503, 20], [504, 20], [505, 20], [506,20]]) {
  const m = modelFromText(`name: ivr only
seed: ${seed}
warmup: 1h
horizon: 100h
interval: 100h
sites:
  - { name: main, ivrPorts: 10 }
entryPoints:
  - name: hotline
    arrivals: { ratePerHour: 480 }
    ivr: menu
ivr:
  menu:
    duration: { dist: deterministic, value: 60s }
    next:
      - { p: 1, to: selfService }
      - { p: 0, to: { queue: unused } }
callTypes:
  - name: unused
    handleTime: { dist: exponential, mean: 60s }
agentGroups:
  - { name: nobody, agents: 0, skills: [unused] }
`, 'ivr-only.yaml');
  const reps = new Replications(m, n);
  const B = erlangB(10, 8);
  const u = reps.ratio((r) => r[Field.portTime], (r) => r[Field.portCapacity], 0.6827, { kind: 'site', index: 0 });
  const vals = reps.map((r) => r[Field.portTime] / r[Field.portCapacity], { kind: 'site', index: 0 });
  zs.push(`${seed}/${n}: util ${u.mean} z=${((u.mean! - 0.8 * (1 - B)) / u.halfWidth!).toFixed(2)} ${n === 20 ? vals.map((v) => v.toFixed(4)).join(' ') : ''}`);
  }
  console.log(zs.join('\n'));
});
