/** The headers a retry decision reads; a slice of the fetch `Headers` class. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * How long the server asked us to wait, in ms: `retry-after-ms` (OpenAI) first, then
 * `Retry-After` as seconds (fractions allowed) or as an HTTP date. Undefined when absent or
 * unreadable; never negative.
 * @example retryAfterMs(new Headers({ 'retry-after': '2' }), Date.now()); // 2000
 * Complexity: O(1).
 */
export function retryAfterMs(headers: HeaderReader, nowMs: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Bounds of the exponential backoff. */
export interface BackoffOptions {
  /** Upper bound of the first retry's delay. */
  readonly baseMs: number;
  /** Upper bound of any retry's delay. */
  readonly maxMs: number;
}

/**
 * Exponential backoff with full jitter: uniform in [0, min(max, base · 2^attempt)). Full jitter
 * spreads clients that failed together, so they do not come back together.
 * @example backoffMs(2, { baseMs: 500, maxMs: 30_000 }, Math.random); // in [0, 2000)
 * Complexity: O(1).
 */
export function backoffMs(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
