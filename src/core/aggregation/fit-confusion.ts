/**
 * M-step of the full Dawid-Skene model, as a MAP estimate under a Dirichlet prior per row of
 * each annotator's confusion matrix:
 *
 *   π_a[k, l] = (n_a[k, l] + s + m · π̄[k, l]) / (n_a[k] + K·s + m)
 *
 * where n are expected counts, `s` (smoothing) adds a flat pseudo-count to every cell and `m`
 * (shrinkage) adds m pseudo-votes shaped like the pooled confusion matrix π̄ of all annotators.
 * Shrinkage is what keeps an annotator with five votes from getting a confident, wrong matrix:
 * they start from the crowd's average behaviour and move away only as their votes accumulate.
 * Rows with no mass at all become uniform.
 * @example const fit = fitFullConfusion(3, 0.01, 2); fit(counts, conf);
 * Complexity: O(annotators × K²) per call.
 */
export function fitFullConfusion(
  K: number,
  smoothing: number,
  shrinkage: number,
): (counts: Float64Array, conf: Float64Array) => void {
  return (counts, conf) => {
    const A = counts.length / (K * K);
    const pooled = shrinkage > 0 ? pooledConfusion(counts, K, smoothing) : null;
    const totals = new Float64Array(K);
    for (let a = 0; a < A; a++) {
      const base = a * K * K;
      totals.fill(0);
      for (let l = 0; l < K; l++) {
        for (let k = 0; k < K; k++) totals[k]! += counts[base + l * K + k] as number;
      }
      for (let k = 0; k < K; k++) {
        const denominator = (totals[k] as number) + K * smoothing + shrinkage;
        for (let l = 0; l < K; l++) {
          const cell = base + l * K + k;
          const prior = pooled ? shrinkage * (pooled[l * K + k] as number) : 0;
          conf[cell] =
            denominator > 0 ? ((counts[cell] as number) + smoothing + prior) / denominator : 1 / K;
        }
      }
    }
  };
}

/**
 * The confusion matrix of all annotators together (given-major, K × K), smoothed.
 * O(annotators × K²).
 */
export function pooledConfusion(counts: Float64Array, K: number, smoothing: number): Float64Array {
  const pooled = new Float64Array(K * K);
  const A = counts.length / (K * K);
  for (let a = 0; a < A; a++) {
    for (let c = 0; c < K * K; c++) pooled[c]! += counts[a * K * K + c] as number;
  }
  const eps = Math.max(smoothing, 1e-9);
  for (let k = 0; k < K; k++) {
    let total = 0;
    for (let l = 0; l < K; l++) total += (pooled[l * K + k] as number) + eps;
    for (let l = 0; l < K; l++) pooled[l * K + k] = ((pooled[l * K + k] as number) + eps) / total;
  }
  return pooled;
}
