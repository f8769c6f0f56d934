import { HiloError } from '../errors.js';
import { symmetricInverse } from './symmetric-inverse.js';

/**
 * Covariance of centred Bradley–Terry log-strengths from the observed Fisher information
 * Iᵢᵢ = Σⱼ nᵢⱼ pᵢⱼ pⱼᵢ, Iᵢⱼ = −nᵢⱼ pᵢⱼ pⱼᵢ. The likelihood only sees differences, so I is
 * singular: system 0 is pinned (its row and column dropped), the rest inverted, and the result
 * centred, C Σ C with C = I − 11ᵀ/m; any generalised inverse gives the same centred covariance.
 * @example centredCovariance(Float64Array.of(0, 0), Float64Array.of(0, 4, 4, 0), 2); // [0.25, -0.25, -0.25, 0.25]
 * Complexity: O(m³).
 */
export function centredCovariance(
  scores: Float64Array,
  games: Float64Array,
  m: number,
): Float64Array {
  const k = m - 1;
  const info = new Float64Array(k * k);
  for (let i = 1; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (j === i) continue;
      const p = 1 / (1 + Math.exp((scores[j] as number) - (scores[i] as number)));
      const w = (games[i * m + j] as number) * p * (1 - p);
      info[(i - 1) * k + (i - 1)]! += w;
      if (j > 0) info[(i - 1) * k + (j - 1)]! -= w;
    }
  }
  let pinned: Float64Array;
  try {
    pinned = symmetricInverse(info, k);
  } catch (error) {
    throw new HiloError('INVALID_INPUT', 'the comparisons do not connect all systems', undefined, {
      cause: error,
    });
  }
  const sigma = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let j = 1; j < m; j++) sigma[i * m + j] = pinned[(i - 1) * k + (j - 1)] as number;
  }
  const rowMean = new Float64Array(m);
  let grandMean = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) rowMean[i]! += (sigma[i * m + j] as number) / m;
    grandMean += (rowMean[i] as number) / m;
  }
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      out[i * m + j] =
        (sigma[i * m + j] as number) - (rowMean[i] as number) - (rowMean[j] as number) + grandMean;
    }
  }
  return out;
}
