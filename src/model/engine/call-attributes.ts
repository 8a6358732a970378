/**
 * What each call will need, drawn once when it arrives (common random
 * numbers): its IVR path, tier, talk time, after-call work, answer delay,
 * patience, whether it would redial and after how long, whether an answer
 * resolves it. Each attribute has its own stream per call type
 * (`service/<type>`, `patience/<type>`, `ivr/<entry point>` …), first
 * attempts and retries (`retry/…`) apart, so that staffing and routing
 * never change which calls arrive or what they need. The order of the
 * draws below is part of every result: change it and every number moves.
 */
import type { Distribution } from '../../kernel/distributions.js';
import type { StreamFactory, Uniform } from '../../kernel/random.js';
import type { CompiledCallType, CompiledScenario } from '../scenario/compile.js';
import { Channel, callTypeOfIvrTarget } from '../scenario/compile.js';
import type { Call } from './call-store.js';
import { integersOf } from './columns.js';

/** Stands in for a stream a call type never draws from. */
export const NO_STREAM: Uniform = () => 0.5;

const DRAW_TIER = 1;
const DRAW_ACW = 2;
const DRAW_PATIENCE = 4;
const DRAW_REDIAL = 8;
const DRAW_FCR = 16;
const DRAW_ANSWER_DELAY = 32;

type Sampler = (u: Uniform) => number;
/** Stands in for a distribution a call type does not have, so that sampler arrays hold functions only. */
const NEVER_DRAWN: Sampler = () => {
  throw new Error('internal: drew an attribute the call type does not have');
};

/** The uniforms a class of attempts (first, or retries) draws its attributes from. */
export class AttributeStreams {
  readonly ivr: Uniform[];
  readonly tier: Uniform[];
  readonly service: Uniform[];
  readonly acw: Uniform[];
  readonly patience: Uniform[];
  readonly redial: Uniform[];
  readonly fcr: Uniform[];
  readonly answerDelay: Uniform[];

  constructor(model: CompiledScenario, streams: StreamFactory, prefix: string) {
    const per = (kind: string, used: (c: CompiledCallType) => boolean) =>
      model.callTypes.map((c) => (used(c) ? streams.get(`${prefix}${kind}/${c.name}`).uniform : NO_STREAM));
    this.ivr = model.entryPoints.map((e) => streams.get(`${prefix}ivr/${e.name}`).uniform);
    this.tier = per('tier', (c) => c.tiers.length > 1);
    this.service = per('service', () => true);
    this.acw = per('acw', (c) => c.acw !== null);
    this.patience = per('patience', (c) => c.patience !== null);
    this.redial = per('redial', (c) => c.redial !== null);
    this.fcr = per('fcr', (c) => c.fcr < 1);
    this.answerDelay = per('answerDelay', (c) => c.answerDelay !== null);
  }
}

export class CallAttributes {
  /** Streams of first attempts, and of redials and callbacks. */
  readonly first: AttributeStreams;
  readonly retry: AttributeStreams;

  private readonly types: readonly CompiledCallType[];
  /** Per call type: bit flags of the attributes it draws. */
  private readonly drawFlags: number[];
  /** Per call type: units of agent capacity its calls take (chat 1, else 0: all of them). */
  private readonly unitsOf: number[];
  /** Per call type: the queue of its default (last) tier. */
  private readonly defaultQueueOf: number[];
  private readonly handleSamplers: Sampler[];
  /** Per call type: handle-time factor per measured interval, or null. */
  private readonly handleFactors: (Float64Array | null)[];
  /** Per call type: samplers (NEVER_DRAWN where the flags say there is none). */
  private readonly acwSamplers: Sampler[];
  private readonly answerDelaySamplers: Sampler[];
  private readonly patienceSamplers: Sampler[];

