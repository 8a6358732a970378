/**
 * The call-by-call trace of a replication (`run --trace`): rows worked out
 * by hand, counts equal to the replication's own KPIs, and sane rows for
 * scenarios with an IVR and with a site outage.
 */
import { describe, expect, it } from 'vitest';
import {
  TRACE_COLUMNS,
  TRACE_HEADER,
  formatTraceClock,
  simulateTracedReplication,
  traceDate,
} from '../../src/model/call-trace.js';
import { Field } from '../../src/model/kpis.js';
import { layoutOf, simulateReplication } from '../../src/model/engine/replication.js';
import type { CompiledScenario } from '../../src/model/scenario/index.js';
import { loadModel, modelFromText } from '../../src/model/scenario/index.js';

type Row = Record<(typeof TRACE_COLUMNS)[number], string>;

function rowsOf(csv: string): Row[] {
  return csv
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const cells = line.split(',');
      expect(cells).toHaveLength(TRACE_COLUMNS.length);
      return Object.fromEntries(TRACE_COLUMNS.map((c, k) => [c, cells[k]])) as Row;
    });
}

function traceOf(model: CompiledScenario, replication: number): { csv: string; rows: Row[] } {
  const trace = simulateTracedReplication(model, replication).trace;
  if (trace === undefined) throw new Error('no trace');
  const rows = rowsOf(trace.csv);
  expect(rows).toHaveLength(trace.rows);
  return { csv: trace.csv, rows };
}

