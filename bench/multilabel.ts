/**
 * Multi-label labelling on GoEmotions with the local model, one binary model per label
 * (one-vs-rest): set metrics, per-label calibration, and a promise on exact-set accuracy.
 *
 *   npx tsx bench/multilabel.ts [--train 20000] [--targets 0.7,0.8,0.9] [--delta 0.05] [--seed 1]
 *
 * The dev split is halved at random: one half fits a per-label isotonic map of P(label), the
 * other chooses the acceptance threshold (Learn then Test), so the promise is tested on items
 * the calibrator never saw. Data is read from ../shared/datasets (or $HILO_DATASETS).
 */
import { parseArgs } from 'node:util';
import { PROJECT_DEFAULTS } from '../src/core/project.js';
import { createRng, shuffled } from '../src/core/rng.js';
import { trainLocalClassifier } from '../src/core/local-model/local-classifier.js';
import { clipFitted } from '../src/core/calibration/calibrator.js';
import { expectedCalibrationError } from '../src/core/calibration/calibration-error.js';
import {
  isotonicRegression,
  predictIsotonic,
} from '../src/core/calibration/isotonic-regression.js';
import {
  decideLabelSet,
  exactSetProbability,
  multilabelMetrics,
  type MultilabelMetrics,
} from '../src/core/multilabel/index.js';
import { candidateThresholds } from '../src/core/routing/candidate-thresholds.js';
import { learnThenTest } from '../src/core/routing/learn-then-test.js';
import { goEmotions, type MultilabelSplit } from './multilabel-data.js';

