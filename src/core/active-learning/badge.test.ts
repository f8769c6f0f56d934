import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../rng.js';
import { badge } from './badge.js';
import { pickCenters } from './pick-centers.js';
import type { PoolEmbeddings, PoolPredictions } from './pool-data.js';
import { topScored } from './top-scored.js';
import { marginScores } from './uncertainty-scores.js';

/** Items in three far-apart clusters of a 2-d feature space, all at distance 10 from 0. */
function clusters(perCluster: number, rng: Rng): { embeddings: PoolEmbeddings; cluster: number[] } {
  const centers = [
    [10, 0],
    [0, 10],
    [-Math.SQRT1_2 * 10, -Math.SQRT1_2 * 10],
  ];
  const values: number[] = [];
  const cluster: number[] = [];
  centers.forEach(([cx, cy], c) => {
    for (let i = 0; i < perCluster; i++) {
      values.push((cx as number) + 0.1 * rng.normal(), (cy as number) + 0.1 * rng.normal());
      cluster.push(c);
    }
  });
  return { embeddings: { values: Float64Array.from(values), dimension: 2 }, cluster };
}

describe('badge', () => {
  // Every item is equally unsure between two labels, but the first cluster slightly more so:
  // a top-k uncertainty rule spends the whole batch there, BADGE spreads it.
  const rng = createRng(5);
  const { embeddings, cluster } = clusters(20, rng);
  const probabilities = Float64Array.from(
    cluster.flatMap((c) => (c === 0 ? [0.52, 0.48] : [0.55, 0.45])),
  );
  const predictions: PoolPredictions = { probabilities, classCount: 2 };

  it('picks a batch from every cluster where margin picks from one', () => {
    const byMargin = topScored(marginScores(predictions), 3, createRng(1));
    expect(new Set(Array.from(byMargin, (i) => cluster[i])).size).toBe(1);
    for (let seed = 1; seed <= 10; seed++) {
      const picks = badge({ predictions, embeddings, count: 3, rng: createRng(seed) });
      expect(new Set(Array.from(picks, (i) => cluster[i])).size).toBe(3);
    }
  });

  it('starts with the longest gradient and never picks an excluded item', () => {
    const excluded = new Uint8Array(cluster.length);
    excluded[0] = 1;
    const picks = badge({ predictions, embeddings, count: 10, rng: createRng(2), excluded });
    expect(cluster[picks[0] as number]).toBe(0); // the most uncertain cluster has the longest gradients
    expect(Array.from(picks)).not.toContain(0);
    expect(new Set(picks).size).toBe(10);
  });

  it('is the same for the same seed', () => {
    const a = badge({ predictions, embeddings, count: 8, rng: createRng(9) });
    expect(Array.from(badge({ predictions, embeddings, count: 8, rng: createRng(9) }))).toEqual(
      Array.from(a),
    );
  });

  it('equals k-means++ over explicitly built gradient embeddings (p − onehot(ŷ)) ⊗ x', () => {
    const r = createRng(3);
    const n = 40;
    const K = 3;
    const d = 4;
    const p = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      const raw = [r.next() ** 3, r.next() ** 3, r.next() ** 3];
      const sum = raw.reduce((a, b) => a + b, 0);
      raw.forEach((v, k) => (p[i * K + k] = v / sum));
    }
    const x = Float64Array.from({ length: n * d }, () => r.normal());
    const g: number[][] = [];
    for (let i = 0; i < n; i++) {
      const row = Array.from(p.subarray(i * K, i * K + K));
      const guess = row.indexOf(Math.max(...row));
      const a = row.map((v, k) => v - (k === guess ? 1 : 0));
      g.push(a.flatMap((ak) => Array.from(x.subarray(i * d, i * d + d), (xj) => ak * xj)));
    }
    const norms = g.map((row) => row.reduce((s, v) => s + v * v, 0));
    const reference = pickCenters({
      size: n,
      count: 12,
      rule: 'k-means++',
      rng: createRng(4),
      first: norms.indexOf(Math.max(...norms)),
      updateDistances: (c, out) => {
        for (let i = 0; i < n; i++) {
          const dist = (g[i] as number[]).reduce(
            (s, v, j) => s + (v - (g[c] as number[])[j]!) ** 2,
            0,
          );
          if (dist < (out[i] as number)) out[i] = dist;
        }
      },
    }).picks;
    const picks = badge({
      predictions: { probabilities: p, classCount: K },
      embeddings: { values: x, dimension: d },
      count: 12,
      rng: createRng(4),
    });
    expect(Array.from(picks)).toEqual(Array.from(reference));
  });
});
