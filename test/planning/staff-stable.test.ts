/**
 * A flat forecast gives a flat plan per group. Two call types at constant
 * volumes, two specialist groups and a cross-skilled one: many splits of
 * the agents meet the target, so the planner must choose among them the same
 * way in every interval. It used to choose by simulated occupancy, so the
 * noise of each interval's calls picked the group: billing-team went 17, 15,
 * 15, 14, 14, 12, 12, 15 over eight identical half hours (seed 9). Groups now
 * grow and shrink by their share of the closed forms' requirement, from a
 * baseline precise enough for identical intervals to get the same shares.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffResult } from '../../src/planning/staff.js';
import { staff } from '../../src/planning/staff.js';

const flat = (n: number) => `[${new Array<number>(8).fill(n).join(', ')}]`;
const text = `name: flat
seed: 9
replications: 10
start: "08:00"
warmup: 30m
horizon: 4h
interval: 30m
serviceLevel: { threshold: 20s, shortAbandon: 0s, target: 0.8 }
callTypes:
  - name: billing
    arrivals: { perInterval: ${flat(150)} }
    handleTime: { dist: exponential, mean: 240s }
    patience: { dist: exponential, mean: 180s }
  - name: tech
    arrivals: { perInterval: ${flat(90)} }
    handleTime: { dist: exponential, mean: 360s }
    patience: { dist: exponential, mean: 240s }
agentGroups:
  - { name: billing-team, agents: 15, skills: [billing] }
  - { name: tech-team, agents: 12, skills: [tech] }
  - { name: cross, agents: 6, skills: [billing, tech] }
`;

describe('staff: a flat forecast gives a flat plan per group', () => {
  let plan: StaffResult;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ccsim-staff-flat-')), 'flat.yaml');
    writeFileSync(file, text);
    plan = await staff(file, { targets: { serviceLevel: 0.8, threshold: 20 } });
  });

  it.each(['billing-team', 'tech-team', 'cross'])(
    '%s: every interval within one agent of the median',
    (group) => {
      const agents = plan.requirements.filter((r) => r.group === group).map((r) => r.agents);
      expect(agents).toHaveLength(8);
      const median = [...agents].sort((a, b) => a - b)[4];
      for (const a of agents)
        expect(Math.abs(a - median), `${group}: ${agents.join(' ')}`).toBeLessThanOrEqual(1);
    },
  );

  it('meets 80/20 in every interval', () => {
    expect(plan.byInterval.every((b) => b.meets)).toBe(true);
  });
});
