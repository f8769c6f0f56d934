import type { StoreWithPeople } from '../../core/ports/people-store.js';
import type { CrowdFitOptions, CrowdSnapshot } from './crowd-snapshot.js';
import { updateCrowd, type CrowdVote } from './crowd-update.js';
import { readPeopleCrowd } from './crowd-votes.js';

export interface CrowdModelOptions extends CrowdFitOptions {
  readonly store: StoreWithPeople;
  readonly labels: readonly string[];
  /** A refit starts once this many answers arrived since the last fit… (default 50) */
  readonly refitEvery?: number;
  /**
   * …and they are at least this share of the votes it saw (default 1: the votes doubled), so
   * refits thin out; between them new votes are folded in incrementally.
   */
  readonly refitShare?: number;
  /**
   * New votes are folded into the fit (incremental Dawid-Skene) once `max(foldEvery, foldShare ×
   * fitted votes)` wait (defaults 20 and 0.01): a fold costs O(fitted votes), so folds thin out
   * as the fit grows and their total cost stays proportional to the votes.
   */
  readonly foldEvery?: number;
  readonly foldShare?: number;
  /** Told about a background refit that failed; the previous snapshot stays in use. */
  readonly onError?: (error: unknown) => void;
  /**
   * Awaited before each page of votes a fit reads and before each of its EM sweeps, so requests
   * get through while it runs; default: one turn of the event loop (setImmediate).
   */
  readonly pause?: () => Promise<void>;
}

/**
 * A project's crowd model kept between answers, so that an answer costs one item's posterior
 * (O(votes × K)) instead of a fit. Create one per project at the composition root.
 */
export interface CrowdModel {
  /** The newest fitted snapshot; the very first call waits for a fit. */
  current(): Promise<CrowdSnapshot>;
  /**
   * Counts new answers; once enough arrived, a refit starts in the background while `current`
   * keeps serving the previous snapshot.
   */
  noteAnswers(count?: number): void;
  /**
   * Queues votes to fold into the fit with incremental Dawid-Skene; once enough wait (see
   * `foldEvery`), they are folded on the next turn of the event loop. Votes already in the fit
   * count once.
   */
  addVotes(votes: readonly CrowdVote[]): void;
  /** Folds the queued votes now. */
  fold(): CrowdSnapshot | null;
  /** Fits now (joining a fit already running) and serves the result from then on. */
  refit(): Promise<CrowdSnapshot>;
  /** Resolves when no fit is running. */
  idle(): Promise<void>;
}

/**
 * Keeps a {@link CrowdSnapshot} of people's votes and the machine votes on the same items
 * (Dawid-Skene, controls clamped, discounted people left out) fresh for dynamic overlap and live
 * decisions: new votes are folded in every `max(foldEvery, foldShare × fitted votes)` answers
 * with incremental Dawid-Skene (`addVotes`), and a full refit runs in the background after `max(refitEvery, refitShare ×
 * fitted votes)` new answers (by default when the votes doubled), so the number of refits grows
 * with the log of the votes and their total cost stays proportional to the votes.
 * @example
 * const crowd = createCrowdModel({ store, labels });
 * await crowd.refit(); // at start, so no answer waits for the first fit
 * const deps = { store, project, clock, rng, crowd };
 * Complexity: `current` and `noteAnswers` O(1); a refit reads people's votes and fits them.
 */
export function createCrowdModel(options: CrowdModelOptions): CrowdModel {
  const refitEvery = options.refitEvery ?? 50;
  const refitShare = options.refitShare ?? 1;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  let snapshot: CrowdSnapshot | null = null;
  let running: Promise<CrowdSnapshot> | null = null;
  let pending = 0;
  const foldEvery = options.foldEvery ?? 20;
  const foldShare = options.foldShare ?? 0.01;
  let queued: CrowdVote[] = [];
  let foldScheduled = false;
  // Votes folded while a refit reads the store: the refit may have read them or not.
  let sinceRefit: CrowdVote[] = [];

  const fold = (): CrowdSnapshot | null => {
    const votes = queued;
    queued = [];
    if (snapshot !== null && votes.length > 0) snapshot = updateCrowd(snapshot, votes);
    if (running !== null) sinceRefit.push(...votes);
    return snapshot;
  };

  const refit = (): Promise<CrowdSnapshot> => {
    running ??= (async () => {
      const counted = pending;
      sinceRefit = [];
      try {
        const next = updateCrowd(await readPeopleCrowd({ ...options, pause }), [
          ...sinceRefit,
          ...queued,
        ]);
        queued = [];
        snapshot = next;
        pending -= counted;
        return next;
      } finally {
        running = null;
        sinceRefit = [];
      }
    })();
    return running;
  };

  const stale = (): boolean =>
    snapshot !== null && pending >= Math.max(refitEvery, refitShare * snapshot.votes);

  return {
    current: async () => snapshot ?? refit(),
    noteAnswers: (count = 1) => {
      pending += count;
      if (running === null && stale()) {
        refit().catch((error: unknown) => options.onError?.(error));
      }
    },
    addVotes: (votes) => {
      queued.push(...votes);
      const due = Math.max(foldEvery, foldShare * (snapshot?.votes ?? 0));
      if (queued.length < due || foldScheduled) return;
      foldScheduled = true;
      setImmediate(() => {
        foldScheduled = false;
        try {
          fold();
        } catch (error) {
          options.onError?.(error);
        }
      });
    },
    fold,
    refit,
    idle: async () => {
      // A failed background fit was reported to onError already.
      if (running)
        await running.then(
          () => undefined,
          () => undefined,
        );
    },
  };
}
