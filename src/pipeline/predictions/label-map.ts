import { HiloError } from '../../core/errors.js';

/**
 * Reads a `--label-map`: a JSON object from the file's label names to the project's labels, with
 * null (or `""`) for an option outside the label set, e.g. `{"happy": "joy", "i_dont_know": null}`.
 * Every target must be a label of the set.
 * @example parseLabelMap('{"happy": "joy"}', ['joy', 'fear']) // Map { 'happy' => 'joy' }
 * @throws HiloError INVALID_INPUT naming the entry that does not fit.
 * Complexity: O(entries).
 */
export function parseLabelMap(
  text: string,
  labels: readonly string[],
  origin = '--label-map',
): Map<string, string | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HiloError('INVALID_INPUT', `${origin} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new HiloError('INVALID_INPUT', `${origin} must be a JSON object of file label → label`);
  const map = new Map<string, string | null>();
  for (const [name, target] of Object.entries(parsed)) {
    if (target === null || target === '') map.set(name, null);
    else if (typeof target === 'string' && labels.includes(target)) map.set(name, target);
    else
      throw new HiloError(
        'INVALID_INPUT',
        `${origin} maps "${name}" to ${JSON.stringify(target)}, which is not a label of the set (${labels.join(', ')}) nor null`,
      );
  }
  return map;
}
