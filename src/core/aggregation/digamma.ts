/**
 * The digamma function ψ(x) = d/dx ln Γ(x) for x > 0: recurrence up to x ≥ 10, then the
 * asymptotic series (absolute error below 1e-12).
 * @example digamma(1); // -0.5772156649015329 (minus the Euler–Mascheroni constant)
 * Complexity: O(1).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const series = f * (-1 / 12 + f * (1 / 120 + f * (-1 / 252 + f * (1 / 240 + f * (-1 / 132)))));
  return result + Math.log(x) - 0.5 / x + series;
}
