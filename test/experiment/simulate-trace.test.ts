/**
 * simulate()'s traces: in replication order, the same whether the runner
 * brings them back with the summaries (threads) or not (other machines),
 * and a trace a runner brings back used as it is.
 */
import { describe, expect, it } from 'vitest';
import type { Runner } from '../../src/experiment/replication-runner.js';
import { simulate } from '../../src/experiment/simulate.js';
import type { ReplicationTrace } from '../../src/model/engine/replication.js';
import { simulateReplication } from '../../src/model/engine/replication.js';
import { loadModel } from '../../src/model/scenario/index.js';

/** A runner like DistributedRunner: summaries in order, never a trace. */
const traceless: Runner = {
  run: async (model, seed, replications, accept) => {
    for (const r of replications) if (!accept(simulateReplication(model, r, seed))) return;
  },
  close: async () => undefined,
};

describe('simulate with onTrace', () => {
  const model = loadModel('scenarios/textbook-80-20.yaml');

  async function traces(runner?: Runner): Promise<Array<[number, ReplicationTrace]>> {
    const heard: Array<[number, ReplicationTrace]> = [];
    await simulate(model, {
      replications: 3,
      threads: 1,
      runner,
      onTrace: (r, trace) => heard.push([r, trace]),
    });
    return heard;
  }

  it('hears every replication in order, the same from a runner that brings no traces back', async () => {
    const local = await traces();
    expect(local.map(([r]) => r)).toEqual([0, 1, 2]);
    for (const [r, trace] of local) {
      expect(trace.rows).toBeGreaterThan(100);
      expect(trace.csv.startsWith(`${r},`)).toBe(true);
    }
    expect(await traces(traceless)).toEqual(local);
  });

  it('asks the runner for traces only when someone listens', async () => {
    const asked: Array<boolean | undefined> = [];
    const spy: Runner = {
      run: async (m, seed, replications, accept, signal, request) => {
        asked.push(request?.trace);
        return traceless.run(m, seed, replications, accept, signal);
      },
      close: async () => undefined,
    };
    await simulate(model, { replications: 1, runner: spy });
    await simulate(model, { replications: 1, runner: spy, onTrace: () => undefined });
    expect(asked).toEqual([false, true]);
  });

  it('uses the trace a runner brought back as it is, without simulating again', async () => {
    const runner: Runner = {
      run: async (m, seed, replications, accept) => {
        for (const r of replications)
          accept({ ...simulateReplication(m, r, seed), trace: { rows: 0, csv: '' } });
      },
      close: async () => undefined,
    };
    const heard: ReplicationTrace[] = [];
    await simulate(model, { replications: 2, runner, onTrace: (_, t) => heard.push(t) });
    expect(heard).toEqual([
      { rows: 0, csv: '' },
      { rows: 0, csv: '' },
    ]);
  });
});
