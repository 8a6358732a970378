import { describe, expect, it } from 'vitest';
import { runInOrder } from '../../src/experiment/ordered-window.js';

/** Batches whose promises the test settles by hand, in any order. */
function manual(count: number) {
  const settle: Array<{ resolve: (v: number[]) => void; reject: (e: Error) => void }> = [];
  const started: number[] = [];
  const start = (b: number) => {
    started.push(b);
    return new Promise<number[]>((resolve, reject) => {
      settle[b] = { resolve, reject };
    });
  };
  return { settle, started, start, count };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runInOrder', () => {
  it('hands results on in batch order when batches finish out of order, within the window', async () => {
    const m = manual(5);
    const seen: number[] = [];
    const done = runInOrder({
      batches: 5,
      window: 2,
      start: m.start,
      accept: (x: number) => seen.push(x) > 0,
    });
    await tick();
    expect(m.started).toEqual([0, 1]);
    m.settle[1].resolve([10, 11]);
    await tick();
    expect(seen).toEqual([]);
    m.settle[0].resolve([0, 1]);
    await tick();
    expect(seen).toEqual([0, 1, 10, 11]);
    expect(m.started).toEqual([0, 1, 2, 3]);
    m.settle[3].resolve([30]);
    m.settle[4]?.resolve([40]);
    m.settle[2].resolve([20]);
    await tick();
    m.settle[4].resolve([40]);
    await done;
    expect(seen).toEqual([0, 1, 10, 11, 20, 30, 40]);
    expect(m.started).toEqual([0, 1, 2, 3, 4]);
  });

  it('stops when accept says so and abandons the batches still in flight', async () => {
    const m = manual(6);
    const abandoned: number[] = [];
    const seen: number[] = [];
    const done = runInOrder({
      batches: 6,
      window: 3,
      start: m.start,
      accept: (x: number) => seen.push(x) < 3,
      abandon: (b) => abandoned.push(b),
    });
    await tick();
    m.settle[0].resolve([0, 1]);
    m.settle[1].resolve([2, 3]);
    await done;
    expect(seen).toEqual([0, 1, 2]);
    expect(m.started).toEqual([0, 1, 2, 3]);
    expect(abandoned).toEqual([2, 3]);
  });

  it('rejects with the abort reason while a batch is awaited, and abandons every batch in flight', async () => {
    const m = manual(4);
    const abandoned: number[] = [];
    const controller = new AbortController();
    const done = runInOrder({
      batches: 4,
      window: 2,
      start: m.start,
      accept: () => true,
      signal: controller.signal,
      abandon: (b) => abandoned.push(b),
    });
    await tick();
    controller.abort(new Error('interrupted'));
    await expect(done).rejects.toThrow('interrupted');
    expect(abandoned).toEqual([0, 1]);
  });

  it('rejects at once on a signal already aborted, starting nothing', async () => {
    const m = manual(2);
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(
      runInOrder({ batches: 2, window: 2, start: m.start, accept: () => true, signal: controller.signal }),
    ).rejects.toThrow('too late');
    expect(m.started).toEqual([]);
  });

  it('reports a failed batch at its turn, after the results before it', async () => {
    const m = manual(3);
    const seen: number[] = [];
    const abandoned: number[] = [];
    const done = runInOrder({
      batches: 3,
      window: 3,
      start: m.start,
      accept: (x: number) => seen.push(x) > 0,
      abandon: (b) => abandoned.push(b),
    });
    await tick();
    m.settle[1].reject(new Error('batch 1 failed'));
    await tick();
    expect(seen).toEqual([]);
    m.settle[0].resolve([0]);
    await expect(done).rejects.toThrow('batch 1 failed');
    expect(seen).toEqual([0]);
    expect(abandoned).toEqual([1, 2]);
  });
});
