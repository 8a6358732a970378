/**
 * Agents: one row each (in packed arrays, see columns.ts), grouped. An
 * agent has `capacity` units of work (its group's chat concurrency): a chat
 * takes one unit, a voice call or an e-mail takes them all. Per group, two lists in the order agents joined
 * them: fully idle agents (the front is the longest idle, the one an
 * arriving call goes to) and partly busy chat agents with a free unit.
 *
 * Staffing: agents are on duty, off duty, or leaving (their shift ended or
 * a break began while they were busy: they finish what they have and take
 * nothing new).
 */

import { doubles, integers, integersOf } from './columns.js';

export const NO_AGENT = -1;

/**
 * How the pool numbers agents: one row per agent, groups in order, each
 * group's rows consecutive. Per row: its group, and its 1-based number
 * within the group (stable for a whole replication).
 */
export function agentNumbering(maxAgentsPerGroup: readonly number[]): { group: number[]; number: number[] } {
  const group: number[] = [];
  const number: number[] = [];
  maxAgentsPerGroup.forEach((count, g) => {
    for (let k = 0; k < count; k++) {
      group.push(g);
      number.push(k + 1);
    }
  });
  return { group, number };
}

export const Duty = { off: 0, on: 1, leaving: 2 } as const;

/** Which list an agent is in: none (busy, or off duty), idle, or partly busy. */
const Listed = { none: 0, idle: 1, partial: 2 } as const;

/** A doubly linked list of agents through shared next/prev columns. */
class AgentList {
  head: number[];
  tail: number[];
  /** Per group: agents in the list. */
  size: number[];

  constructor(
    groups: number,
    private readonly next: number[],
    private readonly prev: number[],
  ) {
    this.head = integers(groups, NO_AGENT);
    this.tail = integers(groups, NO_AGENT);
    this.size = integers(groups);
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
  readonly group: number[];
  /** Units of work in hand (0 … capacity). */
  readonly load: number[];
  readonly duty: number[];
  /** Simulation time at which the agent last became fully idle. */
  readonly idleSince: number[];
  /** Which list the agent is in (Listed). */
  private readonly listed: number[];
  readonly idle: AgentList;
  readonly partial: AgentList;
  /** Per group: capacity of each agent, agents on duty (leaving ones included), units busy. */
  readonly capacity: number[];
  readonly present: number[];
  readonly rostered: number[];
  readonly busyUnits: number[];
  /** Per group: off-duty agents, as a stack of agent indices. */
  private readonly offStack: number[][];
  private readonly offCount: number[];
  /** Per group: agents leaving. */
  private readonly leavingCount: number[];

  constructor(maxAgentsPerGroup: readonly number[], capacityPerGroup: readonly number[]) {
    const total = maxAgentsPerGroup.reduce((a, b) => a + b, 0);
    const G = maxAgentsPerGroup.length;
    this.group = integers(total);
    this.load = integers(total);
    this.duty = integers(total);
    this.idleSince = doubles(total);
    this.listed = integers(total);
    const next = integers(total, NO_AGENT);
    const prev = integers(total, NO_AGENT);
    this.idle = new AgentList(G, next, prev);
    this.partial = new AgentList(G, next, prev);
    this.capacity = integersOf(capacityPerGroup, (c) => c);
    this.present = integers(G);
    this.rostered = integers(G);
    this.busyUnits = integers(G);
    this.offCount = integers(G);
    this.leavingCount = integers(G);
    this.offStack = maxAgentsPerGroup.map((n) => integers(n));
    let agent = 0;
    maxAgentsPerGroup.forEach((count, g) => {
      // Rows numbered as agentNumbering says; pushed in reverse so that agents come on duty in index order.
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
    this.unlist(agent, g);
    const load = this.load[agent] + units;
    this.load[agent] = load;
    this.busyUnits[g] += units;
    // Agents given work are on duty (found in a list, or freed while on duty); with work in
    // hand they are no longer idle: partly busy at most.
    if (load < this.capacity[g]) {
      this.partial.push(g, agent);
      this.listed[agent] = Listed.partial;
    }
  }

  /**
   * Frees `units` units of an agent; returns true if the agent is on duty
   * and may take more work. The agent stays out of the idle and partial
   * lists until {@link settle}, so that handing it the next waiting call
   * does not count as a spell of idleness.
   */
  free(agent: number, units: number): boolean {
    const g = this.group[agent];
    this.unlist(agent, g);
    const load = this.load[agent] - units;
    this.load[agent] = load;
    this.busyUnits[g] -= units;
    const duty = this.duty[agent];
    if (duty === Duty.leaving && load === 0) {
      this.goOff(agent);
      return false;
    }
    return duty === Duty.on;
  }

  /** Puts an agent back in the list its load calls for (after {@link free} and any hand-over). */
  settle(agent: number, now: number): void {
    this.unlist(agent, this.group[agent]);
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
      if (this.listed[agent] !== Listed.none) available.push(agent);
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
    while (this.rostered[g] > target && this.idle.tail[g] !== NO_AGENT) this.goOff(this.idle.tail[g]);
    while (this.rostered[g] > target && this.partial.tail[g] !== NO_AGENT)
      this.markLeaving(this.partial.tail[g]);
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
    this.unlist(agent, g);
    this.duty[agent] = Duty.leaving;
    this.rostered[g]--;
    this.leavingCount[g]++;
  }

  private goOff(agent: number): void {
    const g = this.group[agent];
    this.unlist(agent, g);
    if (this.duty[agent] === Duty.leaving) this.leavingCount[g]--;
    else this.rostered[g]--;
    this.duty[agent] = Duty.off;
    this.present[g]--;
    this.offStack[g][this.offCount[g]++] = agent;
  }

  /** Takes agent (of group g) out of whichever list it is in. */
  private unlist(agent: number, g: number): void {
    const listed = this.listed[agent];
    if (listed === Listed.none) return;
    if (listed === Listed.idle) this.idle.remove(g, agent);
    else this.partial.remove(g, agent);
    this.listed[agent] = Listed.none;
  }

  /** Puts an on-duty agent in the list its load calls for. */
  private relist(agent: number, now: number): void {
    if (this.duty[agent] !== Duty.on) return;
    const g = this.group[agent];
    const load = this.load[agent];
    if (load === 0) {
      this.idleSince[agent] = now;
      this.idle.push(g, agent);
      this.listed[agent] = Listed.idle;
    } else if (load < this.capacity[g]) {
      this.partial.push(g, agent);
      this.listed[agent] = Listed.partial;
    }
  }
}
