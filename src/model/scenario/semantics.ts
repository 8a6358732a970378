/**
 * Checks that need the whole scenario: names unique, references resolving
 * (skills → call types, groups → sites, IVR branches → nodes and queues),
 * IVR probabilities summing to 1 without cycles, per-interval lists as long
 * as the horizon, and the limits of limits.ts. Zod checks each field alone;
 * these check how fields refer to each other.
 *
 * Names are looked up in Maps and Sets, never as keys of plain objects (a
 * call type may well be called "constructor"), and every check is linear in
 * the size of the scenario.
 */
import { checkLimits } from './check-limits.js';
import type { FieldPath } from './problems.js';
import { suggest } from './problems.js';
import type { ArrivalsSpec, Scenario } from './schema/index.js';

export interface SemanticProblem {
  readonly path: FieldPath;
  readonly message: string;
}

/** Skill entries as written: a name, or an object naming the call type. */
export function skillCallType(skill: string | { callType: string }): string {
  return typeof skill === 'string' ? skill : skill.callType;
}

export function intervalCountOf(scenario: Pick<Scenario, 'horizon' | 'interval'>): number {
  return Math.ceil(scenario.horizon / scenario.interval - 1e-9);
}

const IVR_EXITS: ReadonlySet<string> = new Set(['selfService', 'hangup']);
/**
 * Bounds that keep messages about unknown names short and their cost linear:
 * names listed in one message, names compared for a "did you mean", and
 * unknown names that get a "did you mean" at all.
 */
const NAMES_LISTED = 12;
const NAMES_SUGGESTED_FROM = 2000;
const SUGGESTIONS = 100;

