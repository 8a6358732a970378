/**
 * ccsim as a library: load a scenario, simulate it, ask the closed forms.
 *
 *   import { loadModel, simulate } from 'ccsim';
 *   const result = await simulate(loadModel('scenarios/default.yaml'), { replications: 20 });
 */
export * from './analytic/index.js';
export type { Estimate } from './experiment/estimate.js';
export type { KpiEstimates } from './experiment/aggregate.js';
export type { IntervalResult, RunResult } from './experiment/run-result.js';
export type { ProgressEvent, SimulateOptions } from './experiment/simulate.js';
export { simulate } from './experiment/simulate.js';
export type { ComparedScenario, CompareOptions, CompareResult, KpiDifference } from './experiment/compare.js';
export { compare } from './experiment/compare.js';
export type { Runner, RunnerOptions } from './experiment/replication-runner.js';
export { ReplicationRunner } from './experiment/replication-runner.js';
export type { DistributedRunnerOptions } from './experiment/distributed-runner.js';
export { DistributedJobError, DistributedRunner } from './experiment/distributed-runner.js';
export type {
  DistributedWorkerOptions,
  WorkerJobEvent,
  WorkerStats,
} from './experiment/distributed-worker.js';
export { DistributedWorker } from './experiment/distributed-worker.js';
export { ResultsStore, ResultsStoreError } from './experiment/results-store.js';
export type { Row } from './experiment/results-query.js';
export { exportResults, queryResults } from './experiment/results-query.js';
export type { PrecisionTarget } from './experiment/precision.js';
export { parsePrecision } from './experiment/precision.js';
export type {
  GridPoint,
  ParameterValue,
  SweepOptions,
  SweepParameter,
  SweepPointResult,
  SweepResult,
  SweepSummary,
} from './experiment/sweep.js';
export { gridOf, parseSet, parseValues, summarizeSweep, sweep } from './experiment/sweep.js';
export type { ReplicationSummary } from './model/engine/replication.js';
export { simulateReplication } from './model/engine/replication.js';
export type { RunListener } from './model/engine/run-listener.js';
export { QuietListener } from './model/engine/run-listener.js';
export type { CallFateCode, CallView } from './model/engine/call-listener.js';
export { CallFate } from './model/engine/call-listener.js';
export type { KpiDefinition } from './model/kpis.js';
export { KPIS } from './model/kpis.js';
export * from './model/scenario/index.js';
export type {
  DrCase,
  DrJudge,
  DrOptions,
  DrPhase,
  DrRestore,
  DrRestoreMode,
  DrResult,
  DrShortfall,
  DrSiteSizing,
  DrSizing,
  DrSizingOptions,
  DrTarget,
} from './planning/dr.js';
export { drAnalysis, parseDrTarget, sizeForDr } from './planning/dr.js';
export type { Requirement, StaffOptions, StaffResult, StaffTargets } from './planning/staff.js';
export { parseServiceTarget, staff } from './planning/staff.js';
export type { GroupRequirement, ShiftPlan, ShiftTemplate } from './planning/shifts.js';
export { parseTemplates, planShifts } from './planning/shifts.js';
export type { RosterResult } from './planning/roster.js';
export { readRequirements, rosterFromRequirements } from './planning/roster.js';
