import type { QueueEntry } from '../../core/ports/people-store.js';
import { shuffled } from '../../core/rng.js';
import type { Decision, Item } from '../../core/types.js';
import { readAuditedItems } from '../audit/index.js';
import { taskShapeOf } from '../../core/task-kind/index.js';
import { queuePriority, queueStrategy, taskQueueScores } from '../learn/index.js';
import { peopleConfig, type PeopleContext } from './people-context.js';
import { storePredictedLabels } from './skill-match.js';

/** Controls and exam items may be answered by everyone once. */
const EVERYONE = 1_000_000;

export interface QueueCounts {
  /** Task entries, audit items included. */
  readonly tasks: number;
  /** Accepted items drawn for audit (`hilo route --audit-rate`), queued above every other task. */
  readonly audit: number;
  readonly controls: number;
  readonly exam: number;
}

/**
 * Fills the people queue from the store: accepted items drawn for audit first (zone `audit`,
 * `people.overlap.human` people each), then routed items (zone human or overlap) in order of zone
 * (human first) then the active-learning score of the machine's distribution in the kind's terms
 * (`taskQueueScores`: `labeller.local.queryStrategy`, margin by default, for single-label and
 * pairwise; the decided set's uncertainty for multi-label, the spread around the median for
 * ratings); when nothing was
 * routed, every pool item without a decision; items marked as duplicates never. Control items are all queued; the exam is a seeded
 * sample of `exam.size` gold items, drawn once: later calls (every `hilo serve` start) keep the
 * exam already queued and only top it up to `exam.size`, so everyone takes the same exam.
 * Overlap already raised by dynamic overlap is kept.
 * @example await buildQueue(ctx) // { tasks: 120, audit: 6, controls: 30, exam: 5 }
 * Complexity: O(n) over items and decisions, one upsert.
 */
export async function buildQueue(ctx: PeopleContext): Promise<QueueCounts> {
  const settings = peopleConfig(ctx.project);
  const { store } = ctx;
  const decisions = await store.listDecisions({});
  // Duplicates (`hilo dedup --apply`) share their representative's answer: nobody is asked.
  const duplicates = new Set((await store.listDuplicates()).map((mark) => mark.itemId));
  // Items an expert or gold already decided (answered checks) need no people.
  const routed = decisions.filter(
    (d) =>
      (d.zone === 'human' || d.zone === 'overlap') &&
      d.decidedBy !== 'expert' &&
      d.decidedBy !== 'gold' &&
      !duplicates.has(d.itemId),
  );
  const entries: QueueEntry[] = [];
  if (routed.length > 0) {
    const scores = taskQueueScores({
      shape: taskShapeOf(ctx.project),
      strategy: queueStrategy(ctx.project),
      distributions: routed.map((d) => d.probabilities),
      rng: ctx.rng,
    });
    routed.forEach((decision, i) =>
      entries.push(taskEntry(decision, settings.overlap, scores[i] as number)),
    );
  } else {
    const decided = new Set(decisions.map((d) => d.itemId));
    for (const item of await store.listItems({ role: 'pool', duplicates: false })) {
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
  const audit = await auditEntries(ctx, new Set(entries.map((e) => e.itemId)));
  entries.push(...audit);
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
  const queued = await store.people.listQueue({});
  const exam = await chooseExam(ctx, queued, settings.exam.size);
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
  const existing = new Map(queued.map((e) => [e.itemId, e]));
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
  await storePredictedLabels(ctx, routed);
  return {
    tasks: merged.filter((e) => e.kind === 'task').length,
    audit: audit.length,
    controls: controls.length,
    exam: exam.length,
  };
}

/**
 * Queue entries of the items drawn for audit that still exist and are not routed to people
 * anyway (a later routing may have sent them to a zone): zone `audit`, above every other task.
 * Complexity: O(audited items).
 */
async function auditEntries(ctx: PeopleContext, taken: ReadonlySet<string>): Promise<QueueEntry[]> {
  const audited = [...(await readAuditedItems(ctx.store)).keys()].filter((id) => !taken.has(id));
  if (audited.length === 0) return [];
  const present = [];
  for (let start = 0; start < audited.length; start += 1000)
    present.push(...(await ctx.store.listItems({ ids: audited.slice(start, start + 1000) })));
  const overlap = peopleConfig(ctx.project).overlap.human;
  return present.map((item) => ({
    itemId: item.id,
    kind: 'task',
    zone: 'audit',
    priority: queuePriority('audit', 0),
    overlap,
    goldLabel: null,
    reviewReason: null,
  }));
}

/**
 * The exam's gold items: those already queued as exam items (still gold, in their order), topped
 * up with a seeded sample of the other gold items when fewer than `size` are queued.
 * Complexity: O(gold + queued).
 */
async function chooseExam(
  ctx: PeopleContext,
  queued: readonly QueueEntry[],
  size: number,
): Promise<Item[]> {
  const gold = await ctx.store.listItems({ role: 'gold' });
  const byId = new Map(gold.map((item) => [item.id, item]));
  const kept = queued
    .filter((entry) => entry.kind === 'exam')
    .sort((a, b) => b.priority - a.priority)
    .flatMap((entry) => byId.get(entry.itemId) ?? [])
    .slice(0, size);
  const taken = new Set(kept.map((item) => item.id));
  const fresh = shuffled(
    gold.filter((item) => !taken.has(item.id)),
    ctx.rng,
  ).slice(0, Math.max(0, size - kept.length));
  return [...kept, ...fresh];
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
