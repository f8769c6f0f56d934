/**
 * Does the routing promise hold on real data? With the local labeller (hashed TF-IDF + logistic
 * regression) trained on a train split, the rest of the data set is split at random, again and
 * again, into gold (calibration + threshold choice, exactly as `hilo calibrate` + `hilo route`
 * do it) and a pool whose true labels check the result. Per rerun: the calibrator with the lowest
 * cross-fitted NLL is refitted on gold, the loosest threshold certified by fixed-sequence
 * testing is chosen on calibrated confidence, and the TRUE accuracy of the accepted pool labels
 * is compared with the target. The promise: it meets the target in at least 1 − δ of reruns.
 *
 *   npx tsx bench/guarantee.ts [--dataset all|sms,banking77,ag-news] [--reruns 100] [--gold 500,1000]
 *                              [--delta 0.05] [--targets 0.95,0.97,0.99,0.995]
 *                              [--out bench/RESULTS-routing.md]
 *
 * Data is read from ../shared/datasets (or $HILO_DATASETS). One model per data set is trained
 * once: reruns vary the gold split, not the model.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { expectedCalibrationError } from '../src/core/calibration/calibration-error.js';
import { crossFitCalibration } from '../src/core/calibration/cross-fit-calibration.js';
import { topLabelOutcomes } from '../src/core/calibration/top-label.js';
import { percent } from '../src/core/format/format-number.js';
import { stratifiedFolds } from '../src/core/local-model/cross-fit.js';
import { trainLocalClassifier } from '../src/core/local-model/local-classifier.js';
import { guaranteedPolicy } from '../src/core/routing/guaranteed-policy.js';
import { createRng, shuffled } from '../src/core/rng.js';
import { PROJECT_DEFAULTS } from '../src/core/project.js';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'all' },
    reruns: { type: 'string', default: '100' },
    gold: { type: 'string', default: '500,1000' },
    delta: { type: 'string', default: '0.05' },
    targets: { type: 'string', default: '0.95,0.97,0.99,0.995' },
    out: { type: 'string', default: fileURLToPath(new URL('RESULTS-routing.md', import.meta.url)) },
  },
});
const RERUNS = Number(args.reruns);
const GOLDS = (args.gold ?? '').split(',').map(Number);
const DELTA = Number(args.delta);
const TARGETS = (args.targets ?? '').split(',').map(Number);
const root =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));

interface Split {
  readonly name: string;
  readonly note: string;
  readonly labelSet: string[];
  readonly train: { texts: string[]; labels: string[] };
  readonly rest: { texts: string[]; labels: string[] };
}

type Rows = { text: string; label: string }[];

/** Stratified share `trainShare` for training, the rest for gold and pool. */
function stratified(
  name: string,
  rows: Rows,
  labelSet: string[],
  trainShare: number,
  note: string,
): Split {
  const folds = 10;
  const fold = stratifiedFolds(
    rows.map((r) => r.label),
    folds,
    createRng(1),
  );
  const pick = (train: boolean) => {
    const chosen = rows.filter((_, i) => (fold[i] as number) < trainShare * folds === train);
    return { texts: chosen.map((r) => r.text), labels: chosen.map((r) => r.label) };
  };
  return { name, note, labelSet, train: pick(true), rest: pick(false) };
}

function sms(): Split | string {
  const file = join(root, 'sms-spam-collection', 'SMSSpamCollection');
  if (!existsSync(file)) return `sms-spam-collection: no data at ${file}`;
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => ({
      label: line.slice(0, line.indexOf('\t')),
      text: line.slice(line.indexOf('\t') + 1).replace(/\r$/, ''),
    }));
  return stratified(
    'sms-spam-collection',
    rows,
    ['ham', 'spam'],
    0.4,
    '40% stratified train split; the other 60% is split into gold and pool',
  );
}

function banking77(): Split | string {
  const dir = join(root, 'banking77');
  if (!existsSync(join(dir, 'train.csv'))) return `banking77: no data at ${dir}`;
  const read = (file: string) => {
    const rows = parse(readFileSync(join(dir, file), 'utf8'), { columns: true }) as {
      text: string;
      category: string;
    }[];
    return { texts: rows.map((r) => r.text), labels: rows.map((r) => r.category) };
  };
  const labelSet = JSON.parse(readFileSync(join(dir, 'categories.json'), 'utf8')) as string[];
  return {
    name: 'banking77',
    note: 'trained on train.csv (10,003); test.csv (3,080) is split into gold and pool',
    labelSet,
    train: read('train.csv'),
    rest: read('test.csv'),
  };
}