const { values: args } = parseArgs({
  options: {
    train: { type: 'string', default: '20000' },
    targets: { type: 'string', default: '0.7,0.8,0.9' },
    delta: { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '1' },
  },
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const f3 = (x: number) => x.toFixed(3);

/** Item-major probabilities: rows[i][l] = P(label l applies to item i). */
function itemRows(byLabel: Float64Array[], n: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => Float64Array.from(byLabel, (p) => p[i] as number));
}

const hasLabel = (split: MultilabelSplit, l: number): number[] =>
  split.sets.map((s) => (s.includes(l) ? 1 : 0));
const sameSet = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && [...a].sort((x, y) => x - y).every((k, j) => k === b[j]);

function metricsLine(name: string, m: MultilabelMetrics): string {
  return `  ${name.padEnd(22)} ${f3(m.microF1)}     ${f3(m.macroF1)}     ${m.hammingLoss.toFixed(4)}   ${f3(m.subsetAccuracy)}`;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function run(): void {
  const data = goEmotions();
  if (typeof data === 'string') {
    console.log(`skipped — ${data} (set HILO_DATASETS to the datasets folder)`);
    return;
  }
  const { labels, dev, test } = data;
  const L = labels.length;
  const seed = Number(args.seed);
  const trainSize = Math.min(Number(args.train), data.train.texts.length);
  const pick = shuffled(
    Array.from({ length: data.train.texts.length }, (_, i) => i),
    createRng(seed),
  ).slice(0, trainSize);
  const train: MultilabelSplit = {
    texts: pick.map((i) => data.train.texts[i] as string),
    sets: pick.map((i) => data.train.sets[i] as number[]),
  };
  const devOrder = shuffled(
    Array.from({ length: dev.texts.length }, (_, i) => i),
    createRng(seed + 1),
  );
  const half = devOrder.length >> 1;
  const fitPart = devOrder.slice(0, half);
  const lttPart = devOrder.slice(half);
  const config = PROJECT_DEFAULTS.labeller.local;
  console.log(`multi-label bench — GoEmotions, ${L} labels, node ${process.version}`);
  console.log(
    `train ${trainSize} of ${data.train.texts.length} (random subsample, seed ${seed}); dev ${dev.texts.length} = ${fitPart.length} calibration + ${lttPart.length} threshold; test ${test.texts.length}`,
  );
  console.log(`local model: ${JSON.stringify({ ...config, mlp: undefined })}`);

  const start = performance.now();
  const devP: Float64Array[] = [];
  const testP: Float64Array[] = [];
  const both = [...dev.texts, ...test.texts];
  for (let l = 0; l < L; l++) {
    const model = trainLocalClassifier({
      texts: train.texts,
      labels: train.sets.map((s) => (s.includes(l) ? 'yes' : 'no')),
      labelSet: ['no', 'yes'],
      config,
    });
    const p = model.predict(both).probabilities.map((row) => row[1] as number);
    devP.push(Float64Array.from(p.slice(0, dev.texts.length)));
    testP.push(Float64Array.from(p.slice(dev.texts.length)));
  }
  console.log(
    `trained ${L} binary models and scored ${both.length} texts in ${seconds(performance.now() - start)}`,
  );

  // Per-label isotonic map of P(label) fitted on the calibration half of dev.
  const calTestP: Float64Array[] = [];
  const calDevP: Float64Array[] = [];
  const ece: { label: string; before: number; after: number; support: number }[] = [];
  for (let l = 0; l < L; l++) {
    const yDev = hasLabel(dev, l);
    const model = isotonicRegression(
      fitPart.map((i) => devP[l]?.[i] as number),
      fitPart.map((i) => yDev[i] as number),
    );
    const map = (p: number) => clipFitted(predictIsotonic(model, p), fitPart.length);
    calTestP.push((testP[l] as Float64Array).map(map));
    calDevP.push((devP[l] as Float64Array).map(map));
    const yTest = hasLabel(test, l);
    ece.push({
      label: labels[l] as string,
      before: expectedCalibrationError({ confidence: testP[l] as Float64Array, correct: yTest }),
      after: expectedCalibrationError({ confidence: calTestP[l] as Float64Array, correct: yTest }),
      support: yTest.reduce((a, b) => a + b, 0),
    });
  }

  const rawRows = itemRows(testP, test.texts.length);
  const calRows = itemRows(calTestP, test.texts.length);
  const options = { numLabels: L };
  console.log(`\ntest set metrics (${test.texts.length} items)`);
  console.log('  decision               micro-F1  macro-F1  Hamming  subset acc.');
  const decisions = [
    { name: 'raw, p ≥ 0.5', rows: rawRows, min: 0 },
    { name: 'raw, at least 1', rows: rawRows, min: 1 },
    { name: 'calibrated, p ≥ 0.5', rows: calRows, min: 0 },
    { name: 'calibrated, at least 1', rows: calRows, min: 1 },
  ];
  for (const d of decisions) {
    const predicted = d.rows.map((p) => decideLabelSet(p, { minLabels: d.min }));
    console.log(metricsLine(d.name, multilabelMetrics(test.sets, predicted, options)));
  }

  const before = ece.map((e) => e.before);
  const after = ece.map((e) => e.after);
  const worst = [...ece].sort((a, b) => b.before - a.before).slice(0, 3);
  const worstAfter = [...ece].sort((a, b) => b.after - a.after).slice(0, 3);
  console.log('\nper-label ECE of P(label) on test (15 equal-width bins)');
  console.log(
    `  median over ${L} labels: ${f3(median(before))} raw → ${f3(median(after))} isotonic`,
  );
  console.log(
    `  mean:                  ${f3(before.reduce((a, b) => a + b, 0) / L)} raw → ${f3(after.reduce((a, b) => a + b, 0) / L)} isotonic`,
  );
  const show = (e: (typeof ece)[number]) =>
    `${e.label} (${e.support} pos.) ${f3(e.before)} → ${f3(e.after)}`;
  console.log(`  worst raw:        ${worst.map(show).join('; ')}`);
  console.log(`  worst calibrated: ${worstAfter.map(show).join('; ')}`);

  // Promise on exact-set accuracy: score = P(decided set is exactly right), calibrated.
  const delta = Number(args.delta);
  const devRows = itemRows(calDevP, dev.texts.length);
  const devSets = lttPart.map((i) => decideLabelSet(devRows[i] as Float64Array, { minLabels: 1 }));
  const devScores = lttPart.map((i, j) =>
    exactSetProbability(devRows[i] as Float64Array, devSets[j] as number[]),
  );
  const devCorrect = lttPart.map((i, j) =>
    sameSet(devSets[j] as number[], dev.sets[i] as number[]) ? 1 : 0,
  );
  const testSets = calRows.map((p) => decideLabelSet(p, { minLabels: 1 }));
  const testScores = calRows.map((p, i) => exactSetProbability(p, testSets[i] as number[]));
  const testCorrect = testSets.map((s, i) => (sameSet(s, test.sets[i] as number[]) ? 1 : 0));
  const thresholds = candidateThresholds({ reference: testScores, minCoverage: 0.02, steps: 98 });
  const overall = testCorrect.reduce((a: number, b) => a + b, 0) / testCorrect.length;
  console.log(
    `\nexact-set promise (calibrated, at least 1 label; threshold on ${lttPart.length} dev items, delta ${delta}; all test items: ${f3(overall)} exact)`,
  );
  console.log('  target  threshold  dev accepted  test accepted  test exact-set acc.');
  for (const target of (args.targets ?? '').split(',').map(Number)) {
    const { threshold } = learnThenTest({
      scores: devScores,
      correct: devCorrect,
      thresholds,
      target,
      delta,
    });
    if (threshold === null) {
      console.log(`  ${target.toFixed(2)}    none certified`);
      continue;
    }
    const devAccepted = devScores.filter((s) => s >= threshold).length;
    const accepted = testScores.map((s, i) => (s >= threshold ? i : -1)).filter((i) => i >= 0);
    const right = accepted.reduce((a, i) => a + (testCorrect[i] as number), 0);
    console.log(
      `  ${target.toFixed(2)}    ${threshold.toFixed(3)}      ${(devAccepted / lttPart.length).toFixed(3)}         ${(accepted.length / test.texts.length).toFixed(3)} (${accepted.length})    ${accepted.length ? f3(right / accepted.length) : 'n/a'}`,
    );
  }
  console.log(`\ntotal ${seconds(performance.now() - start)}`);
}

run();
