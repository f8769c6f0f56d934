import { describe, expect, it } from 'vitest';
import type { ItemRole, NewVote } from '../../core/types.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { item as anItem, vote as aVote } from '../../testing/builders/index.js';
import { labellerSetting, runTournament } from './tournament.js';

function vote(itemId: string, source: string, label: string | null, costUsd = 0): NewVote {
  return aVote(itemId, source, {
    label,
    probabilities: null,
    method: source.startsWith('llm:') ? 'logprobs' : 'local-model',
    abstainReason: label === null ? 'no answer' : null,
    costUsd,
  });
}

/** 100 trusted items (a/b alternating) and 20 pool items; three labellers and one person. */
async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const item = (i: number, role: ItemRole) =>
    anItem(`i${String(i).padStart(3, '0')}`, {
      fields: { text: `t${i}` },
      role,
      goldLabel: role === 'pool' ? null : i % 2 === 0 ? 'a' : 'b',
    });
  await store.upsertItems([
    ...Array.from({ length: 60 }, (_, i) => item(i, 'gold')),
    ...Array.from({ length: 40 }, (_, i) => item(60 + i, 'test')),
    ...Array.from({ length: 20 }, (_, i) => item(100 + i, 'pool')),
  ]);
  const votes: NewVote[] = [];
  for (let i = 0; i < 120; i++) {
    const id = `i${String(i).padStart(3, '0')}`;
    const truth = i % 2 === 0 ? 'a' : 'b';
    const other = truth === 'a' ? 'b' : 'a';
    votes.push(vote(id, 'llm:big#p1', i % 25 === 0 ? other : truth, 0.01)); // 96% right, $0.01
    votes.push(vote(id, 'model:local@2', i % 10 === 0 ? other : truth)); // 90% right, free
    votes.push(vote(id, 'llm:tiny#p1', i % 3 === 0 ? other : i % 7 === 0 ? null : truth, 0.0001));
    votes.push(vote(id, 'human:ann', truth));
  }
  votes.push(vote('i000', 'model:local@3', 'a')); // one vote: too few to rank
  await store.addVotes(votes);
  return store;
}

describe('runTournament', () => {
  it('scores every machine labeller on trusted items and ranks by the cost of a right label', async () => {
    const store = await seeded();
    const result = await runTournament({ store, humanCostPerItem: 0.125 });
    expect(result.items).toBe(100);
    expect(result.entries.map((e) => e.source)).toEqual([
      'model:local@2',
      'llm:big#p1',
      'llm:tiny#p1',
      'model:local@3',
    ]);
    const [local, big, tiny, unranked] = result.entries;
    expect(local).toMatchObject({ scored: 100, abstained: 0, costPerItem: 0, ranked: true });
    expect(local!.accuracy.estimate).toBeCloseTo(0.9, 12);
    expect(local!.costPerRightLabel).toBeCloseTo(0.1 * 0.125, 12);
    expect(big!.accuracy.estimate).toBeCloseTo(0.96, 12);
    expect(big!.costPerRightLabel).toBeCloseTo(0.01 + 0.04 * 0.125, 12);
    expect(tiny!.abstained).toBeGreaterThan(0);
    expect(unranked).toMatchObject({ scored: 1, ranked: false });
    expect(result.winner?.source).toBe('model:local@2');
  });

  it('lets accuracy win when people are expensive', async () => {
    const result = await runTournament({ store: await seeded(), humanCostPerItem: 1 });
    expect(result.winner?.source).toBe('llm:big#p1'); // 0.01 + 0.04 < 0.1
  });

  it('only counts the roles asked for, and the newest vote of a labeller per item', async () => {
    const store = await seeded();
    await store.addVotes([vote('i061', 'model:local@2', 'b')]); // i061 is b: a rerun fixes nothing, it was right
    await store.addVotes([vote('i060', 'model:local@2', 'b')]); // i060 is a: was wrong (60 % 10 = 0), still wrong
    await store.addVotes([vote('i070', 'model:local@2', 'a')]); // i070 is a: was wrong, now right
    const test = await runTournament({ store, roles: ['test'], humanCostPerItem: 0.125 });
    const local = test.entries.find((e) => e.source === 'model:local@2');
    expect(local?.scored).toBe(40);
    expect(local!.accuracy.estimate).toBeCloseTo(37 / 40, 12); // wrong at 60, 80, 90 (70 fixed)
  });
});

describe('labellerSetting', () => {
  it('maps a vote source to the project setting that makes it the first pass', () => {
    expect(labellerSetting('model:local@4')).toEqual({ default: 'local' });
    expect(labellerSetting('llm:gpt-4o-mini#9b1e0f3a')).toEqual({
      default: 'llm',
      model: 'gpt-4o-mini',
    });
    expect(labellerSetting('model:other@1')).toBeNull();
  });
});
