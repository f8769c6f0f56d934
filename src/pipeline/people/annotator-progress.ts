import type { Annotator, Assignment } from '../../core/ports/people-store.js';
import { isoAt, type PeopleContext } from './people-context.js';

/** Done against target, for one person and for the project. */
export interface Progress {
  /**
   * The person's answers (tasks and hidden controls alike, which look the same to them; the exam
   * and skips are not counted) against those answers plus the items still open to them.
   */
  readonly mine: { readonly done: number; readonly target: number };
  /** Answers on task items against the answers the queue asks for (each item's overlap). */
  readonly project: { readonly done: number; readonly target: number };
}

/** What the whole queue says, shared by every person's progress (see `projectTally`). */
export interface ProjectTally {
  readonly project: Progress['project'];
  /** Items (tasks and controls) with a place left: fewer live leases plus answers than overlap. */
  readonly open: ReadonlySet<string>;
}

/**
 * Counts the queue once: answers and wanted answers on tasks, and which items still have a place.
 * @example const tally = await projectTally(ctx)
 * Complexity: O(queue entries + assignments).
 */
export async function projectTally(ctx: PeopleContext): Promise<ProjectTally> {
  const { people } = ctx.store;
  const entries = await people.listQueue({});
  const now = isoAt(ctx.clock);
  const taken = new Map<string, number>();
  const answered = new Map<string, number>();
  for (const a of await people.listAssignments({})) {
    const live = a.state === 'leased' && a.expiresAt > now;
    if (live || a.state === 'done') taken.set(a.itemId, (taken.get(a.itemId) ?? 0) + 1);
    if (a.state === 'done') answered.set(a.itemId, (answered.get(a.itemId) ?? 0) + 1);
  }
  let done = 0;
  let target = 0;
  const open = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'task') {
      done += answered.get(e.itemId) ?? 0;
      target += e.overlap;
    }
    if (e.kind !== 'exam' && (taken.get(e.itemId) ?? 0) < e.overlap) open.add(e.itemId);
  }
  return { project: { done, target: Math.max(target, done) }, open };
}

/**
 * A person's progress beside the project's: their own figures are read fresh, the project's come
 * from `tally` (which a server may keep for a while).
 * @example const progress = await annotatorProgress(ctx, annotator, await projectTally(ctx))
 * Complexity: O(the person's assignments + open items).
 */
export async function annotatorProgress(
  ctx: PeopleContext,
  annotator: Annotator,
  tally: ProjectTally,
): Promise<Progress> {
  const now = isoAt(ctx.clock);
  const mine = await ctx.store.people.listAssignments({ annotatorId: annotator.id });
  const given = new Set(mine.map((a) => a.itemId));
  const counted = (a: Assignment): boolean => a.kind !== 'exam';
  const done = mine.filter((a) => counted(a) && a.state === 'done').length;
  const live = mine.filter((a) => counted(a) && a.state === 'leased' && a.expiresAt > now).length;
  let left = 0;
  for (const itemId of tally.open) if (!given.has(itemId)) left += 1;
  return { mine: { done, target: done + live + left }, project: tally.project };
}
