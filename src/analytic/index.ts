/**
 * Closed-form queueing formulas for call centers: Erlang B, Erlang C,
 * finite lines (M/M/n/K), Erlang A (M/M/n+M) and staffing searches on top of
 * them. Pure functions of plain data; rates per hour, times in seconds.
 */
export { erlangB } from './erlang-b.js';
export { erlangC, erlangCWaitQuantile } from './erlang-c.js';
export type { ErlangCInput, ErlangCResult, ErlangCStable, ErlangCUnstable } from './erlang-c.js';
export { finiteLines } from './finite-lines.js';
export type { FiniteLinesInput, FiniteLinesResult } from './finite-lines.js';
export { erlangA } from './erlang-a.js';
export type { ErlangAInput, ErlangAResult } from './erlang-a.js';
export { staffErlangA, staffErlangC } from './staffing.js';
export type {
  ErlangStaffingFeasible,
  ErlangStaffingInfeasible,
  ErlangStaffingResult,
  StaffErlangAInput,
  StaffErlangCInput,
} from './staffing.js';
