/**
 * Layering of src/, checked by `depcruise src --config .dependency-cruiser.cjs` (part of `npm run lint`).
 *
 *   cli/ ──> planning/ ──> results/ ──> experiment/ ──> model/ ──> kernel/
 *     │          └──> data/ (real logs: import, fit, forecast) ──> model/
 *     └────> report/ ──> results/ (the shapes of what planning computes; types and constants only)
 *              └──> data/, experiment/, model/, kernel/   (never planning/ nor analytic/)
 *                                                           analytic/ (pure math)
 *
 * report/ draws and writes results: anything it needs computed (the Erlang requirement, the
 * facts of a compiled scenario) is computed in planning/ and carried in a results/ shape.
 *
 * Each layer lists what it MAY import (allow-lists), so a new folder under src/ has to be placed
 * here before other layers can use it. Type-only imports count too (tsPreCompilationDeps).
 */

/** A rule: modules under `from` may only import src/ modules matching one of `allowed`. */
function layer(name, from, allowed, comment) {
  return {
    name,
    severity: 'error',
    comment,
    from: { path: from },
    to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
  };
}

module.exports = {
  forbidden: [
    layer(
      'kernel-is-the-bottom',
      '^src/kernel/',
      ['kernel'],
      'src/kernel knows nothing about calls: it may import only from src/kernel.',
    ),
    layer(
      'numerics-are-pure-math',
      '^src/kernel/numerics/',
      ['kernel/numerics'],
      'src/kernel/numerics (special functions, log-space arithmetic) is plain math: it may import only itself.',
    ),
    layer(
      'analytic-is-pure-math',
      '^src/analytic/',
      ['analytic', 'kernel/numerics'],
      'src/analytic holds pure closed forms: it may import only src/analytic and the numerics of src/kernel/numerics.',
    ),
    layer(
      'model-layer',
      '^src/model/',
      ['model', 'kernel', 'analytic'],
      'src/model may import only src/kernel and src/analytic (dependencies point downwards).',
    ),
    layer(
      'experiment-layer',
      '^src/experiment/',
      ['experiment', 'model', 'kernel', 'analytic'],
      'src/experiment may import only src/model, src/kernel and src/analytic.',
    ),
    layer(
      'data-layer',
      '^src/data/',
      ['data', 'model', 'kernel', 'analytic'],
      'src/data (import, fit, forecast of real logs) may import only src/model, src/kernel and src/analytic.',
    ),
    layer(
      'results-are-shapes',
      '^src/results/',
      ['results', 'experiment', 'model', 'kernel'],
      'src/results declares result shapes (types and plain constants) between src/experiment and src/planning, src/report: it may import only src/experiment, src/model and src/kernel.',
    ),
    {
      name: 'results-without-io',
      severity: 'error',
      comment: 'src/results holds result shapes and plain constants: no Node built-ins, no packages.',
      from: { path: '^src/results/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer'] },
    },
    layer(
      'planning-layer',
      '^src/planning/',
      ['planning', 'results', 'data', 'experiment', 'model', 'kernel', 'analytic'],
      'src/planning may import only src/results, src/data, src/experiment, src/model, src/kernel and src/analytic.',
    ),
    layer(
      'report-reads-results-only',
      '^src/report/',
      ['report', 'results', 'data', 'experiment', 'model', 'kernel'],
      'src/report reads results: it may not import src/cli, src/planning, src/analytic or src/index.ts (what it needs computed comes in a src/results shape).',
    ),
    {
      name: 'library-entry-not-cli',
      severity: 'error',
      comment: 'src/index.ts is the library entry: it must not pull in the CLI.',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'kernel-without-node-built-ins',
      severity: 'error',
      comment:
        'src/kernel runs anywhere (a browser, a worker): it may not import Node built-ins (node:crypto, node:fs ...).',
      from: { path: '^src/kernel/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular dependency. Move the shared part down a layer or invert the dependency.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-dev-deps-in-src',
      severity: 'error',
      comment:
        'src/ is shipped: it may not import devDependencies (vitest, tinybench, fast-check, ...). ' +
        'Move the package to dependencies or the code to test/ or bench/.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-test-tools-in-src',
      severity: 'error',
      comment: 'Test and benchmark tools do not belong in src/.',
      from: { path: '^src/' },
      to: { path: '(^|/)node_modules/(vitest|@vitest/[^/]+|tinybench|fast-check)/' },
    },
    {
      name: 'no-src-to-tests',
      severity: 'error',
      comment: 'src/ may not import from test/, bench/ or scripts/.',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'Imports an npm package that package.json does not list. Add it to dependencies.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Import that does not resolve to a file (wrong path or extension?).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Resolve the way tsc does: NodeNext, `./x.js` specifiers find `./x.ts`.
    tsConfig: { fileName: 'tsconfig.json' },
    // Count `import type` as a dependency: layering is about design, not only runtime.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
