/**
 * Active-learning benchmark.
 *
 *   npx tsx bench/al.ts [--part speed|curves|stop|mlp|all] [--datasets banking77,ag-news,emotion]
 *                       [--strategies random,margin,...] [--seed 1]
 *
 * speed: query strategies on a 100k-item pool (77 classes, 256-d embeddings) and training the
 * local model (the product's defaults) on banking77's 10k training texts. curves: `simulateActiveLearning` on real
 * data from ../shared/datasets (or $HILO_DATASETS): labels each strategy needs to reach 99% of
 * the full-data accuracy of the same model, and the saving against random; JSON and SVG
 * learning curves go to bench/out/ (the ones BENCHMARKS.md shows are copied to docs/al/). Times are wall-clock and CPU seconds of this process; on a
 * shared machine the CPU figure is the steadier one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  QUERY_STRATEGIES,
  type QueryStrategyName,
} from '../src/core/active-learning/query-strategy.js';
import { percent } from '../src/core/format/format-number.js';
import { trainLocalClassifier } from '../src/core/local-model/local-classifier.js';
import { trainMlpClassifier } from '../src/core/local-model/mlp-classifier.js';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../src/core/project.js';
import { simulateActiveLearning, type AlSimulationResult } from '../src/pipeline/simulate/index.js';
import { banking77, subsample, TEXT_SETS, type TextSet } from './al-data.js';
import { learningCurveSvg } from './al-curves.js';
import { measure, scoringBench } from './al-speed.js';

const { values: args } = parseArgs({
  options: {
    part: { type: 'string', default: 'all' },
    datasets: { type: 'string', default: 'banking77,ag-news,emotion' },
    strategies: { type: 'string', default: QUERY_STRATEGIES.join(',') },
    seed: { type: 'string', default: '1' },
  },
});

const OUT = new URL('./out/', import.meta.url);
mkdirSync(OUT, { recursive: true });

const DEFAULT_CONFIG: LocalLabellerConfig = {
  ...PROJECT_DEFAULTS.labeller.local,
  features: 1 << 18,
  wordNgrams: 2,
  charNgrams: [2, 5],
  l2: 1e-4,
  epochs: 10,
  seed: 1,
};

/**
 * Sizes per data set, chosen so that every strategy's curve runs until random reaches the
 * target or the pool is used up, and the whole part fits in ~12 minutes on a loaded 2-core
 * machine: items (subsampled, stratified), initial labels, batch and rounds (enough for the
 * whole pool); each curve stops once it reaches the target, and the loop trains with fewer
 * epochs than the product (same model, slightly lower plateau, several times faster).
 */
const PLANS: Readonly<
  Record<string, { items: number; initial: number; batch: number; rounds: number }>
> = {
  banking77: { items: 4000, initial: 200, batch: 200, rounds: 15 },
  'ag-news': { items: 4000, initial: 50, batch: 100, rounds: 31 },
  emotion: { items: 5000, initial: 100, batch: 150, rounds: 26 },
};

/** Training passes inside the loop (the product default is 10). */
const LOOP_EPOCHS = 4;

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, ${new Date().toISOString().slice(0, 16)} UTC, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
}

/** The labeller's defaults, as a project without a `labeller.local` section gets them. */
function productConfig(): LocalLabellerConfig {
  return PROJECT_DEFAULTS.labeller.local;
}

