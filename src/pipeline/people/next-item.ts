import { HiloError } from '../../core/errors.js';
import type { Annotator, Assignment, QueueKind } from '../../core/ports/people-store.js';
import type { Fields } from '../../core/types.js';
import { isoAt, peopleConfig, type PeopleContext } from './people-context.js';
import { leaseMatched } from './skill-match.js';

/** An item as an annotator sees it: only the project's fields, never its role or gold label. */
export interface ServedItem {
  readonly itemId: string;
  readonly fields: Fields;
  readonly expiresAt: string;
  /** True while the annotator takes the qualification exam. */
  readonly exam: boolean;
}

/**
 * Leases the annotator's next item. Onboarding annotators get exam items (and become active at
 * once when the project has no exam); active ones get a hidden control at the project's rate,
 * with rare control labels over-represented (label weights ∝ √count), else the best task.
 * Suspended annotators get CONFLICT. Returns undefined when nothing is left for them.
 * @example const served = await nextItem(ctx, annotator)
 * Complexity: one or two leases; control label weights O(controls).
 */
export async function nextItem(
  ctx: PeopleContext,
  annotator: Annotator,
): Promise<ServedItem | undefined> {
  if (annotator.state === 'suspended') {
    throw new HiloError('CONFLICT', `suspended: ${annotator.suspendedReason ?? 'by an admin'}`);
  }
  if (annotator.state === 'onboarding') {
    const exam = await lease(ctx, annotator.id, 'exam');
    if (exam !== undefined) return serve(ctx, exam, true);
    const examItems = await ctx.store.people.listQueue({ kind: 'exam' });
    if (examItems.length > 0) return undefined; // answered them all; the result is settled on submit
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
  const fields: Record<string, unknown> = {};
  for (const name of ctx.project.fields) fields[name] = item.fields[name] ?? null;
  return { itemId: item.id, fields, expiresAt: assignment.expiresAt, exam };
}
