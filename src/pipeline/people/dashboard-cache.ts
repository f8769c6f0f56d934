import type { Clock } from '../../core/ports/runtime.js';

export interface RefreshingCacheOptions<T> {
  readonly clock: Clock;
  /** A value older than this is computed again even when its version did not change. */
  readonly maxAgeMs: number;
  /** A cheap fingerprint of what the value depends on, given the value last computed. */
  readonly version: (last: T | undefined) => Promise<string>;
  readonly compute: () => Promise<T>;
}

/** A value that is expensive to compute, kept until its inputs change or it grows old. */
export interface RefreshingCache<T> {
  get(): Promise<T>;
}

/**
 * Keeps the last computed value while its version is unchanged and it is younger than
 * `maxAgeMs`. Callers that ask while a computation runs share it, so a burst of requests
 * computes once; a failed computation is not kept. The version is read right after computing,
 * so a change that lands during a computation may wait for `maxAgeMs` to show.
 * @example const plots = refreshingCache({ clock, maxAgeMs: 60_000, version, compute }); await plots.get()
 * Complexity: one `version` call per get; one `compute` per change.
 */
export function refreshingCache<T>(options: RefreshingCacheOptions<T>): RefreshingCache<T> {
  let kept: { value: T; version: string; at: number } | undefined;
  let running: Promise<T> | undefined;

  const refresh = async (): Promise<T> => {
    const version = await options.version(kept?.value);
    if (kept && kept.version === version && options.clock.now() - kept.at < options.maxAgeMs)
      return kept.value;
    const at = options.clock.now();
    const value = await options.compute();
    // Read again for the new value, which may name other inputs (another labeller's calibrator).
    kept = { value, version: await options.version(value), at };
    return value;
  };

  return {
    get() {
      running ??= refresh().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
