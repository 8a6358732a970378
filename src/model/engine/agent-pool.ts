/**
 * Agents: one row each, grouped. An agent has `capacity` units of work (its
 * group's chat concurrency): a chat takes one unit, a voice call or an
 * e-mail takes them all. Per group, two lists in the order agents joined
 * them: fully idle agents (the front is the longest idle, the one an
 * arriving call goes to) and partly busy chat agents with a free unit.
 *
 * Staffing: agents are on duty, off duty, or leaving (their shift ended or
 * a break began while they were busy: they finish what they have and take
 * nothing new).
 */

export const NO_AGENT = -1;

export const Duty = { off: 0, on: 1, leaving: 2 } as const;

/** A doubly linked list of agents through shared next/prev columns. */
class AgentList {
  head: Int32Array;
  tail: Int32Array;
  size: Int32Array;

  constructor(
    groups: number,
    private readonly next: Int32Array,
    private readonly prev: Int32Array,
  ) {
    this.head = new Int32Array(groups).fill(NO_AGENT);
    this.tail = new Int32Array(groups).fill(NO_AGENT);
    this.size = new Int32Array(groups);
  }

  push(g: number, agent: number): void {
    const last = this.tail[g];
    this.prev[agent] = last;
    this.next[agent] = NO_AGENT;
    if (last === NO_AGENT) this.head[g] = agent;
    else this.next[last] = agent;
    this.tail[g] = agent;
    this.size[g]++;
  }

  remove(g: number, agent: number): void {
    const before = this.prev[agent];
    const after = this.next[agent];
    if (before === NO_AGENT) this.head[g] = after;
    else this.next[before] = after;
    if (after === NO_AGENT) this.tail[g] = before;
    else this.prev[after] = before;
    this.size[g]--;
  }
}

export class AgentPool {
  readonly group: Int32Array;
  /** Units of work in hand (0 … capacity). */
  readonly load: Int32Array;
  readonly duty: Uint8Array;
  /** Simulation time at which the agent last became fully idle. */
  readonly idleSince: Float64Array;
  /** Which list the agent is in: 0 none, 1 idle, 2 partly busy. */
  private readonly listed: Uint8Array;
  readonly idle: AgentList;
  readonly partial: AgentList;
  /** Per group: capacity of each agent, agents on duty (leaving ones included), units busy. */
  readonly capacity: Int32Array;
  readonly present: Int32Array;
  readonly rostered: Int32Array;
  readonly busyUnits: Int32Array;
  /** Per group: off-duty agents, as a stack of agent indices. */
  private readonly offStack: Int32Array[];
  private readonly offCount: Int32Array;
  /** Per group: agents leaving. */
  private readonly leavingCount: Int32Array;

  constructor(maxAgentsPerGroup: readonly number[], capacityPerGroup: readonly number[]) {
    const total = maxAgentsPerGroup.reduce((a, b) => a + b, 0);
    const G = maxAgentsPerGroup.length;
    this.group = new Int32Array(total);
    this.load = new Int32Array(total);
    this.duty = new Uint8Array(total);
    this.idleSince = new Float64Array(total);
    this.listed = new Uint8Array(total);
    const next = new Int32Array(total).fill(NO_AGENT);
    const prev = new Int32Array(total).fill(NO_AGENT);
    this.idle = new AgentList(G, next, prev);
    this.partial = new AgentList(G, next, prev);
    this.capacity = Int32Array.from(capacityPerGroup);
    this.present = new Int32Array(G);
    this.rostered = new Int32Array(G);
    this.busyUnits = new Int32Array(G);
    this.offCount = new Int32Array(G);
    this.leavingCount = new Int32Array(G);
    this.offStack = maxAgentsPerGroup.map((n) => new Int32Array(n));
    let agent = 0;
    maxAgentsPerGroup.forEach((count, g) => {
      // Pushed in reverse so that agents come on duty in index order.
      for (let k = 0; k < count; k++) this.group[agent + k] = g;
      for (let k = count - 1; k >= 0; k--) this.offStack[g][this.offCount[g]++] = agent + k;
      agent += count;
    });
  }

