import type { AggregateTimings } from '../pipeline/votes/index.js';

/** What the process measured of itself, beside the run's own phases. */
export interface ProcessFigures {
  /** Seconds since the process started (Node start-up and module loading included). */
  readonly uptimeSeconds: number;
  /** Peak resident set size so far, in bytes. */
  readonly peakRssBytes: number;
}

/**
 * The `--timings` line of `hilo aggregate`: seconds reading votes, fitting, writing decisions,
 * and the rest of the command (starting Node, loading modules, opening and closing the project,
 * printing), with the total and the peak memory of the process.
 * @example timingsLine({ readSeconds: 0.4, fitSeconds: 0.7, writeSeconds: 0.5 }, { uptimeSeconds: 2, peakRssBytes: 4e8 })
 * // 'timings: read votes 0.400 s, fit 0.700 s, write decisions 0.500 s, other 0.400 s, total 2.000 s (peak RSS 381 MB)\n'
 * Complexity: O(1).
 */
export function timingsLine(timings: AggregateTimings, process: ProcessFigures): string {
  const { readSeconds, fitSeconds, writeSeconds } = timings;
  const total = process.uptimeSeconds;
  const other = Math.max(0, total - readSeconds - fitSeconds - writeSeconds);
  const s = (x: number): string => `${x.toFixed(3)} s`;
  const mb = Math.round(process.peakRssBytes / 2 ** 20);
  return `timings: read votes ${s(readSeconds)}, fit ${s(fitSeconds)}, write decisions ${s(writeSeconds)}, other ${s(other)}, total ${s(total)} (peak RSS ${mb} MB)\n`;
}
