/**
 * A plan.json or shift-template file from someone else goes through the
 * same YAML reader as scenarios: an alias to nothing is a problem with its
 * position (exit 2), never an internal ReferenceError (exit 1).
 */
import { expect, it } from 'vitest';
import { cli } from '../support/cli.js';

it('refuses a plan.json whose alias names no anchor, with its line and column', async () => {
  const run = await cli(
    'shifts',
    'test/fixtures/hostile/plan-undefined-alias.json',
    '--templates',
    'scenarios/shifts/shift-templates.yaml',
    '--no-report',
  );
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    'plan-undefined-alias.json:1:18: not valid JSON: the alias *nothing names no anchor (&nothing) set before it',
  );
  expect(run.stderr).not.toContain('internal error');
});
