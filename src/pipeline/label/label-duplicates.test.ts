import { describe, expect, it } from 'vitest';
import { item } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { estimateLabelCost } from './estimate-label-cost.js';
import { labelItems } from './label-items.js';
import type { LabelOutcome, Labeller } from './labeller.js';
import { PROJECT_DEFAULTS } from '../../core/project.js';

const clock = { now: () => Date.UTC(2026, 11, 7) };

/** Pays $0.01 per item and says spam when the text mentions "win". */
function payingLabeller(calls: string[]): Labeller {
  return {
    source: 'llm:paying#1',
    batchSize: 4,
    concurrency: 1,
    description: { kind: 'local', version: 1, trainedOn: 0 },
    label: async (items) => {
      calls.push(...items.map((i) => i.id));
      return items.map((i): LabelOutcome => {
        const spam = String(i.fields.text).includes('win');
        return {
          label: spam ? 'spam' : 'ham',
          probabilities: spam ? { spam: 0.9, ham: 0.1 } : { spam: 0.2, ham: 0.8 },
          method: 'logprobs',
          otherMass: 0,
          verbalized: null,
          rationale: null,
          abstainReason: null,
          tokensIn: 10,
          tokensOut: 1,
          costUsd: 0.01,
          latencyMs: 1,
        };
      });
    },
  };
}

describe('labelItems with duplicates marked', () => {
  it('pays only for representatives and gives each duplicate its representative’s decision', async () => {
    const store = new MemoryStore();
    await store.upsertItems([
      item('a', { fields: { text: 'win a prize' } }),
      item('a2', { fields: { text: 'WIN a prize!' } }),
      item('b', { fields: { text: 'see you at 5' } }),
      item('b2', { fields: { text: 'see you at 5.' } }),
    ]);
    await store.replaceDuplicates([
      { itemId: 'a2', duplicateOf: 'a', similarity: 1 },
      { itemId: 'b2', duplicateOf: 'b', similarity: 1 },
    ]);
    const calls: string[] = [];
    const report = await labelItems({
      store,
      labeller: payingLabeller(calls),
      clock,
      roles: ['pool'],
    });
    expect(calls.sort()).toEqual(['a', 'b']);
    expect(report.labelled).toBe(2);
    expect(report.costUsd).toBeCloseTo(0.02, 10);
    expect(await store.listVotes({ itemIds: ['a2', 'b2'] })).toEqual([]);
    const decisions = new Map((await store.listDecisions({})).map((d) => [d.itemId, d]));
    expect(decisions.get('a2')).toMatchObject({
      label: 'spam',
      source: 'llm:paying#1',
      voteIds: [],
    });
    expect(decisions.get('b2')).toMatchObject({ label: 'ham', decidedBy: 'machine' });
  });

  it('leaves duplicates out of the cost estimate', async () => {
    const store = new MemoryStore();
    await store.upsertItems([
      item('a', { fields: { text: 'win a prize' } }),
      item('a2', { fields: { text: 'win a prize' } }),
    ]);
    const project = {
      ...PROJECT_DEFAULTS,
      name: 't',
      labels: [
        { name: 'spam', description: '' },
        { name: 'ham', description: '' },
      ],
    };
    const before = await estimateLabelCost({
      store,
      project,
      settings: PROJECT_DEFAULTS.labeller.llm,
      demos: [],
      roles: ['pool'],
    });
    await store.replaceDuplicates([{ itemId: 'a2', duplicateOf: 'a', similarity: 1 }]);
    const after = await estimateLabelCost({
      store,
      project,
      settings: PROJECT_DEFAULTS.labeller.llm,
      demos: [],
      roles: ['pool'],
    });
    expect(before.items).toBe(2);
    expect(after.items).toBe(1);
  });
});
