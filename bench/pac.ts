/**
 * The whole-data-set promise on the PAC Labels data: hilo against PAC labelling on equal terms —
 * the same number of expert checks drawn from the pool, the same ε and α, 100 trials — with the
 * share of items spared from experts (accepted and not checked) and the share of trials in which
 * the final data set's true error stayed ≤ ε. PAC's published figures and the best threshold in
 * hindsight are printed beside them.
 *
 *   npx tsx bench/pac.ts [--trials 100] [--checks 500] [--alpha 0.05] [--errors 0.05,0.1]
 *                        [--variants] (every design × bound × fit share hilo could use)
 *
 * Data from ../shared/datasets/pac-labels (or $HILO_DATASETS/pac-labels).
 */
import { parseArgs } from 'node:util';
import { drawChecks, type CheckDesign } from '../src/core/checks/draw-checks.js';
import { promiseFromChecks } from '../src/core/checks/promise-from-checks.js';
import type { PromiseBound } from '../src/core/checks/whole-set-promise.js';
import { createRng } from '../src/core/rng.js';
import { hindsight, loadPacSet, pacLabelling, type PacSet, type TrialOutcome } from './pac-data.js';

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '100' },
    checks: { type: 'string', default: '500' },
    alpha: { type: 'string', default: '0.05' },
    errors: { type: 'string', default: '0.05,0.1' },
    variants: { type: 'boolean', default: false },
  },
});
const TRIALS = Number(args.trials);
const CHECKS = Number(args.checks);
const ALPHA = Number(args.alpha);
const ERRORS = (args.errors ?? '').split(',').map(Number);

/** PAC's figures on this data, measured with the authors' code on this machine (README). */
const PAC_PUBLISHED: Record<string, string> = {
  'stance 0.05': '27.6% ± 3.8%, 99%',
  'stance 0.1': '40.2% ± 4.3%, 100%',
  'misinfo 0.05': '18.0% ± 5.4%, 98%',
  'misinfo 0.1': '39.7% ± 7.1%, 99%',
};

interface Variant {
  readonly name: string;
  readonly design: CheckDesign;
  readonly bound: PromiseBound;
  readonly fitShare: number;
}

const CHOSEN: Variant = { name: 'hilo', design: 'uniform', bound: 'exact', fitShare: 0.2 };
const VARIANTS: Variant[] = [
  CHOSEN,
  { name: 'uniform, raw confidence order, exact', design: 'uniform', bound: 'exact', fitShare: 0 },
  { name: 'uniform, order fitted on 40%, exact', design: 'uniform', bound: 'exact', fitShare: 0.4 },
  { name: 'uniform, order fitted on 60%, exact', design: 'uniform', bound: 'exact', fitShare: 0.6 },
  {
    name: 'uniform, order fitted on 40%, betting',
    design: 'uniform',
    bound: 'weighted',
    fitShare: 0.4,
  },
  {
    name: 'stratified, raw confidence order, weighted betting',
    design: 'stratified',
    bound: 'weighted',
    fitShare: 0,
  },
  {
    name: 'stratified, order fitted on 40%, weighted betting',
    design: 'stratified',
    bound: 'weighted',
    fitShare: 0.4,
  },
];

function hiloTrial(set: PacSet, variant: Variant, maxError: number, seed: number): TrialOutcome {
  const N = set.gold.length;
  const { checks } = drawChecks({
    confidence: set.confidence,
    predicted: set.predicted,
    labels: set.labels,
    count: CHECKS,
    design: variant.design,
    seed,
  });
  const result = promiseFromChecks({
    confidence: set.confidence,
    predicted: set.predicted,
    checks: checks.map((c) => ({ ...c, right: set.predicted[c.index] === set.gold[c.index] })),
    maxError,
    alpha: ALPHA,
    fitShare: variant.fitShare,
    bound: variant.bound,
    seed: seed + 1,
  });
  let wrong = 0;
  for (let i = 0; i < N; i++) if (result.accept[i] && set.predicted[i] !== set.gold[i]) wrong++;
  return { spared: result.spared / N, finalError: wrong / N };
}

