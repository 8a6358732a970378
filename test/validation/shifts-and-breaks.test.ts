/**
 * Staffing from shifts, breaks and shrinkage, checked by hand-countable runs
 * (deterministic: no random quantity enters what is checked).
 *
 * - Without calls, the `agents` KPI of an interval (agent-seconds on duty ÷
 *   interval length, src/model/kpis.ts) is exactly the number of agents the
 *   shifts put on duty, when shifts and breaks start and end on interval
 *   boundaries; shrinkage s keeps round(scheduled × (1 − s)) on duty
 *   (src/model/scenario/compile.ts).
 * - With calls, an agent whose break (or shift end) comes while it is busy
 *   finishes the call in hand and takes no new one until it is back: the
 *   waits of calls arriving around a break show this exactly.
 */
import { describe, expect, it } from 'vitest';
import { Field } from '../../src/model/kpis.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { ALL, Replications, viewOf } from '../support/replication-records.js';

describe('agents on duty from shifts, breaks and shrinkage, without calls', () => {
  // 16 intervals of 15 min from 08:00. Shift A: 08:00–12:00, 3 agents, breaks 09:00–09:15 and
  // 10:30–11:00. Shift B: 08:30–10:30, 2 agents, break 09:30–09:45. Shift C: 11:00–13:00, 4 agents
  // (past the end of the horizon).
  const shifts = `
      - { start: "08:00", length: 4h, count: 3, breaks: [{ at: "09:00", length: 15m }, { at: "10:30", length: 30m }] }
      - { start: "08:30", length: 2h, count: 2, breaks: [{ at: "09:30", length: 15m }] }
      - { start: "11:00", length: 2h, count: 4 }`;
  //                 08:00     08:30     09:00     09:30     10:00     10:30     11:00     11:30
  const scheduled = [3, 3, /**/ 5, 5, /**/ 2, 5, /**/ 3, 5, /**/ 5, 5, /**/ 0, 0, /**/ 7, 7, /**/ 7, 7];
  const model = modelFromText(
    `name: shifts
warmup: 30m
start: "08:00"
horizon: 4h
interval: 15m
callTypes:
  - name: q
    arrivals: { ratePerHour: 0 }
    handleTime: { dist: exponential, mean: 60s }
agentGroups:
  - name: rota
    skills: [q]
    shifts:${shifts}
  - name: rota shrunk
    skills: [q]
    shrinkage: 0.25
    shifts:${shifts}
  - { name: flat, agents: 8, shrinkage: 0.25, skills: [q] }
  - { name: planned, perInterval: [4, 4, 8, 8, 10, 10, 2, 2, 0, 0, 1, 1, 6, 6, 3, 3], shrinkage: 0.5, skills: [q] }
`,
    'shifts.yaml',
  );
  const reps = new Replications(model, 1);
  const agentsIn = (group: string, interval: number) =>
    reps.map(
      (r) => r[Field.staffedTime] / r[Field.duration],
      viewOf(model, 'agentGroup', group),
      interval,
    )[0];

  it('puts on duty exactly the agents the shifts schedule, breaks taken off, in every interval', () => {
    scheduled.forEach((n, i) => expect(agentsIn('rota', i), `interval ${i}`).toBeCloseTo(n, 9));
    const mean = scheduled.reduce((a, b) => a + b, 0) / scheduled.length;
    expect(agentsIn('rota', -1)).toBeCloseTo(mean, 9);
  });

  it('keeps round(scheduled × 0.75) of shift agents on duty with shrinkage 0.25', () => {
    scheduled.forEach((n, i) =>
      expect(agentsIn('rota shrunk', i), `interval ${i}`).toBeCloseTo(Math.round(n * 0.75), 9),
    );
  });

  it('keeps 6 of 8 agents on duty with shrinkage 0.25', () => {
    for (let i = -1; i < scheduled.length; i++)
      expect(agentsIn('flat', i), `interval ${i}`).toBeCloseTo(6, 9);
  });

  it('applies shrinkage to per-interval staffing interval by interval', () => {
    const planned = [4, 4, 8, 8, 10, 10, 2, 2, 0, 0, 1, 1, 6, 6, 3, 3];
    planned.forEach((n, i) =>
      expect(agentsIn('planned', i), `interval ${i}`).toBeCloseTo(Math.round(n * 0.5), 9),
    );
  });
});

