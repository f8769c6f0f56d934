/** A line that states a confidence: `Confidence: 80`, `**Confidence:** 0.8`, `confidence = 80%`. */
export const CONFIDENCE_LINE = /^[\s>*_#-]*confidence[\s*_]*[:=]/i;

const STATED = /confidence["'\s*_]*[:=]\s*["'*_]*\s*(-?\d+(?:\.\d+)?)\s*(%?)/gi;

/**
 * Reads the confidence a model stated in its answer (`Confidence: 85`, `Confidence: 0.85`,
 * `85%`, or a JSON field `"confidence": 85`), as a number in [0, 1]; the last statement wins.
 * A value with a decimal point in [0, 1] is a fraction; any other value in [0, 100] is a
 * percentage (so `1` means 1 %, `1.0` means 100 %), because the prompt asks for 0-100.
 * Out-of-range or missing values give null: a weak signal is better absent than invented.
 *
 * @example parseVerbalizedConfidence('Answer: B\nConfidence: 85') // 0.85
 * @example parseVerbalizedConfidence('{"label":"B","confidence":0.7}') // 0.7
 * Complexity: O(length of content).
 */
export function parseVerbalizedConfidence(content: string): number | null {
  let last: RegExpExecArray | undefined;
  for (const match of content.matchAll(STATED)) last = match;
  if (last === undefined) return null;
  const digits = last[1] as string;
  const value = Number(digits);
  if (!Number.isFinite(value) || value < 0) return null;
  if (last[2] === '%') return value <= 100 ? value / 100 : null;
  if (digits.includes('.') && value <= 1) return value;
  return value <= 100 ? value / 100 : null;
}
