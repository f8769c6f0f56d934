import { HiloError } from '../../core/errors.js';
import { learnRound, type LearnRoundOptions, type LearnRoundReport } from './learn-loop-round.js';
import { newMarks, verifiedMarks } from './learn-loop-progress.js';

export interface LearnLoopOptions extends Omit<LearnRoundOptions, 'relabel' | 'shouldStop'> {
  /** Retrain once this many new verified labels (people's answers, reviews, aggregations) arrived. */
  readonly every: number;
  /** Time between two looks at the store, in ms. */
  readonly intervalMs: number;
  /** Waits `ms` (a timer in the CLI, a fake clock in tests); should return early when stopping. */
  readonly wait: (ms: number) => Promise<void>;
  /** Checked between steps; true ends the loop after the step in progress (Ctrl-C). */
  readonly shouldStop: () => boolean;
  /** Called after each round, e.g. to print its line. */
  readonly onRound?: (round: LearnLoopRound) => void;
  /** Stop after this many rounds (tests); default no limit. */
  readonly maxRounds?: number;
}

export interface LearnLoopRound extends LearnRoundReport {
  /** 1 for the training at start, then one more per retraining. */
  readonly round: number;
  /** Verified labels that arrived since the previous round (all of them for the first). */
  readonly arrived: number;
}

export interface LearnLoopReport {
  readonly rounds: number;
  /** The newest version trained by the loop, or null when none was. */
  readonly lastVersion: number | null;
}

/**
 * `hilo learn --every N`: trains at once, then looks at the store every `intervalMs` and, as
 * soon as N verified labels arrived since the last training, trains the next version, relabels
 * the items with it when the local model is the project's first pass, and re-scores the people
 * queue (see learnRound). A round that cannot train for want of labels is reported and the loop
 * waits for N more; any other error ends the loop. Stops cleanly between steps when `shouldStop` says so.
 * @example await runLearnLoop({ store, project, clock, rng, every: 50, intervalMs: 30_000, wait, shouldStop: () => stopped })
 * Complexity: per look O(decisions + people's votes); per round one learnRound.
 */
export async function runLearnLoop(options: LearnLoopOptions): Promise<LearnLoopReport> {
  const { store, every } = options;
  if (!Number.isInteger(every) || every < 1)
    throw new HiloError('INVALID_INPUT', `--every must be a positive integer, not ${every}`);
  const relabel = options.project.labeller.default === 'local';
  let marks = await verifiedMarks(store);
  let arrived = marks.size;
  let rounds = 0;
  let lastVersion: number | null = null;
  let due = true;
  while (!options.shouldStop() && (options.maxRounds === undefined || rounds < options.maxRounds)) {
    if (!due) {
      await options.wait(options.intervalMs);
      if (options.shouldStop()) break;
      // Marks are read before training: labels arriving while it runs count for the next round.
      const now = await verifiedMarks(store);
      arrived += newMarks(marks, now);
      marks = now;
      if (arrived < every) continue;
    }
    due = false;
    try {
      const report = await learnRound({ ...options, relabel, shouldStop: options.shouldStop });
      rounds++;
      lastVersion = report.learn.version;
      options.onRound?.({ ...report, round: rounds, arrived });
      arrived = 0;
    } catch (error) {
      if (!(error instanceof HiloError && error.code === 'INVALID_INPUT')) throw error;
      options.logger?.warn(`not trained yet: ${error.message}`);
      arrived = 0;
    }
  }
  return { rounds, lastVersion };
}
