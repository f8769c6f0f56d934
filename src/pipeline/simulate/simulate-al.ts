import type { QueryStrategyName } from '../../core/active-learning/query-strategy.js';
import { stabilizingPredictions } from '../../core/active-learning/stabilizing-predictions.js';
import { HiloError } from '../../core/errors.js';
import { percent } from '../../core/format/format-number.js';
import type { Clock, Logger } from '../../core/ports/runtime.js';
import type { LocalLabellerConfig } from '../../core/project.js';
import {
  fullDataAccuracy,
  prepareAlStage,
  runAlStrategy,
  type AlRound,
} from './simulate-al-run.js';
import { indexLabels } from './simulate-split.js';

export interface SimulateAlOptions {
  readonly texts: readonly string[];
  readonly labels: readonly string[];
  /** The label set; default the labels seen. */
  readonly labelSet?: readonly string[];
  readonly strategies: readonly QueryStrategyName[];
  /** Items labelled per round (default 25). */
  readonly batch?: number;
  /** Items labelled before the first round (default 50). */
  readonly initial?: number;
  /** Query rounds after the initial set (default 10). */
  readonly rounds?: number;
  readonly seed?: number;
  /** Share of items held out to measure accuracy (default 0.2). */
  readonly testShare?: number;
  /** How the initial set is drawn (default random, the same for every strategy). */
  readonly coldStart?: 'random' | 'diverse';
  /** Repetitions with seeds seed, seed+1, …; curves are averaged (default 1). */
  readonly repeats?: number;
  /** Target share of full-data accuracy for `labelsToReach99` (default 0.99). */
  readonly targetShare?: number;
  /** Stop a strategy's curve once it reaches the target (saves time; curves end at different labels). */
  readonly untilTarget?: boolean;
  /** Dimensions of the random projection used by CAL, BADGE, core-set (default 256). */
  readonly embeddingDimension?: number;
  /** Unlabelled items the stopping rule predicts (default 2000). */
  readonly stopSetSize?: number;
  readonly config: LocalLabellerConfig;
  readonly logger?: Logger;
  readonly clock?: Clock;
}

export interface AlStrategyResult {
  /** Held-out accuracy after the initial set and after each round (mean over repeats). */
  readonly rounds: AlRound[];
  /** Labels after which accuracy first reaches targetShare × fullDataAccuracy; null if never. */
  readonly labelsToReach99: number | null;
  /** 1 − labelsToReach99 / random's, when both reached it and random ran; else null. */
  readonly savingVsRandom: number | null;
  /** Labels at which stabilizing predictions (κ ≥ 0.99 over 3 rounds) would stop; null if never (in some repeat). */
  readonly stoppedAt: number | null;
  readonly seconds: number | null;
}

export interface AlSimulationResult {
  readonly fullDataAccuracy: number;
  readonly strategies: Record<string, AlStrategyResult>;
  readonly items: number;
  readonly pool: number;
  readonly test: number;
  readonly classes: number;
  readonly batch: number;
  readonly initial: number;
  readonly seed: number;
  readonly repeats: number;
  readonly targetShare: number;
}

const EMBEDDED: ReadonlySet<QueryStrategyName> = new Set(['cal', 'badge', 'core-set']);

/**
 * Replays a labelled data set through active learning: for every strategy, rounds of train →
 * score the pool → select a batch → "annotate" it with its true label, with held-out accuracy
 * after each round, against the accuracy of the same model trained on the whole pool. Every
 * strategy starts from the same initial set and is measured on the same test items.
 * @example const result = simulateActiveLearning({ texts, labels, strategies: ['random', 'margin'], config });
 * Complexity: repeats × strategies × rounds × (training on ≤ initial + rounds × batch items +
 * prediction of the pool + the strategy's selection cost).
 * @throws HiloError INVALID_INPUT on bad sizes or fewer than two labels.
 */
