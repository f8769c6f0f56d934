import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import type { NewVote } from '../../core/types.js';
import { decision, item, vote } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { rankSystems } from './rank-systems.js';

const pairwise = { systemA: 'model_a', systemB: 'model_b' };

describe('rankSystems', () => {
  // Known log-strengths (they sum to 0); 150 comparisons per pair, sides at random.
  const strengths: Record<string, number> = { s1: 1.1, s2: 0.6, s3: 0, s4: -0.5, s5: -1.2 };

  async function known(): Promise<MemoryStore> {
    const rng = createRng(11);
    const names = Object.keys(strengths);
    const store = new MemoryStore();
    const items = [];
    const votes: NewVote[] = [];
    let n = 0;
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        for (let g = 0; g < 150; g++) {
          const [x, y] = rng.next() < 0.5 ? [names[i], names[j]] : [names[j], names[i]];
          const p =
            1 / (1 + Math.exp((strengths[y as string] ?? 0) - (strengths[x as string] ?? 0)));
          const id = `c${n++}`;
          items.push(item(id, { fields: { model_a: x, model_b: y } }));
          votes.push(
            vote(id, 'human:1', { label: rng.next() < p ? 'a' : 'b', probabilities: null }),
          );
        }
      }
    }
    await store.upsertItems(items);
    await store.addVotes(votes);
    return store;
  }

  it('ranks systems of known strength in order, with intervals that cover them', async () => {
    const report = await rankSystems({
      store: await known(),
      kind: 'pairwise',
      pairwise,
      from: 'votes',
      prior: 0,
    });
    expect(report).toMatchObject({ comparisons: 1500, skipped: 0, converged: true });
    expect(report.systems.map((s) => s.system)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    for (const s of report.systems) {
      const truth = strengths[s.system] as number;
      expect(s.lower).toBeLessThan(truth);
      expect(s.upper).toBeGreaterThan(truth);
      expect(s.standardError).toBeGreaterThan(0.05);
      expect(s.standardError).toBeLessThan(0.2);
      expect(s.wins + s.losses + s.ties).toBe(600);
    }
  });

  it('ranks from decisions by default, a tie half a win to each side', async () => {
    const store = new MemoryStore();
    await store.upsertItems([
      item('1', { fields: { model_a: 'x', model_b: 'y' } }),
      item('2', { fields: { model_a: 'y', model_b: 'x' } }),
      item('3', { fields: { model_a: 'x', model_b: 'y' } }),
      item('4', { fields: { model_a: 'x', model_b: 'x' } }),
    ]);
    await store.putDecisions([
      decision('1', { label: 'a' }),
      decision('2', { label: 'tie' }),
      decision('3', { label: 'b' }),
      decision('4', { label: 'a' }),
    ]);
    const report = await rankSystems({ store, kind: 'pairwise', pairwise });
    expect(report).toMatchObject({ from: 'decisions', comparisons: 3, skipped: 1, prior: 1 });
    // x won 1, lost 1, tied 1 against y: level, so equal scores.
    expect(report.systems[0]).toMatchObject({ wins: 1, losses: 1, ties: 1 });
    expect(report.systems[0]?.score).toBeCloseTo(0, 9);
  });

  it('says what is missing when it cannot rank', async () => {
    const store = new MemoryStore();
    await expect(
      rankSystems({ store, kind: 'pairwise', pairwise: { systemA: null, systemB: 'b_model' } }),
    ).rejects.toThrow(/needs pairwise.systemA and pairwise.systemB in hilo.yaml/);
    await expect(rankSystems({ store, kind: 'rating', pairwise })).rejects.toThrow(
      'a ranking of systems needs kind: pairwise; this project is kind rating',
    );
    await expect(rankSystems({ store, kind: 'pairwise', pairwise })).rejects.toThrow(
      /fewer than 2 systems were compared in the decisions \(fields model_a, model_b\)/,
    );
  });
});
