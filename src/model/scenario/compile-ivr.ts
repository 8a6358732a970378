/**
 * Compiling the IVR: its nodes as cumulative branch probabilities and
 * encoded targets, and the entry points that feed it.
 */
import { fromSpec } from '../../kernel/distributions.js';
import { compileArrivals } from './arrival-rates.js';
import type { Clock, CompiledEntryPoint, CompiledIvrNode } from './compiled-model.js';
import { IvrExit, ivrQueueTarget } from './compiled-model.js';
import { mustGet } from './name-index.js';
import type { Scenario } from './schema/index.js';

/** The IVR's nodes, in scenario order, and their indices by name. */
export function compileIvr(
  s: Scenario,
  typeIndex: ReadonlyMap<string, number>,
): { nodes: CompiledIvrNode[]; nodeIndex: ReadonlyMap<string, number> } {
  const nodeNames = Object.keys(s.ivr);
  const nodeIndex = new Map(nodeNames.map((n, i) => [n, i]));
  const nodes: CompiledIvrNode[] = nodeNames.map((name, index) => {
    const node = s.ivr[name];
    let cumulative = 0;
    const cumulatives: number[] = [];
    const targets: number[] = [];
    for (const branch of node.next) {
      cumulative += branch.p;
      cumulatives.push(cumulative);
      targets.push(
        typeof branch.to !== 'string'
          ? ivrQueueTarget(mustGet(typeIndex, branch.to.queue))
          : branch.to === 'selfService'
            ? IvrExit.selfService
            : branch.to === 'hangup'
              ? IvrExit.hangup
              : mustGet(nodeIndex, branch.to),
      );
    }
    cumulatives[cumulatives.length - 1] = 1; // guard against rounding: the last branch takes the rest
    return { index, name, duration: fromSpec(node.duration), cumulative: cumulatives, targets };
  });
  return { nodes, nodeIndex };
}

export function compileEntryPoints(
  s: Scenario,
  clock: Clock,
  nodeIndex: ReadonlyMap<string, number>,
): CompiledEntryPoint[] {
  return s.entryPoints.map((e, index) => ({
    index,
    name: e.name,
    arrivals: compileArrivals(e.arrivals, clock),
    ivr: mustGet(nodeIndex, e.ivr),
  }));
}