function summary(outcomes: TrialOutcome[], maxError: number): string {
  const spared = outcomes.map((o) => o.spared);
  const mean = spared.reduce((a, b) => a + b, 0) / spared.length;
  const sd = Math.sqrt(
    spared.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, spared.length - 1),
  );
  const held = outcomes.filter((o) => o.finalError <= maxError + 1e-12).length / outcomes.length;
  return `${(100 * mean).toFixed(1)}% ± ${(100 * sd).toFixed(1)}% | ${(100 * held).toFixed(0)}%`;
}

function run(set: PacSet, maxError: number): void {
  const N = set.gold.length;
  const rows: [string, string][] = [];
  const variants = args.variants ? VARIANTS : [CHOSEN];
  const started = performance.now();
  for (const variant of variants) {
    const outcomes = Array.from({ length: TRIALS }, (_, t) =>
      hiloTrial(set, variant, maxError, 1000 * t + 17),
    );
    rows.push([
      variant === CHOSEN
        ? '**hilo** (uniform checks; order fitted on 20% of them, per-label isotonic; exact bound on the rest)'
        : `hilo variant: ${variant.name}`,
      summary(outcomes, maxError),
    ]);
  }
  const pac = Array.from({ length: TRIALS }, (_, t) =>
    pacLabelling(set, { maxError, alpha: ALPHA, draws: CHECKS, rng: createRng(1000 * t + 29) }),
  );
  rows.push([
    'PAC labelling, reproduced here (uniform, raw confidence, WSR)',
    summary(pac, maxError),
  ]);
  rows.push([
    "PAC labelling, authors' code (README figures)",
    PAC_PUBLISHED[`${set.name} ${maxError}`] ?? '—',
  ]);
  const rng = createRng(5);
  const raw = Array.from({ length: 20 }, () => hindsight(set, set.confidence, maxError, rng));
  rows.push([
    'hindsight: best threshold on raw confidence, every label known',
    `${(100 * mean(raw)).toFixed(1)}% | 100%`,
  ]);
  const cellOracle = cellAccuracy(set);
  const cells = Array.from({ length: 20 }, () => hindsight(set, cellOracle, maxError, rng));
  rows.push([
    'hindsight: best threshold on true accuracy per label × confidence',
    `${(100 * mean(cells)).toFixed(1)}% | 100%`,
  ]);
  console.log(
    `\n### ${set.name} (${N.toLocaleString('en')} items), ε = ${maxError}, α = ${ALPHA}, ${CHECKS} checks, ${TRIALS} trials (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
  );
  console.log('| method | spared from experts (mean ± sd) | final error ≤ ε in |');
  console.log('|---|---|---|');
  for (const [name, figures] of rows)
    console.log(`| ${name} | ${figures.split(' | ').join(' | ')} |`);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function cellAccuracy(set: PacSet): Float64Array {
  const key = (i: number): string => `${set.predicted[i]}@${set.confidence[i]}`;
  const cells = new Map<string, { right: number; n: number }>();
  for (let i = 0; i < set.gold.length; i++) {
    const c = cells.get(key(i)) ?? { right: 0, n: 0 };
    c.n++;
    if (set.predicted[i] === set.gold[i]) c.right++;
    cells.set(key(i), c);
  }
  return Float64Array.from(set.gold, (_, i) => {
    const c = cells.get(key(i)) as { right: number; n: number };
    return c.right / c.n;
  });
}

for (const name of ['stance', 'misinfo'] as const) {
  const set = loadPacSet(name);
  if (typeof set === 'string') {
    console.log(`${name}: skipped — ${set} (the PAC Labels data set is missing)`);
    continue;
  }
  for (const maxError of ERRORS) run(set, maxError);
}
