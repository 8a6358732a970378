/**
 * Agents: one row each, and per group a list of idle agents in the order
 * they became idle, so the front is the longest idle (the one an arriving
 * call goes to).
 */

export const NO_AGENT = -1;

export class AgentPool {
  readonly group: Int32Array;
  /** Simulation time at which the agent last became idle. */
  readonly idleSince: Float64Array;
  /** The call in hand, or −1. */
  readonly call: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly idleHead: Int32Array;
  private readonly idleTail: Int32Array;
  /** Idle agents per group. */
  readonly idleCount: Int32Array;
  /** Busy agents per group. */
  readonly busyCount: Int32Array;
  /** Agents on duty per group. */
  readonly staffed: Int32Array;

  constructor(agentsPerGroup: readonly number[]) {
    const total = agentsPerGroup.reduce((a, b) => a + b, 0);
    const groups = agentsPerGroup.length;
    this.group = new Int32Array(total);
    this.idleSince = new Float64Array(total);
    this.call = new Int32Array(total).fill(-1);
    this.next = new Int32Array(total).fill(NO_AGENT);
    this.prev = new Int32Array(total).fill(NO_AGENT);
    this.idleHead = new Int32Array(groups).fill(NO_AGENT);
    this.idleTail = new Int32Array(groups).fill(NO_AGENT);
    this.idleCount = new Int32Array(groups);
    this.busyCount = new Int32Array(groups);
    this.staffed = new Int32Array(groups);
    let agent = 0;
    agentsPerGroup.forEach((count, g) => {
      for (let k = 0; k < count; k++, agent++) {
        this.group[agent] = g;
        this.staffed[g]++;
        this.makeIdle(agent, 0);
      }
    });
  }

  /** The longest-idle agent of group `g`, or NO_AGENT. */
  longestIdle(g: number): number {
    return this.idleHead[g];
  }

  /** Puts an agent at the back of its group's idle list. */
  makeIdle(agent: number, now: number): void {
    const g = this.group[agent];
    this.idleSince[agent] = now;
    this.call[agent] = -1;
    const last = this.idleTail[g];
    this.prev[agent] = last;
    this.next[agent] = NO_AGENT;
    if (last === NO_AGENT) this.idleHead[g] = agent;
    else this.next[last] = agent;
    this.idleTail[g] = agent;
    this.idleCount[g]++;
  }

  /** Takes an idle agent off its group's idle list and gives it a call. */
  assign(agent: number, call: number): void {
    const g = this.group[agent];
    const before = this.prev[agent];
    const after = this.next[agent];
    if (before === NO_AGENT) this.idleHead[g] = after;
    else this.next[before] = after;
    if (after === NO_AGENT) this.idleTail[g] = before;
    else this.prev[after] = before;
    this.idleCount[g]--;
    this.busyCount[g]++;
    this.call[agent] = call;
  }

  /** The agent has finished its call (it is neither idle nor busy until placed again). */
  release(agent: number): void {
    this.busyCount[this.group[agent]]--;
    this.call[agent] = -1;
  }
}
