import { describe, expect, it } from 'vitest';
import type { NewVote } from '../../core/types.js';
import { aggregateVotes } from './aggregate-votes.js';
import { annotator, item, vote as aVote } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';

const clock = { now: () => Date.UTC(2026, 0, 1) };

function vote(
  itemId: string,
  source: string,
  label: string,
  probabilities: Record<string, number> | null = null,
): NewVote {
  const other = label === 'x' ? 'y' : 'x';
  const confidence = probabilities?.[label] ?? 1;
  return aVote(itemId, source, {
    label,
    probabilities: { [label]: confidence, [other]: 1 - confidence },
    timeSpentMs: source.startsWith('human:') ? 5000 : null,
  });
}

async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.upsertItems(['a', 'b', 'c', 'm'].map((id) => item(id, { fields: {} })));
  await store.addVotes([
    vote('a', 'human:1', 'x'),
    vote('a', 'human:2', 'x'),
    vote('a', 'human:3', 'y'),
    vote('b', 'human:1', 'y'),
    vote('b', 'human:2', 'y'),
    vote('b', 'human:3', 'y'),
    vote('c', 'human:1', 'x'),
    vote('c', 'human:2', 'y'),
    vote('m', 'model:local@1', 'x', { x: 0.8, y: 0.2 }),
  ]);
  return store;
}

describe('aggregateVotes', () => {
  it('decides items with human votes, with a posterior, and leaves machine-only items alone', async () => {
    const store = await seeded();
    const report = await aggregateVotes({
      store,
      labels: ['x', 'y'],
      clock,
      method: 'majority-vote',
    });
    expect(report).toMatchObject({ items: 4, votes: 9, annotators: 4, decided: 3 });
    const decisions = new Map((await store.listDecisions({})).map((d) => [d.itemId, d]));
    expect(decisions.get('a')).toMatchObject({
      label: 'x',
      decidedBy: 'aggregated',
      source: 'aggregate:majority-vote',
    });
    expect(decisions.get('b')?.label).toBe('y');
    expect(
      (decisions.get('a')?.probabilities?.x ?? 0) + (decisions.get('a')?.probabilities?.y ?? 0),
    ).toBeCloseTo(1, 12);
    expect(decisions.has('m')).toBe(false);
  });

  it('never overwrites a reviewer decision', async () => {
    const store = await seeded();
    await store.putDecisions([
      {
        itemId: 'a',
        label: 'y',
        confidence: 1,
        probabilities: null,
        decidedBy: 'reviewer',
        source: 'human:lead',
        voteIds: [],
        zone: null,
        updatedAt: 'x',
      },
    ]);
    const report = await aggregateVotes({
      store,
      labels: ['x', 'y'],
      clock,
      method: 'recommended',
    });
    expect(report.kept).toBe(1);
    expect((await store.listDecisions({ itemIds: ['a'] }))[0]).toMatchObject({
      label: 'y',
      decidedBy: 'reviewer',
    });
  });

  it('drops the votes of discounted people unless asked to keep them', async () => {
    const store = await seeded();
    // Person 3 fails controls and is discounted; two more of their votes would flip item c.
    await store.addVotes([vote('c', 'human:3', 'y'), vote('c', 'human:4', 'y')]);
    await store.people.createAnnotator(
      annotator('3', {
        state: 'suspended',
        controlsSeen: 10,
        controlsCorrect: 3,
        discounted: true,
      }),
      'h3',
    );
    const options = { store, labels: ['x', 'y'], clock, method: 'majority-vote' as const };
    const dropped = await aggregateVotes({ ...options, people: store.people });
    expect(dropped).toMatchObject({ votes: 8, dropped: { votes: 3, sources: ['human:3'] } });
    expect(dropped.skills.map((s) => s.annotator)).not.toContain('human:3');
    // c: x (1), y (2) and y (4), with 3 gone: tie, broken by the seed; a is x for sure.
    const decisions = new Map((await store.listDecisions({})).map((d) => [d.itemId, d]));
    expect(decisions.get('a')?.probabilities?.x).toBeCloseTo(1);
    const kept = await aggregateVotes({ ...options, people: store.people, keepDiscounted: true });
    expect(kept).toMatchObject({ votes: 11, dropped: { votes: 0, sources: [] } });
    expect((await store.listDecisions({ itemIds: ['a'] }))[0]?.probabilities?.x).toBeCloseTo(2 / 3);
    expect((await store.listDecisions({ itemIds: ['c'] }))[0]?.label).toBe('y');
  });
});
