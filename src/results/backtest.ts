/**
 * The shape of a back-test (`ccsim backtest`): declared here, below planning/ (which computes it)
 * and report/ (which draws it).
 */

export const BACKTEST_KPIS = ['serviceLevel', 'abandonRate', 'asa'] as const;
export type BacktestKpi = (typeof BACKTEST_KPIS)[number];

export interface Band {
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

export interface BacktestInterval {
  readonly interval: string;
  /** Per-day mode: the date replayed. */
  readonly date?: string;
  readonly observed: {
    readonly offered: number;
    readonly serviceLevel: number | null;
    readonly abandonRate: number | null;
    readonly asa: number | null;
  };
  readonly simulated: { readonly offered: Band } & Readonly<Record<BacktestKpi, Band>>;
  readonly erlangA: {
    readonly serviceLevel: number | null;
    readonly abandonRate: number | null;
    readonly asa: number | null;
  };
  readonly erlangC: {
    readonly serviceLevel: number | null;
    readonly asa: number | null;
    readonly stable: boolean;
  };
  /** Agents the Erlang formulas were given. */
  readonly agents: number;
}

export interface ErrorSummary {
  /** Mean absolute error over the intervals where both values exist (service level and abandonment as fractions, ASA in seconds). */
  readonly mae: Readonly<Record<BacktestKpi, number | null>>;
  /** Mean signed error (model − observed). */
  readonly bias: Readonly<Record<BacktestKpi, number | null>>;
}

export interface BacktestResult {
  readonly mode: 'average' | 'perDay';
  readonly dates: readonly string[];
  readonly definitions: Readonly<Record<string, string>>;
  readonly replications: number;
  readonly intervals: readonly BacktestInterval[];
  readonly summary: ErrorSummary & {
    /** Share of (interval, KPI) observations inside their band. */
    readonly coverage: number | null;
    readonly coverageByKpi: Readonly<Record<BacktestKpi, number | null>>;
    /** The intervals counted (observed offered ≥ 1). */
    readonly intervals: number;
    readonly erlangA: ErrorSummary;
    readonly erlangC: ErrorSummary;
  };
  readonly simulatedCalls: number;
}

export const DEFINITIONS = {
  offered:
    'calls that asked for an agent (answered or abandoned in the queue; not IVR hang-ups, not ignored records), in the interval they asked',
  serviceLevel:
    'answered with wait ≤ T ÷ (offered − abandoned with wait ≤ short-abandon threshold), T and the threshold from the scenario',
  abandonRate: 'abandoned ÷ offered',
  asa: 'mean wait of answered calls, seconds',
  aggregate: 'over several days: ratio of sums (not the mean of daily ratios)',
  erlang:
    'Erlang C and A per interval with the observed offered calls and mean handle time of the interval, the agents of the scenario (fractional: a time mix of floor and ceiling) and exponential patience of mean (time waited ÷ abandons) over the whole log',
} as const;