export function simulateActiveLearning(options: SimulateAlOptions): AlSimulationResult {
  const batch = options.batch ?? 25;
  const initial = options.initial ?? 50;
  const roundsWanted = options.rounds ?? 10;
  const seed = options.seed ?? 1;
  const repeats = options.repeats ?? 1;
  const targetShare = options.targetShare ?? 0.99;
  for (const [name, value] of Object.entries({ batch, initial, repeats })) {
    if (!Number.isInteger(value) || value < 1)
      throw new HiloError('INVALID_INPUT', `${name} must be a whole number ≥ 1, got ${value}`);
  }
  if (!Number.isInteger(roundsWanted) || roundsWanted < 0) {
    throw new HiloError('INVALID_INPUT', `rounds must be a whole number ≥ 0, got ${roundsWanted}`);
  }
  if (options.strategies.length === 0)
    throw new HiloError('INVALID_INPUT', 'no strategy to simulate');
  if (options.texts.length !== options.labels.length) {
    throw new HiloError(
      'INVALID_INPUT',
      `${options.texts.length} texts but ${options.labels.length} labels`,
    );
  }
  const { labelSet, classes } = indexLabels(options.labels, options.labelSet);
  const { logger, clock } = options;
  const curves = new Map<
    QueryStrategyName,
    { rounds: AlRound[][]; stops: (number | null)[]; ms: number }
  >();
  let full = 0;
  let sizes = { pool: 0, test: 0 };
  for (let r = 0; r < repeats; r++) {
    const stage = prepareAlStage({
      texts: options.texts,
      classes,
      classCount: labelSet.length,
      testShare: options.testShare ?? 0.2,
      initial,
      coldStart: options.coldStart ?? 'random',
      needsEmbeddings: options.strategies.some((s) => EMBEDDED.has(s)),
      embeddingDimension: options.embeddingDimension ?? 256,
      stopSetSize: options.stopSetSize ?? 2000,
      config: options.config,
      seed: seed + r,
    });
    if (stage.pool.length <= initial) {
      throw new HiloError(
        'INVALID_INPUT',
        `the pool has ${stage.pool.length} items, not more than the ${initial} initial labels`,
      );
    }
    sizes = { pool: stage.pool.length, test: stage.test.length };
    const ceiling = fullDataAccuracy(stage);
    full += ceiling / repeats;
    logger?.info(
      `al: repeat ${r + 1}/${repeats}: pool ${stage.pool.length}, test ${stage.test.length}, full-data accuracy ${percent(ceiling)}`,
    );
    for (const strategy of options.strategies) {
      const started = clock?.now() ?? 0;
      const run = runAlStrategy(stage, {
        strategy,
        batch,
        rounds: roundsWanted,
        ...(options.untilTarget ? { stopAt: targetShare * ceiling - 1e-12 } : {}),
        ...(logger ? { logger } : {}),
      });
      const stop = stabilizingPredictions(run.stopPredictions, {
        classCount: labelSet.length,
      }).stopRound;
      const entry = curves.get(strategy) ?? { rounds: [], stops: [], ms: 0 };
      entry.rounds.push(run.rounds);
      entry.stops.push(stop === null ? null : (run.rounds[stop]?.labels ?? null));
      entry.ms += (clock?.now() ?? 0) - started;
      curves.set(strategy, entry);
    }
  }
  const strategies: Record<string, AlStrategyResult> = {};
  const reached = new Map<QueryStrategyName, number | null>();
  for (const [name, entry] of curves) {
    const rounds = meanCurve(entry.rounds);
    reached.set(name, labelsToReach(rounds, targetShare * full));
    strategies[name] = {
      rounds,
      labelsToReach99: reached.get(name) ?? null,
      savingVsRandom: null,
      stoppedAt: entry.stops.some((s) => s === null)
        ? null
        : Math.round(mean(entry.stops as number[])),
      seconds: clock ? entry.ms / 1000 : null,
    };
  }
  const baseline = reached.get('random');
  for (const [name, result] of Object.entries(strategies)) {
    const own = result.labelsToReach99;
    if (baseline && own !== null && name !== 'random')
      strategies[name] = { ...result, savingVsRandom: 1 - own / baseline };
  }
  return {
    fullDataAccuracy: full,
    strategies,
    items: options.texts.length,
    ...sizes,
    classes: labelSet.length,
    batch,
    initial,
    seed,
    repeats,
    targetShare,
  };
}

/**
 * Mean accuracy per round over repeats. Runs stopped at the target are carried forward at
 * their last accuracy (they would only have gone on learning), so the mean is over all repeats
 * up to the longest run. O(rounds × repeats).
 */
function meanCurve(runs: readonly AlRound[][]): AlRound[] {
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.map((point, t) => ({
    labels: point.labels,
    accuracy: mean(runs.map((r) => (r[Math.min(t, r.length - 1)] as AlRound).accuracy)),
  }));
}

/**
 * Labels at the first point of a curve whose accuracy reaches `target`, or null.
 * @example labelsToReach([{ labels: 50, accuracy: 0.7 }, { labels: 75, accuracy: 0.9 }], 0.85) // 75
 * Complexity: O(rounds).
 */
export function labelsToReach(rounds: readonly AlRound[], target: number): number | null {
  // A hair of tolerance, so a curve equal to the target up to rounding counts as reaching it.
  for (const round of rounds) if (round.accuracy >= target - 1e-12) return round.labels;
  return null;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
