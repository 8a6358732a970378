/**
 * Compiling a validated scenario into the runtime model (compiled-model.ts):
 * indices instead of names, samplers built once, rates and staffing laid
 * out on the simulation clock. Only {@link compileScenario} makes a
 * {@link CompiledScenario}, so an unvalidated scenario cannot reach a run.
 * Each part of the scenario compiles in its own module: the network
 * (compile-network.ts), call types and routes (compile-call-types.ts),
 * agent groups and their staffing (compile-agents.ts), the IVR
 * (compile-ivr.ts).
 */
import { compileAgentGroups } from './compile-agents.js';
import { compileCallTypes, compileRoutes } from './compile-call-types.js';
import { compileEntryPoints, compileIvr } from './compile-ivr.js';
import { compileOutages, compileRouting, compileSites, outagePhases } from './compile-network.js';
import type { Clock, CompiledScenario } from './compiled-model.js';
import type { LoadedScenario } from './load.js';
import { indexByName } from './name-index.js';
import type { Scenario } from './schema/index.js';
import { intervalCountOf } from './semantics.js';

export type { ArrivalSpec, RateSegment } from './arrival-rates.js';
export { simTimeOf } from './arrival-rates.js';
export type {
  ChannelCode,
  Clock,
  CompiledAgentGroup,
  CompiledCallType,
  CompiledEntryPoint,
  CompiledIvrNode,
  CompiledOutage,
  CompiledQueue,
  CompiledRouting,
  CompiledScenario,
  CompiledSite,
  CompiledTier,
  OutageScopeCode,
  Phase,
  Route,
  RoutingPolicyCode,
  StaffingSchedule,
} from './compiled-model.js';
export {
  Channel,
  DEFAULT_SERVICE_LEVEL_TARGET,
  IvrExit,
  OutageScope,
  RoutingPolicy,
  callTypeOfIvrTarget,
  intervalClockStart,
  intervalLength,
  ivrQueueTarget,
} from './compiled-model.js';

export function compileScenario(loaded: LoadedScenario): CompiledScenario {
  const s = loaded.scenario;
  const clock = clockOf(s);
  const typeIndex = indexByName(s.callTypes);
  const siteIndex = indexByName(s.sites);
  const sites = compileSites(s);
  const routing = compileRouting(s.routing, sites);
  const outages = compileOutages(s, clock, siteIndex);
  const routes = compileRoutes(s, typeIndex);
  const { callTypes, queues } = compileCallTypes(s, clock, routes, (own) =>
    own === undefined ? routing : compileRouting(own, sites),
  );
  const agentGroups = compileAgentGroups(s, clock, siteIndex, routes, callTypes);
  const ivr = compileIvr(s, typeIndex);
  const compiled = {
    name: s.name,
    seed: s.seed,
    replications: s.replications,
    clock,
    serviceLevel: s.serviceLevel,
    targets: s.targets,
    sites,
    routing,
    outages,
    phases: outagePhases(outages, clock),
    callTypes,
    queues,
    agentGroups,
    entryPoints: compileEntryPoints(s, clock, ivr.nodeIndex),
    ivrNodes: ivr.nodes,
    scenario: s,
    source: {
      file: loaded.file,
      hash: loaded.hash,
      text: loaded.text,
      // As written, not the absolute path: a result must not depend on the machine.
      ...(loaded.inputs !== undefined && loaded.inputs.length > 0
        ? { inputs: loaded.inputs.map((i) => ({ reference: i.reference, sha256: i.sha256 })) }
        : {}),
    },
  };
  return compiled as unknown as CompiledScenario;
}

function clockOf(s: Scenario): Clock {
  return {
    start: s.start,
    warmup: s.warmup,
    horizon: s.horizon,
    intervalLength: s.interval,
    intervalCount: intervalCountOf(s),
    measureStart: s.warmup,
    measureEnd: s.warmup + s.horizon,
  };
}
