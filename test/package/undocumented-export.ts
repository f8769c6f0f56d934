/**
 * Documented, with an example: not reported.
 * @example documented() // 1
 */
export function documented(): number {
  return 1;
}

/** Documented without an example: reported. */
export const undocumented = 2;
