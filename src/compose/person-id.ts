import { HiloError } from '../core/errors.js';
import type { PeopleStore } from '../core/ports/people-store.js';

/**
 * The id of the person `who` names: their id, or a name no one else has.
 * NOT_FOUND when no one matches; INVALID_INPUT when several people share the name.
 * @example await personId(store.people, 'Ada') // 'a1b2c3d4'
 * Complexity: one read of the people, O(people).
 */
export async function personId(people: PeopleStore, who: string): Promise<string> {
  const all = await people.listAnnotators();
  if (all.some((a) => a.id === who)) return who;
  const named = all.filter((a) => a.name === who);
  const [only] = named;
  if (only !== undefined && named.length === 1) return only.id;
  if (named.length > 1)
    throw new HiloError(
      'INVALID_INPUT',
      `${named.length} people are called "${who}" (ids ${named.map((a) => a.id).join(', ')}); name one by id`,
    );
  throw new HiloError(
    'NOT_FOUND',
    `no person has the id or name "${who}" (see hilo annotators list)`,
  );
}