describe('a single agent around its break and its shift end', () => {
  // One agent on shift 09:00–11:30 with a break 10:00–10:15; every call takes 15 min.
  //   A 09:50  answered at once, talks until 10:05 (into the break: finishes the call)
  //   B 09:55  waits; not taken at 10:05 (the agent is on break); answered 10:15: wait 20 min
  //   C 10:07  arrives during the break; answered 10:30 when B ends: wait 23 min
  //   D 10:15  arrives as the agent returns (staffing changes come before arrivals), but B waits
  //            longer: D is answered 10:45 when C ends: wait 30 min; ends 11:00
  //   E 11:20  the agent is idle: answered at once, talks past the shift end (11:30) until 11:35
  //   F 11:25  waits; the agent leaves at 11:35 without taking it: unfinished
  const model = modelFromText(
    `name: break
start: "09:00"
horizon: 2h30m
interval: 5m
callTypes:
  - name: q
    arrivals: { times: [50m, 55m, 67m, 75m, 140m, 145m] }
    handleTime: { dist: deterministic, value: 15m }
agentGroups:
  - name: solo
    skills: [q]
    shifts:
      - { start: "09:00", length: 2h30m, count: 1, breaks: [{ at: "10:00", length: 15m }] }
`,
    'break.yaml',
  );
  const reps = new Replications(model, 1);
  const record = (interval: number) => reps.layout.record(reps.summaries[0], interval, ALL);
  // Interval of each call (5-minute intervals from 09:00) and its wait in seconds.
  const calls = [
    { name: 'A', interval: 10, wait: 0 },
    { name: 'B', interval: 11, wait: 20 * 60 },
    { name: 'C', interval: 13, wait: 23 * 60 },
    { name: 'D', interval: 15, wait: 30 * 60 },
    { name: 'E', interval: 28, wait: 0 },
  ];

  it('starts no call during the break and serves the waiting calls in order when the agent returns', () => {
    for (const c of calls) {
      const r = record(c.interval);
      expect(r[Field.answered], `call ${c.name} answered`).toBe(1);
      expect(r[Field.waitAnswered], `wait of call ${c.name}`).toBeCloseTo(c.wait, 9);
    }
  });

  it('counts the agent on duty while it finishes a call into its break, and off for the rest of it', () => {
    const agents = (interval: number) =>
      record(interval)[Field.staffedTime] / record(interval)[Field.duration];
    expect(agents(11)).toBeCloseTo(1, 9); // 09:55–10:00, on shift
    expect(agents(12)).toBeCloseTo(1, 9); // 10:00–10:05, finishing call A (occupancy stays ≤ 1)
    expect(agents(13)).toBeCloseTo(0, 9); // 10:05–10:10, on break
    expect(agents(14)).toBeCloseTo(0, 9); // 10:10–10:15, on break
    expect(agents(15)).toBeCloseTo(1, 9); // 10:15–10:20, back
    const occupancy = (interval: number) =>
      record(interval)[Field.busyTime] / record(interval)[Field.staffedTime];
    expect(occupancy(12)).toBeCloseTo(1, 9);
  });

  it('lets the agent finish the call in hand at its shift end and take no new one', () => {
    const f = record(29);
    expect(f[Field.offered]).toBe(1);
    expect(f[Field.answered]).toBe(0);
    expect(f[Field.unfinished]).toBe(1);
    const total = record(-1);
    expect(total[Field.answered]).toBe(5);
    expect(total[Field.talkTime]).toBeCloseTo(5 * 900, 9);
    expect(total[Field.unfinished]).toBe(1);
  });
});
