import type { QueuePriority, StoreWithPeople } from '../../core/ports/people-store.js';
import type { ProjectConfig, QueueStrategyName } from '../../core/project.js';
import type { Rng } from '../../core/rng.js';
import type { Item } from '../../core/types.js';
import type { Labeller } from '../label/index.js';
import { taskShapeOf } from '../../core/task-kind/index.js';
import { queuePriority, queueStrategy } from './rescore-queue-priority.js';
import { taskQueueScores } from './task-queue-scores.js';

export interface RescoreQueueOptions {
  readonly store: StoreWithPeople;
  readonly project: ProjectConfig;
  /** The labeller whose distributions score the waiting items (the newest local model). */
  readonly labeller: Labeller;
  /** Draws of the random strategy. */
  readonly rng: Rng;
  /** Default `labeller.local.queryStrategy`, else margin. */
  readonly strategy?: QueueStrategyName;
}

export interface RescoreReport {
  readonly strategy: QueueStrategyName;
  /** Task entries whose priority was set. */
  readonly rescored: number;
  /** Task entries left as they were: their item already has a verified decision. */
  readonly settled: number;
}

const SETTLED = new Set(['human', 'reviewer', 'aggregated', 'expert', 'gold']);
const CHUNK = 1000;

/**
 * Re-scores the items still waiting for people with a labeller (the model just trained) and
 * writes the active-learning score as their queue priority, within their zone (see
 * `queuePriority`), so people next see what the current model is least sure of, in the kind's
 * terms (`taskQueueScores`). Items that
 * already have a verified decision keep their priority. Leases, answers and overlap are not
 * touched.
 * @example await rescoreQueue({ store, project, labeller: createLocalLabeller({ model, version, project }), rng })
 * Complexity: O(waiting × K) plus one prediction per waiting item, in chunks of 1,000.
 */
export async function rescoreQueue(options: RescoreQueueOptions): Promise<RescoreReport> {
  const { store, project, labeller } = options;
  const strategy = options.strategy ?? queueStrategy(project);
  const shape = taskShapeOf(project);
  const entries = await store.people.listQueue({ kind: 'task' });
  const priorities: QueuePriority[] = [];
  let settled = 0;
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK);
    const ids = chunk.map((e) => e.itemId);
    const done = new Set(
      (await store.listDecisions({ itemIds: ids }))
        .filter((d) => SETTLED.has(d.decidedBy))
        .map((d) => d.itemId),
    );
    settled += done.size;
    const waiting = chunk.filter((e) => !done.has(e.itemId));
    const items = new Map(
      (await store.listItems({ ids: waiting.map((e) => e.itemId) })).map((i) => [i.id, i]),
    );
    const scored = waiting.filter((e) => items.has(e.itemId));
    const distributions = await predict(
      labeller,
      scored.map((e) => items.get(e.itemId) as Item),
    );
    const scores = taskQueueScores({ shape, strategy, distributions, rng: options.rng });
    scored.forEach((entry, i) =>
      priorities.push({
        itemId: entry.itemId,
        priority: queuePriority(entry.zone, scores[i] as number),
      }),
    );
  }
  await writePriorities(store, priorities);
  return { strategy, rescored: priorities.length, settled };
}

async function predict(labeller: Labeller, items: readonly Item[]) {
  const out = [];
  const size = Math.max(1, labeller.batchSize);
  for (let i = 0; i < items.length; i += size) {
    for (const outcome of await labeller.label(items.slice(i, i + size)))
      out.push(outcome.probabilities);
  }
  return out;
}

async function writePriorities(
  store: StoreWithPeople,
  priorities: readonly QueuePriority[],
): Promise<void> {
  if (priorities.length === 0) return;
  if (store.people.setQueuePriorities) {
    await store.people.setQueuePriorities(priorities);
    return;
  }
  // A store without the bulk update: rewrite the entries as they are now, with the new priority.
  const wanted = new Map(priorities.map((p) => [p.itemId, p.priority]));
  const entries = await store.people.listQueue({ kind: 'task' });
  await store.people.upsertQueue(
    entries
      .filter((e) => wanted.has(e.itemId))
      .map((e) => ({ ...e, priority: wanted.get(e.itemId) as number })),
  );
}
