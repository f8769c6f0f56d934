/** Writes handed in one by one and committed together. */
export interface CoalescedWrites<T> {
  /** Resolves once the entry is written (with the others of its turn), or rejects with the write's error. */
  add(entry: T): Promise<void>;
  /** Resolves when every entry added so far is written (or has failed). */
  drain(): Promise<void>;
}

interface Waiting<T> {
  readonly entry: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: entries added during one turn of the event loop are written by ONE call of
 * `write` on the next turn (`setImmediate`), and every caller's promise settles with that write.
 * Under load (hundreds of LLM answers a second, each written to the response cache before it is
 * returned) this replaces one statement and one commit per entry with one per turn; a lone entry
 * waits one turn. Writes run one at a time, in order.
 * @example const puts = coalescedWrites((entries) => writeCacheRows(sql, entries)); await puts.add(['key', 'value']);
 * Complexity: O(1) per entry plus one `write` per turn that has entries.
 */
export function coalescedWrites<T>(write: (entries: T[]) => Promise<void>): CoalescedWrites<T> {
  let waiting: Waiting<T>[] = [];
  let scheduled = false;
  let tail: Promise<void> = Promise.resolve();

  const run = (): void => {
    scheduled = false;
    const batch = waiting;
    waiting = [];
    tail = tail.then(async () => {
      try {
        await write(batch.map((w) => w.entry));
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    });
  };

  return {
    add(entry) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ entry, resolve, reject });
        if (scheduled) return;
        scheduled = true;
        setImmediate(run);
      });
    },
    async drain() {
      if (scheduled) {
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await tail;
    },
  };
}
