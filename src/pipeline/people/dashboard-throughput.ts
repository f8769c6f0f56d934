const HOUR_MS = 3_600_000;

/** Answers over time: per clock hour, and in the last hour and day counted back from now. */
export interface Throughput {
  /** The last `hours` clock hours, oldest first; the newest one is the hour under way. */
  readonly hours: readonly { readonly start: string; readonly answers: number }[];
  readonly lastHour: number;
  readonly lastDay: number;
  /** Answers per hour of time people spent on items; null before any time was recorded. */
  readonly perPersonHour: number | null;
}

/**
 * Counts answers by the hour they were given, from their ISO-8601 times.
 * @example throughputOf({ times: votes.map((v) => v.createdAt), now: clock.now(), spentMs, hours: 12 })
 * Complexity: O(answers + hours).
 */
export function throughputOf(input: {
  readonly times: readonly string[];
  readonly now: number;
  /** Time people spent on those answers, in ms. */
  readonly spentMs: number;
  readonly hours: number;
}): Throughput {
  const { now, hours } = input;
  const firstStart = Math.floor(now / HOUR_MS) * HOUR_MS - (hours - 1) * HOUR_MS;
  const counts = new Float64Array(hours);
  let lastHour = 0;
  let lastDay = 0;
  for (const time of input.times) {
    const at = Date.parse(time);
    if (!Number.isFinite(at) || at > now) continue;
    if (at > now - HOUR_MS) lastHour += 1;
    if (at > now - 24 * HOUR_MS) lastDay += 1;
    const slot = Math.floor((at - firstStart) / HOUR_MS);
    if (slot >= 0 && slot < hours) counts[slot] = (counts[slot] ?? 0) + 1;
  }
  return {
    hours: Array.from(counts, (answers, i) => ({
      start: new Date(firstStart + i * HOUR_MS).toISOString(),
      answers,
    })),
    lastHour,
    lastDay,
    perPersonHour: input.spentMs > 0 ? input.times.length / (input.spentMs / HOUR_MS) : null,
  };
}
