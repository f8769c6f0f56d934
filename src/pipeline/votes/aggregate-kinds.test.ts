import { describe, expect, it } from 'vitest';
import { answerScore, type TaskShape } from '../../core/task-kind/index.js';
import type { AggregationMethod } from '../../core/aggregation/aggregation-types.js';
import { item, multilabelCrowd, ratingCrowd, vote } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import type { SyntheticCrowd } from '../../testing/builders/index.js';
import { aggregateVotes } from './aggregate-votes.js';
import type { AggregateDecide } from './aggregate-votes-types.js';

const clock = { now: () => Date.UTC(2026, 11, 7) };

async function storeOf(crowd: SyntheticCrowd): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.upsertItems(
    [...crowd.truth].map(([id, label]) => item(id, { role: 'test', goldLabel: label, fields: {} })),
  );
  await store.addVotes(crowd.votes);
  return store;
}

async function run(
  store: MemoryStore,
  shape: TaskShape,
  method: AggregationMethod,
  decide?: AggregateDecide,
) {
  return aggregateVotes({
    store,
    labels: shape.labels,
    clock,
    method,
    shape,
    ...(decide ? { decide } : {}),
  });
}

const EMOTIONS = ['anger', 'joy', 'fear', 'love'];
const multilabel: TaskShape = {
  kind: 'multilabel',
  labels: EMOTIONS,
  measure: 'exact',
  minLabels: 0,
  maxLabels: 4,
};

describe('aggregateVotes, multi-label', () => {
  // Two careful people and three who answer each label's question right 55% of the time.
  const crowd = multilabelCrowd({
    labels: EMOTIONS,
    items: 150,
    people: { good1: 0.95, good2: 0.93, bad1: 0.55, bad2: 0.55, bad3: 0.55 },
    seed: 7,
  });

  it('Dawid-Skene on each yes/no question recovers more sets than majority vote', async () => {
    const majority = await run(await storeOf(crowd), multilabel, 'majority-vote');
    const ds = await run(await storeOf(crowd), multilabel, 'recommended');
    expect(ds).toMatchObject({ kind: 'multilabel', measure: 'exact-set accuracy', decided: 150 });
    const mv = (majority.testAccuracy?.correct ?? 0) / 150;
    const dsAccuracy = (ds.testAccuracy?.correct ?? 0) / 150;
    expect(dsAccuracy).toBeGreaterThan(mv + 0.15);
    expect(dsAccuracy).toBeGreaterThan(0.8);
    const skill = new Map(ds.skills.map((s) => [s.annotator, s.ability]));
    expect(skill.get('human:good1')).toBeGreaterThan((skill.get('human:bad1') ?? 1) + 0.2);
  });

  it('stores the set code, one yes-probability per label and the exact-set confidence', async () => {
    const store = await storeOf(crowd);
    await run(store, multilabel, 'recommended');
    const decisions = await store.listDecisions({});
    let right = 0;
    for (const d of decisions) {
      const p = d.probabilities ?? {};
      expect(Object.keys(p)).toEqual(EMOTIONS);
      // The exact-set probability of the decided set under independent labels.
      const chosen = new Set(d.label?.split('|').filter((l) => l !== ''));
      const expected = EMOTIONS.reduce(
        (acc, l) => acc * (chosen.has(l) ? (p[l] ?? 0) : 1 - (p[l] ?? 0)),
        1,
      );
      expect(d.confidence).toBeCloseTo(expected, 9);
      right += answerScore(multilabel, d.label ?? '', crowd.truth.get(d.itemId) ?? '');
    }
    expect(right / decisions.length).toBeGreaterThan(0.8);
  });

  it('keeps the decided sets within maxLabels and scores per label when asked', async () => {
    const store = await storeOf(crowd);
    const report = await run(
      store,
      { ...multilabel, maxLabels: 1, measure: 'per-label' },
      'recommended',
    );
    expect(report.measure).toBe('per-label accuracy');
    for (const d of await store.listDecisions({}))
      expect((d.label ?? '').split('|').filter((l) => l !== '').length).toBeLessThanOrEqual(1);
  });

  it('counts a machine labeller as one more annotator with its per-label probabilities', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('c1', { fields: {} }), item('c2', { fields: {} })]);
    await store.addVotes([
      vote('c1', 'human:1', { label: 'anger|fear', probabilities: null }),
      vote('c1', 'human:2', { label: 'anger', probabilities: null }),
      vote('c1', 'llm:m#1', {
        label: 'anger|fear',
        probabilities: { anger: 0.9, joy: 0.05, fear: 0.8, love: 0.1 },
      }),
      vote('c2', 'human:1', { label: '', probabilities: null }),
    ]);
    const report = await run(store, multilabel, 'majority-vote');
    expect(report).toMatchObject({ annotators: 3, votes: 4, decided: 2 });
    const [c1, c2] = await store.listDecisions({ itemIds: ['c1', 'c2'] });
    expect(c1?.label).toBe('anger|fear');
    // fear: yes from person 1 and 0.8 from the machine, no from person 2 → (1 + 0.8) / 3.
    expect(c1?.probabilities?.fear).toBeCloseTo(1.8 / 3, 9);
    expect(c2?.label).toBe('');
  });

  it('names the vote whose set holds a label outside the project', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('c1', { fields: {} })]);
    await store.addVotes([vote('c1', 'human:1', { label: 'anger|rage', probabilities: null })]);
    await expect(run(store, multilabel, 'recommended')).rejects.toThrow(
      /vote \d+ of human:1 on item c1: "rage" is not one of the labels/,
    );
  });
});

