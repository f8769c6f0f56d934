import type { Run, RunStatus } from '../runs/run-records.js';
import type { Item, ItemRole } from '../types.js';

/** A `hilo label` process taking part in a run, and when its claim on the run lapses. */
export interface LabelWorker {
  /** A unique name of the process, e.g. `host-1234-5f2a`. */
  readonly worker: string;
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** When the worker counts as gone unless it beats again (ms since the epoch). */
  readonly expiresAt: number;
}

/** What a run adds to its totals: one worker's progress and spend since its last report. */
export interface RunProgress {
  readonly itemsDone: number;
  readonly itemsFailed: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
}

/** Which items a worker leases: not yet voted on by `source`, not leased by a live worker. */
export interface LabelLeaseQuery extends LabelWorker {
  /** The vote source the items are leased for; leases of other sources do not block. */
  readonly source: string;
  readonly runId: string;
  readonly roles: readonly ItemRole[];
  /** Keyset pagination: only items with id > afterId, in id order. */
  readonly afterId?: string;
  readonly limit: number;
}

/**
 * Work sharing between `hilo label` processes on one store: runs that several workers join, each
 * worker's heartbeat, and leases on the items being labelled. A lease holds an item for one
 * labeller source until it expires, is renewed or is released; a worker killed mid-batch leaves
 * its items leased until the expiry, then any worker takes them.
 */
export interface LabelWorkStore {
  /**
   * Registers `worker` on the live label run of the same labeller (`config.labeller`) — one that
   * is `running` with a worker whose heartbeat has not expired — or, when there is none, creates
   * `run`. Atomic across processes: two workers starting together end up on one run. Returns the
   * run id the worker joined.
   */
  joinLabelRun(run: Run, worker: LabelWorker): Promise<{ runId: string; joined: boolean }>;
  /**
   * Leases up to `limit` items for the worker in id order; a lease of another worker that has
   * expired is taken over. Items leased by a live worker, or already voted on by `source`, are
   * never returned, so concurrent calls never hand out one item twice.
   */
  leaseLabelItems(query: LabelLeaseQuery): Promise<Item[]>;
  /**
   * The heartbeat: moves the expiry of the worker's run registration and of all its leases on
   * `runId` to `expiresAt`. Returns how many leases it holds.
   */
  renewLabelWork(runId: string, worker: LabelWorker): Promise<number>;
  /** Ends the worker's leases on these items (their votes are written, or they were not labelled). */
  releaseLabelItems(source: string, worker: string, itemIds: readonly string[]): Promise<void>;
  /** Leases on `source` held by live workers other than `worker`, at `now`. */
  countLiveLeases(source: string, worker: string, now: number): Promise<number>;
  /** Adds a worker's progress and spend to the run's totals (an atomic increment). */
  addRunProgress(runId: string, progress: RunProgress): Promise<void>;
  /**
   * Ends the worker on the run and releases its leases; when no other live worker remains, the
   * run ends with `status` at `endedAt`. Returns the run's status afterwards.
   */
  leaveLabelRun(
    runId: string,
    worker: string,
    end: { readonly status: Exclude<RunStatus, 'running'>; readonly now: number },
  ): Promise<RunStatus>;
  /**
   * Marks `interrupted` every `running` run whose workers have all stopped beating by `now` (a
   * killed process) and that has at least one worker on record. Returns their ids.
   */
  markInterruptedRuns(now: number): Promise<string[]>;
}
