import { describe, expect, it } from 'vitest';
import { item, vote } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { readVoteInput } from './aggregate-votes-input.js';
import { columnVoteInput } from './vote-columns-input.js';

const labels = ['x', 'y'];

async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.upsertItems([
    item('c'),
    item('a', { role: 'gold', goldLabel: 'y' }),
    item('b', { role: 'test', goldLabel: 'x' }),
    item('m'),
  ]);
  await store.addVotes([
    vote('c', 'human:1', { label: 'x' }),
    vote('a', 'llm:m#p', { label: 'x', probabilities: { x: 0.8, y: 0.2 } }),
    vote('a', 'human:2', { label: 'y' }),
    vote('b', 'human:3', { label: 'y' }),
    vote('m', 'llm:m#p', { label: 'y', probabilities: { y: 0.6, x: 0.4 } }),
    vote('b', 'human:1', { label: null, abstainReason: 'unsure' }),
    vote('c', 'human:3', { label: 'x' }),
  ]);
  return store;
}

describe('columnVoteInput', () => {
  it('builds the matrix the vote objects build: same order, soft machines, gold clamped', async () => {
    const store = await seeded();
    const columns = columnVoteInput(await store.readVoteColumns(), labels, {
      includeMachines: true,
      discounted: new Set(),
    });
    const objects = await readVoteInput({ store, labels });
    expect(columns.built.items).toEqual(objects.built.items);
    expect(columns.built.annotators).toEqual(objects.built.annotators);
    expect(columns.built.matrix).toEqual(objects.built.matrix);
    expect([...columns.gold]).toEqual([...objects.gold]);
    expect(columns.built.items.map((_, i) => columns.humanItem[i])).toEqual([1, 1, 1, 0]);
    expect(columns.voteIdsOf(columns.built.itemIndex.get('c') ?? -1)).toEqual([1, 7]);
  });

  it('leaves machines out when asked and drops discounted people, counting them', async () => {
    const store = await seeded();
    const columns = columnVoteInput(await store.readVoteColumns(), labels, {
      includeMachines: false,
      discounted: new Set(['human:3']),
    });
    expect(columns.built.items).toEqual(['c', 'a']);
    expect(columns.built.annotators).toEqual(['human:1', 'human:2']);
    expect(columns.dropped).toEqual({ votes: 2, sources: ['human:3'] });
  });

  it('refuses a label outside the label set, naming it', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('a')]);
    await store.addVotes([vote('a', 'human:1', { label: 'z' })]);
    const columns = await store.readVoteColumns();
    expect(() =>
      columnVoteInput(columns, labels, { includeMachines: true, discounted: new Set() }),
    ).toThrow('vote 0: label "z" is not in the label set');
  });
});
