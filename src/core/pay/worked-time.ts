/** A stretch of work: from when an item was leased to when it was answered, in epoch ms. */
export interface WorkInterval {
  readonly start: number;
  readonly end: number;
}

/**
 * Time worked: the length of the union of the intervals, so two items leased together (the page
 * fetches the next while the person works on one) are not counted twice.
 * @example workedMs([{ start: 0, end: 60_000 }, { start: 0, end: 90_000 }]) // 90000
 * Complexity: O(n log n) for the sort.
 */
export function workedMs(intervals: readonly WorkInterval[]): number {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  let total = 0;
  let open = -Infinity;
  let close = -Infinity;
  for (const { start, end } of sorted) {
    if (start > close) {
      total += close - open > 0 ? close - open : 0;
      open = start;
      close = end;
    } else if (end > close) {
      close = end;
    }
  }
  return total + (close - open > 0 ? close - open : 0);
}
