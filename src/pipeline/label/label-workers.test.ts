import { describe, expect, it } from 'vitest';
import type { Store } from '../../core/ports/index.js';
import type { Item } from '../../core/types.js';
import { item } from '../../testing/builders/index.js';
import { labelRunConfig } from '../../testing/builders/run-builders.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { labelItems } from './label-items.js';
import type { LabelOutcome, Labeller } from './labeller.js';

const SOURCE = 'model:kw@1';
const T0 = Date.UTC(2026, 11, 7, 9);

/** Labels every item spam after `delayMs` of real time, logging each item it was asked about. */
function slowLabeller(calls: string[], delayMs: number, concurrency = 4): Labeller {
  return {
    source: SOURCE,
    batchSize: 2,
    concurrency,
    description: { kind: 'local', version: 1, trainedOn: 0 },
    label: async (items) => {
      calls.push(...items.map((i) => i.id));
      await new Promise((r) => setTimeout(r, delayMs));
      return items.map((): LabelOutcome => ({
        label: 'spam',
        probabilities: { spam: 0.8, ham: 0.2 },
        method: 'local-model',
        otherMass: 0,
        verbalized: null,
        rationale: null,
        abstainReason: null,
        tokensIn: 10,
        tokensOut: 1,
        costUsd: 0.001,
        latencyMs: delayMs,
      }));
    },
  };
}

const pool = (n: number): Item[] =>
  Array.from({ length: n }, (_, i) => item(`i${String(i).padStart(3, '0')}`));

const realClock = { now: () => Date.now() };

async function expectEachLabelledOnce(store: Store, n: number, calls: readonly string[]) {
  expect(calls).toHaveLength(n);
  expect(new Set(calls).size).toBe(n);
  const votes = await store.listVotes({ source: SOURCE });
  expect(votes).toHaveLength(n);
  expect(new Set(votes.map((v) => v.itemId)).size).toBe(n);
}

/** A worker that joined a run and leased ten items, then was killed: it never beats, labels or leaves. */
async function deadWorker(store: Store, id: string, now: number, leaseMs: number) {
  const { runId } = await store.joinLabelRun(
    {
      id,
      kind: 'label',
      config: labelRunConfig(SOURCE),
      status: 'running',
      itemsDone: 0,
      itemsFailed: 0,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
      startedAt: new Date(now).toISOString(),
      endedAt: null,
    },
    { worker: 'dead', now, expiresAt: now + leaseMs },
  );
  const held = await store.leaseLabelItems({
    source: SOURCE,
    runId,
    worker: 'dead',
    roles: ['pool', 'gold', 'test'],
    now,
    expiresAt: now + leaseMs,
    limit: 10,
  });
  return { runId, held };
}

describe('several labelItems on one store', () => {
  it('label each item once, share one run, and add up its progress and spend', async () => {
    const store = new MemoryStore();
    // 40 items in pages of 32: each worker ends holding fewer outcomes than one flush, and must
    // store them before it waits for the other's last items (else both wait for ever).
    await store.upsertItems(pool(40));
    const calls: string[] = [];
    const [a, b] = await Promise.all([
      labelItems({ store, labeller: slowLabeller(calls, 3), clock: realClock, worker: 'a' }),
      labelItems({ store, labeller: slowLabeller(calls, 3), clock: realClock, worker: 'b' }),
    ]);
    await expectEachLabelledOnce(store, 40, calls);
    expect(a.labelled).toBeGreaterThan(0);
    expect(b.labelled).toBeGreaterThan(0);
    expect(a.labelled + b.labelled).toBe(40);
    expect(b.runId).toBe(a.runId);
    expect([a.joined, b.joined].sort()).toEqual([false, true]);
    const run = await store.getRun(a.runId);
    expect(run).toMatchObject({ status: 'done', itemsDone: 40, tokensIn: 400 });
    expect(run?.costUsd).toBeCloseTo(0.04, 10);
  });

  it('take over the batch of a worker that died holding it once its lease lapses', async () => {
    const store = new MemoryStore();
    await store.upsertItems(pool(30));
    let now = T0;
    const clock = { now: () => now };
    const { runId, held } = await deadWorker(store, 'label-1-dead', T0, 5000);
    const sleeps: number[] = [];
    const calls: string[] = [];
    const report = await labelItems({
      store,
      labeller: slowLabeller(calls, 0),
      clock,
      leaseMs: 5000,
      every: () => () => undefined,
      sleep: (ms) => {
        sleeps.push(ms);
        now += ms;
        return Promise.resolve();
      },
    });
    await expectEachLabelledOnce(store, 30, calls);
    expect(held.map((i) => i.id)).toEqual(calls.filter((id) => id < 'i010'));
    // It waited for the lease to lapse (5 s) in steps of a quarter lease, and no longer.
    expect(sleeps.every((ms) => ms === 1000)).toBe(true);
    expect(now - T0).toBeGreaterThanOrEqual(5000);
    expect(now - T0).toBeLessThan(7000);
    expect(report.runId).toBe(runId);
    expect(await store.getRun(runId)).toMatchObject({ status: 'done', itemsDone: 30 });
  });

  it('mark a run left running by a killed worker interrupted, and resume it without paying twice', async () => {
    const store = new MemoryStore();
    await store.upsertItems(pool(20));
    let now = T0;
    const clock = { now: () => now };
    const quiet = { clock, leaseMs: 5000, every: () => () => undefined };
    const first: string[] = [];
    await labelItems({ store, labeller: slowLabeller(first, 0), limit: 8, ...quiet });
    const killed = await deadWorker(store, 'label-2-killed', now, 5000);
    expect(await store.markInterruptedRuns(now + 4000)).toEqual([]);

    now += 6000;
    const second: string[] = [];
    const resumed = await labelItems({ store, labeller: slowLabeller(second, 0), ...quiet });
    expect(await store.getRun(killed.runId)).toMatchObject({
      status: 'interrupted',
      endedAt: new Date(T0).toISOString(),
    });
    expect(resumed.runId).not.toBe(killed.runId);
    expect(resumed.joined).toBe(false);
    expect(resumed.alreadyLabelled).toBe(8);
    expect(second).toHaveLength(12);
    await expectEachLabelledOnce(store, 20, [...first, ...second]);
  });
});
