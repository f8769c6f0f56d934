import type { Clock, EmbeddingModel, Logger } from '../../core/ports/index.js';
import type { StoreWithPeople } from '../../core/ports/people-store.js';
import type { ProjectConfig } from '../../core/project.js';
import type { Rng } from '../../core/rng.js';
import type { Decision } from '../../core/types.js';
import { labelItems } from '../label/index.js';
import { learnLocal, type LearnReport } from './learn-local.js';
import { createLocalLabeller } from './local-labeller.js';
import { rescoreQueue, type RescoreReport } from './rescore-queue.js';

export interface LearnRoundOptions {
  readonly store: StoreWithPeople;
  readonly project: ProjectConfig;
  readonly clock: Clock;
  /** Draws of the random queue strategy. */
  readonly rng: Rng;
  readonly logger?: Logger;
  /** Folds for the out-of-fold votes (see learnLocal). */
  readonly folds?: number;
  /** The embedding model, for `labeller.local.input: embeddings`. */
  readonly embedder?: EmbeddingModel | undefined;
  /** Label pool, gold and test items with the new version (done when it is the first pass). */
  readonly relabel?: boolean;
  /** Checked while relabelling; when it returns true the relabelling stops cleanly. */
  readonly shouldStop?: () => boolean;
}

export interface LearnRoundReport {
  readonly learn: LearnReport;
  /** Items the new version labelled, or null when the round did not relabel. */
  readonly relabelled: number | null;
  readonly rescore: RescoreReport;
  readonly seconds: number;
}

/**
 * One turn of the learning loop: train and store a new version of the local model, relabel the
 * items with it when asked (the project's first pass is the local model), and re-score the
 * items still waiting for people so the queue shows the most uncertain first.
 * @example const { learn, rescore } = await learnRound({ store, project, clock, rng: createRng(1) });
 * Complexity: one learnLocal, one labelling pass when relabelling, one rescoreQueue.
 */
export async function learnRound(options: LearnRoundOptions): Promise<LearnRoundReport> {
  const { store, project, clock } = options;
  const started = clock.now();
  const learn = await learnLocal({
    store,
    project,
    clock,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.folds !== undefined ? { folds: options.folds } : {}),
    embedder: options.embedder,
    people: store.people,
  });
  const labeller = createLocalLabeller({
    model: learn.model,
    version: learn.version,
    project,
  });
  let relabelled: number | null = null;
  if (options.relabel) {
    const zones = await routedZones(store);
    const report = await labelItems({
      store,
      labeller,
      clock,
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    });
    await restoreZones(store, zones);
    relabelled = report.labelled + report.abstained;
  }
  const rescore = await rescoreQueue({ store, project, labeller, rng: options.rng });
  return { learn, relabelled, rescore, seconds: (clock.now() - started) / 1000 };
}

/** Routing zones of the machine decisions, which a new machine decision would reset. */
async function routedZones(store: StoreWithPeople): Promise<Map<string, Decision['zone']>> {
  const zones = new Map<string, Decision['zone']>();
  for (const d of await store.listDecisions({})) {
    if (d.decidedBy === 'machine' && d.zone !== null) zones.set(d.itemId, d.zone);
  }
  return zones;
}

/**
 * Puts back the zone of routed items whose machine decision the new version replaced: the
 * routing still stands until `hilo route` runs again, and the queue is built from it.
 */
async function restoreZones(
  store: StoreWithPeople,
  zones: ReadonlyMap<string, Decision['zone']>,
): Promise<void> {
  if (zones.size === 0) return;
  const lost = (await store.listDecisions({ itemIds: [...zones.keys()] })).filter(
    (d) => d.decidedBy === 'machine' && d.zone === null,
  );
  if (lost.length > 0)
    await store.putDecisions(lost.map((d) => ({ ...d, zone: zones.get(d.itemId) ?? null })));
}
