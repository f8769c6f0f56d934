/**
 * The PAC Labels data (GPT-4o labels with verbalized confidence and expert gold, Candès, Ilyas,
 * Zrnic 2025) and a re-implementation of their procedure, so hilo and PAC labelling run on the
 * same draws in one benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { bettingUpper } from '../src/core/checks/betting-bound.js';
import type { Rng } from '../src/core/rng.js';

const ROOT =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));

export interface PacSet {
  readonly name: string;
  readonly labels: string[];
  /** Per item: GPT-4o's label index, its confidence, and the gold label index. */
  readonly predicted: Int32Array;
  readonly confidence: Float64Array;
  readonly gold: Int32Array;
}

/** One of `stance`, `misinfo`; a string saying why when the file is missing. */
export function loadPacSet(name: 'stance' | 'misinfo'): PacSet | string {
  const file = join(ROOT, 'pac-labels', `${name}.csv`);
  if (!existsSync(file)) return `no data at ${file}`;
  const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  const labels = [...new Set(rows.map((r) => r.Y as string))].sort();
  const index = (label: string): number => labels.indexOf(label);
  return {
    name,
    labels,
    predicted: Int32Array.from(rows, (r) => index(r['Yhat (GPT4o)'] as string)),
    confidence: Float64Array.from(rows, (r) => Number(r.confidence)),
    gold: Int32Array.from(rows, (r) => index(r.Y as string)),
  };
}

export interface TrialOutcome {
  /** Share of items nobody labels (accepted, not checked). */
  readonly spared: number;
  /** True share of wrong labels in the final data set. */
  readonly finalError: number;
}

/**
 * PAC labelling as the authors' code does it: `draws` indices uniformly with replacement, the
 * uncertainty 1 − confidence (ties broken at random), a binary search over uncertainty thresholds
 * for the loosest whose Waudby-Smith–Ramdas upper bound on the final error is ≤ ε (stakes with
 * log(2/α)); sampled and uncertain items go to experts.
 */
export function pacLabelling(
  set: PacSet,
  options: { maxError: number; alpha: number; draws: number; rng: Rng },
): TrialOutcome {
  const N = set.gold.length;
  const { rng } = options;
  const uncertainty = Float64Array.from(set.confidence, (c) => 1 - c + 1e-9 * rng.next());
  const lams = Float64Array.from(uncertainty).sort();
  const sample = Int32Array.from({ length: options.draws }, () => rng.int(N));
  const labelled = new Uint8Array(N);
  for (const i of sample) labelled[i] = 1;
  const wrong = (i: number): number => (set.predicted[i] === set.gold[i] ? 0 : 1);
  let lo = 0;
  let hi = N - 1;
  while (lo <= hi) {
    const j = (lo + hi) >> 1;
    const lam = lams[j] as number;
    const errors = Float64Array.from(sample, (i) =>
      (uncertainty[i] as number) < lam ? wrong(i) : 0,
    );
    if (bettingUpper(errors, options.alpha, { twoSided: true }) > options.maxError) hi = j - 1;
    else lo = j + 1;
  }
  const lam = lams[Math.max(0, lo - 1)] as number;
  let spared = 0;
  let finalWrong = 0;
  for (let i = 0; i < N; i++) {
    if (labelled[i] || (uncertainty[i] as number) >= lam) continue;
    spared++;
    finalWrong += wrong(i);
  }
  return { spared: spared / N, finalError: finalWrong / N };
}

/**
 * The best threshold knowing every label: the most items a threshold on the score (ties broken at
 * random) can accept with at most ε·N wrong, as a share.
 */
export function hindsight(
  set: PacSet,
  score: ArrayLike<number>,
  maxError: number,
  rng: Rng,
): number {
  const N = set.gold.length;
  const tie = Float64Array.from({ length: N }, () => rng.next());
  const order = Int32Array.from({ length: N }, (_, i) => i).sort(
    (a, b) =>
      (score[b] as number) - (score[a] as number) || (tie[a] as number) - (tie[b] as number),
  );
  let wrong = 0;
  let best = 0;
  for (let p = 0; p < N; p++) {
    const i = order[p] as number;
    if (set.predicted[i] !== set.gold[i]) wrong++;
    if (wrong <= maxError * N) best = p + 1;
  }
  return best / N;
}
