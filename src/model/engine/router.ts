/**
 * Routing decisions, one method per decision (as ContactCenters' router):
 * which agent takes an arriving or overflowing call, which waiting call a
 * freed agent takes, and which site an arrival goes to. Each returns an
 * index (the chosen route is left in `chosenRoute`), so the hot loop
 * allocates nothing; the replication acts on the answer.
 *
 * An arriving call goes to the longest-idle agent of the best (lowest)
 * preference level among the groups eligible for it now; a group with an
 * overflow delay `after` is eligible once the call has waited that long,
 * and other sites' groups once it has waited the inter-site
 * `overflowAfter`. A freed agent takes the best waiting call it is
 * eligible for: voice and chat before e-mail, then higher call-type
 * priority, higher tier priority, its own better preference level, and
 * finally the longest wait.
 */
import type { StreamFactory, Uniform } from '../../kernel/random.js';
import type { CompiledCallType, CompiledScenario, Route } from '../scenario/compile.js';
import { Channel, RoutingPolicy } from '../scenario/compile.js';
import type { AgentPool } from './agent-pool.js';
import { NO_AGENT } from './agent-pool.js';
import { sourceNamesOf } from './arrival-sources.js';
import { NO_STREAM } from './call-attributes.js';
import type { CallQueues } from './call-queues.js';
import type { CallStore } from './call-store.js';
import { NO_CALL } from './call-store.js';
import { doublesOf, integersOf } from './columns.js';

/** How a group scans queues when an agent frees up: one entry per (route, tier queue, site), best first. */
interface ScanEntry {
  /** The physical queue: tier queue × sites + site. */
  readonly queue: number;
  /** Wait after which the group may take its calls (a skill's delay, or the inter-site overflow). */
  readonly after: number;
  readonly route: number;
  readonly units: number;
  /** Entries with equal rank are compared by wait. */
  readonly rank: number;
}

/** What the router reads of the state others own. */
export interface RoutingState {
  readonly calls: CallStore;
  readonly queues: CallQueues;
  readonly agents: AgentPool;
  /** Per group: the site it works at now (see Staffing). */
  readonly groupSite: readonly number[];
  /** Per site: what is known to be down (see Sites), as bits of what calls need. */
  readonly detected: readonly number[];
  /** Per (call type × site): calls waiting. */
  readonly waitingByTypeSite: readonly number[];
}

export class Router {
  /** The route of the last agent or call chosen (valid when one was). */
  chosenRoute = -1;

  private readonly types: readonly CompiledCallType[];
  private readonly siteCount: number;
  // Per route (all call types' routes, in order), unpacked for the hot loop.
  private readonly routeGroup: number[];
  private readonly routeLevel: number[];
  private readonly routeAfter: number[];
  private readonly routeFactor: number[];
  /** Route indices per call type, by level. */
  private readonly routesOfType: number[][];
  /** Per call type: wait after which other sites' agents may take its calls (Infinity: never). */
  private readonly interSiteAfter: number[];
  /** Per call type: distinct positive waits at which more groups become eligible, increasing. */
  readonly overflowSteps: number[][];
  /** Per (group × site it may work at): its scan list. */
  private readonly scanOf: ScanEntry[][];
  /** Per source: the stream that spreads its arrivals over sites. */
  private readonly routingUniform: Uniform[];
  // The state others own, unpacked for the hot loop.
  private readonly calls: CallStore;
  private readonly queues: CallQueues;
  private readonly agents: AgentPool;
  private readonly groupSite: readonly number[];
  private readonly detected: readonly number[];
  private readonly waitingByTypeSite: readonly number[];

