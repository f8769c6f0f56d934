import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/index.js';
import type { Clock } from '../../core/ports/runtime.js';
import { currentLabeller } from '../label/index.js';

/** The current labeller's vote source, read at most once per `maxAgeMs`. */
export interface LabellerSource {
  /** `currentLabeller`'s id, or null when no labeller has run yet. */
  current(): Promise<string | null>;
}

/**
 * The vote source the machine checks and suggestions compare people with: `currentLabeller`'s,
 * or null when no labeller has run yet.
 * @example await labellerSourceNow(store); // 'llm:gpt-4o-mini#1a2b3c4d' or null
 * Complexity: one read of the label runs (and of the local model when none finished).
 */
export async function labellerSourceNow(store: Store): Promise<string | null> {
  try {
    return (await currentLabeller({ store })).id;
  } catch (error) {
    if (error instanceof HiloError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/**
 * `labellerSourceNow` kept for `maxAgeMs` (default 1000), so a busy server reads the label runs
 * once a second instead of on every answer; a label run that finishes is seen within that time.
 * Calls that arrive while a read is running share it. Create one per served project.
 * @example const labeller = createLabellerSource({ store, clock }); await labeller.current();
 * Complexity: O(1) per call, plus one `labellerSourceNow` per `maxAgeMs`.
 */
export function createLabellerSource(options: {
  readonly store: Store;
  readonly clock: Clock;
  readonly maxAgeMs?: number;
}): LabellerSource {
  const maxAgeMs = options.maxAgeMs ?? 1000;
  let read: { readonly at: number; readonly source: Promise<string | null> } | null = null;
  return {
    current() {
      const now = options.clock.now();
      if (read === null || now - read.at >= maxAgeMs) {
        const source = labellerSourceNow(options.store);
        read = { at: now, source };
        // A failed read is not kept: the next call tries again.
        source.catch(() => {
          if (read?.source === source) read = null;
        });
      }
      return read.source;
    },
  };
}
