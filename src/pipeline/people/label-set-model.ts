import {
  readLabelSetCrowd,
  type LabelSetCrowdOptions,
  type LabelSetSnapshot,
} from './label-set-snapshot.js';

export interface LabelSetModelOptions extends LabelSetCrowdOptions {
  /** A refit starts once this many answers arrived since the last fit… (default 50) */
  readonly refitEvery?: number;
  /** …and they are at least this share of the votes it saw (default 1: the votes doubled). */
  readonly refitShare?: number;
  /** Told about a background refit that failed; the previous snapshot stays in use. */
  readonly onError?: (error: unknown) => void;
}

/**
 * A multi-label project's crowd kept between answers (see {@link readLabelSetCrowd}), so an
 * answer costs one item's posterior, O(votes × L), instead of a fit. Create one per project at
 * the composition root, beside the single-choice `CrowdModel`.
 */
export interface LabelSetModel {
  /** The newest fitted snapshot; the very first call waits for a fit. */
  current(): Promise<LabelSetSnapshot>;
  /** Counts new answers; once enough arrived, a refit starts in the background. */
  noteAnswers(count?: number): void;
  /** Fits now (joining a fit already running) and serves the result from then on. */
  refit(): Promise<LabelSetSnapshot>;
  /** Resolves when no fit is running. */
  idle(): Promise<void>;
}

/**
 * Keeps a {@link LabelSetSnapshot} fresh for dynamic overlap, live decisions and the majority
 * check of a multi-label project: refitted in the background after `max(refitEvery,
 * refitShare × fitted votes)` new answers, so refits grow with the log of the votes. Between
 * refits an item's posterior reads all its answers, new ones included, through the rates of the
 * last fit (new people through the pooled rates).
 * @example
 * const labelSets = createLabelSetModel({ store, labels });
 * const deps = { store, project, clock, rng, labelSets };
 * Complexity: `current` and `noteAnswers` O(1); a refit reads people's votes and fits them.
 */
export function createLabelSetModel(options: LabelSetModelOptions): LabelSetModel {
  const refitEvery = options.refitEvery ?? 50;
  const refitShare = options.refitShare ?? 1;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  let snapshot: LabelSetSnapshot | null = null;
  let running: Promise<LabelSetSnapshot> | null = null;
  let pending = 0;

  const refit = (): Promise<LabelSetSnapshot> => {
    running ??= (async () => {
      const counted = pending;
      try {
        snapshot = await readLabelSetCrowd({ ...options, pause });
        pending -= counted;
        return snapshot;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  return {
    current: async () => snapshot ?? refit(),
    noteAnswers: (count = 1) => {
      pending += count;
      const due = snapshot !== null && pending >= Math.max(refitEvery, refitShare * snapshot.votes);
      if (running === null && due) refit().catch((error: unknown) => options.onError?.(error));
    },
    refit,
    idle: async () => {
      if (running)
        await running.then(
          () => undefined,
          () => undefined,
        );
    },
  };
}