  constructor(
    private readonly model: CompiledScenario,
    streams: StreamFactory,
    state: RoutingState,
  ) {
    this.calls = state.calls;
    this.queues = state.queues;
    this.agents = state.agents;
    this.groupSite = state.groupSite;
    this.detected = state.detected;
    this.waitingByTypeSite = state.waitingByTypeSite;
    const types = (this.types = model.callTypes);
    this.siteCount = model.sites.length;
    const routes = types.flatMap((c) => c.routes);
    const routeIndex = new Map(routes.map((r, i) => [r, i]));
    this.routeGroup = integersOf(routes, (r) => r.group);
    this.routeLevel = doublesOf(routes, (r) => r.level);
    this.routeAfter = doublesOf(routes, (r) => r.after);
    this.routeFactor = doublesOf(routes, (r) => r.handleTimeFactor);
    this.routesOfType = types.map((c) => integersOf(c.routes, (r) => mustGet(routeIndex, r)));
    this.interSiteAfter = doublesOf(types, (c) => c.routing.overflowAfter);
    // Waits at which more groups become eligible: skill delays, and the inter-site overflow.
    this.overflowSteps = types.map((c) =>
      doublesOf(
        [
          ...new Set(
            c.routes
              .flatMap((r) => [r.after, Math.max(r.after, c.routing.overflowAfter)])
              .filter((a) => a > 0 && Number.isFinite(a)),
          ),
        ].sort((a, b) => a - b),
        (a) => a,
      ),
    );
    this.scanOf = model.agentGroups.flatMap((g) =>
      model.sites.map((_, site) => this.scanListOf(g.routes, routeIndex, site)),
    );
    this.routingUniform = sourceNamesOf(model).map((name) =>
      this.siteCount > 1 ? streams.get(`routing/${name}`).uniform : NO_STREAM,
    );
  }

  /** The talk-time factor of a route (its skill's handleTimeFactor). */
  talkFactor(route: number): number {
    return this.routeFactor[route];
  }

  /**
   * The agent a call waiting `wait` seconds goes to (NO_AGENT: none): among
   * routes eligible at that wait, the best level that has an agent free;
   * within it, the longest idle (for chats: a fully idle agent first, else
   * a partly busy one).
   */
  agentFor(call: number, wait: number): number {
    const c = this.calls.at[call];
    const agents = this.agents;
    const groupSite = this.groupSite;
    const idleHead = agents.idle.head;
    const idleSince = agents.idleSince;
    const routeIds = this.routesOfType[c.type];
    const units = c.units;
    const site = c.site;
    // Other sites' groups are eligible after the inter-site overflow delay (never when Infinity).
    const otherSites = wait >= this.interSiteAfter[c.type];
    let best = NO_AGENT;
    let bestRoute = -1;
    let bestSince = Infinity;
    let bestLevel = Infinity;
    let partialBest = NO_AGENT;
    let partialRoute = -1;
    for (let k = 0; k < routeIds.length; k++) {
      const route = routeIds[k];
      const level = this.routeLevel[route];
      if (level > bestLevel) break;
      if (this.routeAfter[route] > wait) continue;
      const g = this.routeGroup[route];
      if (groupSite[g] !== site && !otherSites) continue;
      const idle = idleHead[g];
      if (idle !== NO_AGENT && idleSince[idle] < bestSince) {
        best = idle;
        bestRoute = route;
        bestSince = idleSince[idle];
        bestLevel = level;
      }
      if (units === 1 && partialBest === NO_AGENT && agents.partial.head[g] !== NO_AGENT) {
        partialBest = agents.partial.head[g];
        partialRoute = route;
        if (best === NO_AGENT) bestLevel = level;
      }
    }
    if (best !== NO_AGENT) {
      this.chosenRoute = bestRoute;
      return best;
    }
    if (partialBest !== NO_AGENT) this.chosenRoute = partialRoute;
    return partialBest;
  }

  /** The waiting call a free agent takes now (NO_CALL: none it may take). */
  callFor(agent: number, now: number): number {
    const agents = this.agents;
    const queues = this.queues;
    const calls = this.calls;
    const g = agents.group[agent];
    const scan = this.scanOf[g * this.siteCount + this.groupSite[g]];
    let best = NO_CALL;
    let bestRoute = -1;
    let bestRank = -1;
    let bestSince = Infinity;
    for (let k = 0; k < scan.length; k++) {
      const entry = scan[k];
      if (best !== NO_CALL && entry.rank !== bestRank) break;
      const head = queues.front(entry.queue);
      if (head === NO_CALL) continue;
      const units = entry.units === 1 ? 1 : agents.capacity[g];
      if (!agents.canTake(agent, units)) continue;
      const since = calls.at[head].queuedAt;
      if (now - since < entry.after) continue;
      if (since < bestSince) {
        best = head;
        bestRoute = entry.route;
        bestRank = entry.rank;
        bestSince = since;
      }
    }
    if (best !== NO_CALL) this.chosenRoute = bestRoute;
    return best;
  }

