import type { StoreWithPeople } from '../../core/ports/people-store.js';

const VERIFIED_BY = new Set(['human', 'reviewer', 'aggregated', 'expert', 'gold']);

/**
 * A mark for every verified label the store holds now: each verified decision (human, reviewer,
 * aggregated) as it stands, and each person's answer on a task (not on controls or the exam).
 * A decision that changes gets a new mark, so it counts as new.
 * @example const before = await verifiedMarks(store); …; newMarks(before, await verifiedMarks(store))
 * Complexity: O(decisions + people's votes + queue).
 */
export async function verifiedMarks(store: StoreWithPeople): Promise<Set<string>> {
  const marks = new Set<string>();
  for (const d of await store.listDecisions({})) {
    if (VERIFIED_BY.has(d.decidedBy) && d.label !== null)
      marks.add(`d:${d.itemId}:${d.decidedBy}:${d.label}:${d.updatedAt}`);
  }
  const checks = new Set(
    (await store.people.listQueue({})).filter((e) => e.kind !== 'task').map((e) => e.itemId),
  );
  for (const vote of await store.listVotes({ sourcePrefix: 'human:' })) {
    if (vote.label !== null && !checks.has(vote.itemId)) marks.add(`v:${vote.id}`);
  }
  return marks;
}

/**
 * How many marks of `now` were not in `before`: the verified labels that arrived since.
 * @example newMarks(new Set(['a']), new Set(['a', 'b'])) // 1
 * Complexity: O(|now|).
 */
export function newMarks(before: ReadonlySet<string>, now: ReadonlySet<string>): number {
  let count = 0;
  for (const mark of now) if (!before.has(mark)) count++;
  return count;
}
