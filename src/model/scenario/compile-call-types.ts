/**
 * Compiling call types: their samplers and arrivals, their queues (one per
 * tier), and the routes by which agent groups take them.
 */
import { fromSpec } from '../../kernel/distributions.js';
import type {
  Clock,
  CompiledCallType,
  CompiledQueue,
  CompiledRouting,
  CompiledTier,
  Route,
} from './compiled-model.js';
import { compileArrivals } from './arrival-rates.js';
import { Channel } from './compiled-model.js';
import { mustGet } from './name-index.js';
import type { Scenario } from './schema/index.js';
import { skillCallType } from './semantics.js';

/** One route per (group, skill), bucketed per call type and per group, in scenario order. */
export interface Routes {
  readonly ofType: Route[][];
  readonly ofGroup: Route[][];
}

export function compileRoutes(s: Scenario, typeIndex: ReadonlyMap<string, number>): Routes {
  const routes: Route[] = [];
  s.agentGroups.forEach((g, group) => {
    for (const skill of g.skills) {
      const callType = mustGet(typeIndex, skillCallType(skill));
      routes.push(
        typeof skill === 'string'
          ? { group, callType, level: 1, after: 0, handleTimeFactor: 1 }
          : {
              group,
              callType,
              level: skill.level,
              after: skill.after,
              handleTimeFactor: skill.handleTimeFactor,
            },
      );
    }
  });
  // Bucketed once: linear in the routes.
  const ofType: Route[][] = s.callTypes.map(() => []);
  const ofGroup: Route[][] = s.agentGroups.map(() => []);
  for (const r of routes) {
    ofType[r.callType].push(r);
    ofGroup[r.group].push(r);
  }
  return { ofType, ofGroup };
}

/**
 * The call types and their queues: one queue per (call type, tier), tiers by
 * priority, the default tier of the remaining share last. `routingOf` gives
 * a call type's routing (the network's when it sets none).
 */
export function compileCallTypes(
  s: Scenario,
  clock: Clock,
  routes: Routes,
  routingOf: (own: Scenario['callTypes'][number]['routing']) => CompiledRouting,
): { callTypes: CompiledCallType[]; queues: CompiledQueue[] } {
  const queues: CompiledQueue[] = [];
  const callTypes: CompiledCallType[] = s.callTypes.map((c, index) => {
    const listed = [...(c.tiers ?? [])].sort((a, b) => b.priority - a.priority);
    const rest = 1 - listed.reduce((sum, t) => sum + t.share, 0);
    const tierSpecs =
      rest > 1e-12 || listed.length === 0
        ? [...listed, { name: 'standard', share: Math.max(0, rest), priority: 0 }]
        : listed;
    const tiers: CompiledTier[] = tierSpecs.map((t, tier) => {
      const queue = queues.length;
      queues.push({
        index: queue,
        callType: index,
        tier,
        name: tierSpecs.length > 1 ? `${c.name}/${t.name}` : c.name,
      });
      return { name: t.name, share: t.share, priority: t.priority, queue };
    });
    return {
      index,
      name: c.name,
      channel: Channel[c.channel],
      priority: c.priority,
      tiers,
      arrivals: c.arrivals === undefined ? null : compileArrivals(c.arrivals, clock),
      handleTime: fromSpec(c.handleTime),
      handleTimeFactors: c.handleTimeFactors ?? null,
      acw: c.acw === undefined ? null : fromSpec(c.acw),
      answerDelay: c.answerDelay === undefined ? null : fromSpec(c.answerDelay),
      patience: c.patience === undefined ? null : fromSpec(c.patience),
      redial:
        c.redial === undefined
          ? null
          : {
              probability: c.redial.probability,
              delay: fromSpec(c.redial.delay),
              maxAttempts: c.redial.maxAttempts,
            },
      fcr: c.fcr ?? 1,
      callbackDelay: c.callbackDelay === undefined ? null : fromSpec(c.callbackDelay),
      maxQueue: c.maxQueue ?? Infinity,
      due: c.due ?? null,
      routes: routes.ofType[index].sort((a, b) => a.level - b.level || a.group - b.group),
      routing: routingOf(c.routing),
    };
  });
  return { callTypes, queues };
}
