/**
 * Does the routing promise hold on real data? With the local labeller (hashed TF-IDF + logistic
 * regression) trained on a train split, the rest of the data set is split at random, again and
 * again, into gold (calibration + threshold choice, exactly as `hilo calibrate` + `hilo route`
 * do it) and a pool whose true labels check the result. Per rerun: the calibrator with the lowest
 * cross-fitted NLL is refitted on gold, the loosest threshold certified by fixed-sequence
 * testing is chosen on calibrated confidence, and the TRUE accuracy of the accepted pool labels
 * is compared with the target. The promise: it meets the target in at least 1 − δ of reruns.
 *
 *   npx tsx bench/guarantee.ts [--dataset all|sms,banking77,ag-news,sentiment] [--reruns 100]
 *                              [--gold 500,1000] [--delta 0.05] [--targets 0.95,0.97,0.99,0.995]
 *                              [--sentiment-targets 0.75,0.8,0.85,0.9] [--out bench/RESULTS-routing.md]
 *
 * Each target also gets the acceptance share of the sequence's earlier start (twice the fewest
 * gold items that could pass, `start: 'gold-size'`) beside today's powered start, and the
 * hindsight share: the most of the pool any confidence threshold accepts while its accepted
 * labels are truly at the target. The sentiment sentences run with 600 gold at their own targets.
 *
 * Data is read from ../shared/datasets (or $HILO_DATASETS). One model per data set is trained
 * once: reruns vary the gold split, not the model.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { expectedCalibrationError } from '../src/core/calibration/calibration-error.js';
import { crossFitCalibration } from '../src/core/calibration/cross-fit-calibration.js';
import { topLabelOutcomes } from '../src/core/calibration/top-label.js';
import { percent } from '../src/core/format/format-number.js';
import { trainLocalClassifier } from '../src/core/local-model/local-classifier.js';
import { guaranteedPolicy } from '../src/core/routing/guaranteed-policy.js';
import { createRng, shuffled } from '../src/core/rng.js';
import { PROJECT_DEFAULTS } from '../src/core/project.js';
import { agNews, banking77, sentiment, sms, type Split } from './guarantee-data.js';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'all' },
    reruns: { type: 'string', default: '100' },
    gold: { type: 'string', default: '500,1000' },
    delta: { type: 'string', default: '0.05' },
    targets: { type: 'string', default: '0.95,0.97,0.99,0.995' },
    'sentiment-targets': { type: 'string', default: '0.75,0.8,0.85,0.9' },
    out: { type: 'string', default: fileURLToPath(new URL('RESULTS-routing.md', import.meta.url)) },
  },
});
const RERUNS = Number(args.reruns);
const GOLDS = (args.gold ?? '').split(',').map(Number);
const DELTA = Number(args.delta);
const DEFAULT_TARGETS = (args.targets ?? '').split(',').map(Number);
const SENTIMENT_TARGETS = (args['sentiment-targets'] ?? '').split(',').map(Number);
let TARGETS = DEFAULT_TARGETS;

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

/** The largest share of the pool a confidence threshold accepts with its labels truly ≥ target. */
function hindsightCoverage(confidence: Float64Array, correct: Uint8Array, target: number): number {
  const n = confidence.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (confidence[b] as number) - (confidence[a] as number),
  );
  let right = 0;
  let best = 0;
  order.forEach((i, k) => {
    right += correct[i] as number;
    // Only where the next item's confidence differs can a threshold stop.
    const next = order[k + 1];
    const cut = next === undefined || (confidence[next] as number) < (confidence[i] as number);
    if (cut && right / (k + 1) >= target) best = k + 1;
  });
  return n === 0 ? 0 : best / n;
}

interface TargetTally {
  beforeCertified: number;
  beforeMetAll: number;
  beforeCoverage: number[];
  hindsight: number[];
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
        beforeCertified: 0,
        beforeMetAll: 0,
        beforeCoverage: [],
        hindsight: [],
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
      // The same test from the earlier start: twice the fewest gold items that could pass.
      const before = guaranteedPolicy({
        gold: { scores: goldOut.confidence, correct: goldOut.correct },
        pool: poolOut.confidence,
        target,
        delta: DELTA,
        start: 'gold-size',
      });
      if (before.threshold !== null) tally.beforeCertified++;
      if (meets(acceptedAt(calibratedAll, before.threshold))) tally.beforeMetAll++;
      tally.beforeCoverage.push(acceptedAt(poolOut, before.threshold).accepted / poolRows.length);
      tally.hindsight.push(hindsightCoverage(poolOut.confidence, poolOut.correct, target));
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
    `**Acceptance share, before → after** (share of the pool accepted, mean over reruns; a rerun that certifies nothing accepts 0). Before: the sequence started at twice the fewest gold items that could pass; after: where the pool's calibrated confidence predicts the first test is likeliest to pass (\`sequenceStart\`). Hindsight: the largest share any confidence threshold accepts with its accepted pool labels truly ≥ the target.`,
    '',
    '| target | certified reruns, before → after | acceptance share, before → after | hindsight share | met on all items, before → after |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const target of TARGETS) {
    const t = tallies.get(target) as TargetTally;
    lines.push(
      `| ${percent(target)} | ${t.beforeCertified} → ${t.certified} / ${RERUNS} | ${percent(mean(t.beforeCoverage))} → ${percent(mean(t.coverage))} | ${percent(mean(t.hindsight))} | ${percent(t.beforeMetAll / RERUNS)} → ${percent(t.metAll / RERUNS)} |`,
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
  ['sentiment', sentiment],
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
    // The sentiment case is the 600-gold project at its own, lower targets.
    const own = key === 'sentiment';
    TARGETS = own ? SENTIMENT_TARGETS : DEFAULT_TARGETS;
    for (const goldSize of own ? [600] : GOLDS) sections.push(...runSplit(split, model, goldSize));
  }
}
const machine = `${availableParallelism()} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const header = [
  '## Routing guarantee on real data (`npx tsx bench/guarantee.ts`)',
  '',
  `Machine: ${machine}. Command: \`npx tsx bench/guarantee.ts --dataset ${args.dataset} --reruns ${RERUNS} --gold ${args.gold} --delta ${DELTA} --targets ${args.targets} --sentiment-targets ${args['sentiment-targets']}\`.`,
  '',
  "Each rerun does what `hilo calibrate` + `hilo route` do: five-fold cross-fitted comparison of the calibrators on gold, the best (by held-out NLL) refitted on all gold, candidate thresholds from the pool's calibrated confidence, fixed-sequence testing (Learn then Test) on gold. The true accuracy of the accepted labels is measured twice: on the pool (the rest of the data set) and on all items gold and pool were drawn from. The promise is about the population the gold is drawn from, which here is that finite set; the pool alone is its complement, anti-correlated with the gold draw.",
  '',
];
if (args.out) writeFileSync(args.out, [...header, ...sections].join('\n'));
console.log(`\nwritten to ${args.out}`);
