import type { ResponseCache } from '../../core/ports/chat-model.js';

/** A ResponseCache in a Map, with counters, for tests. */
export interface MemoryResponseCache extends ResponseCache {
  readonly entries: Map<string, string>;
  readonly gets: number;
  readonly puts: number;
}

/**
 * An in-memory ResponseCache; `putDelayMs` makes writes slow, to check callers wait for them.
 * @example const cache = memoryResponseCache(); createOpenAiCompatibleModel({ baseUrl, cache });
 * Complexity: O(1) per call.
 */
export function memoryResponseCache(
  options: { readonly putDelayMs?: number } = {},
): MemoryResponseCache {
  const entries = new Map<string, string>();
  let gets = 0;
  let puts = 0;
  return {
    entries,
    get gets() {
      return gets;
    },
    get puts() {
      return puts;
    },
    get(key) {
      gets += 1;
      return Promise.resolve(entries.get(key));
    },
    async put(key, value) {
      if (options.putDelayMs)
        await new Promise((resolve) => setTimeout(resolve, options.putDelayMs));
      entries.set(key, value);
      puts += 1;
    },
  };
}