/** Clock `H:MM:SS.sss` back to seconds after midnight. */
function secondsOf(clock: string): number {
  const [h, m, s] = clock.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

describe('trace formats', () => {
  it('dates replication r on 2000-01-02 + 7r days, all Sundays', () => {
    expect(traceDate(0)).toBe('2000-01-02');
    expect(traceDate(1)).toBe('2000-01-09');
    expect(traceDate(52)).toBe('2000-12-31');
    expect(new Date(`${traceDate(1000)}T00:00:00Z`).getUTCDay()).toBe(0);
  });

  it('writes clock times as H:MM:SS.sss, past 24 hours after midnight', () => {
    expect(formatTraceClock(8 * 3600 + 3.3944)).toBe('8:00:03.394');
    expect(formatTraceClock(25 * 3600 + 600)).toBe('25:10:00.000');
    expect(formatTraceClock(59.9996)).toBe('0:01:00.000');
  });

  it('has the contract header', () => {
    expect(TRACE_HEADER).toBe(
      'replication,date,call_id,call_type,priority,site,arrival,queue_entry,wait,outcome,service_start,service_end,service_time,agent\n',
    );
  });
});

describe('a single agent, deterministic times, across midnight', () => {
  // Agent busy 0–100 s with call 1 and 100–200 s with call 2 (waited 90 s); call 3 gives up at
  // 170 s after 150 s; call 4 finds the queue full (2 waiting) and is blocked. Start 23:58:30.
  const model = modelFromText(
    `name: hand
replications: 2
start: "23:58:30"
horizon: 1000s
interval: 1000s
callTypes:
  - name: x
    maxQueue: 2
    arrivals: { times: [0s, 10s, 20s, 30s] }
    handleTime: { dist: deterministic, value: 100s }
    patience: { dist: deterministic, value: 150s }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`,
    'hand.yaml',
  );
  const expected = (r: number, date: string) =>
    [
      `${r},${date},1,x,0,main,23:58:30.000,23:58:30.000,0.000,AGENT,23:58:30.000,24:00:10.000,100.000,solo#1`,
      `${r},${date},2,x,0,main,23:58:40.000,23:58:40.000,90.000,AGENT,24:00:10.000,24:01:50.000,100.000,solo#1`,
      `${r},${date},3,x,0,main,23:58:50.000,23:58:50.000,150.000,HANG,,,,`,
      `${r},${date},4,x,0,main,23:59:00.000,,,BLOCKED,,,,`,
    ].join('\n') + '\n';

  it('writes the rows worked out by hand', () => {
    expect(traceOf(model, 0).csv).toBe(expected(0, '2000-01-02'));
  });

  it('dates and numbers each replication apart', () => {
    expect(traceOf(model, 1).csv).toBe(expected(1, '2000-01-09'));
  });
});

describe('calls present when the run ends, and the warm-up', () => {
  it('writes UNFINISHED for a call still waiting (no wait) or in service (no end) when no agent is left', () => {
    // One agent on duty for the first 100 s only; with nobody on duty after, call 2 waits for ever.
    // Call 1 is in service when the agent's duty ends: the agent finishes it (at 150 s).
    const model = modelFromText(
      `name: unfinished
replications: 1
start: "08:00"
horizon: 200s
interval: 100s
callTypes:
  - name: x
    arrivals: { times: [0s, 10s] }
    handleTime: { dist: deterministic, value: 150s }
agentGroups:
  - { name: team, perInterval: [1, 0], skills: [x] }
`,
      'unfinished.yaml',
    );
    expect(traceOf(model, 0).csv).toBe(
      [
        '0,2000-01-02,1,x,0,main,8:00:00.000,8:00:00.000,0.000,AGENT,8:00:00.000,8:02:30.000,150.000,team#1',
        '0,2000-01-02,2,x,0,main,8:00:10.000,8:00:10.000,,UNFINISHED,,,,',
        '',
      ].join('\n'),
    );
  });

  it('leaves out calls that arrived during the warm-up', () => {
    const model = modelFromText(
      `name: warm
replications: 1
start: "09:00"
warmup: 30m
horizon: 1h
callTypes:
  - name: x
    arrivals: { ratePerHour: 100 }
    handleTime: { dist: exponential, mean: 120 }
agentGroups:
  - { name: team, agents: 5, skills: [x] }
`,
      'warm.yaml',
    );
    const { rows } = traceOf(model, 0);
    expect(rows.length).toBeGreaterThan(50);
    expect(Math.min(...rows.map((r) => secondsOf(r.arrival)))).toBeGreaterThanOrEqual(9 * 3600);
    expect(Math.max(...rows.map((r) => secondsOf(r.arrival)))).toBeLessThan(10 * 3600);
  });
});

/** What the "all" view of a replication's summary counts, over the whole horizon. */
function kpisOf(model: CompiledScenario, replication: number): (field: number) => number {
  const summary = simulateReplication(model, replication);
  const total = layoutOf(model).offset(-1, { kind: 'all', index: 0 });
  return (field) => summary.records[total + field];
}

const BUNDLED = ['default', 'retail-bank', 'two-site-bank-dr', 'value-routing'];

describe.each(BUNDLED)('the trace of scenarios/%s.yaml', (name) => {
  const model = loadModel(`scenarios/${name}.yaml`);

  it.each([0, 1])('counts what the KPIs of replication %i count', (replication) => {
    const { rows } = traceOf(model, replication);
    const kpi = kpisOf(model, replication);
    // Calls that never left the IVR are logged under their entry point (the names differ here).
    const typeNames = new Set(model.callTypes.map((c) => c.name));
    const typed = rows.filter((r) => typeNames.has(r.call_type));
    const answered = rows.filter((r) => r.service_start !== '');
    // Offered: calls that reached a call type (direct, or passed on by the IVR), whatever became of them.
    expect(typed.length).toBe(kpi(Field.offered));
    // Answered: calls an agent took (a call cut off by an outage while talking had been answered).
    expect(answered.length).toBe(kpi(Field.answered));
    expect(rows.filter((r) => r.outcome === 'HANG').length).toBe(kpi(Field.abandoned));
    expect(typed.filter((r) => r.outcome === 'BLOCKED').length).toBe(kpi(Field.blocked));
    expect(rows.filter((r) => r.outcome === 'BLOCKED' && !typeNames.has(r.call_type)).length).toBe(
      kpi(Field.ivrBlocked),
    );
    expect(rows.filter((r) => r.outcome === 'IVR').length).toBe(
      kpi(Field.ivrSelfServed) + kpi(Field.ivrHangups),
    );
    expect(rows.filter((r) => r.outcome === 'DROPPED').length).toBe(kpi(Field.dropped) + kpi(Field.failed));
    // ASA: the mean wait of answered calls, to the rounding of waits to milliseconds.
    const waited = answered.reduce((sum, r) => sum + Number(r.wait), 0);
    expect(Math.abs(waited - kpi(Field.waitAnswered))).toBeLessThanOrEqual(0.0005 * answered.length);
  });

  it('has sane rows: numbered in arrival order, times in order, fields present as the outcome says', () => {
    const { rows } = traceOf(model, 0);
    expect(rows.length).toBeGreaterThan(1000);
    expect(insanities(model, rows)).toEqual([]);
  });
});

/** What is wrong with rows of replication 0 (an expect per row would take seconds). */
function insanities(model: CompiledScenario, rows: readonly Row[]): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, k: number, what: string) => {
    if (!ok && problems.length < 10) problems.push(`row ${k + 1}: ${what}: ${JSON.stringify(rows[k])}`);
  };
  const start = model.clock.start;
  const sites = new Set(model.sites.map((s) => s.name));
  const groups = new Map(model.agentGroups.map((g) => [g.name, g.maxAgents]));
  const typeNames = new Set(model.callTypes.map((c) => c.name));
  const entryNames = new Set(model.entryPoints.map((e) => e.name));
  rows.forEach((r, k) => {
    check(r.replication === '0' && r.date === '2000-01-02' && r.call_id === String(k + 1), k, 'numbering');
    const arrival = secondsOf(r.arrival);
    check(arrival >= start && arrival < start + model.clock.horizon, k, 'arrival in the horizon');
    if (k > 0) check(arrival >= secondsOf(rows[k - 1].arrival), k, 'arrival order');
    check(sites.has(r.site), k, 'site');
    const queued = r.queue_entry !== '';
    const answered = r.service_start !== '';
    const outcome = r.outcome;
    if (outcome === 'AGENT') check(queued && answered && r.service_end !== '', k, 'served');
    else if (outcome === 'HANG') check(queued && !answered && r.wait !== '', k, 'abandoned');
    else if (outcome === 'BLOCKED' || outcome === 'IVR')
      check(!queued && !answered && r.wait === '', k, 'turned away');
    else check(outcome === 'DROPPED', k, 'outcome');
    const entryPoint = entryNames.has(r.call_type) && r.priority === '';
    check(
      entryPoint || typeNames.has(r.call_type),
      k,
      'a call type, or the entry point of a call left in the IVR',
    );
    if (outcome === 'IVR') check(entryPoint, k, 'the entry point of a call left in the IVR');
    if (queued) {
      const entry = secondsOf(r.queue_entry);
      check(entry >= arrival && typeNames.has(r.call_type), k, 'queue entry');
    }
    if (answered) {
      const wait = secondsOf(r.service_start) - secondsOf(r.queue_entry);
      check(Math.abs(Number(r.wait) - wait) < 0.002, k, 'wait = service start − queue entry');
      const talk = secondsOf(r.service_end) - secondsOf(r.service_start);
      check(Math.abs(Number(r.service_time) - talk) < 0.002 && talk >= 0, k, 'service time');
      const [group, n] = r.agent.split('#');
      const size = groups.get(group) ?? 0;
      check(Number.isInteger(Number(n)) && Number(n) >= 1 && Number(n) <= size, k, 'agent');
    } else {
      check(r.agent === '' && r.service_end === '' && r.service_time === '', k, 'no service');
    }
  });
  return problems;
}