function agNews(): Split | string {
  const dir = join(root, 'ag-news-test');
  if (!existsSync(join(dir, 'test.csv'))) return `ag-news-test: no data at ${dir}`;
  const classes = readFileSync(join(dir, 'classes.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const records = parse(readFileSync(join(dir, 'test.csv'), 'utf8')) as string[][];
  const rows = records.map(([c, title, body]) => ({
    label: classes[Number(c) - 1] as string,
    text: `${title}\n${(body ?? '').replace(/\\n/g, '\n')}`,
  }));
  return stratified(
    'ag-news-test',
    rows,
    classes,
    0.5,
    '50% stratified train split of the 7,600 test items; the other 50% is split into gold and pool',
  );
}

const mean = (xs: readonly number[]) =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;

function rowsOf(matrix: Float64Array, K: number, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * K);
  rows.forEach((row, r) => out.set(matrix.subarray(row * K, (row + 1) * K), r * K));
  return out;
}

/** Smallest human share such that people (taken as always right) plus the top accepted reach `final`. */
function oracleHumanShare(confidence: Float64Array, correct: Uint8Array, final: number): number {
  const n = confidence.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (confidence[b] as number) - (confidence[a] as number),
  );
  let wrong = 0;
  let best = 0;
  order.forEach((i, k) => {
    wrong += 1 - (correct[i] as number);
    if ((n - wrong) / n >= final) best = k + 1;
  });
  return 1 - best / n;
}

interface Accepted {
  readonly accepted: number;
  readonly right: number;
}

/** Items at or above a threshold (none for a null threshold), and how many are right. */
function acceptedAt(
  outcomes: { confidence: Float64Array; correct: Uint8Array },
  threshold: number | null,
): Accepted {
  let accepted = 0;
  let right = 0;
  if (threshold === null) return { accepted, right };
  outcomes.confidence.forEach((c, i) => {
    if (c < threshold) return;
    accepted++;
    right += outcomes.correct[i] as number;
  });
  return { accepted, right };
}

interface TargetTally {
  metAll: number;
  naiveMet: number;
  naiveMetAll: number;
  rawMet: number;
  rawMetAll: number;
  rawCoverage: number[];
  certified: number;
  met: number;
  coverage: number[];
  accuracy: number[];
  finalAccuracy: number[];
  oracleShare: number[];
}

interface Predictions {
  readonly K: number;
  readonly n: number;
  /** n×K probabilities of the local model on the items gold and pool are drawn from. */
  readonly probs: Float64Array;
  readonly labels: Int32Array;
  readonly accuracy: number;
  readonly trainSeconds: number;
}

/** Trains the local labeller once on the train split and predicts the rest. */
function predict(split: Split): Predictions {
  const config = PROJECT_DEFAULTS.labeller.local;
  const { labelSet } = split;
  const K = labelSet.length;
  const index = new Map(labelSet.map((l, k) => [l, k]));
  const t0 = performance.now();
  const model = trainLocalClassifier({ ...split.train, labelSet, config });
  const predicted = model.predict(split.rest.texts).probabilities;
  const trainSeconds = (performance.now() - t0) / 1000;
  const n = predicted.length;
  const probs = new Float64Array(n * K);
  predicted.forEach((p, i) => probs.set(p, i * K));
  const labels = Int32Array.from(split.rest.labels, (l) => index.get(l) ?? -1);
  const accuracy = mean(Array.from(topLabelOutcomes(probs, labels, K).correct));
  return { K, n, probs, labels, accuracy, trainSeconds };
}

