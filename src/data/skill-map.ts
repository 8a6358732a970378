/**
 * Which call types each agent of a log serves: a simple skill map, from which agent groups can be
 * chosen. For every named agent: calls served per call type and their share; the agent's SKILLS are
 * the call types with a share ≥ `minShare` (default 10%: an agent who took a few calls of a type
 * now and then is not counted as skilled in it); a SPECIALIST serves one type for a share ≥
 * `specialistShare` of their calls (default 90%). Agents are grouped by their set of skills.
 * Services without an agent name are counted per call type apart.
 */
import type { CallRecord } from './call-record.js';

export interface SkillMapOptions {
  /** Smallest share of an agent's calls that makes a call type one of their skills; default 0.1. */
  readonly minShare?: number;
  /** Share of one call type that makes an agent a specialist of it; default 0.9. */
  readonly specialistShare?: number;
}

export interface CallTypeShare {
  readonly calls: number;
  /** calls ÷ the agent's calls. */
  readonly share: number;
}

export interface AgentSkills {
  readonly agent: string;
  /** Calls served. */
  readonly calls: number;
  /** Seconds in service. */
  readonly busySeconds: number;
  /** Per call type served (sorted by name). */
  readonly byCallType: Readonly<Record<string, CallTypeShare>>;
  /** Call types with a share ≥ minShare, sorted by name. */
  readonly skills: readonly string[];
  /** The call type of a specialist (share ≥ specialistShare), else null. */
  readonly specialist: string | null;
}

export interface SkillGroup {
  /** The shared skills, sorted; the group's name is them joined by "+". */
  readonly name: string;
  readonly skills: readonly string[];
  readonly agents: readonly string[];
  /** Calls the group's agents served. */
  readonly calls: number;
}

export interface SkillMap {
  readonly minShare: number;
  readonly specialistShare: number;
  /** Named agents, most calls first (then by name). */
  readonly agents: readonly AgentSkills[];
  /** Agents grouped by their set of skills, most calls first (then by name). */
  readonly groups: readonly SkillGroup[];
  /** Served calls without an agent name, per call type. */
  readonly unnamedByCallType: Readonly<Record<string, number>>;
  /** Per call type: agents with it among their skills (sorted). */
  readonly agentsByCallType: Readonly<Record<string, readonly string[]>>;
}

function sortedRecord<T>(map: ReadonlyMap<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key) as T;
  return out;
}

const byCallsThenName = <T extends { readonly calls: number }>(
  name: (x: T) => string,
): ((a: T, b: T) => number) => {
  return (a, b) => b.calls - a.calls || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);
};

/** The skill map of the served calls of `records`. */
export function skillMap(records: readonly CallRecord[], options: SkillMapOptions = {}): SkillMap {
  const minShare = options.minShare ?? 0.1;
  const specialistShare = options.specialistShare ?? 0.9;
  if (!(minShare > 0 && minShare <= 1) || !(specialistShare > 0 && specialistShare <= 1)) {
    throw new RangeError('skillMap: minShare and specialistShare must be in (0, 1]');
  }
  const perAgent = new Map<string, { calls: number; busy: number; types: Map<string, number> }>();
  const unnamed = new Map<string, number>();
  for (const r of records) {
    if (r.outcome !== 'served') continue;
    if (r.agent === null) {
      unnamed.set(r.callType, (unnamed.get(r.callType) ?? 0) + 1);
      continue;
    }
    let a = perAgent.get(r.agent);
    if (a === undefined) {
      a = { calls: 0, busy: 0, types: new Map() };
      perAgent.set(r.agent, a);
    }
    a.calls++;
    a.busy += r.serviceTime;
    a.types.set(r.callType, (a.types.get(r.callType) ?? 0) + 1);
  }

  const agents: AgentSkills[] = [];
  for (const [agent, a] of perAgent) {
    const shares = new Map<string, CallTypeShare>();
    for (const [type, calls] of a.types) shares.set(type, { calls, share: calls / a.calls });
    const byCallType = sortedRecord(shares);
    const skills = Object.keys(byCallType).filter((t) => byCallType[t].share >= minShare);
    const top = Object.keys(byCallType).find((t) => byCallType[t].share >= specialistShare);
    agents.push({
      agent,
      calls: a.calls,
      busySeconds: a.busy,
      byCallType,
      skills,
      specialist: top ?? null,
    });
  }
  agents.sort(byCallsThenName((x: AgentSkills) => x.agent));

  const groupMap = new Map<string, { skills: string[]; agents: string[]; calls: number }>();
  const typeAgents = new Map<string, string[]>();
  for (const a of agents) {
    const name = a.skills.join('+');
    const g = groupMap.get(name) ?? { skills: [...a.skills], agents: [], calls: 0 };
    g.agents.push(a.agent);
    g.calls += a.calls;
    groupMap.set(name, g);
    for (const t of a.skills) typeAgents.set(t, [...(typeAgents.get(t) ?? []), a.agent]);
  }
  const groups: SkillGroup[] = [...groupMap].map(([name, g]) => ({
    name,
    skills: g.skills,
    agents: [...g.agents].sort(),
    calls: g.calls,
  }));
  groups.sort(byCallsThenName((x: SkillGroup) => x.name));
  const agentsByCallType = new Map([...typeAgents].map(([t, list]) => [t, [...list].sort()]));
  return {
    minShare,
    specialistShare,
    agents,
    groups,
    unnamedByCallType: sortedRecord(unnamed),
    agentsByCallType: sortedRecord(agentsByCallType),
  };
}
