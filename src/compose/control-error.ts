import type { PeopleStore } from '../core/ports/index.js';
import type { PeopleErrorSource } from '../pipeline/route/index.js';

/**
 * People's error as their first answers to control items measure it (errors of answers), for the
 * whole-data-set promise; null before any control answer.
 * @example await controlError(store.people) // { kind: 'measured', errors: 3, answers: 140 }
 * Complexity: one store read of every control answer.
 */
export async function controlError(people: PeopleStore): Promise<PeopleErrorSource | null> {
  const answers = await people.listGoldAnswers({ kind: 'control' });
  if (answers.length === 0) return null;
  const errors = answers.filter((a) => !a.correct).length;
  return { kind: 'measured', errors, answers: answers.length };
}
