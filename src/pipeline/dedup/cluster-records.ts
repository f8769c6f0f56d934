import type { DuplicatesFound } from './find-duplicates.js';

/**
 * The clusters as records for a clusters file, one per member: `cluster` (its number, largest
 * first), `representative`, `id`, `role`, `similarity` to the representative, `duplicateOf`
 * (the representative when `--apply` marks the item, else null), `text`.
 * @example for (const record of clusterRecords(found)) await sink.write(record)
 * Complexity: O(members).
 */
export function* clusterRecords(
  found: Pick<DuplicatesFound, 'clusters' | 'marks'>,
): Generator<Record<string, unknown>> {
  const markOf = new Map(found.marks.map((mark) => [mark.itemId, mark.duplicateOf]));
  let number = 0;
  for (const cluster of found.clusters) {
    number += 1;
    for (const member of cluster.members) {
      yield {
        cluster: number,
        representative: cluster.representative,
        id: member.id,
        role: member.role,
        similarity: member.similarity,
        duplicateOf: markOf.get(member.id) ?? null,
        text: member.text,
      };
    }
  }
}
