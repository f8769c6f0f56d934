import { setTimeout as delay } from 'node:timers/promises';
import type { Clock, Progress, Store } from '../../core/ports/index.js';
import type { LabelRunConfig, MeasuredPositionBias } from '../../core/runs/run-records.js';
import type { Decision, Item, ItemRole, NewVote } from '../../core/types.js';
import { shareDuplicateDecisions } from '../dedup/index.js';
import { canReplaceDecision } from '../items/index.js';
import { voteOf, type LabelOutcome, type Labeller } from './labeller.js';
import { DEFAULT_LEASE_MS, joinLabelRun, type Every } from './label-run-membership.js';
import { leasedFeed } from './leased-feed.js';
import { SpentModelError } from './llm-job.js';
import { positionBiasTally } from './position-bias-tally.js';

export interface LabelItemsOptions {
  readonly store: Store;
  readonly labeller: Labeller;
  readonly clock: Clock;
  readonly progress?: Progress;
  /** Roles to label; default pool, gold and test (gold votes feed calibration). */
  readonly roles?: readonly ItemRole[];
  /** Stop after this many items. */
  readonly limit?: number;
  /** Checked between items; when it returns true the run stops cleanly (Ctrl-C). */
  readonly shouldStop?: () => boolean;
  /**
   * How long a lease on an item lasts without a heartbeat (ms): a killed worker's items go back to
   * the pool after it. Default 30 s (`labeller.leaseSeconds`).
   */
  readonly leaseMs?: number;
  /** This process's name among the run's workers; random by default. */
  readonly worker?: string;
  /** The heartbeat's timer; an unref'd interval by default. */
  readonly every?: Every;
  /** Waits while other workers hold the last items; a timer by default. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface LabelReport {
  readonly runId: string;
  /** True when this process joined a run another live worker had started. */
  readonly joined: boolean;
  /** This process's name among the run's workers. */
  readonly worker: string;
  readonly labelled: number;
  readonly abstained: number;
  readonly alreadyLabelled: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly seconds: number;
  readonly stopped: boolean;
  /** A pairwise judge asked in both orders: its position bias over this run's items; else null. */
  readonly positionBias: MeasuredPositionBias | null;
}

const FLUSH_EVERY = 64;
const MAX_PENDING = 4096;

/**
 * Runs a labeller over every item that has no vote from it yet, storing one vote per item and
 * the item's machine decision. Several processes may run it on one store at once: each leases
 * pages of items (`leasedFeed`), renews its leases while it works and releases them with the
 * votes, so every item is labelled once; they share one run (`joinLabelRun`), whose progress and
 * spend are the sum of theirs. Resumable: a killed run leaves every stored vote, its leases lapse
 * after `leaseMs`, and a new run continues with the items still missing (the LLM's response cache
 * makes the in-flight ones free). Complexity: O(items) store round trips in pages of at most 512;
 * memory O(page).
 * @example const report = await labelItems({ store, labeller, clock });
 */
