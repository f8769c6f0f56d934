import type { Clock, Store } from '../../core/ports/index.js';
import type { Item, ItemRole } from '../../core/types.js';

export interface LeasedFeedOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly source: string;
  readonly roles: readonly ItemRole[];
  readonly runId: string;
  readonly worker: string;
  readonly leaseMs: number;
  /** Most items to hand out in all. */
  readonly goal: number;
  /** Items per `next()` (the labeller's batch size). */
  readonly chunkSize: number;
  /** Items per lease call; the next page is leased when half of one is left. */
  readonly pageSize: number;
  /** Waits between looks at the pool while other workers hold the last items. */
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * Called before each such wait: stores what this worker has labelled and releases its leases,
   * so that two workers waiting for each other's last items never hold them for ever.
   */
  readonly beforeWait: () => Promise<void>;
  readonly shouldStop?: () => boolean;
}

/** Hands out leased chunks of items to label; `null` when there is nothing left for this worker. */
export interface LeasedFeed {
  next(): Promise<Item[] | null>;
  /** Items leased but not handed out yet (to release when the worker stops early). */
  unused(): readonly Item[];
}

/**
 * Leases items a page ahead so the labeller's requests never wait for the store. The page cursor
 * moves in id order; at the end of the ids it starts again from the first, to pick up items whose
 * lease lapsed (a killed worker's). While other live workers still hold leases on the source it
 * waits and looks again, so the last worker standing labels a dead worker's batch once its lease
 * expires, and every worker exits only when every item is labelled or held by a live worker.
 * @example const feed = leasedFeed({ store, clock, source, roles, runId, worker, leaseMs, goal, chunkSize: 1, pageSize: 256, sleep });
 * Complexity: one lease call per page; a wait of min(1 s, leaseMs / 4) per look while others hold items.
 */
export function leasedFeed(options: LeasedFeedOptions): LeasedFeed {
  const { store, clock, leaseMs } = options;
  let buffer: Item[] = [];
  let afterId: string | undefined;
  let remaining = options.goal;
  let exhausted = options.goal <= 0;
  let loading: Promise<void> | null = null;
  const lease = async (from: string | undefined): Promise<Item[]> => {
    const now = clock.now();
    return store.leaseLabelItems({
      source: options.source,
      runId: options.runId,
      worker: options.worker,
      roles: options.roles,
      now,
      expiresAt: now + leaseMs,
      ...(from !== undefined ? { afterId: from } : {}),
      limit: Math.min(options.pageSize, remaining),
    });
  };
  const fill = async (): Promise<void> => {
    let page = await lease(afterId);
    while (page.length === 0 && !(options.shouldStop?.() ?? false)) {
      if (afterId !== undefined) {
        afterId = undefined;
        page = await lease(undefined);
        continue;
      }
      await options.beforeWait();
      const held = await store.countLiveLeases(options.source, options.worker, clock.now());
      if (held === 0) break;
      await options.sleep(Math.min(1000, leaseMs / 4));
      page = await lease(undefined);
    }
    if (page.length === 0) {
      exhausted = true;
      return;
    }
    afterId = page[page.length - 1]?.id;
    remaining -= page.length;
    if (remaining <= 0) exhausted = true;
    buffer = buffer.concat(page);
  };
  const load = (): Promise<void> =>
    (loading ??= fill().finally(() => {
      loading = null;
    }));
  return {
    async next() {
      while (buffer.length === 0 && !exhausted) await load();
      if (buffer.length < options.pageSize / 2 && !exhausted) load().catch(() => undefined); // a failure resurfaces on the next awaited load
      if (buffer.length === 0) return null;
      return buffer.splice(0, options.chunkSize);
    },
    unused: () => buffer,
  };
}
