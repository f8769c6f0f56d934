import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { projectSparseRows, type SparseRow } from './project-sparse-rows.js';

function randomRows(count: number, seed: number): SparseRow[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const columns = new Set<number>();
    while (columns.size < 150) columns.add(rng.int(1 << 18));
    const indices = Int32Array.from([...columns].sort((a, b) => a - b));
    const values = Float64Array.from(indices, () => rng.next());
    const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0));
    return { indices, values: values.map((v) => v / norm) };
  });
}

function sparseDot(a: SparseRow, b: SparseRow): number {
  const at = new Map(Array.from(a.indices, (c, t) => [c, a.values[t]!]));
  let s = 0;
  b.indices.forEach((c, t) => (s += (at.get(c) ?? 0) * b.values[t]!));
  return s;
}

describe('projectSparseRows', () => {
  it('keeps cosine similarities of sparse rows to within the Johnson–Lindenstrauss error', () => {
    const rows = randomRows(20, 1);
    // Make pairs that share half their columns, so similarities are not all near 0.
    for (let i = 1; i < rows.length; i += 2) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      b.indices.set(a.indices.subarray(0, 75));
      const order = Array.from(b.indices.keys()).sort((x, y) => b.indices[x]! - b.indices[y]!);
      rows[i] = {
        indices: Int32Array.from(order, (t) => b.indices[t]!),
        values: Float64Array.from(order, (t) => b.values[t]!),
      };
    }
    const { values, dimension } = projectSparseRows(rows, { dimension: 512, seed: 7 });
    let worst = 0;
    let total = 0;
    let pairs = 0;
    for (let i = 0; i < rows.length; i++) {
      for (let j = 0; j < i; j++) {
        let dot = 0;
        for (let k = 0; k < dimension; k++)
          dot += values[i * dimension + k]! * values[j * dimension + k]!;
        const exact =
          sparseDot(rows[i]!, rows[j]!) /
          Math.sqrt(sparseDot(rows[i]!, rows[i]!) * sparseDot(rows[j]!, rows[j]!));
        worst = Math.max(worst, Math.abs(dot - exact));
        total += Math.abs(dot - exact);
        pairs++;
      }
    }
    // One pair's error has sd ≈ √(2/512) ≈ 0.06.
    expect(total / pairs).toBeLessThan(0.06);
    expect(worst).toBeLessThan(0.25);
  });

  it('gives unit rows, the same for the same seed and different for another', () => {
    const rows = randomRows(3, 2);
    const a = projectSparseRows(rows, { dimension: 64, seed: 1 }).values;
    const norm = Math.sqrt(a.subarray(0, 64).reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 12);
    expect(projectSparseRows(rows, { dimension: 64, seed: 1 }).values).toEqual(a);
    expect(projectSparseRows(rows, { dimension: 64, seed: 2 }).values).not.toEqual(a);
  });
});
