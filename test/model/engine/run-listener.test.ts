/**
 * The engine reports to a RunListener only: an observer hears what the KPI
 * recorder hears, and observing changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { Field } from '../../../src/model/kpis.js';
import type { CallFateCode, CallView } from '../../../src/model/engine/call-listener.js';
import { CallFate } from '../../../src/model/engine/call-listener.js';
import { layoutOf, simulateReplication } from '../../../src/model/engine/replication.js';
import { QuietListener } from '../../../src/model/engine/run-listener.js';
import { loadModel } from '../../../src/model/scenario/index.js';

class Tally extends QuietListener {
  readonly fates = new Map<CallFateCode, number>();
  answeredMeasured = 0;
  boundaries = 0;

  override callEnded(call: CallView, fate: CallFateCode): void {
    if (call.interval >= 0) this.fates.set(fate, (this.fates.get(fate) ?? 0) + 1);
  }
  override answered(interval: number): void {
    if (interval >= 0) this.answeredMeasured++;
  }
  override boundary(): void {
    this.boundaries++;
  }
}

describe('a run observed through RunListener', () => {
  const model = loadModel('scenarios/retail-bank.yaml');
  const layout = layoutOf(model);
  const wholeDay = layout.offset(-1, { kind: 'all', index: 0 });
  const total = (records: Float64Array, field: number) => records[wholeDay + field];

  it('changes nothing: the summary is the same with and without an observer', () => {
    const plain = simulateReplication(model, 3);
    const observed = simulateReplication(model, 3, undefined, new Tally());
    expect(Buffer.from(observed.records.buffer)).toEqual(Buffer.from(plain.records.buffer));
    expect(observed.events).toBe(plain.events);
  });

  it('hears every answer and every measured call end the KPIs count', () => {
    const tally = new Tally();
    const { records } = simulateReplication(model, 3, undefined, tally);
    expect(tally.answeredMeasured).toBe(total(records, Field.answered));
    expect(tally.fates.get(CallFate.served)).toBe(total(records, Field.answered));
    expect(tally.fates.get(CallFate.abandoned)).toBe(total(records, Field.abandoned));
    expect(tally.boundaries).toBe(model.clock.intervalCount + 1);
  });
});
