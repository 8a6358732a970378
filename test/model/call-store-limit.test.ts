/** The call store's ceiling: calls piling up beyond it stop the run with a typed error, not exhausted memory. */
import { describe, expect, it } from 'vitest';
import { CallCapacityError, CallStore } from '../../src/model/engine/call-store.js';

describe('CallStore', () => {
  it('holds up to its maximum of calls present at once, then throws CallCapacityError', () => {
    const store = new CallStore(4, 10);
    for (let k = 0; k < 10; k++) store.allocate();
    expect(store.rows).toBe(10);
    expect(() => store.allocate()).toThrow(CallCapacityError);
  });

  it('reuses released records, so calls that come and go never reach the maximum', () => {
    const store = new CallStore(4, 10);
    for (let k = 0; k < 1000; k++) store.release(store.allocate());
    expect(store.rows).toBe(1);
  });
});
