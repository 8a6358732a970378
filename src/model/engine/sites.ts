/**
 * Sites: their phone lines and IVR ports in use, and their outages. An
 * outage sets what its site has lost (DOWN_* bits); calls needing it are
 * cut (see `cuts`), arrivals routed there fail until the outage is
 * detected, and from then on the routing avoids the site (`detected`).
 * Random outages draw their start and length from `outage/<index>`.
 */
import type { Distribution } from '../../kernel/distributions.js';
import type { StreamFactory, Uniform } from '../../kernel/random.js';
import type { CompiledOutage, CompiledScenario } from '../scenario/compile.js';
import { Channel, OutageScope } from '../scenario/compile.js';
import type { Call } from './call-store.js';
import { CallState } from './call-store.js';
import { doublesOf, integers, integersOf } from './columns.js';

/** What a site can lose (bits): everything, its lines, its IVR. */
const DOWN_SITE = 1;
const DOWN_LINES = 2;
const DOWN_IVR = 4;
/** What a call needs from its site: digital contacts the site, voice calls its lines, entry-point calls the IVR too. */
export const NEEDS_DIGITAL = DOWN_SITE;
export const NEEDS_VOICE = DOWN_SITE | DOWN_LINES;
export const NEEDS_ENTRY = DOWN_SITE | DOWN_LINES | DOWN_IVR;

/** What an outage takes down. */
function downBitsOf(outage: CompiledOutage): number {
  switch (outage.scope) {
    case OutageScope.full:
      return DOWN_SITE | DOWN_LINES | DOWN_IVR;
    case OutageScope.lines:
      return DOWN_LINES;
    case OutageScope.ivr:
      return DOWN_IVR;
    default:
      return 0;
  }
}

export class Sites {
  readonly count: number;
  /** Per site: lines and IVR ports in use. */
  readonly linesBusy: number[];
  readonly portsBusy: number[];
  /** Per site: DOWN_* bits of what is out, and of what is known to be out (routing avoids it). */
  readonly down: number[];
  readonly detected: number[];
  /** Per call type: what its calls need from their site (NEEDS_*). */
  readonly needsOf: number[];
  /** Per call type: 1 when its calls hold a phone line (voice). */
  readonly holdsLineOf: number[];
  /** Per site: 1 when lines are limited (unlimited lines are not tracked). */
  private readonly lineLimited: number[];
  private readonly lines: number[];
  private readonly ports: number[];
  private readonly outageUniform: Uniform[];
  /** Per outage: the end of the occurrence under way (NaN when none). */
  private readonly outageEnds: number[];

  constructor(
    private readonly model: CompiledScenario,
    streams: StreamFactory,
  ) {
    this.count = model.sites.length;
    this.linesBusy = integers(this.count);
    this.portsBusy = integers(this.count);
    this.down = integers(this.count);
    this.detected = integers(this.count);
    this.lineLimited = integersOf(model.sites, (site) => (Number.isFinite(site.lines) ? 1 : 0));
    this.lines = doublesOf(model.sites, (site) => site.lines);
    this.ports = doublesOf(model.sites, (site) => site.ivrPorts);
    this.needsOf = integersOf(model.callTypes, (c) =>
      c.channel === Channel.voice ? NEEDS_VOICE : NEEDS_DIGITAL,
    );
    this.holdsLineOf = integersOf(model.callTypes, (c) => (c.channel === Channel.voice ? 1 : 0));
    this.outageUniform = model.outages.map((o) => streams.get(`outage/${o.index}`).uniform);
    this.outageEnds = model.outages.map(() => NaN);
  }

  /** Whether site `site` has lost something calls needing `needs` need. */
  isDown(site: number, needs: number): boolean {
    return (this.down[site] & needs) !== 0;
  }

  /** Takes a line at a site that limits lines (see limitsLines), if one is free. */
  takeLine(site: number): boolean {
    if (this.linesBusy[site] >= this.lines[site]) return false;
    this.linesBusy[site]++;
    return true;
  }

  /** Whether lines are counted at the site (a call then holds one). */
  limitsLines(site: number): boolean {
    return this.lineLimited[site] === 1;
  }

  releaseLine(site: number): void {
    this.linesBusy[site]--;
  }

  /** Whether every IVR port of the site is in use. */
  portsFull(site: number): boolean {
    return this.portsBusy[site] >= this.ports[site];
  }

  takePort(site: number): void {
    this.portsBusy[site]++;
  }

  releasePort(site: number): void {
    this.portsBusy[site]--;
  }

  // ------------------------------------------------------------ outages

  /** When outage `o` first begins (NaN: not within the horizon, or over before the simulation began). */
  firstStart(o: number): number {
    const outage = this.model.outages[o];
    if (outage.duration === 0) return NaN;
    const at = outage.at ?? (outage.mtbf as Distribution).sample(this.outageUniform[o]);
    return at < this.model.clock.measureEnd ? at : NaN;
  }

  /** Outage `o` begins now: its site loses what it takes down; returns how long it lasts. */
  begin(o: number, now: number): number {
    const outage = this.model.outages[o];
    const duration = outage.duration ?? (outage.mttr as Distribution).sample(this.outageUniform[o]);
    this.outageEnds[o] = now + duration;
    this.down[outage.site] |= downBitsOf(outage);
    return duration;
  }

  /** What outage `o` takes down (DOWN_* bits). */
  downBits(o: number): number {
    return downBitsOf(this.model.outages[o]);
  }

  /** Whether outage `o` is under way. */
  isUnderWay(o: number): boolean {
    return !Number.isNaN(this.outageEnds[o]);
  }

  /** The routing learns of outage `o` (if it is still under way). */
  detect(o: number): void {
    if (!this.isUnderWay(o)) return;
    const s = this.model.outages[o].site;
    this.detected[s] = this.down[s];
  }

  /** Outage `o` ends now: the site is whole again. Returns when the next occurrence begins (NaN: none). */
  end(o: number, now: number): number {
    const outage = this.model.outages[o];
    const s = outage.site;
    this.outageEnds[o] = NaN;
    this.down[s] = 0;
    this.detected[s] = 0;
    if (outage.mtbf === null) return NaN;
    const next = now + outage.mtbf.sample(this.outageUniform[o]);
    return next < this.model.clock.measureEnd ? next : NaN;
  }

  /**
   * Whether a call not yet with an agent is cut by site `site` losing
   * `bits`: in the IVR (which holds a line and a port), or waiting at the
   * site for what it needs.
   */
  cutsBeforeAgent(c: Call, site: number, bits: number): boolean {
    if (c.site !== site) return false;
    if (c.state === CallState.inIvr) return (bits & NEEDS_ENTRY) !== 0;
    return c.state === CallState.waiting && (bits & this.needsOf[c.type]) !== 0;
  }

  /** Whether a call with an agent (talking or in after-call work) is cut by site `site` losing `bits`. */
  cutsWithAgent(c: Call, site: number, bits: number): boolean {
    return c.site === site && (bits & this.needsOf[c.type]) !== 0;
  }
}