export function checkSemantics(scenario: Scenario): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const add = (path: FieldPath, message: string) => problems.push({ path, message });
  const callTypeNames = scenario.callTypes.map((c) => c.name);
  const firstCallTypeIndex = new Map<string, number>();
  callTypeNames.forEach((n, i) => {
    if (!firstCallTypeIndex.has(n)) firstCallTypeIndex.set(n, i);
  });
  const channelOf = new Map(scenario.callTypes.map((c) => [c.name, c.channel]));
  const intervals = intervalCountOf(scenario);

  checkUnique(callTypeNames, (i) => ['callTypes', i, 'name'], 'call type', problems);
  checkUnique(
    scenario.agentGroups.map((g) => g.name),
    (i) => ['agentGroups', i, 'name'],
    'agent group',
    problems,
  );
  checkUnique(
    scenario.sites.map((s) => s.name),
    (i) => ['sites', i, 'name'],
    'site',
    problems,
  );
  checkUnique(
    scenario.entryPoints.map((e) => e.name),
    (i) => ['entryPoints', i, 'name'],
    'entry point',
    problems,
  );

  const knownSets = new Map<readonly string[], ReadonlySet<string>>();
  let suggestionsLeft = SUGGESTIONS;
  const hintFor = (value: string, known: readonly string[]) =>
    suggestionsLeft-- > 0 ? suggest(value, known.slice(0, NAMES_SUGGESTED_FROM)) : undefined;
  const reference = (path: FieldPath, what: string, value: string, known: readonly string[]) => {
    let set = knownSets.get(known);
    if (set === undefined) {
      set = new Set(known);
      knownSets.set(known, set);
    }
    if (set.has(value)) return true;
    const hint = hintFor(value, known);
    add(
      path,
      `names no ${what}: "${value}"${hint ? ` (did you mean "${hint}"?)` : ''}; ` +
        (known.length > 0 ? `${what}s are ${listNames(known)}` : `there are no ${what}s`),
    );
    return false;
  };

  // The calibration block names call types and a group of this scenario.
  const calibration = scenario.calibration;
  if (calibration !== undefined) {
    calibration.classes.forEach((c, i) =>
      reference(['calibration', 'classes', i, 'callType'], 'call type', c.callType, callTypeNames),
    );
    if (calibration.staffing !== undefined) {
      const groups = scenario.agentGroups.map((g) => g.name);
      reference(['calibration', 'staffing', 'group'], 'agent group', calibration.staffing.group, groups);
      calibration.staffing.minusBusyOf.forEach((name, i) =>
        reference(['calibration', 'staffing', 'minusBusyOf', i], 'call type', name, callTypeNames),
      );
    }
  }

  // Agent groups: skills and sites.
  const served = new Set<string>();
  const siteNames = scenario.sites.map((s) => s.name);

  // Routing to sites and outages.
  const checkRouting = (routing: Scenario['routing'], path: FieldPath) => {
    if (routing === undefined) return;
    for (const site of Object.keys(routing.shares ?? {}))
      reference([...path, 'shares', site], 'site', site, siteNames);
    if (routing.policy === 'shares') {
      const total = Object.values(routing.shares ?? {}).reduce((a, b) => a + b, 0);
      if (!(total > 0))
        add(
          [...path, 'shares'],
          'expected shares by site name with a positive sum, e.g. { north: 0.6, south: 0.4 }',
        );
    } else if (routing.shares !== undefined) {
      add([...path, 'shares'], `shares apply to policy shares, not ${routing.policy}`);
    }
  };
  checkRouting(scenario.routing, ['routing']);
  scenario.callTypes.forEach((c, i) => checkRouting(c.routing, ['callTypes', i, 'routing']));
  scenario.outages.forEach((o, i) => {
    reference(['outages', i, 'site'], 'site', o.site, siteNames);
    if (
      o.restore !== undefined &&
      reference(['outages', i, 'restore', 'to'], 'site', o.restore.to, siteNames)
    ) {
      if (o.restore.to === o.site)
        add(['outages', i, 'restore', 'to'], 'expected another site than the one that fails');
    }
    if (o.fraction < 1 && o.scope !== 'agents')
      add(['outages', i, 'fraction'], 'a fraction applies to scope agents only');
  });
  scenario.agentGroups.forEach((group, g) => {
    const seen = new Set<string>();
    group.skills.forEach((skill, s) => {
      const type = skillCallType(skill);
      const path =
        typeof skill === 'string'
          ? ['agentGroups', g, 'skills', s]
          : ['agentGroups', g, 'skills', s, 'callType'];
      if (!reference(path, 'call type', type, callTypeNames)) return;
      if (seen.has(type)) add(path, `skill "${type}" is listed twice in this group`);
      seen.add(type);
      served.add(type);
    });
    if (group.site !== undefined) reference(['agentGroups', g, 'site'], 'site', group.site, siteNames);
    if (group.perInterval !== undefined) {
      checkLength(
        group.perInterval.length,
        intervals,
        ['agentGroups', g, 'perInterval'],
        'agent counts',
        add,
      );
    }
    group.shifts?.forEach((shift, k) => {
      shift.breaks.forEach((b, j) => {
        if (b.at < shift.start || b.at + b.length > shift.start + shift.length) {
          add(['agentGroups', g, 'shifts', k, 'breaks', j], 'expected the break to lie within its shift');
        }
      });
    });
  });

  // IVR: nodes, branches, no cycles.
  const nodeNames = Object.keys(scenario.ivr);
  const nodeSet = new Set(nodeNames);
  const ivrTargets = [...IVR_EXITS, ...nodeNames];
  const reachedTypes = new Set<string>();
  for (const [nodeName, node] of Object.entries(scenario.ivr)) {
    const total = node.next.reduce((sum, b) => sum + b.p, 0);
    if (Math.abs(total - 1) > 1e-9) {
      add(
        ['ivr', nodeName, 'next'],
        `expected branch probabilities to add up to 1, got ${Number(total.toFixed(12))}`,
      );
    }
    node.next.forEach((branch, b) => {
      const path = ['ivr', nodeName, 'next', b, 'to'];
      if (typeof branch.to === 'string') {
        if (!IVR_EXITS.has(branch.to) && !nodeSet.has(branch.to)) {
          const hint = hintFor(branch.to, ivrTargets);
          add(
            path,
            `expected selfService, hangup or an IVR node, got "${branch.to}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
          );
        }
      } else if (reference([...path, 'queue'], 'call type', branch.to.queue, callTypeNames)) {
        reachedTypes.add(branch.to.queue);
        if (channelOf.get(branch.to.queue) !== 'voice') {
          add(
            [...path, 'queue'],
            `expected a voice call type: the IVR answers phone calls, "${branch.to.queue}" is ${channelOf.get(branch.to.queue)}`,
          );
        }
      }
    });
  }
  const cycle = findCycle(scenario.ivr);
  if (cycle !== undefined)
    add(
      ['ivr', cycle[0]],
      `expected the IVR to have no loops, but ${cycle.join(' → ')} leads back to itself`,
    );

  scenario.entryPoints.forEach((entry, e) => {
    reference(['entryPoints', e, 'ivr'], 'IVR node', entry.ivr, nodeNames);
    checkArrivals(entry.arrivals, ['entryPoints', e, 'arrivals'], scenario, intervals, add);
  });

  // Call types.
  scenario.callTypes.forEach((callType, c) => {
    const path = ['callTypes', c];
    if (callType.arrivals !== undefined)
      checkArrivals(callType.arrivals, [...path, 'arrivals'], scenario, intervals, add);
    if (callType.handleTimeFactors !== undefined)
      checkLength(
        callType.handleTimeFactors.length,
        intervals,
        [...path, 'handleTimeFactors'],
        'factors',
        add,
      );
    const hasTraffic = callType.arrivals !== undefined || reachedTypes.has(callType.name);
    if (!hasTraffic) {
      add(path, `"${callType.name}" receives no calls: give it arrivals, or send an IVR branch to it`);
    } else if (!served.has(callType.name) && firstCallTypeIndex.get(callType.name) === c) {
      add(path, `no agent group has the skill "${callType.name}": add it to some group's skills`);
    }
    const tierShares = (callType.tiers ?? []).reduce((sum, t) => sum + t.share, 0);
    if (tierShares > 1 + 1e-9)
      add([...path, 'tiers'], `expected tier shares to add up to at most 1, got ${tierShares}`);
    checkUnique(
      (callType.tiers ?? []).map((t) => t.name),
      (i) => [...path, 'tiers', i, 'name'],
      'tier',
      problems,
    );
    if ((callType.fcr ?? 1) < 1 && callType.callbackDelay === undefined) {
      add(
        [...path, 'callbackDelay'],
        'missing: expected the delay before unresolved callers call back (fcr < 1)',
      );
    }
    if (callType.channel === 'email') {
      if (callType.patience !== undefined)
        add([...path, 'patience'], 'expected no patience: e-mails do not abandon');
      if (callType.redial !== undefined)
        add([...path, 'redial'], 'expected no redial: e-mails do not redial');
    } else if (callType.due !== undefined) {
      add([...path, 'due'], `expected due only for e-mail call types, this one is ${callType.channel}`);
    }
  });

  if (scenario.interval > scenario.horizon) {
    add(
      ['interval'],
      `expected an interval no longer than the horizon (${scenario.horizon} s), got ${scenario.interval} s`,
    );
  }
  for (const p of checkLimits(scenario, intervals)) add(p.path, p.message);
  return problems;
}

/** `"a", "b", "c"`, or the first few and how many more. */
function listNames(names: readonly string[]): string {
  const shown = names
    .slice(0, NAMES_LISTED)
    .map((n) => `"${n}"`)
    .join(', ');
  return names.length > NAMES_LISTED ? `${shown} and ${names.length - NAMES_LISTED} more` : shown;
}

function checkArrivals(
  arrivals: ArrivalsSpec,
  path: FieldPath,
  scenario: Scenario,
  intervals: number,
  add: (path: FieldPath, message: string) => void,
): void {
  if (arrivals.perInterval !== undefined) {
    checkLength(arrivals.perInterval.length, intervals, [...path, 'perInterval'], 'volumes', add);
  }
  arrivals.times?.forEach((t, i) => {
    if (t >= scenario.horizon) {
      add(
        [...path, 'times', i],
        `expected an arrival time before the end of the horizon (${scenario.horizon} s), got ${t} s`,
      );
    }
  });
}

function checkLength(
  got: number,
  expected: number,
  path: FieldPath,
  what: string,
  add: (path: FieldPath, message: string) => void,
): void {
  if (got !== expected) {
    add(path, `expected ${expected} ${what}, one per interval of the horizon, got ${got}`);
  }
}

function checkUnique(
  names: readonly string[],
  pathOf: (index: number) => FieldPath,
  what: string,
  problems: SemanticProblem[],
): void {
  const first = new Map<string, number>();
  names.forEach((name, i) => {
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, i);
    else
      problems.push({
        path: pathOf(i),
        message: `duplicate ${what} name "${name}" (also at index ${earlier})`,
      });
  });
}

/**
 * A path of IVR node names that returns to its first node, if there is one
 * (a depth-first search with its own stack, so that a chain of thousands of
 * nodes cannot overflow the call stack).
 */
function findCycle(ivr: Scenario['ivr']): string[] | undefined {
  const nodes = new Map(Object.entries(ivr));
  const state = new Map<string, 'open' | 'done'>();
  for (const root of nodes.keys()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const nextBranch: number[] = [0];
    state.set(root, 'open');
    while (path.length > 0) {
      const top = path.length - 1;
      const branches = nodes.get(path[top])?.next ?? [];
      const b = nextBranch[top]++;
      if (b >= branches.length) {
        state.set(path[top], 'done');
        path.pop();
        nextBranch.pop();
        continue;
      }
      const to = branches[b].to;
      if (typeof to !== 'string' || IVR_EXITS.has(to) || !nodes.has(to)) continue;
      const seen = state.get(to);
      if (seen === 'open') return [...path.slice(path.indexOf(to)), to];
      if (seen === 'done') continue;
      state.set(to, 'open');
      path.push(to);
      nextBranch.push(0);
    }
  }
  return undefined;
}