function speedPart(): void {
  console.log(`## speed (${machine()})`);
  for (const line of scoringBench({
    items: 100_000,
    classes: 77,
    dimension: 256,
    batch: 100,
    seed: 1,
  }))
    console.log(line);
  const set = banking77();
  if (typeof set === 'string') {
    console.log(`local model training: skipped, banking77 missing (${set})`);
    return;
  }
  // banking77's own split: train.csv (the first 10,003) to train, test.csv to measure.
  const texts = set.texts.slice(0, 10_003);
  const labels = set.labels.slice(0, 10_003);
  const labelSet = [...new Set(set.labels)].sort();
  const product = productConfig();
  console.log(`local model, product defaults ${JSON.stringify(product)}:`);
  for (const epochs of [product.epochs, 5]) {
    const config = { ...product, epochs };
    const { result, wall, cpu } = measure(() =>
      trainLocalClassifier({ texts, labels, labelSet, config }),
    );
    const held = set.texts.slice(10_003);
    const right = result
      .predict(held)
      .probabilities.filter(
        (p, i) => labelSet[p.indexOf(Math.max(...p))] === set.labels[10_003 + i],
      ).length;
    const target =
      epochs === product.epochs
        ? `   (target < 5 s: ${cpu < 5 ? 'met' : 'NOT met'} on CPU, ${wall < 5 ? 'met' : 'not met'} on wall)`
        : '';
    console.log(
      `  trainLocalClassifier, ${texts.length} banking77 texts, 77 classes, ${epochs} epochs: ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU, held-out accuracy ${percent(right / held.length)}${target}`,
    );
  }
  console.log(
    `  load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

/**
 * The stopping rule on full curves (no early end at the target): where stabilizing predictions
 * (κ ≥ 0.99 between successive models over 3 rounds, on a 2,000-item stop set) would stop
 * margin sampling, against where it reached 99% of the full-data accuracy.
 */
function stopPart(): void {
  console.log('\n## stopping rule: margin sampling run to the end of the pool\n');
  console.log(
    '| data set | 99% of full-data accuracy at | stabilizing predictions stop at | accuracy there | share of full-data accuracy |\n| --- | --- | --- | --- | --- |',
  );
  for (const name of ['ag-news', 'emotion']) {
    const loaded = TEXT_SETS[name]?.();
    const plan = PLANS[name];
    if (!loaded || typeof loaded === 'string' || !plan) {
      console.log(`| ${name} | skipped: ${String(loaded)} | | | |`);
      continue;
    }
    const set = subsample(loaded, plan.items, Number(args.seed));
    const r = simulateActiveLearning({
      texts: set.texts,
      labels: set.labels,
      strategies: ['margin'],
      batch: plan.batch,
      initial: plan.initial,
      rounds: plan.rounds,
      seed: Number(args.seed),
      config: { ...DEFAULT_CONFIG, epochs: LOOP_EPOCHS },
    });
    const s = r.strategies.margin;
    const at = s?.rounds.find((p) => p.labels === s.stoppedAt);
    console.log(
      `| ${name} | ${s?.labelsToReach99 ?? 'not reached'} | ${s?.stoppedAt ?? 'never'} | ${at ? percent(at.accuracy) : '—'} | ${at ? percent(at.accuracy / r.fullDataAccuracy) : '—'} |`,
    );
  }
}

function curvesPart(): void {
  const strategies = (args.strategies ?? '').split(',') as QueryStrategyName[];
  const seed = Number(args.seed);
  console.log(`## active-learning curves (${machine()}), seed ${seed}`);
  const rows: string[] = [];
  for (const name of (args.datasets ?? '').split(',')) {
    const load = TEXT_SETS[name];
    const plan = PLANS[name];
    if (!load || !plan) {
      console.log(`${name}: unknown data set`);
      continue;
    }
    const loaded = load();
    if (typeof loaded === 'string') {
      console.log(`${name}: skipped, ${loaded}`);
      continue;
    }
    const set: TextSet = subsample(loaded, plan.items, seed);
    const { result, wall, cpu } = measure(() =>
      simulateActiveLearning({
        texts: set.texts,
        labels: set.labels,
        strategies,
        batch: plan.batch,
        initial: plan.initial,
        rounds: plan.rounds,
        seed,
        testShare: 0.2,
        untilTarget: true,
        config: { ...DEFAULT_CONFIG, epochs: LOOP_EPOCHS },
        clock: { now: () => performance.now() },
        logger: progressLogger(),
      }),
    );
    writeFileSync(new URL(`al-${name}.json`, OUT), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(
      new URL(`al-${name}.svg`, OUT),
      learningCurveSvg(result, `${name}: held-out accuracy by labels`),
    );
    console.log(
      `${name}: ${result.items} items (${result.pool} pool, ${result.test} held out), ${result.classes} classes, ` +
        `full-data accuracy ${percent(result.fullDataAccuracy)}, ${wall.toFixed(0)} s wall, ${cpu.toFixed(0)} s CPU`,
    );
    rows.push(...tableRows(name, result));
  }
  console.log(
    '\n| data set | strategy | accuracy at end | labels to 99% | saving vs random | stable at | seconds |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

/** The MLP option against the logistic regression on the same split (80/20 of 6,000 items). */
function mlpPart(): void {
  console.log(
    `\n## local model: logistic regression vs MLP (64 hidden units), ${DEFAULT_CONFIG.epochs} epochs\n`,
  );
  console.log(
    '| data set | model | held-out accuracy | training CPU s |\n| --- | --- | --- | --- |',
  );
  for (const name of ['banking77', 'emotion']) {
    const loaded = TEXT_SETS[name]?.();
    if (!loaded || typeof loaded === 'string') {
      console.log(`| ${name} | skipped: ${loaded ?? 'unknown'} | | |`);
      continue;
    }
    const set = subsample(loaded, 6000, Number(args.seed));
    const labelSet = [...new Set(set.labels)].sort();
    const cut = Math.round(0.8 * set.texts.length);
    const train = { texts: set.texts.slice(0, cut), labels: set.labels.slice(0, cut) };
    const testTexts = set.texts.slice(cut);
    const testLabels = set.labels.slice(cut);
    const accuracy = (predict: (t: string[]) => { probabilities: Float64Array[] }) =>
      predict(testTexts).probabilities.filter(
        (p, i) => labelSet[p.indexOf(Math.max(...p))] === testLabels[i],
      ).length / testLabels.length;
    const lr = measure(() => trainLocalClassifier({ ...train, labelSet, config: DEFAULT_CONFIG }));
    const mlp = measure(() =>
      trainMlpClassifier({ ...train, labelSet, config: DEFAULT_CONFIG, hidden: 64 }),
    );
    console.log(
      `| ${name} | logistic regression | ${percent(accuracy((t) => lr.result.predict(t)))} | ${lr.cpu.toFixed(1)} |`,
    );
    console.log(
      `| ${name} | MLP | ${percent(accuracy((t) => mlp.result.predict(t)))} | ${mlp.cpu.toFixed(1)} |`,
    );
  }
}

function tableRows(name: string, r: AlSimulationResult): string[] {
  return Object.entries(r.strategies).map(([strategy, s]) => {
    const last = s.rounds[s.rounds.length - 1];
    const saving: string =
      s.savingVsRandom === null
        ? strategy === 'random'
          ? '—'
          : 'n/a'
        : `${(100 * s.savingVsRandom).toFixed(0)}%`;
    return `| ${name} | ${strategy} | ${last ? `${percent(last.accuracy)} @ ${last.labels}` : ''} | ${s.labelsToReach99 ?? 'not reached'} | ${saving} | ${s.stoppedAt ?? '—'} | ${s.seconds?.toFixed(0) ?? ''} |`;
  });
}

/** Progress on stderr, each line with the CPU seconds used so far. */
function progressLogger(): { info(m: string): void; warn(m: string): void } {
  const write = (m: string) =>
    process.stderr.write(`[${(process.cpuUsage().user / 1e6).toFixed(0)} s CPU] ${m}\n`);
  return { info: write, warn: write };
}

if (args.part === 'speed' || args.part === 'all') speedPart();
if (args.part === 'curves' || args.part === 'all') curvesPart();
if (args.part === 'stop' || args.part === 'all') stopPart();
if (args.part === 'mlp' || args.part === 'all') mlpPart();
