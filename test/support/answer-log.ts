/**
 * A log of every answer in one replication — call type, group, the time the
 * call joined the queue, its wait and its talk time — for properties about
 * individual calls (common random numbers). The engine keeps no per-call
 * records, so this listens in: it wraps `Recorder.prototype.answered` (the
 * engine reports each answer there, warm-up and drain included) and reads
 * the clock of the running `Simulator` (captured by wrapping its `run`).
 * Both wrappers call the original and are removed before returning.
 */
import { vi } from 'vitest';
import { Simulator } from '../../src/kernel/simulator.js';
import { simulateReplication } from '../../src/model/engine/replication.js';
import { Recorder } from '../../src/model/engine/recorder.js';
import type { CompiledScenario } from '../../src/model/scenario/index.js';

export interface Answer {
  readonly type: number;
  readonly group: number;
  /** Simulation time at which the call joined the queue (its arrival, or its IVR exit). */
  readonly queuedAt: number;
  readonly wait: number;
  readonly talk: number;
}

export function answersOf(model: CompiledScenario, replication: number, seed?: number): Answer[] {
  const answers: Answer[] = [];
  const answered = Recorder.prototype.answered;
  // Pass-through; its recorded `this` is the simulator whose run is under way.
  const runSpy = vi.spyOn(Simulator.prototype, 'run');
  const answeredSpy = vi.spyOn(Recorder.prototype, 'answered').mockImplementation(function (
    this: Recorder,
    ...args: Parameters<Recorder['answered']>
  ) {
    // Recorder.answered(interval, type, queue, site, group, wait, talk): keep in step with its signature.
    const [, type, , , group, wait, talk] = args;
    const running = runSpy.mock.contexts.at(-1);
    if (!(running instanceof Simulator)) throw new Error('answersOf: no simulator running');
    answers.push({ type, group, queuedAt: running.now - wait, wait, talk });
    return answered.apply(this, args);
  });
  try {
    simulateReplication(model, replication, seed);
  } finally {
    runSpy.mockRestore();
    answeredSpy.mockRestore();
  }
  return answers;
}
