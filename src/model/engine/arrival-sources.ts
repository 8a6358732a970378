/**
 * Where first attempts come from: one source per entry point (calls that
 * dial a number and enter the IVR), then one per call type for its direct
 * arrivals. Each source has its own arrival stream (`arrivals/<source>`)
 * and, for a forecast with uncertainty, one gamma day-level multiplier per
 * replication (`uncertainty/<source>`).
 */
import { gamma } from '../../kernel/distributions.js';
import type { StreamFactory, Uniform } from '../../kernel/random.js';
import type { ArrivalSpec, CompiledScenario } from '../scenario/compile.js';
import type { ArrivalProcess } from './arrivals.js';
import { PiecewisePoissonArrivals, TraceArrivals } from './arrivals.js';
import { NO_STREAM } from './call-attributes.js';

/** The sources' names, in source order (the names of their streams). */
export function sourceNamesOf(model: CompiledScenario): string[] {
  return [...model.entryPoints.map((e) => `entry/${e.name}`), ...model.callTypes.map((c) => c.name)];
}

export class ArrivalSources {
  /** Sources with index below this are entry points; source `entries + t` is call type t's direct arrivals. */
  readonly entries: number;
  readonly count: number;
  private readonly processes: Array<ArrivalProcess | null>;
  private readonly uniforms: Uniform[];

  constructor(model: CompiledScenario, streams: StreamFactory) {
    const names = sourceNamesOf(model);
    const specs: Array<ArrivalSpec | null> = [
      ...model.entryPoints.map((e) => e.arrivals as ArrivalSpec | null),
      ...model.callTypes.map((c) => c.arrivals),
    ];
    this.entries = model.entryPoints.length;
    this.count = specs.length;
    this.uniforms = specs.map((spec, s) =>
      spec === null ? NO_STREAM : streams.get(`arrivals/${names[s]}`).uniform,
    );
    this.processes = specs.map((spec, s) => {
      if (spec === null) return null;
      if (spec.kind === 'trace') return new TraceArrivals(spec.times);
      // Forecast uncertainty: one gamma(mean 1, cv) multiplier of the whole day's rate per replication.
      const scale =
        spec.uncertaintyCv > 0
          ? gamma(1, spec.uncertaintyCv).sample(streams.get(`uncertainty/${names[s]}`).uniform)
          : 1;
      return new PiecewisePoissonArrivals(
        spec.segments.map((segment) => ({ start: segment.start, rate: segment.rate * scale })),
        model.clock.measureEnd,
      );
    });
  }

  /** The time of source `source`'s next arrival after `now` (Infinity: none). */
  next(source: number, now: number): number {
    const process = this.processes[source];
    return process === null ? Infinity : process.next(now, this.uniforms[source]);
  }
}
