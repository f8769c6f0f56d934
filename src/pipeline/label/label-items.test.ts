import { describe, expect, it } from 'vitest';
import type { Item } from '../../core/types.js';
import { evaluateVotes } from '../calibrate/index.js';
import { labelItems } from './label-items.js';
import type { LabelOutcome, Labeller } from './labeller.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { item as anItem } from '../../testing/builders/index.js';

const LABELS = ['spam', 'ham'];
const clock = { now: () => Date.UTC(2026, 0, 1) };

function item(
  id: string,
  text: string,
  role: Item['role'] = 'pool',
  goldLabel: string | null = null,
): Item {
  return anItem(id, { fields: { text }, role, goldLabel });
}

/** Says spam when the text mentions "win", with 0.9 confidence; abstains on empty text. */
function keywordLabeller(calls: string[], source = 'model:kw@1'): Labeller {
  return {
    source,
    batchSize: 2,
    concurrency: 3,
    description: { kind: 'local', version: 1, trainedOn: 0 },
    label: async (items) => {
      calls.push(...items.map((i) => i.id));
      return items.map((i): LabelOutcome => {
        const text = String(i.fields.text);
        if (text === '') {
          return {
            label: null,
            probabilities: null,
            method: 'local-model',
            otherMass: 0,
            verbalized: null,
            rationale: null,
            abstainReason: 'empty text',
            tokensIn: 0,
            tokensOut: 0,
            costUsd: 0,
            latencyMs: 0,
          };
        }
        const spam = text.includes('win');
        return {
          label: spam ? 'spam' : 'ham',
          probabilities: spam ? { spam: 0.9, ham: 0.1 } : { spam: 0.1, ham: 0.9 },
          method: 'local-model',
          otherMass: 0,
          verbalized: null,
          rationale: null,
          abstainReason: null,
          tokensIn: 10,
          tokensOut: 1,
          costUsd: 0.001,
          latencyMs: 5,
        };
      });
    },
  };
}

describe('labelItems', () => {
  it('stores one vote and a machine decision per item, with totals in the run', async () => {
    const store = new MemoryStore();
    await store.upsertItems([
      item('a', 'win a prize'),
      item('b', 'see you at 5'),
      item('c', ''),
      item('d', 'you win', 'gold', 'spam'),
    ]);
    const calls: string[] = [];
    const report = await labelItems({ store, labeller: keywordLabeller(calls), clock });
    expect(report.labelled).toBe(3);
    expect(report.abstained).toBe(1);
    expect(calls.sort()).toEqual(['a', 'b', 'c', 'd']);
    const votes = await store.listVotes({ source: 'model:kw@1' });
    expect(votes).toHaveLength(4);
    expect(votes.find((v) => v.itemId === 'c')?.abstainReason).toBe('empty text');
    const decisions = new Map((await store.listDecisions({})).map((d) => [d.itemId, d]));
    expect(decisions.get('a')).toMatchObject({
      label: 'spam',
      confidence: 0.9,
      decidedBy: 'machine',
    });
    expect(decisions.has('c')).toBe(false);
    const run = await store.getRun(report.runId);
    expect(run).toMatchObject({ status: 'done', itemsDone: 3, itemsFailed: 1, tokensIn: 30 });
    expect(run?.config).toEqual({
      kind: 'local',
      version: 1,
      trainedOn: 0,
      labeller: 'model:kw@1',
      roles: ['pool', 'gold', 'test'],
      limit: null,
    });
    expect(run?.costUsd).toBeCloseTo(0.003, 10);
  });

  it('resumes: a second run labels only what is missing', async () => {
    const store = new MemoryStore();
    await store.upsertItems(
      Array.from({ length: 10 }, (_, i) => item(`i${i}`, i % 2 ? 'win' : 'hello')),
    );
    const first: string[] = [];
    await labelItems({ store, labeller: keywordLabeller(first), clock, limit: 4 });
    expect(first).toHaveLength(4);
    const second: string[] = [];
    const report = await labelItems({ store, labeller: keywordLabeller(second), clock });
    expect(second).toHaveLength(6);
    expect(new Set([...first, ...second]).size).toBe(10);
    expect(report.alreadyLabelled).toBe(4);
    expect(await store.listVotes({})).toHaveLength(10);
  });

  it('stops cleanly when asked and marks the run interrupted', async () => {
    const store = new MemoryStore();
    await store.upsertItems(
      Array.from({ length: 20 }, (_, i) => item(`i${String(i).padStart(2, '0')}`, 'x')),
    );
    let seen = 0;
    const labeller = keywordLabeller([]);
    const counting: Labeller = {
      ...labeller,
      concurrency: 1,
      label: (items) => ((seen += items.length), labeller.label(items)),
    };
    const report = await labelItems({
      store,
      labeller: counting,
      clock,
      shouldStop: () => seen >= 6,
    });
    expect(report.stopped).toBe(true);
    expect((await store.getRun(report.runId))?.status).toBe('interrupted');
    expect(await store.listVotes({})).toHaveLength(6);
  });

  it('never replaces a higher-ranked decision', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('a', 'win')]);
    await store.putDecisions([
      {
        itemId: 'a',
        label: 'ham',
        confidence: 1,
        probabilities: null,
        decidedBy: 'reviewer',
        source: 'human:r',
        voteIds: [],
        zone: null,
        updatedAt: 'x',
      },
    ]);
    await labelItems({ store, labeller: keywordLabeller([]), clock });
    expect((await store.listDecisions({}))[0]).toMatchObject({
      label: 'ham',
      decidedBy: 'reviewer',
    });
  });
});

describe('evaluateVotes', () => {
  it('scores the newest vote per held-out item against its trusted label', async () => {
    const store = new MemoryStore();
    await store.upsertItems([
      item('t1', 'win now', 'test', 'spam'),
      item('t2', 'lunch?', 'test', 'ham'),
      item('t3', 'win lunch', 'test', 'ham'),
      item('t4', '', 'test', 'ham'),
      item('t5', 'never labelled', 'test', 'spam'),
      item('p1', 'win', 'pool'),
    ]);
    await labelItems({
      store,
      labeller: keywordLabeller([]),
      clock,
      roles: ['test', 'pool'],
      limit: 5,
    });
    const ev = await evaluateVotes({ store, source: 'model:kw@1', labels: LABELS });
    expect(ev.scored).toBe(3);
    expect(ev.abstained).toBe(1);
    expect(ev.unlabelled).toBe(1);
    expect(ev.metrics.accuracy).toBeCloseTo(2 / 3, 10);
    expect(ev.accuracyWithAbstentions).toBeCloseTo(2 / 4, 10);
    expect(ev.confusedPairs).toEqual([{ gold: 'ham', predicted: 'spam', count: 1, rate: 0.5 }]);
  });
});