  /**
   * The site an arrival from `source` goes to, among the sites not known to
   * be down for what it `needs` (all of them if every one is): by its
   * routing's shares, or the most idle eligible agents, or the shortest
   * expected wait. `type` is −1 for entry-point calls the IVR will not pass
   * to an agent.
   */
  siteFor(source: number, type: number, needs: number): number {
    const S = this.siteCount;
    const detected = this.detected;
    const routing = type >= 0 ? this.types[type].routing : this.model.routing;
    const u = this.routingUniform[source](); // drawn always, so that policies share random numbers
    let usable = 0;
    for (let s = 0; s < S; s++) if ((detected[s] & needs) === 0) usable++;
    const open = (s: number) => usable === 0 || (detected[s] & needs) === 0;
    if (routing.policy === RoutingPolicy.shares || type < 0) {
      let total = 0;
      for (let s = 0; s < S; s++) if (open(s)) total += routing.shares[s];
      // When every open site has a zero share (the sites with a share are down), spread evenly over the open ones.
      const even = total === 0;
      const weight = (s: number) => (!open(s) ? 0 : even ? 1 : routing.shares[s]);
      if (even) for (let s = 0; s < S; s++) total += weight(s);
      let x = u * total;
      let last = -1;
      for (let s = 0; s < S; s++) {
        const w = weight(s);
        if (w === 0) continue;
        last = s;
        x -= w;
        if (x < 0) return s;
      }
      return last;
    }
    // Per site: idle eligible agents, on-duty eligible agents, calls of this type waiting.
    const agents = this.agents;
    const groupSite = this.groupSite;
    const waitingByTypeSite = this.waitingByTypeSite;
    const routes = this.routesOfType[type];
    let best = -1;
    let bestScore = Infinity;
    let bestQueue = Infinity;
    let bestPresent = -1;
    for (let s = 0; s < S; s++) {
      if (!open(s)) continue;
      let idle = 0;
      let present = 0;
      for (let k = 0; k < routes.length; k++) {
        const g = this.routeGroup[routes[k]];
        if (groupSite[g] !== s) continue;
        idle += agents.idle.size[g];
        present += agents.present[g];
      }
      const queued = waitingByTypeSite[type * S + s];
      // Lower is better: minus the idle agents, or the expected wait (calls ahead + 1) × AHT ÷ agents.
      const score =
        routing.policy === RoutingPolicy.mostIdle
          ? -idle
          : idle > 0
            ? -idle
            : present > 0
              ? ((queued + 1) * this.types[type].handleTime.mean) / present
              : Infinity;
      // Ties: more eligible agents on duty first (a site whose agents are gone loses them), then fewer calls waiting.
      if (
        score < bestScore ||
        (score === bestScore && (present > bestPresent || (present === bestPresent && queued < bestQueue)))
      ) {
        best = s;
        bestScore = score;
        bestQueue = queued;
        bestPresent = present;
      }
    }
    return best < 0 ? 0 : best;
  }

  /** A group's queue scan order: (e-mail last, call-type priority, tier priority, level), best first. */
  private scanListOf(
    groupRoutes: readonly Route[],
    routeIndex: ReadonlyMap<Route, number>,
    site: number,
  ): ScanEntry[] {
    const S = this.siteCount;
    const types = this.types;
    // Its own site's queues, and other sites' after the inter-site overflow delay; all of one rank
    // compare by wait, so that calls are taken in arrival order whatever their site.
    const entries = groupRoutes
      .flatMap((r) =>
        types[r.callType].tiers.flatMap((tier) =>
          this.model.sites.map((_, at) => ({
            queue: tier.queue * S + at,
            after: at === site ? r.after : Math.max(r.after, types[r.callType].routing.overflowAfter),
            route: mustGet(routeIndex, r),
            units: types[r.callType].channel === Channel.chat ? 1 : 0,
            key: [
              types[r.callType].channel === Channel.email ? 1 : 0,
              -types[r.callType].priority,
              -tier.priority,
              r.level,
            ],
          })),
        ),
      )
      .filter((e) => e.after !== Infinity);
    entries.sort(
      (a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.key[3] - b.key[3],
    );
    let rank = 0;
    return entries.map((e, i) => {
      if (i > 0 && e.key.some((k, j) => k !== entries[i - 1].key[j])) rank++;
      return { queue: e.queue, route: e.route, units: e.units, after: e.after, rank };
    });
  }
}

function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error('internal: unresolved route');
  return value;
}