export async function labelItems(options: LabelItemsOptions): Promise<LabelReport> {
  const { store, labeller, clock, progress } = options;
  const roles = options.roles ?? ['pool', 'gold', 'test'];
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const started = clock.now();
  // Items marked as duplicates (`hilo dedup --apply`) are not labelled: they share their
  // representative's decision once the run ends.
  const todo = await store.countItems({
    role: roles,
    withoutVoteFrom: labeller.source,
    duplicates: false,
  });
  const total = await store.countItems({ role: roles, duplicates: false });
  const goal = options.limit !== undefined ? Math.min(options.limit, todo) : todo;
  const config: LabelRunConfig = {
    ...labeller.description,
    labeller: labeller.source,
    roles,
    limit: options.limit ?? null,
  };
  const member = await joinLabelRun({
    store,
    clock,
    config,
    leaseMs,
    ...(options.worker !== undefined ? { worker: options.worker } : {}),
    ...(options.every !== undefined ? { every: options.every } : {}),
  });
  const { runId, worker } = member;
  progress?.start(`labelling with ${labeller.source}`, goal);

  const totals = { labelled: 0, abstained: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 };
  const reported = { ...totals };
  const bias = positionBiasTally();
  let pending: { item: Item; outcome: LabelOutcome }[] = [];
  const flush = async (): Promise<void> => {
    // Spend can arrive without an outcome: a call that failed and stopped the run was billed.
    const unspent = totals.tokensIn !== reported.tokensIn || totals.costUsd !== reported.costUsd;
    if (pending.length === 0 && !unspent) return;
    const batch = pending;
    pending = [];
    const at = new Date(clock.now()).toISOString();
    if (batch.length > 0)
      await writeOutcomes(store, { source: labeller.source, runId, worker }, batch, at);
    for (const { outcome } of batch) bias.add(outcome);
    // Increments, not totals: the run's figures are the sum of every worker's.
    const delta = {
      itemsDone: totals.labelled - reported.labelled,
      itemsFailed: totals.abstained - reported.abstained,
      tokensIn: totals.tokensIn - reported.tokensIn,
      tokensOut: totals.tokensOut - reported.tokensOut,
      costUsd: totals.costUsd - reported.costUsd,
    };
    Object.assign(reported, totals);
    await store.addRunProgress(runId, delta);
    const positionBias = bias.measured();
    if (positionBias !== null && config.kind === 'llm')
      await keepLargestBiasSample(store, runId, positionBias);
  };

  // One flush at a time, in the background: workers never wait for the store unless it lags
  // far behind (more than MAX_PENDING outcomes), which bounds memory.
  let flushing: Promise<void> = Promise.resolve();
  const scheduleFlush = (): Promise<void> => (flushing = flushing.then(flush));
  let stopped = false;
  const shouldStop = (): boolean => options.shouldStop?.() ?? false;
  const feed = leasedFeed({
    store,
    clock,
    source: labeller.source,
    roles,
    runId,
    worker,
    leaseMs,
    goal,
    chunkSize: labeller.batchSize,
    pageSize: leasePage(labeller),
    sleep: options.sleep ?? ((ms) => delay(ms)),
    beforeWait: () => scheduleFlush(),
    shouldStop,
  });
  try {
    const work = async (): Promise<void> => {
      for (;;) {
        if (shouldStop()) {
          stopped = true;
          return;
        }
        const items = await feed.next();
        if (items === null) return;
        const outcomes = await labeller.label(items).catch((error: unknown) => {
          // A failure that stops the run still counts what the provider billed on the way.
          if (error instanceof SpentModelError) {
            totals.tokensIn += error.spend.tokensIn;
            totals.tokensOut += error.spend.tokensOut;
            totals.costUsd += error.spend.costUsd;
          }
          throw error;
        });
        items.forEach((item, i) => {
          const outcome = outcomes[i];
          if (!outcome) return;
          if (outcome.label === null) totals.abstained++;
          else totals.labelled++;
          totals.tokensIn += outcome.tokensIn;
          totals.tokensOut += outcome.tokensOut;
          totals.costUsd += outcome.costUsd;
          pending.push({ item, outcome });
        });
        progress?.update(totals.labelled + totals.abstained, totals.costUsd);
        if (pending.length >= MAX_PENDING) await scheduleFlush();
        else if (pending.length >= FLUSH_EVERY) void scheduleFlush();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, labeller.concurrency) }, work));
    await scheduleFlush();
  } catch (error) {
    await flushing.catch(() => undefined);
    await flush().catch(() => undefined);
    await member.leave('failed').catch(() => undefined);
    progress?.finish('failed');
    throw error;
  }
  if (shouldStop()) stopped = true;
  await member.leave(stopped ? 'interrupted' : 'done');
  await shareDuplicateDecisions({ store, clock });
  const ended = clock.now();
  progress?.finish(stopped ? 'interrupted' : 'done');
  return {
    runId,
    joined: member.joined,
    worker,
    ...totals,
    alreadyLabelled: total - todo,
    seconds: (ended - started) / 1000,
    stopped,
    positionBias: bias.measured(),
  };
}

/**
 * Items leased per store call: four rounds of the labeller's requests in flight (so the next page
 * is leased long before the requests run dry), at most 512 so that the last pages of a run spread
 * over the workers instead of waiting in one.
 */
function leasePage(labeller: Labeller): number {
  return Math.min(512, Math.max(32, 4 * labeller.batchSize * Math.max(1, labeller.concurrency)));
}

/**
 * Several workers each measure a pairwise judge's position bias over their own items; the run
 * keeps the measurement over the most items.
 */
async function keepLargestBiasSample(
  store: Store,
  runId: string,
  positionBias: MeasuredPositionBias,
): Promise<void> {
  const run = await store.getRun(runId);
  if (run?.kind !== 'label' || run.config.kind !== 'llm') return;
  if ((run.config.positionBias?.items ?? 0) > positionBias.items) return;
  await store.updateRun(runId, { config: { ...run.config, positionBias } });
}

/**
 * Stores the votes and machine decisions of a batch and releases its leases, in one transaction.
 * An item that already holds a vote of the source (labelled by another worker after this one's
 * lease lapsed) keeps that vote alone.
 */
async function writeOutcomes(
  store: Store,
  by: { readonly source: string; readonly runId: string; readonly worker: string },
  written: readonly { item: Item; outcome: LabelOutcome }[],
  now: string,
): Promise<void> {
  const { source, runId } = by;
  const itemIds = written.map((b) => b.item.id);
  await store.transaction(async (tx) => {
    const voted = new Set((await tx.listVotes({ itemIds, source })).map((vote) => vote.itemId));
    const batch = voted.size === 0 ? written : written.filter((b) => !voted.has(b.item.id));
    const votes: NewVote[] = batch.map(({ item, outcome }) =>
      voteOf({ itemId: item.id, source, runId, createdAt: now }, outcome),
    );
    const ids = await tx.addVotes(votes);
    const existing = new Map(
      (await tx.listDecisions({ itemIds: batch.map((b) => b.item.id) })).map((d) => [d.itemId, d]),
    );
    const decisions: Decision[] = [];
    batch.forEach(({ item, outcome }, i) => {
      if (outcome.label === null || outcome.probabilities === null) return;
      if (!canReplaceDecision(existing.get(item.id), 'machine')) return;
      decisions.push({
        itemId: item.id,
        label: outcome.label,
        confidence: outcome.confidence ?? outcome.probabilities[outcome.label] ?? null,
        probabilities: outcome.probabilities,
        decidedBy: 'machine',
        source,
        voteIds: [ids[i] as number],
        zone: null,
        updatedAt: now,
      });
    });
    if (decisions.length > 0) await tx.putDecisions(decisions);
    await tx.releaseLabelItems(source, by.worker, itemIds);
  });
}
