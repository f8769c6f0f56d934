import type { AnswerFlagKind } from '../../core/ports/answer-checks.js';
import type { PeopleStore } from '../../core/ports/people-store.js';

/** How many of a person's answers each machine check flagged. */
export type FlagCounts = Readonly<Record<AnswerFlagKind, number>>;

const NONE: FlagCounts = { disputed: 0, outvoted: 0, pasted: 0 };

/**
 * Each person's flag counts, as a lookup that answers zeros for people without flags.
 * @example (await flagCountsByPerson(store.people))('ann-7') // { disputed: 1, outvoted: 0, pasted: 2 }
 * Complexity: one grouped read.
 */
export async function flagCountsByPerson(
  people: PeopleStore,
): Promise<(annotatorId: string) => FlagCounts> {
  const byPerson = new Map<string, Record<AnswerFlagKind, number>>();
  for (const { annotatorId, kind, count } of await people.answerFlagCounts()) {
    const row = byPerson.get(annotatorId) ?? { ...NONE };
    row[kind] = count;
    byPerson.set(annotatorId, row);
  }
  return (annotatorId) => byPerson.get(annotatorId) ?? NONE;
}
