/**
 * Which mechanism holds agents between the calls a log shows: an answer delay before the talk
 * (the bank: calls wait although their agent had finished the previous call) or after-call work
 * after it (a ccsim trace of a scenario with `acw`: the same sign in the log). A log cannot tell
 * them apart directly, so calibration builds both and keeps the one whose back-test on the same
 * log is closer — a choice of model on the calibration data, as AIC chooses a law.
 */
import type { CallRecord } from '../data/call-record.js';
import type { CalibrateOptions, Calibration } from '../data/calibrate/calibrate.js';
import { calibrate, calibratedScenario } from '../data/calibrate/calibrate.js';
import type { BacktestKpi } from '../results/backtest.js';
import { backtest } from './backtest.js';
import { compileVariant, readBaseScenario } from './scenario-variant.js';

export type ServiceModel = NonNullable<CalibrateOptions['serviceModel']>;

export interface ServiceModelCandidate {
  readonly model: ServiceModel;
  /** Mean absolute error per interval of the average-day back-test on the calibration log. */
  readonly mae: Readonly<Record<BacktestKpi, number | null>>;
  /** Service-level points + abandonment points + ASA seconds ÷ 2: smaller is closer. */
  readonly score: number;
}

export interface ServiceModelChoice {
  readonly chosen: ServiceModel;
  readonly candidates: readonly ServiceModelCandidate[];
  readonly calibration: Calibration;
}

/** Back-test blocks per candidate: enough to rank two models, cheap next to the calibration. */
const BLOCKS = 8;

export async function calibrateChoosingServiceModel(
  records: readonly CallRecord[],
  options: CalibrateOptions,
  label: string,
): Promise<ServiceModelChoice> {
  const first = calibrate(records, { ...options, serviceModel: 'answerDelay' });
  const models: ServiceModel[] = [];
  if (first.report.answerDelay !== null) models.push('answerDelay');
  if (first.report.afterCallGaps !== null) models.push('afterCallWork');
  if (models.length < 2) return { chosen: 'answerDelay', candidates: [], calibration: first };
  const candidates: (ServiceModelCandidate & { calibration: Calibration })[] = [];
  for (const model of models) {
    // One calibration: the candidates differ only in the scenario written from it.
    const calibration =
      model === 'answerDelay'
        ? first
        : {
            report: first.report,
            scenario: calibratedScenario(first.report, { ...options, serviceModel: model }),
          };
    const base = readBaseScenario({ file: label, text: JSON.stringify(calibration.scenario) });
    const compiled = compileVariant(base, base.input, model);
    const result = await backtest(base, compiled, records, { blocks: BLOCKS, threads: 1 });
    const mae = result.summary.mae;
    const score = 100 * (mae.serviceLevel ?? 1) + 100 * (mae.abandonRate ?? 1) + (mae.asa ?? 600) / 2;
    candidates.push({ model, mae, score, calibration });
  }
  const best = candidates.reduce((a, b) => (b.score < a.score ? b : a));
  return {
    chosen: best.model,
    candidates: candidates.map(({ model, mae, score }) => ({ model, mae, score })),
    calibration: best.calibration,
  };
}
