import { describe, expect, it } from 'vitest';
import type { Check, CheckStore, NewCheck } from '../../core/ports/index.js';
import { DEFAULT_PEOPLE_CONFIG, type Prices } from '../../core/project.js';
import { createRng, shuffled } from '../../core/rng.js';
import { item, vote } from '../../testing/builders/index.js';
import { labelRun } from '../../testing/builders/run-builders.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { cascadeRoute } from './cascade-route.js';

const labels = ['a', 'b', 'c'];
const SMALL = 'model:small@1';
const BIG = 'llm:big#1';
const N = 1000;
const prices: Prices = {
  models: {},
  humanHourlyUsd: 12,
  humanItemsPerHour: 60,
  hostingPerHourUsd: 0,
};
const clock = { now: () => Date.UTC(2026, 11, 7) };

/** Expert checks held in memory, as a store keeps them. */
class ListedChecks implements CheckStore {
  constructor(private readonly checks: Check[]) {}
  addChecks(checks: readonly NewCheck[]): Promise<void> {
    for (const c of checks)
      this.checks.push({ ...c, label: null, labelledBy: null, labelledAt: null });
    return Promise.resolve();
  }
  listChecks(query: { readonly labelled?: boolean } = {}): Promise<Check[]> {
    return Promise.resolve(
      this.checks.filter(
        (c) => query.labelled === undefined || (c.label !== null) === query.labelled,
      ),
    );
  }
  labelChecks(): Promise<void> {
    return Promise.reject(new Error('not used here'));
  }
  reweighChecks(): Promise<void> {
    return Promise.reject(new Error('not used here'));
  }
}

/**
 * N pool items; the small model is right with probability 0.3 + 0.7·c, the big one 0.6 + 0.4·c
 * (c its stated confidence, uniform); 300 checks drawn uniformly and labelled by experts.
 */
async function seeded(checkCount = 300) {
  const rng = createRng(11);
  const store = new MemoryStore();
  const truth = new Map<string, string>();
  const items = [];
  const votes = [];
  for (let i = 0; i < N; i++) {
    const id = `p${String(i).padStart(4, '0')}`;
    const y = rng.int(3);
    truth.set(id, labels[y] as string);
    items.push(item(id, { role: 'pool' }));
    for (const [source, base] of [
      [SMALL, 0.3],
      [BIG, 0.6],
    ] as const) {
      const c = 0.34 + 0.66 * rng.next();
      const k = rng.next() < base + (1 - base) * c ? y : (y + 1 + rng.int(2)) % 3;
      const probabilities = Object.fromEntries(
        labels.map((l, j) => [l, j === k ? c : (1 - c) / 2]),
      );
      votes.push(vote(id, source, { label: labels[k] as string, probabilities }));
    }
  }
  await store.upsertItems(items);
  await store.addVotes(votes);
  await store.createRun(labelRun('label-1', SMALL, { costUsd: 0.1, itemsDone: N }));
  await store.createRun(labelRun('label-2', BIG, { costUsd: 2, itemsDone: N }));
  const drawn = shuffled([...truth.keys()], rng).slice(0, checkCount);
  const checks = new ListedChecks(
    drawn.map((itemId) => ({
      itemId,
      draw: 1,
      stratum: 'all',
      stratumSize: N,
      probability: checkCount / N,
      label: truth.get(itemId) as string,
      labelledBy: 'reviewer:1',
      labelledAt: '2026-12-07T00:00:00.000Z',
      drawnAt: '2026-12-07T00:00:00.000Z',
    })),
  );
  return { store, checks, truth, drawn: new Set(drawn) };
}

const options = {
  clock,
  stages: [SMALL, BIG] as const,
  labels,
  prices,
  people: DEFAULT_PEOPLE_CONFIG,
};

describe('cascadeRoute', () => {
  it('keeps items from both stages under the promise, priced per stage, and writes the zones', async () => {
    const { store, checks, truth, drawn } = await seeded();
    const report = await cascadeRoute({ store, checks, ...options, maxError: 0.1, alpha: 0.1 });
    expect(report.items).toBe(N);
    expect(report.checks).toBe(300);
    expect(report.alphaPerT1).toBeCloseTo(0.02);
    const chosen = report.chosen;
    expect(chosen).not.toBeNull();
    expect(chosen?.keptByStage1).toBeGreaterThan(0);
    expect(chosen?.keptByStage2).toBeGreaterThan(0);
    const people = (12 / 60) * DEFAULT_PEOPLE_CONFIG.overlap.human;
    expect(report.unit.stage1).toBeCloseTo(0.0001);
    expect(report.unit.stage2).toBeCloseTo(0.002);
    expect(report.unit.people).toBeCloseTo(people);
    expect(report.cost.peopleAlone).toBeCloseTo(N * people);
    expect(report.cost.cascade).toBeCloseTo(
      N * 0.0001 + (chosen?.stage2Runs ?? 0) * 0.002 + (chosen?.people ?? 0) * people,
    );
    expect(report.cost.cascade).toBeLessThan(report.cost.peopleAlone);

    const decisions = await store.listDecisions({});
    const auto = decisions.filter((d) => d.decidedBy === 'auto');
    expect(auto).toHaveLength((chosen?.keptByStage1 ?? 0) + (chosen?.keptByStage2 ?? 0));
    expect(new Set(auto.map((d) => d.source))).toEqual(new Set([SMALL, BIG]));
    for (const d of auto) expect(drawn.has(d.itemId)).toBe(false);
    expect(decisions.filter((d) => d.zone === 'human')).toHaveLength(N - auto.length);
    // The promise on this draw: wrong kept labels are at most ε of the pool.
    const wrong = auto.filter((d) => d.label !== truth.get(d.itemId)).length;
    expect(wrong).toBeLessThanOrEqual(0.1 * N);
  });

  it('plans without writing, and compares with the strong model alone', async () => {
    const { store, checks } = await seeded();
    const report = await cascadeRoute({
      store,
      checks,
      ...options,
      maxError: 0.1,
      alpha: 0.1,
      write: false,
    });
    expect(report.written).toBe(0);
    expect(await store.listDecisions({})).toHaveLength(0);
    expect(report.cost.strongAlone).toBeCloseTo(
      N * 0.002 + (N - report.strongAloneKept) * report.unit.people,
    );
  });

  it('says what is missing when no check has an expert label', async () => {
    const { store } = await seeded(0);
    await expect(
      cascadeRoute({
        store,
        checks: new ListedChecks([]),
        ...options,
        maxError: 0.05,
        alpha: 0.05,
      }),
    ).rejects.toThrow(/no expert checks with a label: draw them with `hilo checks draw`/);
    await expect(
      cascadeRoute({
        store,
        checks: new ListedChecks([]),
        ...options,
        stages: [BIG, BIG],
        maxError: 0.05,
        alpha: 0.05,
      }),
    ).rejects.toThrow(/must differ/);
  });
});
