/**
 * Checks that need the whole scenario: names unique, skills naming call
 * types, every call type served by some group. Zod checks each field alone;
 * these check how fields refer to each other.
 */
import type { FieldPath } from './problems.js';
import { suggest } from './problems.js';
import type { Scenario } from './schema.js';

export interface SemanticProblem {
  readonly path: FieldPath;
  readonly message: string;
}

export function checkSemantics(scenario: Scenario): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const callTypeNames = scenario.callTypes.map((c) => c.name);

  checkUnique(callTypeNames, (i) => ['callTypes', i, 'name'], 'call type', problems);
  checkUnique(
    scenario.agentGroups.map((g) => g.name),
    (i) => ['agentGroups', i, 'name'],
    'agent group',
    problems,
  );

  const known = new Set(callTypeNames);
  const served = new Set<string>();
  scenario.agentGroups.forEach((group, g) => {
    const seen = new Set<string>();
    group.skills.forEach((skill, s) => {
      const path = ['agentGroups', g, 'skills', s];
      if (!known.has(skill)) {
        const hint = suggest(skill, callTypeNames);
        problems.push({
          path,
          message:
            `names no call type: "${skill}"${hint ? ` (did you mean "${hint}"?)` : ''}; ` +
            `call types are ${callTypeNames.map((n) => `"${n}"`).join(', ')}`,
        });
      } else if (seen.has(skill)) {
        problems.push({ path, message: `skill "${skill}" is listed twice in this group` });
      }
      seen.add(skill);
      served.add(skill);
    });
  });

  scenario.callTypes.forEach((callType, c) => {
    if (known.has(callType.name) && !served.has(callType.name) && hasArrivals(callType.arrivals)) {
      problems.push({
        path: ['callTypes', c],
        message: `no agent group has the skill "${callType.name}": add it to some group's skills`,
      });
    }
  });

  scenario.callTypes.forEach((callType, c) => {
    callType.arrivals.times?.forEach((t, i) => {
      if (t >= scenario.horizon) {
        problems.push({
          path: ['callTypes', c, 'arrivals', 'times', i],
          message: `expected an arrival time before the end of the horizon (${scenario.horizon} s), got ${t} s`,
        });
      }
    });
  });

  if (scenario.interval > scenario.horizon) {
    problems.push({
      path: ['interval'],
      message: `expected an interval no longer than the horizon (${scenario.horizon} s), got ${scenario.interval} s`,
    });
  }
  return problems;
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

function hasArrivals(arrivals: Scenario['callTypes'][number]['arrivals']): boolean {
  return (arrivals.ratePerHour ?? 0) > 0 || (arrivals.times?.length ?? 0) > 0;
}
