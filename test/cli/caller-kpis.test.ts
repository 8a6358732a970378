/**
 * Unique callers, redials and repeat calls per call type: shown where callers
 * dial the call type directly, a dash where an IVR routes them (the attempts
 * are counted at the entry point, so the call type's zeros mean "not here").
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

function row(stdout: string, label: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(label));
  expect(line, label).toBeDefined();
  // Cells are "mean [lo, hi]" or a dash, two or more spaces apart.
  return (line ?? '')
    .slice(label.length)
    .trim()
    .split(/\s{2,}/);
}

describe('caller KPIs per call type in the run table', () => {
  it('shows a dash, not 0.00, for call types reached through an IVR', async () => {
    const r = await cli('run', 'scenarios/retail-bank.yaml', '--reps', '2', '--threads', '1', '--no-report');
    expect(r.code, r.stderr).toBe(0);
    const cells = row(r.stdout, 'Unique callers');
    expect(cells).toHaveLength(5); // all calls, then four call types
    expect(cells[0]).toMatch(/^\d+ \[/);
    expect(cells.slice(1)).toEqual(['–', '–', '–', '–']);
    expect(row(r.stdout, 'Redials').slice(1)).toEqual(['–', '–', '–', '–']);
  });

  it('keeps the counts of call types that callers dial directly', async () => {
    const r = await cli(
      'run',
      'scenarios/airline-golden-week.yaml',
      '--reps',
      '2',
      '--threads',
      '1',
      '--no-report',
    );
    expect(r.code, r.stderr).toBe(0);
    const cells = row(r.stdout, 'Unique callers');
    expect(cells.length).toBeGreaterThan(2);
    for (const cell of cells) expect(cell).toMatch(/^\d+ \[/);
  });
});
