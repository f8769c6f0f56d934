import type { Store } from '../core/ports/index.js';
import { createRng } from '../core/rng.js';
import type { Decision, Item, NewVote, Run } from '../core/types.js';

/** The labels of the fixture project. */
export const FIXTURE_LABELS = ['a', 'b', 'c'];
export const FIXTURE_SOURCE = 'model:local@1';
const NOW = '2026-01-01T00:00:00.000Z';

export interface FixtureOptions {
  readonly gold: number;
  readonly pool: number;
  readonly test?: number;
  readonly seed?: number;
  /**
   * P(right) as a function of the stated confidence c; default c² (overconfident, so
   * calibration has work to do).
   */
  readonly accuracy?: (confidence: number) => number;
  /** Share of pool votes that abstain. */
  readonly abstainRate?: number;
  /** Cost in USD the label run reports. */
  readonly labelCost?: number;
}

/** Truth of every pool item, for checking what routing accepted. */
export type Truth = ReadonlyMap<string, string>;

/**
 * Fills a store the way `hilo learn` + `hilo label` would: gold, pool and test items, one vote
 * per item from `model:local@1` with a full distribution whose stated confidence c is uniform
 * on [0.34, 1) and right with probability `accuracy(c)`, machine decisions for labelled items,
 * and the label run. Gold votes carry no run id (out-of-fold votes of `hilo learn`).
 * @example const truth = await seedRoutingFixture(store, { gold: 1000, pool: 2000 });
 * Complexity: O(items).
 */
export async function seedRoutingFixture(store: Store, options: FixtureOptions): Promise<Truth> {
  const rng = createRng(options.seed ?? 7);
  const accuracy = options.accuracy ?? ((c: number) => c * c);
  const items: Item[] = [];
  const votes: NewVote[] = [];
  const truth = new Map<string, string>();
  const make = (role: Item['role'], count: number, prefix: string) => {
    for (let i = 0; i < count; i++) {
      const id = `${prefix}${String(i).padStart(5, '0')}`;
      const y = rng.int(3);
      const c = 0.34 + 0.66 * rng.next();
      const right = rng.next() < accuracy(c);
      const predicted = right ? y : (y + 1 + rng.int(2)) % 3;
      const label = FIXTURE_LABELS[y] as string;
      const batch = role === 'pool' ? (i % 2 === 0 ? 'b1' : 'b2') : null;
      items.push({
        id,
        fields: { text: `item ${id}` },
        role,
        batch,
        goldLabel: role === 'pool' ? null : label,
      });
      truth.set(id, label);
      const abstain = role === 'pool' && rng.next() < (options.abstainRate ?? 0);
      const probabilities = Object.fromEntries(
        FIXTURE_LABELS.map((l, k) => [l, k === predicted ? c : (1 - c) / 2]),
      );
      votes.push({
        itemId: id,
        source: FIXTURE_SOURCE,
        label: abstain ? null : (FIXTURE_LABELS[predicted] as string),
        probabilities: abstain ? null : probabilities,
        method: 'local-model',
        otherMass: 0,
        verbalized: null,
        rationale: null,
        abstainReason: abstain ? 'no answer' : null,
        runId: role === 'gold' ? null : 'label-1',
        tokensIn: 0,
        tokensOut: 0,
        costUsd: 0,
        latencyMs: 0,
        timeSpentMs: null,
        createdAt: NOW,
      });
    }
  };
  make('gold', options.gold, 'g');
  make('pool', options.pool, 'p');
  make('test', options.test ?? 0, 't');
  await store.upsertItems(items);
  const ids = await store.addVotes(votes);
  const decisions: Decision[] = [];
  votes.forEach((vote, i) => {
    if (vote.label === null || vote.runId === null) return;
    decisions.push({
      itemId: vote.itemId,
      label: vote.label,
      confidence: vote.probabilities?.[vote.label] ?? null,
      probabilities: vote.probabilities,
      decidedBy: 'machine',
      source: FIXTURE_SOURCE,
      voteIds: [ids[i] as number],
      zone: null,
      updatedAt: NOW,
    });
  });
  await store.putDecisions(decisions);
  const run: Run = {
    id: 'label-1',
    kind: 'label',
    config: { labeller: FIXTURE_SOURCE },
    status: 'done',
    itemsDone: options.pool + (options.test ?? 0),
    itemsFailed: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: options.labelCost ?? 0,
    startedAt: NOW,
    endedAt: NOW,
  };
  await store.createRun(run);
  return truth;
}

export const fixtureClock = { now: () => Date.UTC(2026, 0, 2) };
