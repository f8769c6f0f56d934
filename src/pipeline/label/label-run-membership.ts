import { randomUUID } from 'node:crypto';
import type { Clock, Store } from '../../core/ports/index.js';
import type { LabelRunConfig, RunStatus } from '../../core/runs/run-records.js';

/** Calls `tick` every `ms` until the returned function is called; never keeps the process alive. */
export type Every = (ms: number, tick: () => void) => () => void;

/** The default Every: an unref'd interval, so a finished command exits at once. */
export const everyInterval: Every = (ms, tick) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/** How long a label worker's leases last without a heartbeat when nothing else is said. */
export const DEFAULT_LEASE_MS = 30_000;

/** A worker's place on a label run: the run it joined, and how to leave it. */
export interface LabelRunMembership {
  readonly runId: string;
  /** True when another live worker had started the run. */
  readonly joined: boolean;
  readonly worker: string;
  /** Stops the heartbeat, releases the worker's leases, and ends the run if it was the last. */
  leave(status: Exclude<RunStatus, 'running'>): Promise<void>;
}

export interface JoinLabelRunOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly config: LabelRunConfig;
  readonly leaseMs: number;
  /** This process's worker name; a random one by default. */
  readonly worker?: string;
  readonly every?: Every;
}

/**
 * Marks runs whose workers all stopped beating as interrupted, then joins the live label run of
 * the same labeller and roles or starts one under a new id that cannot collide (a count, the
 * start time and a random suffix), and beats every third of the lease so the worker's leases
 * and its place on the run stay live while it works.
 * @example const member = await joinLabelRun({ store, clock, config, leaseMs: 60_000 }); … await member.leave('done');
 * Complexity: a few store calls, then one renewal per leaseMs / 3.
 */
export async function joinLabelRun(options: JoinLabelRunOptions): Promise<LabelRunMembership> {
  const { store, clock, config, leaseMs } = options;
  const worker = options.worker ?? `w-${randomUUID().slice(0, 8)}`;
  const now = clock.now();
  await store.markInterruptedRuns(now);
  const runNumber = (await store.listRuns({ kind: 'label' })).length + 1;
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14);
  const { runId, joined } = await store.joinLabelRun(
    {
      id: `label-${runNumber}-${stamp}-${randomUUID().slice(0, 6)}`,
      kind: 'label',
      config,
      status: 'running',
      itemsDone: 0,
      itemsFailed: 0,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
      startedAt: new Date(now).toISOString(),
      endedAt: null,
    },
    { worker, now, expiresAt: now + leaseMs },
  );
  let beating: Promise<unknown> = Promise.resolve();
  const stop = (options.every ?? everyInterval)(Math.max(1, Math.floor(leaseMs / 3)), () => {
    const at = clock.now();
    // A failed beat is retried at the next tick; the leases last a whole lease meanwhile.
    beating = beating
      .then(() => store.renewLabelWork(runId, { worker, now: at, expiresAt: at + leaseMs }))
      .catch(() => undefined);
  });
  return {
    runId,
    joined,
    worker,
    async leave(status) {
      stop();
      await beating;
      await store.leaveLabelRun(runId, worker, { status, now: clock.now() });
    },
  };
}
