import { HiloError } from '../../core/errors.js';
import type { Annotator, Assignment, QueueKind } from '../../core/ports/people-store.js';
import type { Fields } from '../../core/types.js';
import { itemSuggestion, type Suggestion } from './item-suggestion.js';
import { isoAt, peopleConfig, type PeopleContext } from './people-context.js';
import { settleExam } from './settle-exam.js';
import { shownFields } from './shown-fields.js';
import { leaseMatched } from './skill-match.js';

/** An item as an annotator sees it: only the project's fields, never its role or gold label. */
export interface ServedItem {
  readonly itemId: string;
  readonly fields: Fields;
  readonly expiresAt: string;
  /** True while the annotator takes the qualification exam. */
  readonly exam: boolean;
  /** The machine's label when the project pre-annotates (`itemSuggestion`), else null. */
  readonly suggestion?: Suggestion | null;
}

export interface NextOptions {
  /** Items the caller already shows or holds (a prefetch): their live leases are not given back. */
  readonly holding?: readonly string[];
}

/**
 * The annotator's next item. First their own live lease, oldest first (a reload shows the same
 * item and leases nothing new), then a new lease: onboarding annotators get exam items (an exam
 * item whose lease expired unanswered comes back; the exam settles here if it is complete, so
 * nobody is left waiting; with no exam they become active at once); active ones get a hidden
 * control at the project's rate, with rare control labels over-represented (label weights ∝
 * √count), else the best task. Suspended annotators get CONFLICT. Returns undefined when nothing
 * is left for them.
 * @example const served = await nextItem(ctx, annotator, { holding: ['item-7'] })
 * Complexity: one read of their leases, one or two leases; control label weights O(controls).
 */
export async function nextItem(
  ctx: PeopleContext,
  annotator: Annotator,
  options: NextOptions = {},
): Promise<ServedItem | undefined> {
  if (annotator.state === 'suspended') {
    throw new HiloError('CONFLICT', `suspended: ${annotator.suspendedReason ?? 'by an admin'}`);
  }
  const own = await ownLease(ctx, annotator.id, options.holding ?? []);
  if (own !== undefined) return serve(ctx, own, own.kind === 'exam');
  if (annotator.state === 'onboarding') {
    const exam = await lease(ctx, annotator.id, 'exam');
    if (exam !== undefined) return serve(ctx, exam, true);
    const examItems = await ctx.store.people.listQueue({ kind: 'exam' });
    if (examItems.length > 0) {
      // Every exam item is answered or held: settle it now if it is complete.
      const settled = await settleExam(ctx, annotator);
      if (settled.state === 'onboarding') return undefined;
      return nextItem(ctx, settled, options);
    }
    await ctx.store.people.updateAnnotator(annotator.id, { state: 'active' });
  }
  const settings = peopleConfig(ctx.project);
  const wantControl = ctx.rng.next() < settings.controlRate;
  const order: readonly QueueKind[] = wantControl ? ['control', 'task'] : ['task', 'control'];
  for (const kind of order) {
    const goldLabel = kind === 'control' ? await controlLabel(ctx) : undefined;
    const got = await lease(ctx, annotator.id, kind, goldLabel);
    if (got !== undefined) return serve(ctx, got, false);
  }
  return undefined;
}

/** The annotator's oldest live lease outside `holding`. */
async function ownLease(
  ctx: PeopleContext,
  annotatorId: string,
  holding: readonly string[],
): Promise<Assignment | undefined> {
  const now = isoAt(ctx.clock);
  const live = await ctx.store.people.listAssignments({ annotatorId, state: 'leased' });
  return live.find((a) => a.expiresAt > now && !holding.includes(a.itemId));
}

function lease(
  ctx: PeopleContext,
  annotatorId: string,
  kind: QueueKind,
  goldLabel?: string,
): Promise<Assignment | undefined> {
  const minutes = peopleConfig(ctx.project).leaseMinutes;
  return leaseMatched(ctx, {
    annotatorId,
    kind,
    now: isoAt(ctx.clock),
    expiresAt: isoAt(ctx.clock, minutes * 60_000),
    ...(goldLabel !== undefined ? { goldLabel } : {}),
  });
}

async function controlLabel(ctx: PeopleContext): Promise<string | undefined> {
  const counts = new Map<string, number>();
  for (const entry of await ctx.store.people.listQueue({ kind: 'control' })) {
    if (entry.goldLabel !== null)
      counts.set(entry.goldLabel, (counts.get(entry.goldLabel) ?? 0) + 1);
  }
  const labels = [...counts.keys()].sort();
  const weights = labels.map((label) => Math.sqrt(counts.get(label) ?? 0));
  const total = weights.reduce((a, b) => a + b, 0);
  let draw = ctx.rng.next() * total;
  for (let i = 0; i < labels.length; i++) {
    draw -= weights[i] ?? 0;
    if (draw < 0) return labels[i];
  }
  return labels.at(-1);
}

async function serve(
  ctx: PeopleContext,
  assignment: Assignment,
  exam: boolean,
): Promise<ServedItem> {
  const item = await ctx.store.getItem(assignment.itemId);
  if (item === undefined) throw new HiloError('NOT_FOUND', `item "${assignment.itemId}" is gone`);
  return {
    itemId: item.id,
    fields: shownFields(ctx.project, item.fields),
    expiresAt: assignment.expiresAt,
    exam,
    suggestion: await itemSuggestion(ctx, item.id, { exam }),
  };
}
