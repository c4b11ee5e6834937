import { summarize } from './stats';

// The row loop both page-load benches run: one browser per row, all open at once, every row loaded
// once per round with the order rotated each round, so that drift on a small shared machine lands on
// every row alike; and each row's ratios to the same run's no-extension and reference rows.

export interface Rounds {
  /** Rounds whose loads are not kept (caches, JIT, the extension's first moments). */
  warmup: number;
  /** Rounds whose loads are kept. */
  loads: number;
}

/**
 * Loads every row once per round, round `r` starting at row `r mod rows`, with the load id
 * `<key>-<round>`. Returns each row's samples of the kept rounds in round order, so that the i-th
 * samples of any two rows come from the same round.
 */
export async function interleavedLoads<R extends { key: string }, S>(rows: readonly R[], rounds: Rounds, loadOnce: (row: R, loadId: string) => Promise<S>): Promise<S[][]> {
  const samples = rows.map((): S[] => []);
  for (let round = 0; round < rounds.warmup + rounds.loads; round++) {
    for (let j = 0; j < rows.length; j++) {
      const i = (round + j) % rows.length;
      const sample = await loadOnce(rows[i]!, `${rows[i]!.key}-${round}`);
      if (round >= rounds.warmup) samples[i]!.push(sample);
    }
  }
  return samples;
}

export interface LoadRatios {
  /** Median over the no-extension row's median. */
  ratio: number;
  /** p90 over the no-extension row's p90. */
  p90Ratio: number;
  /**
   * Median over rounds of this row's load over the no-extension row's load in the same round: each
   * pair ran seconds apart, so it is less sensitive to other tenants of the machine than `ratio`.
   */
  pairedRatio: number;
  /** Median over the reference row's median. */
  overReference: number;
  /** Median over rounds of this row's load over the reference row's load in the same round. */
  pairedOverReference: number;
}

/** The ratios of one row's load times (`load`) to the baseline's and the reference's of the same rounds. */
export function loadRatios(load: readonly number[], none: readonly number[], reference: readonly number[]): LoadRatios {
  const own = summarize(load);
  const base = summarize(none);
  const ref = summarize(reference);
  const paired = (other: readonly number[]) => summarize(load.map((ms, i) => ms / (other[i] ?? NaN))).median;
  return {
    ratio: own.median / base.median,
    p90Ratio: own.p90 / base.p90,
    pairedRatio: paired(none),
    overReference: own.median / ref.median,
    pairedOverReference: paired(reference),
  };
}

// A string, not a function: tsx would wrap a function in helpers that do not exist in the page.
/** Evaluated in the page: navigation start to the end of the load event, and to DOMContentLoaded. */
export const READ_NAV_TIMING = `new Promise((resolve) => {
  const read = () => {
    const n = performance.getEntriesByType('navigation')[0];
    if (n && n.loadEventEnd > 0) resolve({ load: n.loadEventEnd - n.startTime, dcl: n.domContentLoadedEventEnd - n.startTime });
    else setTimeout(read, 5);
  };
  read();
})`;

export interface NavTiming {
  load: number;
  dcl: number;
}
