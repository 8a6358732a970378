/**
 * A log of every answer in one replication — call type, group, the time the
 * call joined the queue, its wait and its talk time — for properties about
 * individual calls (common random numbers). The engine keeps no per-call
 * records, so this listens to the run through the engine's RunListener
 * interface, as the KPI recorder does (warm-up and drain included).
 */
import { QuietListener } from '../../src/model/engine/run-listener.js';
import { simulateReplication } from '../../src/model/engine/replication.js';
import type { CompiledScenario } from '../../src/model/scenario/index.js';

export interface Answer {
  readonly type: number;
  readonly group: number;
  /** Simulation time at which the call joined the queue (its arrival, or its IVR exit). */
  readonly queuedAt: number;
  readonly wait: number;
  readonly talk: number;
}

class AnswerLog extends QuietListener {
  readonly answers: Answer[] = [];

  override answered(
    _interval: number,
    type: number,
    _queue: number,
    _site: number,
    group: number,
    wait: number,
    talk: number,
    at: number,
  ): void {
    this.answers.push({ type, group, queuedAt: at - wait, wait, talk });
  }
}

export function answersOf(model: CompiledScenario, replication: number, seed?: number): Answer[] {
  const log = new AnswerLog();
  simulateReplication(model, replication, seed, log);
  return log.answers;
}
