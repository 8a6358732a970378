import { describe, expect, it } from 'vitest';

import { skillMap } from '../../src/data/skill-map.js';
import { readBankRecords } from './bank-records.js';
import { at, call } from './call.js';

const served = (agent: string | null, callType: string, n: number) =>
  Array.from({ length: n }, () => call(at('09:00'), { agent, callType, serviceTime: 60 }));

describe('skillMap', () => {
  const log = [
    ...served('P', 'X', 3),
    ...served('P', 'Y', 1),
    ...served('Q', 'X', 10),
    ...served('R', 'Y', 5),
    ...served(null, 'X', 2),
    call(at('09:00'), { outcome: 'abandoned', wait: 30, callType: 'Z' }),
  ];

  it('gives each agent their shares by call type, skills and specialty', () => {
    const map = skillMap(log);
    expect(map.agents.map((a) => a.agent)).toEqual(['Q', 'R', 'P']);
    const p = map.agents.find((a) => a.agent === 'P');
    expect(p).toMatchObject({
      calls: 4,
      busySeconds: 240,
      byCallType: { X: { calls: 3, share: 0.75 }, Y: { calls: 1, share: 0.25 } },
      skills: ['X', 'Y'],
      specialist: null,
    });
    expect(map.agents.find((a) => a.agent === 'Q')?.specialist).toBe('X');
    expect(map.unnamedByCallType).toEqual({ X: 2 });
  });

  it('groups agents by their set of skills', () => {
    const map = skillMap(log);
    expect(map.groups.map((g) => [g.name, g.agents, g.calls])).toEqual([
      ['X', ['Q'], 10],
      ['Y', ['R'], 5],
      ['X+Y', ['P'], 4],
    ]);
    expect(map.agentsByCallType).toEqual({ X: ['P', 'Q'], Y: ['P', 'R'] });
    // A higher bar for a skill drops P's occasional Y calls.
    expect(skillMap(log, { minShare: 0.3 }).groups.map((g) => g.name)).toEqual(['X', 'Y']);
  });

  it('finds on the bank log no agent who serves internet calls (IN) as a skill', () => {
    const map = skillMap(readBankRecords());
    expect(map.agents).toHaveLength(24);
    for (const a of map.agents) {
      const shares = Object.values(a.byCallType).reduce((s, c) => s + c.share, 0);
      expect(shares).toBeCloseTo(1, 12);
      expect(a.skills).not.toContain('IN');
    }
    expect(map.agentsByCallType.PS.length).toBeGreaterThan(20);
  });
});