function runSplit(split: Split, model: Predictions, goldSize: number): string[] {
  const { K, n, probs, labels, accuracy, trainSeconds } = model;
  const gold = Math.min(goldSize, Math.floor(n / 2));
  console.log(
    `\n${split.name}: ${K} labels, train ${split.train.texts.length}, gold ${gold}, pool ${n - gold}; model accuracy on the rest ${percent(accuracy)} (trained in ${trainSeconds.toFixed(1)} s)`,
  );

  const tallies = new Map<number, TargetTally>(
    TARGETS.map((t) => [
      t,
      {
        metAll: 0,
        naiveMet: 0,
        naiveMetAll: 0,
        rawMet: 0,
        rawMetAll: 0,
        rawCoverage: [],
        certified: 0,
        met: 0,
        coverage: [],
        accuracy: [],
        finalAccuracy: [],
        oracleShare: [],
      },
    ]),
  );
  const ece = {
    goldBefore: [] as number[],
    goldAfter: [] as number[],
    poolBefore: [] as number[],
    poolAfter: [] as number[],
  };
  const methods = new Map<string, number>();
  const started = performance.now();
  for (let r = 0; r < RERUNS; r++) {
    const order = shuffled(
      Array.from({ length: n }, (_, i) => i),
      createRng(1000 + r),
    );
    const goldRows = order.slice(0, gold);
    const poolRows = order.slice(gold);
    const goldLabels = goldRows.map((i) => labels[i] as number);
    const poolLabels = poolRows.map((i) => labels[i] as number);
    const fit = crossFitCalibration({
      probs: rowsOf(probs, K, goldRows),
      labels: goldLabels,
      K,
      folds: 5,
      seed: r,
    });
    methods.set(fit.best, (methods.get(fit.best) ?? 0) + 1);
    ece.goldBefore.push(fit.scores.none?.ece ?? Number.NaN);
    ece.goldAfter.push(fit.scores[fit.best]?.ece ?? Number.NaN);
    const goldOut = topLabelOutcomes(
      fit.calibrator.apply(rowsOf(probs, K, goldRows)),
      goldLabels,
      K,
    );
    const poolRaw = rowsOf(probs, K, poolRows);
    const poolOut = topLabelOutcomes(fit.calibrator.apply(poolRaw), poolLabels, K);
    ece.poolBefore.push(
      expectedCalibrationError(topLabelOutcomes(poolRaw, poolLabels, K), { bins: 15 }),
    );
    ece.poolAfter.push(expectedCalibrationError(poolOut, { bins: 15 }));
    const rawAll = topLabelOutcomes(probs, labels, K);
    const calibratedAll = topLabelOutcomes(fit.calibrator.apply(probs), labels, K);
    const goldRaw = topLabelOutcomes(rowsOf(probs, K, goldRows), goldLabels, K);
    const poolRawOut = topLabelOutcomes(poolRaw, poolLabels, K);
    for (const target of TARGETS) {
      const tally = tallies.get(target) as TargetTally;
      const meets = (a: Accepted) => a.accepted === 0 || a.right / a.accepted >= target;
      const policy = guaranteedPolicy({
        gold: { scores: goldOut.confidence, correct: goldOut.correct },
        pool: poolOut.confidence,
        target,
        delta: DELTA,
      });
      const pool = acceptedAt(poolOut, policy.threshold);
      if (meets(pool)) tally.met++;
      if (meets(acceptedAt(calibratedAll, policy.threshold))) tally.metAll++;
      if (policy.threshold !== null) {
        tally.certified++;
        tally.accuracy.push(pool.right / Math.max(1, pool.accepted));
      }
      tally.coverage.push(pool.accepted / poolRows.length);
      // The tempting shortcut: each candidate's own bound, and the loosest that passes.
      const passing = policy.tests.filter((t) => t.accepted > 0 && t.pValue <= DELTA);
      const naive = passing[passing.length - 1]?.threshold ?? null;
      if (meets(acceptedAt(poolOut, naive))) tally.naiveMet++;
      if (meets(acceptedAt(calibratedAll, naive))) tally.naiveMetAll++;
      // The same test on raw confidence: nothing was fitted on the gold before testing.
      const raw = guaranteedPolicy({
        gold: { scores: goldRaw.confidence, correct: goldRaw.correct },
        pool: poolRawOut.confidence,
        target,
        delta: DELTA,
      });
      const rawPool = acceptedAt(poolRawOut, raw.threshold);
      if (meets(rawPool)) tally.rawMet++;
      if (meets(acceptedAt(rawAll, raw.threshold))) tally.rawMetAll++;
      tally.rawCoverage.push(rawPool.accepted / poolRows.length);
      // People (taken as always right) label everything not accepted.
      tally.finalAccuracy.push((pool.right + poolRows.length - pool.accepted) / poolRows.length);
      tally.oracleShare.push(oracleHumanShare(poolOut.confidence, poolOut.correct, target));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const lines = [
    `### ${split.name}, ${gold} gold items`,
    '',
    `${K} labels; ${split.note}. Local model trained once (${split.train.texts.length} items, ${trainSeconds.toFixed(1)} s); its accuracy on the ${n} items split into gold and pool: ${percent(accuracy)}. ${RERUNS} reruns, each a fresh random split into ${gold} gold and ${n - gold} pool items (${seconds.toFixed(0)} s in all). Calibrator chosen by cross-fitted NLL: ${[...methods].map(([m, c]) => `${m} ${c}×`).join(', ')}.`,
    '',
    `**The guarantee** (fixed-sequence testing at δ = ${DELTA}: the accepted labels must be at least the target in ≥ ${percent(1 - DELTA, 0)} of reruns). "Met" is the share of reruns whose accepted labels are truly ≥ the target (a rerun that accepts nothing meets it vacuously), counted on the pool and on all ${n} items the gold was drawn from (the finite population the promise is about; the pool alone adds its own sampling noise). Three ways to choose: as \`hilo route\` does (calibrator fitted on the gold, then the threshold tested on the same gold); the same test on raw confidence (nothing fitted on the gold first); and the shortcut DESIGN §4 warns against (every candidate's own bound, loosest that passes).`,
    '',
    '| target | certified reruns | pool coverage | accepted accuracy on pool (mean / min) | met: pool | met: all items | raw confidence: coverage, met pool / all | shortcut: met pool / all |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const target of TARGETS) {
    const t = tallies.get(target) as TargetTally;
    const acc = t.accuracy;
    lines.push(
      `| ${percent(target)} | ${t.certified} / ${RERUNS} | ${percent(mean(t.coverage))} | ${acc.length > 0 ? `${percent(mean(acc), 2)} / ${percent(Math.min(...acc), 2)}` : '—'} | ${percent(t.met / RERUNS)} | ${percent(t.metAll / RERUNS)} | ${percent(mean(t.rawCoverage))}, ${percent(t.rawMet / RERUNS)} / ${percent(t.rawMetAll / RERUNS)} | ${percent(t.naiveMet / RERUNS)} / ${percent(t.naiveMetAll / RERUNS)} |`,
    );
  }
  lines.push(
    '',
    `**Calibration** (top-label ECE, 15 equal-width bins, mean over reruns): on held-out gold (cross-fitted) ${percent(mean(ece.goldBefore), 2)} raw → ${percent(mean(ece.goldAfter), 2)} calibrated; on the pool (never seen by the calibrator) ${percent(mean(ece.poolBefore), 2)} → ${percent(mean(ece.poolAfter), 2)}.`,
    '',
    '**Human share for a final accuracy** (people taken as always right; mean over reruns). "Guaranteed" routes with the target as the accepted-label target (what `hilo route` promises); "hindsight" is the smallest share any confidence threshold could have used on that pool, knowing the truth.',
    '',
    '| final accuracy | human share, guaranteed | final accuracy reached | reruns ≥ target | human share, hindsight |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const target of TARGETS) {
    const t = tallies.get(target) as TargetTally;
    lines.push(
      `| ${percent(target)} | ${percent(1 - mean(t.coverage))} | ${percent(mean(t.finalAccuracy), 2)} | ${percent(t.finalAccuracy.filter((f) => f >= target).length / RERUNS)} | ${percent(mean(t.oracleShare))} |`,
    );
  }
  lines.push('');
  console.log(lines.join('\n'));
  return lines;
}

const wanted = (args.dataset ?? '').split(',');
const all = wanted.includes('all');
const loaders: [string, () => Split | string][] = [
  ['sms', sms],
  ['banking77', banking77],
  ['ag-news', agNews],
];
const sections: string[] = [];
for (const [key, load] of loaders) {
  if (!all && !wanted.includes(key)) continue;
  const split = load();
  if (typeof split === 'string') {
    console.log(`skipped — ${split} (the shared datasets folder is missing; set HILO_DATASETS)`);
    sections.push(
      `### ${key}\n\nSkipped: ${split}. The shared datasets folder was not found; set HILO_DATASETS.\n`,
    );
  } else {
    const model = predict(split);
    for (const goldSize of GOLDS) sections.push(...runSplit(split, model, goldSize));
  }
}
const machine = `${availableParallelism()} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const header = [
  '## Routing guarantee on real data (`npx tsx bench/guarantee.ts`)',
  '',
  `Machine: ${machine}. Command: \`npx tsx bench/guarantee.ts --dataset ${args.dataset} --reruns ${RERUNS} --gold ${args.gold} --delta ${DELTA} --targets ${args.targets}\`.`,
  '',
  "Each rerun does what `hilo calibrate` + `hilo route` do: five-fold cross-fitted comparison of the calibrators on gold, the best (by held-out NLL) refitted on all gold, candidate thresholds from the pool's calibrated confidence, fixed-sequence testing (Learn then Test) on gold. The true accuracy of the accepted labels is measured twice: on the pool (the rest of the data set) and on all items gold and pool were drawn from. The promise is about the population the gold is drawn from, which here is that finite set; the pool alone is its complement, anti-correlated with the gold draw.",
  '',
];
if (args.out) writeFileSync(args.out, [...header, ...sections].join('\n'));
console.log(`\nwritten to ${args.out}`);
