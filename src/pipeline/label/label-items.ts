import type { Clock, Progress, Store } from '../../core/ports/index.js';
import type { LabelRunConfig, MeasuredPositionBias } from '../../core/runs/run-records.js';
import type { Decision, Item, ItemRole, NewVote } from '../../core/types.js';
import { shareDuplicateDecisions } from '../dedup/index.js';
import { canReplaceDecision } from '../items/index.js';
import { voteOf, type LabelOutcome, type Labeller } from './labeller.js';
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
}

export interface LabelReport {
  readonly runId: string;
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

const PAGE = 512;
const FLUSH_EVERY = 64;
const MAX_PENDING = 4096;

/**
 * Runs a labeller over every item that has no vote from it yet, storing one vote per item and
 * the item's machine decision. Resumable: a killed run leaves every stored vote, and a new run
 * continues with the items still missing (the LLM's response cache makes the in-flight ones
 * free). Complexity: O(items) store round trips in pages of 512; memory O(page).
 * @example const report = await labelItems({ store, labeller, clock });
 */
export async function labelItems(options: LabelItemsOptions): Promise<LabelReport> {
  const { store, labeller, clock, progress } = options;
  const roles = options.roles ?? ['pool', 'gold', 'test'];
  const started = clock.now();
  const runNumber = (await store.listRuns({ kind: 'label' })).length + 1;
  const runId = `label-${runNumber}-${new Date(started)
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}`;
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
  await store.createRun({
    id: runId,
    kind: 'label',
    config,
    status: 'running',
    itemsDone: 0,
    itemsFailed: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    startedAt: new Date(started).toISOString(),
    endedAt: null,
  });
  progress?.start(`labelling with ${labeller.source}`, goal);

  const totals = { labelled: 0, abstained: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 };
  const bias = positionBiasTally();
  let pending: { item: Item; outcome: LabelOutcome }[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await writeOutcomes(store, labeller.source, runId, batch, new Date(clock.now()).toISOString());
    for (const { outcome } of batch) bias.add(outcome);
    const positionBias = bias.measured();
    await store.updateRun(runId, {
      itemsDone: totals.labelled,
      itemsFailed: totals.abstained,
      tokensIn: totals.tokensIn,
      tokensOut: totals.tokensOut,
      costUsd: totals.costUsd,
      ...(positionBias !== null && config.kind === 'llm'
        ? { config: { ...config, positionBias } }
        : {}),
    });
  };

  let stopped = false;
  const feed = itemFeed(store, roles, labeller.source, goal, labeller.batchSize);
  // One flush at a time, in the background: workers never wait for the store unless it lags
  // far behind (more than MAX_PENDING outcomes), which bounds memory.
  let flushing: Promise<void> = Promise.resolve();
  const scheduleFlush = (): Promise<void> => (flushing = flushing.then(flush));
  try {
    const worker = async (): Promise<void> => {
      for (;;) {
        if (options.shouldStop?.()) {
          stopped = true;
          return;
        }
        const items = await feed.next();
        if (items === null) return;
        const outcomes = await labeller.label(items);
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
    await Promise.all(Array.from({ length: Math.max(1, labeller.concurrency) }, worker));
    await scheduleFlush();
  } catch (error) {
    await flushing.catch(() => undefined);
    await flush().catch(() => undefined);
    await store.updateRun(runId, {
      status: 'failed',
      endedAt: new Date(clock.now()).toISOString(),
    });
    progress?.finish('failed');
    throw error;
  }
  await shareDuplicateDecisions({ store, clock });
  const ended = clock.now();
  await store.updateRun(runId, {
    status: stopped ? 'interrupted' : 'done',
    endedAt: new Date(ended).toISOString(),
  });
  progress?.finish(stopped ? 'interrupted' : 'done');
  return {
    runId,
    ...totals,
    alreadyLabelled: total - todo,
    seconds: (ended - started) / 1000,
    stopped,
    positionBias: bias.measured(),
  };
}

async function writeOutcomes(
  store: Store,
  source: string,
  runId: string,
  batch: readonly { item: Item; outcome: LabelOutcome }[],
  now: string,
): Promise<void> {
  await store.transaction(async (tx) => {
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
  });
}

/**
 * Hands out chunks of items still to label, reading the store a page ahead so workers never
 * wait for a page boundary. Keyset pagination by id keeps it correct while votes are written.
 */
function itemFeed(
  store: Store,
  roles: readonly ItemRole[],
  source: string,
  goal: number,
  chunkSize: number,
) {
  let buffer: Item[] = [];
  let afterId: string | undefined;
  let remaining = goal;
  let exhausted = goal <= 0;
  let loading: Promise<void> | null = null;
  const load = (): Promise<void> =>
    (loading ??= (async () => {
      const page = await store.listItems({
        role: roles,
        withoutVoteFrom: source,
        duplicates: false,
        ...(afterId !== undefined ? { afterId } : {}),
        limit: Math.min(PAGE, remaining),
      });
      if (page.length === 0) exhausted = true;
      else {
        afterId = page[page.length - 1]?.id;
        remaining -= page.length;
        if (remaining <= 0) exhausted = true;
        buffer = buffer.concat(page);
      }
      loading = null;
    })());
  return {
    async next(): Promise<Item[] | null> {
      while (buffer.length === 0 && !exhausted) await load();
      if (buffer.length < PAGE / 2 && !exhausted) load().catch(() => undefined); // a failure resurfaces on the next awaited load
      if (buffer.length === 0) return null;
      return buffer.splice(0, chunkSize);
    },
  };
}
