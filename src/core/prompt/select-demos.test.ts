import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import type { Item } from '../types.js';
import { selectDemos } from './select-demos.js';

function gold(id: string, label: string | null): Item {
  return { id, fields: { text: id }, role: 'gold', batch: null, goldLabel: label };
}

const pool: Item[] = [
  ...Array.from({ length: 10 }, (_, i) => gold(`ham-${i}`, 'ham')),
  ...Array.from({ length: 3 }, (_, i) => gold(`spam-${i}`, 'spam')),
  gold('unlabelled', null),
  gold('other-label', 'eggs'),
];

describe('selectDemos', () => {
  it('balances labels by alternating them', () => {
    const demos = selectDemos({ gold: pool, k: 4, labels: ['ham', 'spam'], rng: createRng(1) });
    const labels = demos.map((d) => d.goldLabel);
    expect(labels.filter((l) => l === 'ham')).toHaveLength(2);
    expect(labels.filter((l) => l === 'spam')).toHaveLength(2);
    expect(labels[0]).not.toBe(labels[1]);
    expect(labels[2]).not.toBe(labels[3]);
  });

  it('fills up from the larger label when a label runs out, and ignores unusable items', () => {
    const demos = selectDemos({ gold: pool, k: 8, labels: ['ham', 'spam'], rng: createRng(2) });
    expect(demos.filter((d) => d.goldLabel === 'spam')).toHaveLength(3);
    expect(demos.filter((d) => d.goldLabel === 'ham')).toHaveLength(5);
    expect(demos.map((d) => d.id)).not.toContain('unlabelled');
    expect(demos.map((d) => d.id)).not.toContain('other-label');
    const all = selectDemos({ gold: pool, k: 100, labels: ['ham', 'spam'], rng: createRng(2) });
    expect(all).toHaveLength(13);
    expect(new Set(all.map((d) => d.id)).size).toBe(13);
  });

  it('is reproducible from the seed and varies with it', () => {
    const pick = (seed: number): string[] =>
      selectDemos({ gold: pool, k: 4, labels: ['ham', 'spam'], rng: createRng(seed) }).map(
        (d) => d.id,
      );
    expect(pick(5)).toEqual(pick(5));
    const seen = new Set(Array.from({ length: 10 }, (_, seed) => pick(seed).join(',')));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('never returns the item being labelled', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 12 }), fc.nat(20), (seed, which, k) => {
        const excludeId = (pool[which] as Item).id;
        const demos = selectDemos({
          gold: pool,
          k,
          labels: ['ham', 'spam'],
          rng: createRng(seed),
          excludeId,
        });
        expect(demos.map((d) => d.id)).not.toContain(excludeId);
        expect(demos.length).toBe(Math.min(k, 12));
      }),
    );
  });

  it('with fewer demos than labels, leaves out different labels for different seeds', () => {
    const labels = ['a', 'b', 'c', 'd'];
    const items = labels.flatMap((l) => [gold(`${l}1`, l), gold(`${l}2`, l)]);
    const firsts = new Set<string | null>();
    for (let seed = 0; seed < 20; seed++) {
      const demos = selectDemos({ gold: items, k: 2, labels, rng: createRng(seed) });
      expect(new Set(demos.map((d) => d.goldLabel)).size).toBe(2);
      firsts.add(demos[0]?.goldLabel ?? null);
    }
    expect(firsts.size).toBeGreaterThan(2);
  });
});
