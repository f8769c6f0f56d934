import type { QueueEntry } from '../../core/ports/people-store.js';
import { shuffled } from '../../core/rng.js';
import type { Decision } from '../../core/types.js';
import { distributionRows, queuePriority, queueScores, queueStrategy } from '../learn/index.js';
import { peopleConfig, type PeopleContext } from './people-context.js';

/** Controls and exam items may be answered by everyone once. */
const EVERYONE = 1_000_000;

export interface QueueCounts {
  readonly tasks: number;
  readonly controls: number;
  readonly exam: number;
}

/**
 * Fills the people queue from the store: routed items (zone human or overlap) in order of zone
 * (human first) then the active-learning score of the machine's distribution under
 * `labeller.local.queryStrategy` (margin by default: the closest call first); when nothing was
 * routed, every pool item without a decision. Control items are all queued; the exam is a seeded sample of `exam.size` gold items.
 * Overlap already raised by dynamic overlap is kept.
 * @example await buildQueue(ctx) // { tasks: 120, controls: 30, exam: 5 }
 * Complexity: O(n) over items and decisions, one upsert.
 */
export async function buildQueue(ctx: PeopleContext): Promise<QueueCounts> {
  const settings = peopleConfig(ctx.project);
  const { store } = ctx;
  const decisions = await store.listDecisions({});
  const routed = decisions.filter((d) => d.zone === 'human' || d.zone === 'overlap');
  const entries: QueueEntry[] = [];
  if (routed.length > 0) {
    const labelSet = ctx.project.labels.map((l) => l.name);
    const scores = queueScores(
      queueStrategy(ctx.project),
      distributionRows(
        routed.map((d) => d.probabilities),
        labelSet,
      ),
      ctx.rng,
    );
    routed.forEach((decision, i) =>
      entries.push(taskEntry(decision, settings.overlap, scores[i] as number)),
    );
  } else {
    const decided = new Set(decisions.map((d) => d.itemId));
    for (const item of await store.listItems({ role: 'pool' })) {
      if (decided.has(item.id)) continue;
      entries.push({
        itemId: item.id,
        kind: 'task',
        zone: null,
        priority: 0,
        overlap: settings.overlap.human,
        goldLabel: null,
        reviewReason: null,
      });
    }
  }
  const controls = await store.listItems({ role: 'control' });
  for (const item of controls) {
    entries.push({
      itemId: item.id,
      kind: 'control',
      zone: null,
      priority: 0,
      overlap: EVERYONE,
      goldLabel: item.goldLabel,
      reviewReason: null,
    });
  }
  const gold = await store.listItems({ role: 'gold' });
  const exam = shuffled(gold, ctx.rng).slice(0, settings.exam.size);
  exam.forEach((item, index) => {
    entries.push({
      itemId: item.id,
      kind: 'exam',
      zone: null,
      priority: exam.length - index,
      overlap: EVERYONE,
      goldLabel: item.goldLabel,
      reviewReason: null,
    });
  });
  const existing = new Map((await store.people.listQueue({})).map((e) => [e.itemId, e]));
  const merged = entries.map((entry) => {
    const before = existing.get(entry.itemId);
    return before === undefined
      ? entry
      : {
          ...entry,
          overlap: Math.max(entry.overlap, before.overlap),
          reviewReason: before.reviewReason,
        };
  });
  await store.people.upsertQueue(merged);
  return {
    tasks: merged.filter((e) => e.kind === 'task').length,
    controls: controls.length,
    exam: exam.length,
  };
}

function taskEntry(
  decision: Decision,
  overlap: { human: number; overlap: number },
  score: number,
): QueueEntry {
  const human = decision.zone === 'human';
  return {
    itemId: decision.itemId,
    kind: 'task',
    zone: human ? 'human' : 'overlap',
    priority: queuePriority(human ? 'human' : 'overlap', score),
    overlap: human ? overlap.human : overlap.overlap,
    goldLabel: null,
    reviewReason: null,
  };
}
