/**
 * Every bundled scenario validates and runs, and its results are sane.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../src/experiment/simulate.js';
import { loadModel } from '../src/model/scenario/index.js';

const DIR = 'scenarios';
const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f));

describe('bundled scenarios', () => {
  it('include the default scenario that npm start runs', () => {
    expect(files).toContain('default.yaml');
  });

  for (const file of files) {
    it(`runs ${file}`, async () => {
      const model = loadModel(join(DIR, file));
      const result = await simulate(model, { replications: 2 });
      const total = result.total;
      expect(total.offered.mean).toBeGreaterThan(0);
      // Every offered call is answered, abandons, is blocked or fails, is still there at the end,
      // or was dropped by an outage while waiting (calls dropped in conversation were answered).
      const accounted =
        total.answered.mean! +
        total.abandoned.mean! +
        total.blocked.mean! +
        total.unfinished.mean! +
        Object.values(result.byCallType).reduce((s, k) => s + k.failed.mean!, 0);
      const droppedAtTypes = Object.values(result.byCallType).reduce((s, k) => s + k.dropped.mean!, 0);
      expect(total.offered.mean! - accounted).toBeGreaterThanOrEqual(-1e-6);
      expect(total.offered.mean! - accounted).toBeLessThanOrEqual(droppedAtTypes + 1e-6);
      if (droppedAtTypes === 0) expect(total.offered.mean).toBeCloseTo(accounted, 6);
      for (const k of ['serviceLevel', 'abandonRate', 'occupancy']) {
        expect(total[k].mean).toBeGreaterThanOrEqual(0);
        expect(total[k].mean).toBeLessThanOrEqual(1);
      }
      expect(result.byInterval.length).toBe(model.clock.intervalCount);
    });
  }
});
