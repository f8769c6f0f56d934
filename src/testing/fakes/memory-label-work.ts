import { HiloError } from '../../core/errors.js';
import type {
  LabelLeaseQuery,
  LabelWorker,
  LabelWorkStore,
  RunProgress,
} from '../../core/ports/label-work-store.js';
import type { Run, RunStatus } from '../../core/runs/run-records.js';
import type { Item, Vote } from '../../core/types.js';

/** One worker of a run, as `run_workers` keeps it. */
export interface MemoryRunWorker {
  readonly runId: string;
  readonly worker: string;
  readonly beatAt: number;
  readonly expiresAt: number;
  readonly endedAt: string | null;
}

/** One lease, as `label_leases` keeps it. */
export interface MemoryLabelLease {
  readonly source: string;
  readonly itemId: string;
  readonly runId: string;
  readonly worker: string;
  readonly expiresAt: number;
}

/** What the label work reads and writes of a memory store's state (read afresh on every call). */
export interface MemoryLabelWorkState {
  readonly items: Map<string, Item>;
  readonly votes: readonly Vote[];
  readonly runs: Map<string, Run>;
  /** Keyed by run id and worker joined by a NUL. */
  readonly workers: Map<string, MemoryRunWorker>;
  /** Keyed by source and item id joined by a NUL. */
  readonly leases: Map<string, MemoryLabelLease>;
  /** Items marked as duplicates, by item id (never labelled themselves). */
  readonly duplicates: ReadonlyMap<string, unknown>;
}

/** The methods of `T`, answering at once instead of with a promise. */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

const key = (a: string, b: string): string => `${a}\u0000${b}`;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * LabelWorkStore over a memory store's state, with the SQL stores' behaviour (the contract suite
 * checks both). Calls run one at a time, so a lease never goes to two workers.
 * @example const work = memoryLabelWork(() => state, compareIds);
 * Complexity: leasing scans all items, O(n log n); fine for test sizes.
 */
export function memoryLabelWork(
  state: () => MemoryLabelWorkState,
  compareIds: (a: string, b: string) => number,
): Synchronous<LabelWorkStore> {
  const live = (s: MemoryLabelWorkState, runId: string, now: number): boolean =>
    [...s.workers.values()].some(
      (w) => w.runId === runId && w.endedAt === null && w.expiresAt > now,
    );
  const labelWork = (run: Run): string => {
    const c = run.config as { labeller?: unknown; roles?: unknown };
    return JSON.stringify([c.labeller ?? null, c.roles ?? null]);
  };
  return {
    joinLabelRun(run: Run, worker: LabelWorker) {
      const s = state();
      const match = [...s.runs.values()]
        .filter(
          (r) =>
            r.kind === run.kind &&
            r.status === 'running' &&
            live(s, r.id, worker.now) &&
            labelWork(r) === labelWork(run),
        )
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || compareIds(b.id, a.id))[0];
      if (match === undefined) {
        if (s.runs.has(run.id)) throw new HiloError('CONFLICT', `run ${run.id} already exists`);
        s.runs.set(run.id, structuredClone(run));
      }
      const runId = match?.id ?? run.id;
      if (s.workers.has(key(runId, worker.worker)))
        throw new HiloError('CONFLICT', `worker ${worker.worker} is already on run ${runId}`);
      s.workers.set(key(runId, worker.worker), {
        runId,
        worker: worker.worker,
        beatAt: worker.now,
        expiresAt: worker.expiresAt,
        endedAt: null,
      });
      return { runId, joined: match !== undefined };
    },
    leaseLabelItems(query: LabelLeaseQuery) {
      const s = state();
      const roles = new Set(query.roles);
      const voted = new Set(s.votes.filter((v) => v.source === query.source).map((v) => v.itemId));
      const free = [...s.items.values()]
        .filter(
          (item) =>
            roles.has(item.role) &&
            (query.afterId === undefined || compareIds(item.id, query.afterId) > 0) &&
            !voted.has(item.id) &&
            !s.duplicates.has(item.id) &&
            !((s.leases.get(key(query.source, item.id))?.expiresAt ?? 0) > query.now),
        )
        .sort((a, b) => compareIds(a.id, b.id))
        .slice(0, Math.max(0, query.limit));
      for (const item of free)
        s.leases.set(key(query.source, item.id), {
          source: query.source,
          itemId: item.id,
          runId: query.runId,
          worker: query.worker,
          expiresAt: query.expiresAt,
        });
      return free.map((item) => structuredClone(item));
    },
    renewLabelWork(runId: string, worker: LabelWorker) {
      const s = state();
      const registered = s.workers.get(key(runId, worker.worker));
      if (registered !== undefined && registered.endedAt === null)
        s.workers.set(key(runId, worker.worker), {
          ...registered,
          beatAt: worker.now,
          expiresAt: worker.expiresAt,
        });
      let renewed = 0;
      for (const [k, lease] of s.leases)
        if (lease.runId === runId && lease.worker === worker.worker) {
          s.leases.set(k, { ...lease, expiresAt: worker.expiresAt });
          renewed += 1;
        }
      return renewed;
    },
    releaseLabelItems(source: string, worker: string, itemIds: readonly string[]) {
      const s = state();
      for (const id of itemIds)
        if (s.leases.get(key(source, id))?.worker === worker) s.leases.delete(key(source, id));
    },
    countLiveLeases(source: string, worker: string, now: number) {
      const leases = [...state().leases.values()];
      return leases.filter((l) => l.source === source && l.worker !== worker && l.expiresAt > now)
        .length;
    },
    addRunProgress(id: string, p: RunProgress) {
      const s = state();
      const run = s.runs.get(id);
      if (run === undefined) throw new HiloError('NOT_FOUND', `run "${id}" does not exist`);
      s.runs.set(id, {
        ...run,
        itemsDone: run.itemsDone + p.itemsDone,
        itemsFailed: run.itemsFailed + p.itemsFailed,
        tokensIn: run.tokensIn + p.tokensIn,
        tokensOut: run.tokensOut + p.tokensOut,
        costUsd: run.costUsd + p.costUsd,
      });
    },
    leaveLabelRun(
      runId: string,
      worker: string,
      end: { status: Exclude<RunStatus, 'running'>; now: number },
    ) {
      const s = state();
      const run = s.runs.get(runId);
      if (run === undefined) throw new HiloError('NOT_FOUND', `run "${runId}" does not exist`);
      const registered = s.workers.get(key(runId, worker));
      if (registered !== undefined)
        s.workers.set(key(runId, worker), {
          ...registered,
          endedAt: iso(end.now),
          expiresAt: end.now,
        });
      for (const [k, lease] of s.leases)
        if (lease.runId === runId && lease.worker === worker) s.leases.delete(k);
      let status: RunStatus = run.status;
      if (!live(s, runId, end.now) && run.status === 'running') {
        status = end.status;
        s.runs.set(runId, { ...run, status, endedAt: iso(end.now) });
      }
      return status;
    },
    markInterruptedRuns(now: number) {
      const s = state();
      const ids: string[] = [];
      for (const run of s.runs.values()) {
        if (run.status !== 'running') continue;
        const workers = [...s.workers.values()].filter((w) => w.runId === run.id);
        if (workers.length === 0 || live(s, run.id, now)) continue;
        const lastBeat = Math.max(...workers.map((w) => w.beatAt));
        s.runs.set(run.id, { ...run, status: 'interrupted', endedAt: iso(lastBeat) });
        ids.push(run.id);
      }
      return ids.sort(compareIds);
    },
  };
}
