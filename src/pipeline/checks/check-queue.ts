import { taskShapeOf } from '../../core/task-kind/index.js';
import type { Clock, Store } from '../../core/ports/index.js';
import type { ProjectConfig } from '../../core/project.js';
import type { Fields } from '../../core/types.js';
import { shownFields } from '../people/index.js';
import { answerChecks } from './answer-checks.js';

/** Checks waiting for an expert, as the reviewer queue shows them. */
export interface CheckQueue {
  /** The first `limit` checks without a label, in item id order: the project's fields only. */
  readonly items: readonly { readonly itemId: string; readonly fields: Fields }[];
  readonly waiting: number;
  readonly labelled: number;
}

/**
 * The checks queue of the web UI: drawn items still without an expert label, with only the
 * project's fields — never the machine's label or confidence, nor the stratum, so the expert's
 * answer is not drawn towards the machine's.
 * @example const queue = await listCheckQueue({ store, project, limit: 20 })
 * Complexity: one read of the checks and one of the shown items.
 */
export async function listCheckQueue(options: {
  readonly store: Store;
  readonly project: Pick<ProjectConfig, 'fields'>;
  readonly limit: number;
}): Promise<CheckQueue> {
  const { store, project } = options;
  const checks = await store.listChecks();
  const open = checks.filter((c) => c.label === null);
  const shown = open.slice(0, Math.max(0, options.limit));
  const items = new Map(
    (await store.listItems({ ids: shown.map((c) => c.itemId) })).map((i) => [i.id, i]),
  );
  return {
    items: shown.map((c) => ({
      itemId: c.itemId,
      fields: shownFields(project, items.get(c.itemId)?.fields ?? {}),
    })),
    waiting: open.length,
    labelled: checks.length - open.length,
  };
}

/**
 * A reviewer's answer to a check: the expert label, `reviewer:<id>`, becomes the item's decision
 * (see `answerChecks`).
 * @example await answerCheck({ store, clock, project }, 'r1', { itemId: 'a', label: 'spam' })
 * Complexity: one transaction of a few statements.
 */
export async function answerCheck(
  ctx: {
    readonly store: Store;
    readonly clock: Clock;
    readonly project: Pick<ProjectConfig, 'labels' | 'kind' | 'multilabel' | 'rating'>;
  },
  reviewerId: string,
  answer: { readonly itemId: string; readonly label: string },
): Promise<void> {
  await answerChecks({
    store: ctx.store,
    clock: ctx.clock,
    labels: ctx.project.labels.map((l) => l.name),
    shape: taskShapeOf(ctx.project),
    answers: [answer],
    by: `reviewer:${reviewerId}`,
  });
}