  constructor(
    private readonly model: CompiledScenario,
    streams: StreamFactory,
  ) {
    this.first = new AttributeStreams(model, streams, '');
    this.retry = new AttributeStreams(model, streams, 'retry/');
    const types = (this.types = model.callTypes);
    this.drawFlags = integersOf(
      types,
      (c) =>
        (c.tiers.length > 1 ? DRAW_TIER : 0) |
        (c.acw !== null ? DRAW_ACW : 0) |
        (c.patience !== null ? DRAW_PATIENCE : 0) |
        (c.redial !== null ? DRAW_REDIAL : 0) |
        (c.fcr < 1 ? DRAW_FCR : 0) |
        (c.answerDelay !== null ? DRAW_ANSWER_DELAY : 0),
    );
    this.unitsOf = integersOf(types, (c) => (c.channel === Channel.chat ? 1 : 0));
    this.defaultQueueOf = integersOf(types, (c) => c.tiers[c.tiers.length - 1].queue);
    this.handleSamplers = types.map((c) => c.handleTime.sample);
    this.handleFactors = types.map((c) =>
      c.handleTimeFactors === null ? null : Float64Array.from(c.handleTimeFactors),
    );
    this.acwSamplers = types.map((c) => (c.acw === null ? NEVER_DRAWN : c.acw.sample));
    this.answerDelaySamplers = types.map((c) =>
      c.answerDelay === null ? NEVER_DRAWN : c.answerDelay.sample,
    );
    this.patienceSamplers = types.map((c) => (c.patience === null ? NEVER_DRAWN : c.patience.sample));
  }

  /**
   * Walks the IVR tree from the entry point's root, drawing durations and
   * branches into `c` (ivrDuration, ivrOutcome); returns the call type it
   * leads to, or −1 for an exit (self-service, hang-up).
   */
  drawIvrPath(c: Call, entry: number, u: Uniform): number {
    const nodes = this.model.ivrNodes;
    let node = this.model.entryPoints[entry].ivr;
    let duration = 0;
    for (;;) {
      const n = nodes[node];
      duration += n.duration.sample(u);
      const x = u();
      let b = 0;
      while (b < n.cumulative.length - 1 && x >= n.cumulative[b]) b++;
      const target = n.targets[b];
      if (target >= 0) {
        node = target;
        continue;
      }
      c.ivrDuration = duration;
      c.ivrOutcome = target;
      return target <= -3 ? callTypeOfIvrTarget(target) : -1;
    }
  }

  /** Tier, talk time, after-call work, answer delay, patience, redial and resolution into `c` (its interval set). */
  draw(c: Call, type: number, draws: AttributeStreams): void {
    const flags = this.drawFlags[type];
    c.queue = (flags & DRAW_TIER) === 0 ? this.defaultQueueOf[type] : this.drawTier(type, draws.tier[type]);
    c.handleTime = this.handleSamplers[type](draws.service[type]);
    const factors = this.handleFactors[type];
    // By the interval of arrival; warm-up calls take the first interval's.
    if (factors !== null) c.handleTime *= factors[Math.min(Math.max(c.interval, 0), factors.length - 1)];
    c.units = this.unitsOf[type];
    c.acw = (flags & DRAW_ACW) === 0 ? 0 : this.acwSamplers[type](draws.acw[type]);
    c.patience = (flags & DRAW_PATIENCE) === 0 ? Infinity : this.patienceSamplers[type](draws.patience[type]);
    c.answerDelay =
      (flags & DRAW_ANSWER_DELAY) === 0 ? 0 : this.answerDelaySamplers[type](draws.answerDelay[type]);
    if ((flags & (DRAW_REDIAL | DRAW_FCR)) === 0) {
      c.redialWill = 0;
      c.resolved = 1;
    } else {
      this.drawComebacks(c, type, flags, draws);
    }
  }

  /** Whether the caller would redial after an abandon or block (and when), and whether an answer resolves the issue. */
  private drawComebacks(c: Call, type: number, flags: number, draws: AttributeStreams): void {
    const callType = this.types[type];
    if ((flags & DRAW_REDIAL) !== 0 && callType.redial !== null) {
      c.redialWill = draws.redial[type]() < callType.redial.probability ? 1 : 0;
      c.redialDelay = callType.redial.delay.sample(draws.redial[type]);
    } else {
      c.redialWill = 0;
    }
    if ((flags & DRAW_FCR) !== 0) {
      c.resolved = draws.fcr[type]() < callType.fcr ? 1 : 0;
      c.callbackDelay = (callType.callbackDelay as Distribution).sample(draws.fcr[type]);
    } else {
      c.resolved = 1;
    }
  }

  /** The queue of a tier drawn by its share. */
  private drawTier(type: number, u: Uniform): number {
    const tiers = this.types[type].tiers;
    const x = u();
    let cumulative = 0;
    for (let k = 0; k < tiers.length - 1; k++) {
      cumulative += tiers[k].share;
      if (x < cumulative) return tiers[k].queue;
    }
    return tiers[tiers.length - 1].queue;
  }
}
