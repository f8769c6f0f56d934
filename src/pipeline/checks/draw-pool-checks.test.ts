import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/index.js';
import { item, vote } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { drawPoolChecks, type DrawPoolChecksOptions } from './draw-pool-checks.js';

const SOURCE = 'llm:m#p';
const labels = ['ham', 'spam'];
const clock = { now: () => Date.parse('2026-12-07T12:00:00Z') };

/** 40 pool items: p00..p29 voted (half sure, half unsure), p30..p34 abstained, p35..p39 unvoted; 5 gold. */
async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const id = (i: number) => `p${String(i).padStart(2, '0')}`;
  await store.upsertItems([
    ...Array.from({ length: 40 }, (_, i) => item(id(i))),
    ...Array.from({ length: 5 }, (_, i) => item(`g${i}`, { role: 'gold', goldLabel: 'spam' })),
  ]);
  await store.addVotes([
    ...Array.from({ length: 30 }, (_, i) =>
      vote(id(i), SOURCE, {
        label: 'spam',
        probabilities: i < 15 ? { spam: 0.995, ham: 0.005 } : { spam: 0.6, ham: 0.4 },
      }),
    ),
    ...Array.from({ length: 5 }, (_, i) => vote(id(30 + i), SOURCE, { label: null })),
    ...Array.from({ length: 5 }, (_, i) => vote(`g${i}`, SOURCE)),
  ]);
  return store;
}

function options(store: Store, over: Partial<DrawPoolChecksOptions> = {}): DrawPoolChecksOptions {
  return {
    store,
    clock,
    source: SOURCE,
    labels,
    fields: ['text'],
    count: 8,
    design: 'uniform',
    seed: 1,
    ...over,
  };
}

describe('drawPoolChecks', () => {
  it('draws uniformly from pool items only, items without a machine label included', async () => {
    const store = await seeded();
    const report = await drawPoolChecks(options(store, { count: 40 }));
    expect(report).toMatchObject({
      draw: 1,
      added: 40,
      total: 40,
      poolItems: 40,
      withoutLabel: 10,
    });
    const checks = await store.listChecks();
    expect(checks.every((c) => c.itemId.startsWith('p'))).toBe(true);
    expect(checks.every((c) => c.stratum === 'all' && c.probability === 1)).toBe(true);
    expect(report.calibrated).toBe(false);
  });

  it('stratifies by predicted label × confidence band, with a stratum for items without a label', async () => {
    const store = await seeded();
    const report = await drawPoolChecks(options(store, { design: 'stratified', count: 9 }));
    const strata = Object.fromEntries(report.strata.map((s) => [s.stratum, s]));
    expect(Object.keys(strata).sort()).toEqual(['none@<0.5', 'spam@0.5-0.7', 'spam@>=0.99']);
    expect(strata['none@<0.5']?.size).toBe(10);
    expect(report.strata.reduce((n, s) => n + s.added, 0)).toBe(9);
    for (const check of await store.listChecks()) {
      const s = strata[check.stratum];
      expect(check.probability).toBeCloseTo((s?.drawn ?? 0) / (s?.size ?? 1), 12);
      expect(check.stratumSize).toBe(s?.size);
    }
    // Unsure strata get more checks per item than the sure one.
    const rate = (key: string) => (strata[key]?.drawn ?? 0) / (strata[key]?.size ?? 1);
    expect(rate('spam@0.5-0.7')).toBeGreaterThan(rate('spam@>=0.99'));
  });

  it('tops up: earlier checks stay, a second draw is numbered 2, probabilities are recomputed and stored', async () => {
    const store = await seeded();
    await drawPoolChecks(options(store, { count: 8 }));
    const first = (await store.listChecks()).map((c) => c.itemId);
    expect((await store.listChecks())[0]?.probability).toBeCloseTo(8 / 40, 12);
    const report = await drawPoolChecks(options(store, { count: 4, seed: 2 }));
    expect(report).toMatchObject({ draw: 2, added: 4, total: 12 });
    const after = await store.listChecks();
    expect(after.length).toBe(12);
    expect(first.every((id) => after.some((c) => c.itemId === id && c.draw === 1))).toBe(true);
    expect(after.filter((c) => c.draw === 2).length).toBe(4);
    expect(after.every((c) => Math.abs(c.probability - 12 / 40) < 1e-12)).toBe(true);
  });

  it('is reproducible from its seed', async () => {
    const a = await seeded();
    const b = await seeded();
    await drawPoolChecks(options(a, { seed: 7 }));
    await drawPoolChecks(options(b, { seed: 7 }));
    expect((await a.listChecks()).map((c) => c.itemId)).toEqual(
      (await b.listChecks()).map((c) => c.itemId),
    );
  });

  it('refuses a top-up in another design, writing nothing', async () => {
    const store = await seeded();
    await drawPoolChecks(options(store, { count: 3 }));
    await expect(drawPoolChecks(options(store, { design: 'stratified' }))).rejects.toThrow(
      /drawn uniform: top them up with --design uniform/,
    );
    expect((await store.listChecks()).length).toBe(3);
  });

  it('says what is missing when there is no pool or no vote from the source', async () => {
    const empty = new MemoryStore();
    await expect(drawPoolChecks(options(empty))).rejects.toThrow(/no pool items .*hilo import/);
    const unvoted = new MemoryStore();
    await unvoted.upsertItems([item('a')]);
    const error = await drawPoolChecks(options(unvoted)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HiloError);
    expect((error as HiloError).code).toBe('NOT_FOUND');
    expect((error as HiloError).message).toMatch(
      /no pool item has a vote from llm:m#p.*hilo label/,
    );
  });
});
