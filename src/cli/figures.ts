/**
 * How the CLI prints a share and an amount of money; a missing figure (NaN) prints as a dash.
 * @example pct(0.9734) // '97.3%'
 */
export function pct(x: number, digits = 1): string {
  return Number.isNaN(x) ? '—' : `${(100 * x).toFixed(digits)}%`;
}

/** @example usd(12.5) // '$12.50' */
export function usd(x: number): string {
  return `$${x.toFixed(2)}`;
}