describe('aggregateVotes, pairwise', () => {
  const pairwise: TaskShape = { kind: 'pairwise', labels: ['a', 'b', 'tie'] };

  it('runs Dawid-Skene over a, b and tie with a machine judge as one more annotator', async () => {
    const store = new MemoryStore();
    const ids = Array.from({ length: 30 }, (_, i) => `p${i}`);
    await store.upsertItems(ids.map((id) => item(id, { fields: {} })));
    const truth = (i: number): string => ['a', 'b', 'tie'][i % 3] as string;
    await store.addVotes(
      ids.flatMap((id, i) => [
        vote(id, 'human:1', { label: truth(i), probabilities: null }),
        vote(id, 'human:2', { label: i % 5 === 0 ? 'a' : truth(i), probabilities: null }),
        vote(id, 'llm:judge#1', {
          label: truth(i),
          probabilities: { a: 0.1, b: 0.1, tie: 0.1, [truth(i)]: 0.8 },
        }),
      ]),
    );
    const report = await run(store, pairwise, 'recommended');
    expect(report).toMatchObject({ kind: 'pairwise', annotators: 3, decided: 30 });
    expect(report.skills.map((s) => s.annotator)).toContain('llm:judge#1');
    const decisions = await store.listDecisions({});
    expect(decisions.every((d) => d.label === truth(Number(d.itemId.slice(1))))).toBe(true);
    for (const d of decisions) {
      const p = d.probabilities ?? {};
      expect((p.a ?? 0) + (p.b ?? 0) + (p.tie ?? 0)).toBeCloseTo(1, 9);
    }
  });
});

describe('aggregateVotes, rating', () => {
  const scale = ['1', '2', '3', '4', '5'];
  const rating: TaskShape = { kind: 'rating', labels: scale, measure: 'exact', withinK: 1 };

  it('takes the posterior median, which respects the order where the mode does not', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('q', { fields: {} })]);
    await store.addVotes(
      ['1', '1', '3', '4', '5'].map((label, r) =>
        vote('q', `human:${r}`, { label, probabilities: null }),
      ),
    );
    const median = await run(store, rating, 'majority-vote');
    expect(median.decide).toBe('median');
    // Vote shares 0.4, 0, 0.2, 0.2, 0.2: the mode is 1, the median (cumulative 0.6 at 3) is 3.
    expect((await store.listDecisions({}))[0]).toMatchObject({
      label: '3',
      confidence: expect.closeTo(0.2, 12),
      source: 'aggregate:majority-vote:median',
    });
    await run(store, rating, 'majority-vote', 'mode');
    expect((await store.listDecisions({}))[0]?.label).toBe('1');
    await run(store, { ...rating, measure: 'within-k' }, 'majority-vote');
    // Within ±1 of 3: levels 2, 3, 4 hold 0 + 0.2 + 0.2.
    expect((await store.listDecisions({}))[0]?.confidence).toBeCloseTo(0.4, 12);
  });

  it('has a lower MAE than the mode on noisy raters, and reports it', async () => {
    const crowd = ratingCrowd({
      levels: 5,
      items: 200,
      people: {
        a: { noise: 0.5, spread: 2 },
        b: { noise: 0.5, spread: 2 },
        c: { noise: 0.6, spread: 2 },
        d: { noise: 0.3, spread: 1 },
      },
      seed: 3,
    });
    const median = await run(await storeOf(crowd), rating, 'recommended');
    const mode = await run(await storeOf(crowd), rating, 'recommended', 'mode');
    expect(median.testErrors?.count).toBe(200);
    expect(median.testErrors?.mae).toBeLessThanOrEqual(mode.testErrors?.mae ?? 0);
    expect(median.testErrors?.mae).toBeLessThan(0.3);
    // Vote shares are flat enough for the two to part: the median's error is clearly lower.
    const sharesMedian = await run(await storeOf(crowd), rating, 'majority-vote');
    const sharesMode = await run(await storeOf(crowd), rating, 'majority-vote', 'mode');
    expect(sharesMedian.testErrors?.mae).toBeLessThan((sharesMode.testErrors?.mae ?? 0) - 0.05);
  });

  it('refuses the posterior median for a kind without an order', async () => {
    const store = new MemoryStore();
    await expect(
      run(store, { kind: 'classify', labels: ['x', 'y'] }, 'recommended', 'median'),
    ).rejects.toThrow(
      'the posterior median orders the levels of a rating scale; this project is kind classify',
    );
  });
});
