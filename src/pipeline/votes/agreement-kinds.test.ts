import { describe, expect, it } from 'vitest';
import type { NewVote } from '../../core/types.js';
import { item, vote } from '../../testing/builders/index.js';
import { labelRun } from '../../testing/builders/run-builders.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { agreementTable } from './agreement-report.js';
import type { TaskShape } from '../../core/task-kind/index.js';

async function table(votes: readonly NewVote[], shape: TaskShape, includeMachines = false) {
  const store = new MemoryStore();
  const ids = [...new Set(votes.map((v) => v.itemId))];
  await store.upsertItems(ids.map((id) => item(id, { fields: {} })));
  await store.addVotes(votes);
  return agreementTable({
    store,
    labels: shape.labels,
    shape,
    samples: 0,
    includeMachines,
    minPairItems: 1,
  });
}

const said = (itemId: string, who: string, label: string): NewVote =>
  vote(itemId, `human:${who}`, { label, probabilities: null });

describe('agreementTable, multi-label', () => {
  const shape: TaskShape = {
    kind: 'multilabel',
    labels: ['toxic', 'obscene', 'insult'],
    measure: 'exact',
    minLabels: 0,
    maxLabels: 3,
  };

  it('compares whole sets, and gives α with MASI and per label', async () => {
    const votes = [
      said('1', 'p', 'toxic|insult'),
      said('1', 'q', 'toxic|insult'),
      said('2', 'p', ''),
      said('2', 'q', ''),
      said('3', 'p', 'obscene'),
      said('3', 'q', 'obscene'),
    ];
    const perfect = await table(votes, shape);
    expect(perfect.percentAgreement.estimate).toBe(1);
    expect(perfect.kind).toMatchObject({ kind: 'multilabel', masiAlpha: 1 });
    if (perfect.kind?.kind !== 'multilabel') throw new Error('multi-label figures expected');
    expect(perfect.kind.perLabel.map((l) => l.alpha)).toEqual([1, 1, 1]);
    expect(perfect.kind.perLabel[0]?.prevalence).toBeCloseTo(2 / 6, 12);

    // q drops insult on item 1: the sets overlap, so MASI α stays above the exact-set one.
    const partial = await table(
      [...votes.slice(0, 1), said('1', 'q', 'toxic'), ...votes.slice(2)],
      shape,
    );
    if (partial.kind?.kind !== 'multilabel') throw new Error('multi-label figures expected');
    expect(partial.kind.masiAlpha).toBeLessThan(1);
    expect(partial.kind.masiAlpha).toBeGreaterThan(partial.krippendorffAlpha.estimate);
    expect(partial.kind.perLabel.map((l) => l.alpha)).toEqual([1, 1, expect.any(Number)]);
    expect(partial.kind.perLabel[2]?.alpha).toBeLessThan(1);
  });
});

describe('agreementTable, rating', () => {
  const shape: TaskShape = {
    kind: 'rating',
    labels: ['1', '2', '3', '4', '5'],
    measure: 'exact',
    withinK: 1,
  };

  it("reproduces Krippendorff's (2011) ordinal and interval α", async () => {
    const _ = null;
    const coders = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    const votes = coders.flatMap((row, c) =>
      row.flatMap((value, u) => (value === null ? [] : [said(`u${u}`, `c${c}`, String(value))])),
    );
    const result = await table(votes, shape);
    expect(result.kind).toMatchObject({
      kind: 'rating',
      alphaOrdinal: expect.closeTo(0.8153875037548813, 9),
      alphaInterval: expect.closeTo(0.8491071428571428, 9),
    });
  });

  it('gives each pair of raters its quadratic-weighted κ and mean |difference|', async () => {
    // numpy: quadratic κ 0.8444444444444444, mean |a − b| 0.5 (see rating-agreement.test.ts).
    const a = [0, 1, 2, 3, 4, 2, 1, 0, 3, 4, 2, 2, 1, 3];
    const b = [0, 2, 2, 3, 3, 1, 1, 1, 4, 4, 2, 3, 0, 3];
    const votes = a.flatMap((x, i) => [
      said(`i${i}`, 'a', String(x + 1)),
      said(`i${i}`, 'b', String((b[i] as number) + 1)),
    ]);
    const result = await table(votes, shape);
    if (result.kind?.kind !== 'rating') throw new Error('rating figures expected');
    expect(result.kind.meanAbsDifference).toBeCloseTo(0.5, 12);
    expect(result.kind.pairs).toEqual([
      {
        a: 'human:a',
        b: 'human:b',
        items: 14,
        kappa: expect.closeTo(0.8444444444444444, 12),
        meanAbsDifference: expect.closeTo(0.5, 12),
      },
    ]);
  });
});

describe('agreementTable, pairwise', () => {
  const shape: TaskShape = { kind: 'pairwise', labels: ['a', 'b', 'tie'] };

  it("measures each judge against people's plurality, with its ties and first-position share", async () => {
    const people: [string, string, string][] = [
      ['1', 'a', 'a'],
      ['2', 'b', 'b'],
      ['3', 'tie', 'tie'],
      ['4', 'a', 'a'],
      ['5', 'a', 'b'], // no plurality: left out
    ];
    const judge = { '1': 'a', '2': 'a', '3': 'tie', '4': 'a', '5': 'a' } as Record<string, string>;
    const votes = [
      ...people.flatMap(([id, x, y]) => [said(id, 'p', x), said(id, 'q', y)]),
      ...Object.entries(judge).map(([id, label]) =>
        vote(id, 'llm:judge#1', { label, probabilities: { [label]: 1 } }),
      ),
    ];
    const result = await table(votes, shape);
    // People-only raters for the nominal table; the judge is still measured.
    expect(result.raters).toBe(2);
    if (result.kind?.kind !== 'pairwise') throw new Error('pairwise figures expected');
    expect(result.kind).toMatchObject({ peopleItems: 5, pluralityItems: 4 });
    expect(result.kind.people).toMatchObject({
      verdicts: 10,
      tieShare: 0.2,
      firstShare: expect.closeTo(5 / 8, 12),
    });
    const [row] = result.kind.judges;
    // Judge vs plurality on 1–4: a=a, a≠b, tie=tie, a=a → 3/4; no-tie pairs 1, 2, 4 → 2/3.
    expect(row).toMatchObject({
      judge: 'llm:judge#1',
      items: 4,
      agreement: 0.75,
      decisiveItems: 3,
      decisiveAgreement: expect.closeTo(2 / 3, 12),
      verdicts: 5,
      tieShare: 0.2,
      firstShare: 1,
    });
    expect(row?.kappa).toBeGreaterThan(0);
    expect(row?.swapped).toBeNull();
  });

  it("shows what a judge's label run measured asking it in both orders", async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('1', { fields: {} })]);
    await store.addVotes([
      said('1', 'p', 'a'),
      vote('1', 'llm:judge#1', { label: 'a', probabilities: { a: 1 } }),
    ]);
    const measured = { items: 40, flipRate: 0.25, firstPositionWinRate: 0.7, positionShift: 0.1 };
    const run = labelRun('label-1', 'llm:judge#1');
    await store.createRun({
      ...run,
      config: { ...run.config, positionBias: measured } as typeof run.config,
    });
    const result = await agreementTable({ store, labels: shape.labels, shape, samples: 0 });
    if (result.kind?.kind !== 'pairwise') throw new Error('pairwise figures expected');
    expect(result.kind.judges[0]?.swapped).toEqual(measured);
  });
});
