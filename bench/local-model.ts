/**
 * Accuracy and speed of the local labeller (hashed TF-IDF + softmax regression) on real data:
 * banking77 (its own train/test split) and the SMS spam collection (stratified 80/20).
 *
 *   npx tsx bench/local-model.ts [--dataset banking77|sms|all] [--epochs 10] [--l2 1e-4]
 *                                [--char 2,5] [--words 2] [--features 262144] [--seed 1]
 *                                [--bulk 100000]   (texts for the bulk prediction timing)
 *
 * Data is read from ../shared/datasets (or $HILO_DATASETS). Times are wall-clock and CPU seconds
 * of this process; on a shared machine the CPU figure is the steadier one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../src/core/project.js';
import { createRng } from '../src/core/rng.js';
import {
  deserializeLocalClassifier,
  serializeLocalClassifier,
  trainLocalClassifier,
} from '../src/core/local-model/local-classifier.js';
import { stratifiedFolds } from '../src/core/local-model/cross-fit.js';
import { confusionMatrix } from '../src/core/metrics/confusion-matrix.js';
import { classificationMetrics } from '../src/core/metrics/classification-metrics.js';
import { bootstrapInterval } from '../src/core/metrics/bootstrap.js';

interface Split {
  readonly name: string;
  readonly labelSet: string[];
  readonly train: { texts: string[]; labels: string[] };
  readonly test: { texts: string[]; labels: string[] };
}

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'all' },
    epochs: { type: 'string' },
    l2: { type: 'string' },
    char: { type: 'string' },
    words: { type: 'string' },
    features: { type: 'string' },
    seed: { type: 'string' },
    bulk: { type: 'string', default: '100000' },
  },
});

const root =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));

function defaultConfig(): LocalLabellerConfig {
  const base = PROJECT_DEFAULTS.labeller.local;
  const [charMin, charMax] = (args.char ?? '').split(',').map(Number);
  return {
    ...base,
    features: args.features ? Number(args.features) : base.features,
    wordNgrams: args.words ? Number(args.words) : base.wordNgrams,
    charNgrams: args.char ? [charMin ?? 0, charMax ?? 0] : base.charNgrams,
    l2: args.l2 ? Number(args.l2) : base.l2,
    epochs: args.epochs ? Number(args.epochs) : base.epochs,
    seed: args.seed ? Number(args.seed) : base.seed,
  };
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
  return { name: 'banking77', labelSet, train: read('train.csv'), test: read('test.csv') };
}

function smsSpam(seed: number): Split | string {
  const file = join(root, 'sms-spam-collection', 'SMSSpamCollection');
  if (!existsSync(file)) return `sms-spam: no data at ${file}`;
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const tab = line.indexOf('\t');
      return { label: line.slice(0, tab), text: line.slice(tab + 1).replace(/\r$/, '') };
    });
  const fold = stratifiedFolds(
    rows.map((r) => r.label),
    5,
    createRng(seed),
  );
  const pick = (test: boolean) => {
    const chosen = rows.filter((_, i) => (fold[i] === 0) === test);
    return { texts: chosen.map((r) => r.text), labels: chosen.map((r) => r.label) };
  };
  return {
    name: 'sms-spam (80/20)',
    labelSet: ['ham', 'spam'],
    train: pick(false),
    test: pick(true),
  };
}

function timed<T>(run: () => T): { result: T; wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const result = run();
  const cpu = process.cpuUsage(cpu0);
  return { result, wall: (performance.now() - wall0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

const seconds = (t: { wall: number; cpu: number }) =>
  `${t.wall.toFixed(2)} s (cpu ${t.cpu.toFixed(2)} s)`;

function evaluate(split: Split, config: LocalLabellerConfig): void {
  const { labelSet, train, test } = split;
  const index = new Map(labelSet.map((label, i) => [label, i]));
  const training = timed(() => trainLocalClassifier({ ...train, labelSet, config }));
  const model = training.result;
  const predicting = timed(() => model.predict(test.texts).probabilities);
  const predicted = predicting.result.map((p) => p.indexOf(Math.max(...p)));
  const gold = test.labels.map((label) => index.get(label) ?? -1);
  const metrics = classificationMetrics(confusionMatrix(gold, predicted, labelSet.length));
  const correct = gold.map((g, i) => (g === predicted[i] ? 1 : 0));
  const interval = bootstrapInterval({
    n: correct.length,
    rng: createRng(1),
    statistic: (sample) => {
      let sum = 0;
      for (const i of sample) sum += correct[i] as number;
      return sum / sample.length;
    },
  });
  const serializing = timed(() => serializeLocalClassifier(model));
  const loading = timed(() => deserializeLocalClassifier(serializing.result));
  const bulkCount = Number(args.bulk);
  const many = Array.from({ length: bulkCount }, (_, i) => {
    const all = train.texts.length + test.texts.length;
    const j = i % all;
    return (j < train.texts.length ? train.texts[j] : test.texts[j - train.texts.length]) as string;
  });
  const bulk = timed(() => loading.result.predict(many).probabilities.length);

  console.log(
    `\n${split.name}: train ${train.texts.length}, test ${test.texts.length}, ${labelSet.length} labels`,
  );
  console.log(
    `  accuracy    ${metrics.accuracy.toFixed(4)}  (95% bootstrap ${interval.lower.toFixed(4)}–${interval.upper.toFixed(4)})`,
  );
  console.log(`  macro-F1    ${metrics.macroF1.toFixed(4)}`);
  console.log(`  train       ${seconds(training)}  (featurize + ${config.epochs} epochs)`);
  console.log(`  predict     ${seconds(predicting)} for ${test.texts.length} texts`);
  console.log(`  predict     ${seconds(bulk)} for ${bulkCount} texts (deserialized model)`);
  console.log(
    `  serialized  ${(serializing.result.length / 1e6).toFixed(2)} MB, written in ${seconds(serializing)}, read in ${seconds(loading)}`,
  );
  console.log(
    `  columns     ${model.state.featurizer.buckets.length} of ${config.features} buckets`,
  );
}

/** A fixed workload, to read the figures below against the speed of this machine right now. */
function machineCheck(): string {
  const weights = new Float64Array(34_000 * 77);
  const out = new Float64Array(77);
  const run = timed(() => {
    for (let r = 0; r < 1_300_000; r++) {
      const base = ((r * 7919) % 34_000) * 77;
      for (let k = 0; k < 77; k++)
        out[k] = (out[k] as number) + 0.5 * (weights[base + k] as number);
    }
  });
  return `100M sparse-row multiply-adds in ${seconds(run)}`;
}

const config = defaultConfig();
console.log(`local model bench — config ${JSON.stringify(config)}, node ${process.version}`);
console.log(`machine check: ${machineCheck()}`);
const wanted = args.dataset ?? 'all';
const splits = [
  wanted === 'all' || wanted === 'banking77' ? banking77() : null,
  wanted === 'all' || wanted === 'sms' ? smsSpam(config.seed) : null,
];
for (const split of splits) {
  if (split === null) continue;
  if (typeof split === 'string')
    console.log(`\nskipped — ${split} (set HILO_DATASETS to the datasets folder)`);
  else evaluate(split, config);
}