  /** Whether the agent can take a contact needing `units` units now. */
  canTake(agent: number, units: number): boolean {
    return this.duty[agent] === Duty.on && this.load[agent] + units <= this.capacity[this.group[agent]];
  }

  /** Gives `units` units of work to an agent (from the idle or partial list). */
  take(agent: number, units: number): void {
    const g = this.group[agent];
    this.unlist(agent);
    this.load[agent] += units;
    this.busyUnits[g] += units;
    this.relist(agent, 0);
  }

  /**
   * Frees `units` units of an agent; returns true if the agent is on duty
   * and may take more work. The agent stays out of the idle and partial
   * lists until {@link settle}, so that handing it the next waiting call
   * does not count as a spell of idleness.
   */
  free(agent: number, units: number): boolean {
    const g = this.group[agent];
    this.unlist(agent);
    this.load[agent] -= units;
    this.busyUnits[g] -= units;
    if (this.duty[agent] === Duty.leaving && this.load[agent] === 0) {
      this.goOff(agent);
      return false;
    }
    return this.duty[agent] === Duty.on;
  }

  /** Puts an agent back in the list its load calls for (after {@link free} and any hand-over). */
  settle(agent: number, now: number): void {
    this.unlist(agent);
    this.relist(agent, now);
  }

  /** Brings agents on duty until `target` are rostered; returns the agents who became available. */
  setRostered(g: number, target: number, now: number, available: number[]): void {
    // First, agents on their way out stay after all.
    while (this.rostered[g] < target && this.leavingCount[g] > 0) {
      const agent = this.findLeaving(g);
      this.duty[agent] = Duty.on;
      this.leavingCount[g]--;
      this.rostered[g]++;
      this.relist(agent, now);
      if (this.listed[agent] !== 0) available.push(agent);
    }
    while (this.rostered[g] < target && this.offCount[g] > 0) {
      const agent = this.offStack[g][--this.offCount[g]];
      this.duty[agent] = Duty.on;
      this.rostered[g]++;
      this.present[g]++;
      this.relist(agent, now);
      available.push(agent);
    }
    // Too many: idle agents leave now, then partly busy ones and busy ones after their work.
    while (this.rostered[g] > target && this.idle.size[g] > 0) this.goOff(this.idle.tail[g]);
    while (this.rostered[g] > target && this.partial.size[g] > 0) this.markLeaving(this.partial.tail[g]);
    if (this.rostered[g] > target) {
      for (let agent = 0; agent < this.group.length && this.rostered[g] > target; agent++) {
        if (this.group[agent] === g && this.duty[agent] === Duty.on) this.markLeaving(agent);
      }
    }
  }

  private findLeaving(g: number): number {
    for (let agent = 0; agent < this.group.length; agent++) {
      if (this.group[agent] === g && this.duty[agent] === Duty.leaving) return agent;
    }
    throw new Error('internal: no leaving agent');
  }

  private markLeaving(agent: number): void {
    const g = this.group[agent];
    this.unlist(agent);
    this.duty[agent] = Duty.leaving;
    this.rostered[g]--;
    this.leavingCount[g]++;
  }

  private goOff(agent: number): void {
    const g = this.group[agent];
    this.unlist(agent);
    if (this.duty[agent] === Duty.leaving) this.leavingCount[g]--;
    else this.rostered[g]--;
    this.duty[agent] = Duty.off;
    this.present[g]--;
    this.offStack[g][this.offCount[g]++] = agent;
  }

  private unlist(agent: number): void {
    const g = this.group[agent];
    if (this.listed[agent] === 1) this.idle.remove(g, agent);
    else if (this.listed[agent] === 2) this.partial.remove(g, agent);
    this.listed[agent] = 0;
  }

  /** Puts an on-duty agent in the list its load calls for. */
  private relist(agent: number, now: number): void {
    if (this.duty[agent] !== Duty.on) return;
    const g = this.group[agent];
    if (this.load[agent] === 0) {
      this.idleSince[agent] = now;
      this.idle.push(g, agent);
      this.listed[agent] = 1;
    } else if (this.load[agent] < this.capacity[g]) {
      this.partial.push(g, agent);
      this.listed[agent] = 2;
    }
  }
}
