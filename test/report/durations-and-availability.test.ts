/**
 * Issue 11, item 5: one format for time spans (time to recover, downtime)
 * in `ccsim run`, its report and `ccsim dr`; outages and availability per
 * site in the run table and the report.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KPI_BY_NAME } from '../../src/model/kpis.js';
import { formatEstimate, formatValue } from '../../src/report/format.js';
import { cli } from '../support/cli.js';

describe('durations', () => {
  it('print as 45s, 26m15s or 2h03m, with their interval', () => {
    expect(formatValue(0, 'duration')).toBe('0s');
    expect(formatValue(44.6, 'duration')).toBe('45s');
    expect(formatValue(1575, 'duration')).toBe('26m15s');
    expect(formatValue(3599.6, 'duration')).toBe('1h00m');
    expect(formatValue(7380, 'duration')).toBe('2h03m');
    expect(formatValue(7200, 'duration')).toBe('2h00m');
    expect(formatEstimate({ mean: 7380, lo: 6973, hi: 7787 }, 'duration')).toBe('2h03m [1h56m, 2h10m]');
    expect(formatValue(null, 'duration')).toBe('–');
  });

  it('are the unit of time to recover and downtime', () => {
    expect(KPI_BY_NAME.get('timeToRecover')?.unit).toBe('duration');
    expect(KPI_BY_NAME.get('downtime')?.unit).toBe('duration');
    expect(KPI_BY_NAME.get('availability')?.unit).toBe('fraction');
  });
});

describe('ccsim run with an outage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-ttr-'));
  const file = join(dir, 'outage.yaml');
  // Calls fail for 20 minutes at south: the 10:00 interval misses 80/20, the 10:30 one does not.
  writeFileSync(
    file,
    `name: outage
seed: 21
start: "08:00"
warmup: 30m
horizon: 4h
interval: 30m
serviceLevel: { threshold: 20, target: 0.8 }
sites: [{ name: north }, { name: south }]
routing: { policy: shares, shares: { north: 0.5, south: 0.5 } }
outages:
  - { site: south, at: "10:00", duration: 1h, detectionDelay: 20m }
callTypes:
  - { name: q, arrivals: { ratePerHour: 600 }, handleTime: { dist: exponential, mean: 60s } }
agentGroups:
  - { name: north-team, site: north, agents: 40, skills: [q] }
  - { name: south-team, site: south, agents: 40, skills: [q] }
`,
  );

  it('prints time to recover as a duration and the outages, downtime and availability per site, in the table and the report', async () => {
    const out = join(dir, 'report');
    const run = await cli('run', file, '--reps', '3', '--out', out, '--quiet');
    expect(run.code, run.stderr).toBe(0);
    const during = run.stdout.split('\n').find((l) => /^1 \(south\)\s+during/.test(l)) ?? '';
    expect(during).toMatch(/30m00s \[30m00s, 30m00s\]$/);
    expect(run.stdout).toMatch(
      /^south\s+1\.00 \[1\.00, 1\.00\]\s+1h00m \[1h00m, 1h00m\]\s+75\.0% \[75\.0%, 75\.0%\]$/m,
    );
    expect(run.stdout).toMatch(/^north\s+0\.00 \[0\.00, 0\.00\]\s+0s \[0s, 0s\]\s+100\.0%/m);
    expect(run.stdout).toMatch(/^network\s+1\.00 \[1\.00, 1\.00\]\s+1h00m \[1h00m, 1h00m\]\s+87\.5%/m);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<td>30m00s [30m00s, 30m00s]</td>');
    expect(html).toContain('Outages and availability');
    expect(html).toContain('<td>75.0% [75.0%, 75.0%]</td>');
    const json = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as {
      bySite: Record<string, Record<string, { mean: number }>>;
    };
    expect(json.bySite.south.downtime.mean).toBe(3600);
    expect(json.bySite.south.availability.mean).toBe(0.75);
  });

  it('prints no outage table for a scenario without outages', async () => {
    const run = await cli('run', 'scenarios/textbook-80-20.yaml', '--reps', '2', '--no-report', '--quiet');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('Outages and availability');
  });
});
