import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { item, vote } from '../../testing/builders/index.js';
import { labelRun } from '../../testing/builders/run-builders.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { ensembleVotes } from './ensemble-votes.js';
import { machineUnitCost } from './machine-unit-cost.js';

const fixedClock = () => ({ now: () => Date.UTC(2026, 11, 7) });
const labels = ['ham', 'spam'];
const STRONG = 'llm:strong#1';
const WEAK = 'llm:weak#1';

/** 200 gold and 50 pool items; the strong model is right 90% of the time, the weak one 55%. */
async function seeded() {
  const store = new MemoryStore();
  const rng = createRng(4);
  const items = [];
  const votes = [];
  for (let i = 0; i < 250; i++) {
    const id = `i${String(i).padStart(3, '0')}`;
    const y = rng.int(2);
    items.push(
      item(id, {
        role: i < 200 ? 'gold' : 'pool',
        goldLabel: i < 200 ? (labels[y] as string) : null,
      }),
    );
    const say = (source: string, right: boolean, p: number, other = 0) => {
      const label = labels[right ? y : 1 - y] as string;
      const rest = labels[right ? 1 - y : y] as string;
      return vote(id, source, {
        label,
        probabilities: { [label]: p, [rest]: 1 - p - other },
        otherMass: other,
      });
    };
    votes.push(say(STRONG, rng.next() < 0.9, 0.85));
    // The weak model did not label every tenth item and says "I don't know" with 10% of its mass.
    if (i % 10 !== 0) votes.push(say(WEAK, rng.next() < 0.55, 0.8, 0.1));
  }
  await store.upsertItems(items);
  await store.addVotes(votes);
  return store;
}

describe('ensembleVotes', () => {
  it('learns weights on gold that favour the better labeller and writes a vote for every item', async () => {
    const store = await seeded();
    const report = await ensembleVotes({
      store,
      clock: fixedClock(),
      sources: [WEAK, STRONG],
      labels,
      pooling: 'log',
    });
    expect(report.source).toMatch(/^ensemble:log-[0-9a-f]{8}$/);
    expect(report.spec.weightsFrom).toBe('gold');
    expect(report.spec.goldItems).toBe(200);
    expect(report.spec.weights[1]).toBeGreaterThan(0.7);
    expect(report.goldLogLikelihood?.learned).toBeGreaterThan(report.goldLogLikelihood?.equal ?? 0);
    expect(report.voted).toBe(250);
    const votes = await store.listVotes({ source: report.source });
    expect(votes).toHaveLength(250);
    const first = votes.find((v) => v.itemId === 'i000');
    // Only the strong model labelled i000: the ensemble says what it says.
    expect(first?.probabilities?.[first.label ?? '']).toBeCloseTo(0.85, 2);
    expect(first?.method).toBe('ensemble');
    const other = votes.find((v) => v.itemId === 'i001');
    expect(other?.otherMass).toBeGreaterThan(0);
  });

  it('uses equal weights without gold and names the ensemble as asked', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('p1', { role: 'pool' })]);
    await store.addVotes([
      vote('p1', WEAK, { label: 'ham', probabilities: { ham: 0.6, spam: 0.4 } }),
      vote('p1', STRONG, { label: 'ham', probabilities: { ham: 0.8, spam: 0.2 } }),
    ]);
    const report = await ensembleVotes({
      store,
      clock: fixedClock(),
      sources: [WEAK, STRONG],
      labels,
      pooling: 'linear',
      name: 'pair',
    });
    expect(report.source).toBe('ensemble:pair');
    expect(report.spec).toMatchObject({ weightsFrom: 'equal', weights: [0.5, 0.5] });
    const [pooled] = await store.listVotes({ source: 'ensemble:pair' });
    expect(pooled?.probabilities?.ham).toBeCloseTo(0.7);
  });

  it('refuses one source, a repeated source or a person', async () => {
    const store = await seeded();
    const run = (sources: string[]) =>
      ensembleVotes({ store, clock: fixedClock(), sources, labels, pooling: 'log' });
    await expect(run([STRONG])).rejects.toThrow(/at least two different sources/);
    await expect(run([STRONG, STRONG])).rejects.toThrow(/at least two different sources/);
    await expect(run([STRONG, 'human:ann'])).rejects.toThrow(/human:ann is not a machine labeller/);
  });

  it('prices an ensemble item as the sum of its members’ costs per item', async () => {
    const store = await seeded();
    await store.createRun(labelRun('label-1', STRONG, { costUsd: 2.5, itemsDone: 250 }));
    await store.createRun(labelRun('label-2', WEAK, { costUsd: 0.45, itemsDone: 225 }));
    const { source } = await ensembleVotes({
      store,
      clock: fixedClock(),
      sources: [WEAK, STRONG],
      labels,
      pooling: 'log',
    });
    const cost = await machineUnitCost({ store, source, prices: PROJECT_DEFAULTS.prices });
    expect(cost.perItem).toBeCloseTo(0.002 + 0.01);
    expect(cost.basis).toMatch(/sum of its members/);
  });
});
