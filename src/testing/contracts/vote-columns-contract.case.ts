import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../core/ports/store.js';
import type { VoteColumns } from '../../core/ports/vote-columns.js';
import { decision, item, vote } from '../builders/index.js';

/**
 * The whole-project column reads aggregation runs on (`readVoteColumns`, `listDecisionStates`),
 * run inside `describeStoreContract` on the store it opened for each test.
 * @example describeVoteColumnsContract(() => store)
 */
export function describeVoteColumnsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  /** The columns back as one readable row per vote. */
  const rows = (c: VoteColumns) =>
    Array.from({ length: c.count }, (_, v) => [
      c.ids[v],
      c.items[c.item[v] as number],
      c.sources[c.source[v] as number],
      c.labels[c.label[v] as number],
    ]);

  describe('vote columns', () => {
    it('gives every labelled vote in id order, coded by first appearance, abstentions left out', async () => {
      await store.upsertItems([item('b'), item('a')]);
      const ids = await store.addVotes([
        vote('b', 'human:x', { label: 'ham' }),
        vote('a', 'human:y', { label: 'spam' }),
        vote('a', 'llm:m#p', { label: null, abstainReason: 'refused' }),
        vote('b', 'human:y', { label: 'spam' }),
      ]);
      const columns = await store.readVoteColumns();
      expect(columns.count).toBe(3);
      expect(columns.items).toEqual(['b', 'a']);
      expect(columns.sources).toEqual(['human:x', 'human:y']);
      expect(columns.labels).toEqual(['ham', 'spam']);
      expect(rows(columns)).toEqual([
        [ids[0], 'b', 'human:x', 'ham'],
        [ids[1], 'a', 'human:y', 'spam'],
        [ids[3], 'b', 'human:y', 'spam'],
      ]);
      expect(columns.machineProbabilities.size).toBe(0);
    });

    it("gives machines' distributions by vote position, never a person's", async () => {
      await store.upsertItems([item('a')]);
      await store.addVotes([
        vote('a', 'human:x', { label: 'spam', probabilities: { spam: 1 } }),
        vote('a', 'llm:m#p', { label: 'ham', probabilities: { ham: 0.7, spam: 0.3 } }),
        vote('a', 'import:sys', { label: 'spam', probabilities: null }),
      ]);
      const columns = await store.readVoteColumns();
      expect([...columns.machineProbabilities]).toEqual([[1, { ham: 0.7, spam: 0.3 }]]);
    });

    it('gives the role and trusted label of the voted items that have one', async () => {
      await store.upsertItems([
        item('g', { role: 'gold', goldLabel: 'spam' }),
        item('t', { role: 'test', goldLabel: 'ham' }),
        item('p'),
        item('unvoted', { role: 'gold', goldLabel: 'ham' }),
      ]);
      await store.addVotes([vote('g', 'human:x'), vote('t', 'human:x'), vote('p', 'human:x')]);
      const { truth } = await store.readVoteColumns();
      expect(Object.fromEntries(truth)).toEqual({
        g: { role: 'gold', goldLabel: 'spam' },
        t: { role: 'test', goldLabel: 'ham' },
      });
    });

    it('reads what a transaction wrote, and nothing on an empty store', async () => {
      expect((await store.readVoteColumns()).count).toBe(0);
      await store.upsertItems([item('a')]);
      await store.transaction(async (tx) => {
        await tx.addVotes([vote('a', 'human:x')]);
        expect((await tx.readVoteColumns()).count).toBe(1);
      });
    });
  });

  describe('decision states', () => {
    it('gives who decided every decided item and its zone, in item id order', async () => {
      await store.upsertItems([item('b'), item('a'), item('c')]);
      expect(await store.listDecisionStates()).toEqual([]);
      await store.putDecisions([
        decision('b', { decidedBy: 'reviewer', zone: null }),
        decision('a', { decidedBy: 'auto', zone: 'accept' }),
      ]);
      expect(await store.listDecisionStates()).toEqual([
        { itemId: 'a', decidedBy: 'auto', zone: 'accept' },
        { itemId: 'b', decidedBy: 'reviewer', zone: null },
      ]);
    });
  });
}
