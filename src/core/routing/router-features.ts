export interface RouterFeatureInput {
  /** n×K calibrated probabilities, row-major. */
  readonly probabilities: Float64Array;
  readonly K: number;
  /** Per item, share of samples or prompts that disagreed with the top label (0..1). */
  readonly disagreement?: ArrayLike<number>;
  /** Per item, length of the item's text in characters. */
  readonly textLength?: ArrayLike<number>;
}

/** A dense n×d feature matrix, row-major, with a name per column. */
export interface RouterFeatures {
  readonly matrix: Float64Array;
  readonly d: number;
  readonly names: readonly string[];
}

/**
 * Features for the "is the machine wrong?" router: calibrated confidence, margin between the
 * two most probable labels, entropy (divided by ln K, so 0..1), sample disagreement and
 * ln(1 + text length) when given, and the predicted label one-hot (some labels are harder).
 * @example routerFeatures({ probabilities, K: 3 }).names // ['confidence', 'margin', 'entropy', 'predicted=0', 'predicted=1', 'predicted=2']
 * Complexity: O(nK + nd).
 */
export function routerFeatures(input: RouterFeatureInput): RouterFeatures {
  const { probabilities, K, disagreement, textLength } = input;
  const n = Math.floor(probabilities.length / K);
  const names = ['confidence', 'margin', 'entropy'];
  if (disagreement) names.push('disagreement');
  if (textLength) names.push('log_text_length');
  const oneHotStart = names.length;
  for (let k = 0; k < K; k++) names.push(`predicted=${k}`);
  const d = names.length;
  const matrix = new Float64Array(n * d);
  const logK = K > 1 ? Math.log(K) : 1;
  for (let i = 0; i < n; i++) {
    let top = 0;
    let first = -Infinity;
    let second = 0;
    let entropy = 0;
    for (let k = 0; k < K; k++) {
      const p = probabilities[i * K + k] as number;
      if (p > first) {
        second = Math.max(0, first);
        first = p;
        top = k;
      } else if (p > second) second = p;
      if (p > 0) entropy -= p * Math.log(p);
    }
    const row = i * d;
    let col = 0;
    matrix[row + col++] = first;
    matrix[row + col++] = first - second;
    matrix[row + col++] = entropy / logK;
    if (disagreement) matrix[row + col++] = disagreement[i] as number;
    if (textLength) matrix[row + col++] = Math.log1p(Math.max(0, textLength[i] as number));
    matrix[row + oneHotStart + top] = 1;
  }
  return { matrix, d, names };
}
