import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator, ZeroTimeCycleError } from '../../src/kernel/simulator.js';

describe('Simulator', () => {
  it('runs events in time order', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const kind = sim.defineEvent('e', 0, (d) => seen.push(d));
    for (const t of [5, 1, 3, 2, 4]) sim.schedule(kind, t, t);
    sim.run();
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(sim.now).toBe(5);
    expect(sim.eventsFired).toBe(5);
  });

  it('runs simultaneous events by kind priority, then in the order they were scheduled', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    const late = sim.defineEvent('late', 3, (d) => seen.push(`late${d}`));
    const early = sim.defineEvent('early', 1, (d) => seen.push(`early${d}`));
    sim.schedule(late, 10, 1);
    sim.schedule(early, 10, 1);
    sim.schedule(late, 10, 2);
    sim.schedule(early, 10, 2);
    sim.schedule(early, 9, 0);
    sim.run();
    expect(seen).toEqual(['early0', 'early1', 'early2', 'late1', 'late2']);
  });

  it('skips cancelled events and reuses their handles safely', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const kind = sim.defineEvent('e', 0, (d) => seen.push(d));
    const a = sim.schedule(kind, 1, 1);
    sim.schedule(kind, 2, 2);
    sim.cancel(a);
    sim.run();
    expect(seen).toEqual([2]);
    expect(sim.eventsFired).toBe(1);
  });

  it('lets handlers schedule new events, including at the current time', () => {
    const sim = new Simulator();
    const seen: Array<[number, number]> = [];
    const kind = sim.defineEvent('e', 0, (d) => {
      seen.push([sim.now, d]);
      if (d < 3) sim.schedule(kind, sim.now + (d % 2), d + 1);
    });
    sim.schedule(kind, 0, 0);
    sim.run();
    expect(seen).toEqual([
      [0, 0],
      [0, 1],
      [1, 2],
      [1, 3],
    ]);
  });

  it('stops before events at or after `until` and sets the clock to it', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const kind = sim.defineEvent('e', 0, (d) => seen.push(d));
    for (const t of [1, 2, 3]) sim.schedule(kind, t, t);
    sim.run({ until: 2 });
    expect(seen).toEqual([1]);
    expect(sim.now).toBe(2);
    sim.run();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('returns after the current event when stopped', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const kind = sim.defineEvent('e', 0, (d) => {
      seen.push(d);
      if (d === 2) sim.stop();
    });
    for (const t of [1, 2, 3]) sim.schedule(kind, t, t);
    sim.run();
    expect(seen).toEqual([1, 2]);
    expect(sim.pending).toBe(1);
  });

  it('refuses to schedule in the past and refuses bad priorities', () => {
    const sim = new Simulator();
    const kind = sim.defineEvent('e', 0, () => undefined);
    sim.schedule(kind, 5);
    sim.run();
    expect(() => sim.schedule(kind, 4)).toThrow(/clock is at 5/);
    expect(() => sim.defineEvent('bad', 256, () => undefined)).toThrow(RangeError);
    expect(() => sim.defineEvent('bad', 1.5, () => undefined)).toThrow(RangeError);
  });

  it('orders any batch of events like a stable sort by (time, priority), growing past its initial capacity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })), {
          maxLength: 200,
        }),
        (events) => {
          const sim = new Simulator(16);
          const seen: number[] = [];
          const kinds = [0, 1, 2, 3].map((p) => sim.defineEvent(`p${p}`, p, (d) => seen.push(d)));
          events.forEach(([t, p], i) => sim.schedule(kinds[p], t, i));
          sim.run();
          const expected = events
            .map(([t, p], i) => ({ t, p, i }))
            .sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i)
            .map((e) => e.i);
          expect(seen).toEqual(expected);
        },
      ),
    );
  });

  it('stops a cycle of events at one instant with a ZeroTimeCycleError naming the time and the kind', () => {
    const sim = new Simulator();
    const again: { kind?: ReturnType<Simulator['defineEvent']> } = {};
    again.kind = sim.defineEvent('echo', 0, () => sim.schedule(again.kind!, sim.now));
    sim.schedule(again.kind, 7);
    let caught: unknown;
    try {
      sim.run({ maxEventsAtOneTime: 1000 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ZeroTimeCycleError);
    expect(caught).toMatchObject({ time: 7, kind: 'echo', events: 1000 });
    expect(sim.eventsFired).toBe(1000);
  });

  it('lets as many events as the guard allows happen at one time, and counts afresh when the clock moves', () => {
    const sim = new Simulator();
    const kind = sim.defineEvent('e', 0, () => {});
    for (let t = 0; t < 3; t++) for (let k = 0; k < 50; k++) sim.schedule(kind, t);
    sim.run({ maxEventsAtOneTime: 50 });
    expect(sim.eventsFired).toBe(150);
    for (let k = 0; k < 51; k++) sim.schedule(kind, 5);
    expect(() => sim.run({ maxEventsAtOneTime: 50 })).toThrow(ZeroTimeCycleError);
  });
});
