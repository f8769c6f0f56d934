import { HiloError } from '../../core/errors.js';
import type { Appeal, AppealState } from '../../core/ports/gold-answers.js';
import type { Annotator } from '../../core/ports/people-store.js';
import type { Fields } from '../../core/types.js';
import { isoAt, peopleConfig, type PeopleContext } from './people-context.js';
import { reconsiderSuspension } from './reconsider-suspension.js';

/** An appeal as a reviewer sees it: the person, the item's fields, their answer and the gold. */
export interface AppealView extends Appeal {
  readonly annotatorName: string;
  readonly kind: 'control' | 'exam';
  readonly label: string;
  readonly goldLabel: string;
  readonly fields: Fields;
}

/**
 * A person appeals how one of their wrong first answers to a control or exam item was scored.
 * CONFLICT when the project gives no feedback (there was nothing shown to appeal), when the
 * answer was right, or when it is already appealed; NOT_FOUND without such an answer.
 * @example await fileAppeal(ctx, annotator, { itemId: 'c1', comment: 'The text is an ad.' })
 * Complexity: two statements.
 */
export async function fileAppeal(
  ctx: PeopleContext,
  annotator: Annotator,
  input: { readonly itemId: string; readonly comment: string },
): Promise<Appeal> {
  if (!peopleConfig(ctx.project).controlFeedback)
    throw new HiloError('CONFLICT', 'this project gives no feedback on controls to appeal');
  const [answer] = await ctx.store.people.listGoldAnswers({
    annotatorId: annotator.id,
    itemId: input.itemId,
  });
  if (answer === undefined)
    throw new HiloError('NOT_FOUND', `no scored answer of yours on item "${input.itemId}"`);
  if (answer.correct) throw new HiloError('CONFLICT', 'a right answer needs no appeal');
  return ctx.store.people.createAppeal({
    annotatorId: annotator.id,
    itemId: input.itemId,
    comment: input.comment,
    createdAt: isoAt(ctx.clock),
  });
}

/**
 * Appeals for reviewers, oldest first, with what is needed to settle them (only the project's
 * fields of the item).
 * @example const open = await listAppeals(ctx, { state: 'open' })
 * Complexity: O(appeals + people), plus one item and gold-answer read per appeal.
 */
export async function listAppeals(
  ctx: PeopleContext,
  query: { readonly state?: AppealState },
): Promise<AppealView[]> {
  const people = ctx.store.people;
  const names = new Map((await people.listAnnotators()).map((a) => [a.id, a.name]));
  const views: AppealView[] = [];
  for (const appeal of await people.listAppeals(query)) {
    const [answer] = await people.listGoldAnswers({
      annotatorId: appeal.annotatorId,
      itemId: appeal.itemId,
    });
    const item = await ctx.store.getItem(appeal.itemId);
    if (answer === undefined) continue;
    const fields: Record<string, unknown> = {};
    for (const name of ctx.project.fields) fields[name] = item?.fields[name] ?? null;
    views.push({
      ...appeal,
      annotatorName: names.get(appeal.annotatorId) ?? appeal.annotatorId,
      kind: answer.kind,
      label: answer.label,
      goldLabel: answer.goldLabel,
      fields,
    });
  }
  return views;
}

export interface AppealVerdict {
  readonly id: number;
  readonly state: 'upheld' | 'rejected';
  readonly note: string;
  /** Upheld only: the gold label was wrong; the person's answer becomes the item's gold label. */
  readonly fixGold?: boolean;
}

/**
 * A reviewer settles an appeal. Upheld: the answer counts as right (the lifetime control count
 * too), a suspension by control accuracy or the exam is re-evaluated and lifted when no longer
 * justified, and with `fixGold` the item's gold label becomes the person's answer. CONFLICT for
 * one's own appeal or one already settled, NOT_FOUND for an unknown id.
 * @example await settleAppeal(ctx, reviewer, { id: 3, state: 'upheld', note: 'gold was wrong', fixGold: true })
 * Complexity: a few statements, plus the re-evaluation.
 */
export async function settleAppeal(
  ctx: PeopleContext,
  reviewer: Annotator,
  verdict: AppealVerdict,
): Promise<Appeal> {
  const people = ctx.store.people;
  const before = (await people.listAppeals({})).find((a) => a.id === verdict.id);
  if (before === undefined) throw new HiloError('NOT_FOUND', `appeal ${verdict.id} does not exist`);
  if (before.annotatorId === reviewer.id)
    throw new HiloError('CONFLICT', 'an appeal is settled by someone other than the person');
  if (verdict.fixGold === true && verdict.state !== 'upheld')
    throw new HiloError('INVALID_INPUT', 'only an upheld appeal fixes the gold label', {
      field: 'fixGold',
    });
  const settled = await people.settleAppeal({
    id: verdict.id,
    state: verdict.state,
    note: verdict.note,
    settledBy: reviewer.id,
    settledAt: isoAt(ctx.clock),
  });
  if (settled.state !== 'upheld') return settled;
  const [answer] = await people.listGoldAnswers({
    annotatorId: settled.annotatorId,
    itemId: settled.itemId,
  });
  const person = await people.getAnnotator(settled.annotatorId);
  if (answer === undefined || person === undefined) return settled;
  const counted =
    answer.kind === 'control'
      ? await people.updateAnnotator(person.id, {
          controlsCorrect: Math.min(person.controlsSeen, person.controlsCorrect + 1),
        })
      : person;
  if (verdict.fixGold === true) await fixGoldLabel(ctx, settled.itemId, answer.label);
  await reconsiderSuspension(ctx, counted);
  return settled;
}

async function fixGoldLabel(ctx: PeopleContext, itemId: string, label: string): Promise<void> {
  const item = await ctx.store.getItem(itemId);
  if (item !== undefined) await ctx.store.upsertItems([{ ...item, goldLabel: label }]);
  const entry = await ctx.store.people.getQueueEntry(itemId);
  if (entry !== undefined) await ctx.store.people.upsertQueue([{ ...entry, goldLabel: label }]);
}
