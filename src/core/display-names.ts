/** A person as names are drawn from: their id and the name they were invited under. */
export interface NamedPerson {
  readonly id: string;
  readonly name: string;
}

/**
 * The name to show for each person: their own name, with the id in brackets only when another
 * person carries the same name (compared without case or surrounding spaces), so that two people
 * called "Ana" stay apart and nobody else is shown as a hash.
 * @example displayNames([{ id: 'a1', name: 'Ana' }, { id: 'b2', name: 'ana' }]) // a1 → "Ana (a1)", b2 → "ana (b2)"
 * Complexity: O(people).
 */
export function displayNames(people: readonly NamedPerson[]): Map<string, string> {
  const key = (name: string): string => name.trim().toLowerCase();
  const count = new Map<string, number>();
  for (const p of people) count.set(key(p.name), (count.get(key(p.name)) ?? 0) + 1);
  return new Map(
    people.map((p) => {
      const name = p.name.trim() === '' ? p.id : p.name.trim();
      return [p.id, (count.get(key(p.name)) ?? 0) > 1 ? `${name} (${p.id})` : name];
    }),
  );
}

/**
 * Who cast a vote, for people to read: a person's display name for `human:<id>` (the bare id when
 * the person is not known, as for imported crowds), else the source itself (`llm:…`, `model:…`).
 * @example sourceName('human:a1', new Map([['a1', 'Ana']])) // "Ana"
 * Complexity: O(1).
 */
export function sourceName(source: string, names: ReadonlyMap<string, string>): string {
  if (!source.startsWith('human:')) return source;
  const id = source.slice('human:'.length);
  return names.get(id) ?? id;
}
