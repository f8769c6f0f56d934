import { logGamma } from '../routing/incomplete-beta.js';

/**
 * A test statistic with its p-value.
 * @example const { statistic, pValue } = kolmogorovSmirnov(a, b)
 */
export interface TestResult {
  readonly statistic: number;
  readonly pValue: number;
}

/**
 * P(K > λ) for the Kolmogorov distribution: 2 Σ (−1)^(k−1) e^(−2k²λ²).
 * @example kolmogorovTail(1.36) // ≈ 0.049
 * Complexity: O(1) (at most 100 terms).
 */
export function kolmogorovTail(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Two-sample Kolmogorov–Smirnov test: D is the largest gap between the two empirical
 * distribution functions; the p-value is asymptotic with Stephens' small-sample correction
 * (λ = (√nₑ + 0.12 + 0.11/√nₑ)·D, nₑ = nm/(n+m)), accurate to a few percent from nₑ ≈ 4. Ties
 * are stepped over together.
 * @example kolmogorovSmirnov(goldConfidence, poolConfidence).pValue
 * Complexity: O(n log n + m log m).
 */
export function kolmogorovSmirnov(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return { statistic: 0, pValue: 1 };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i] as number, y[j] as number);
    while (i < n && (x[i] as number) <= v) i++;
    while (j < m && (y[j] as number) <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const ne = Math.sqrt((n * m) / (n + m));
  return { statistic: d, pValue: kolmogorovTail((ne + 0.12 + 0.11 / ne) * d) };
}

/**
 * Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function (series below
 * a + 1, continued fraction above; Numerical Recipes `gammq`).
 * @example regularizedGammaQ(1, 2) // e^−2 ≈ 0.1353
 * Complexity: O(√a) iterations, at most 500.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 500; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, Math.max(0, 1 - sum * Math.exp(lnPrefix)));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let k = 1; k < 500; k++) {
    const an = -k * (k - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return Math.min(1, Math.max(0, Math.exp(lnPrefix) * h));
}

/** A chi-square test's statistic and p-value with its degrees of freedom. */
export interface ChiSquareResult extends TestResult {
  readonly df: number;
}

/**
 * Chi-square test that two samples of categories come from one distribution (a 2×K table).
 * Categories whose expected count in either sample is under 5 are pooled into one, so the
 * asymptotic p-value stays trustworthy; with fewer than two categories left the p-value is 1.
 * @example chiSquareHomogeneity(Int32Array.of(50, 48, 2), Int32Array.of(400, 420, 180)).pValue
 * Complexity: O(K).
 */
export function chiSquareHomogeneity(a: ArrayLike<number>, b: ArrayLike<number>): ChiSquareResult {
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) na += a[k] as number;
  for (let k = 0; k < b.length; k++) nb += b[k] as number;
  const total = na + nb;
  if (na === 0 || nb === 0) return { statistic: 0, df: 0, pValue: 1 };
  const cells: [number, number][] = [];
  let small: [number, number] = [0, 0];
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const ca = (a[k] as number | undefined) ?? 0;
    const cb = (b[k] as number | undefined) ?? 0;
    const column = ca + cb;
    if (column === 0) continue;
    if ((column * Math.min(na, nb)) / total < 5) small = [small[0] + ca, small[1] + cb];
    else cells.push([ca, cb]);
  }
  if (small[0] + small[1] > 0) cells.push(small);
  if (cells.length < 2) return { statistic: 0, df: 0, pValue: 1 };
  let statistic = 0;
  for (const [ca, cb] of cells) {
    const column = ca + cb;
    const ea = (column * na) / total;
    const eb = (column * nb) / total;
    statistic += (ca - ea) ** 2 / ea + (cb - eb) ** 2 / eb;
  }
  const df = cells.length - 1;
  return { statistic, df, pValue: regularizedGammaQ(df / 2, statistic / 2) };
}