describe('outcomes of the IVR and of an outage', () => {
  it('writes IVR rows under the entry point, and calls passed on entering the queue after their arrival', () => {
    const { rows } = traceOf(loadModel('scenarios/retail-bank.yaml'), 0);
    const ivr = rows.filter((r) => r.outcome === 'IVR');
    expect(ivr.length).toBeGreaterThan(1000);
    expect(ivr.every((r) => r.call_type === 'main-number' && r.priority === '')).toBe(true);
    const passedOn = rows.filter((r) => r.queue_entry !== '');
    // Every retail-bank call comes through the IVR: all spend time in it before asking for an agent.
    expect(passedOn.length).toBeGreaterThan(1000);
    expect(passedOn.every((r) => secondsOf(r.queue_entry) > secondsOf(r.arrival))).toBe(true);
  });

  it('writes DROPPED rows only once the outage began (city, 10:30), cut while waiting or talking at that instant', () => {
    const model = loadModel('scenarios/two-site-bank-dr.yaml');
    const { rows } = traceOf(model, 0);
    const dropped = rows.filter((r) => r.outcome === 'DROPPED');
    expect(dropped.length).toBeGreaterThan(0);
    const outageStart = 10.5 * 3600;
    expect(dropped.every((r) => r.site === 'city')).toBe(true);
    const cutInService = dropped.filter((r) => r.service_start !== '');
    expect(cutInService.length).toBeGreaterThan(0);
    expect(cutInService.every((r) => secondsOf(r.service_end) === outageStart)).toBe(true);
    // No call arriving at city after detection (10:35) is dropped: the routing avoids the site.
    expect(dropped.every((r) => secondsOf(r.arrival) <= outageStart + 300)).toBe(true);
  });
});
