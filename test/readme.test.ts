/**
 * The README stays true: its KPI table quotes the KPI module, its error
 * example is what the CLI prints, and its quick-start scripts exist.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KPIS } from '../src/model/kpis.js';
import { cli } from './support/cli.js';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('quotes the definition of every KPI', () => {
    for (const kpi of KPIS) expect(readme, kpi.name).toContain(`| \`${kpi.name}\` | ${kpi.definition} |`);
  });

  it('shows the error output the CLI really prints for the bad example', async () => {
    const r = await cli('run', 'test/fixtures/bad.yaml');
    expect(r.code).toBe(2);
    for (const line of r.stderr.trim().split('\n')) expect(readme).toContain(line);
  });

  it('names scripts that exist in package.json', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    for (const match of readme.matchAll(/npm (?:run )?(start|test|run [a-z:]+)/g)) {
      const name = match[1].replace(/^run /, '');
      expect(scripts, name).toHaveProperty(name);
    }
  });
});
