/**
 * Label-error detection (confident learning, as `hilo suspects` runs it) on real text sets:
 *
 * - injected noise: a share of the gold labels of sms-spam and ag-news-test (5%, 10%, 20%) is
 *   flipped to another class drawn at random; the out-of-fold predictions of the project's
 *   default local model (5 folds) are fed to `findLabelIssues`; precision at the top 100,
 *   precision and recall of everything flagged, against the flips.
 * - Davidson hate/offensive tweets: the given label is the crowd's majority (3–9 raters); there
 *   is no independent truth, so the figures are how often the raters themselves disagreed on the
 *   flagged items, and whether any rater gave the label the model suggests, against the base rate.
 *
 *   npx tsx bench/suspects.ts [--rates 0.05,0.1,0.2] [--folds 5] [--seed 1] [--sets sms,ag-news,davidson]
 *
 * Data is read from ../shared/datasets (or $HILO_DATASETS); a missing set is reported and skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { findLabelIssues, type LabelIssue } from '../src/core/label-errors/index.js';
import { crossFitPredict } from '../src/core/local-model/cross-fit.js';
import { PROJECT_DEFAULTS } from '../src/core/project.js';
import { createRng, shuffled } from '../src/core/rng.js';

const { values: args } = parseArgs({
  options: {
    rates: { type: 'string', default: '0.05,0.1,0.2' },
    folds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    sets: { type: 'string', default: 'sms,ag-news,davidson' },
  },
});
const root =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));
const folds = Number(args.folds);
const seed = Number(args.seed);
const config = PROJECT_DEFAULTS.labeller.local;

interface LabelledSet {
  readonly name: string;
  readonly texts: string[];
  readonly labels: Int32Array;
  readonly labelSet: string[];
}

function loadSms(): LabelledSet | null {
  const file = join(root, 'sms-spam-collection', 'SMSSpamCollection');
  if (!existsSync(file)) return missing('sms-spam-collection', file);
  const texts: string[] = [];
  const labels: number[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    labels.push(line.slice(0, tab) === 'spam' ? 1 : 0);
    texts.push(line.slice(tab + 1));
  }
  return { name: 'sms-spam', texts, labels: Int32Array.from(labels), labelSet: ['ham', 'spam'] };
}

function loadAgNews(): LabelledSet | null {
  const file = join(root, 'ag-news-test', 'test.csv');
  if (!existsSync(file)) return missing('ag-news-test', file);
  const rows = parse(readFileSync(file, 'utf8'), { relax_quotes: true }) as string[][];
  return {
    name: 'ag-news-test',
    texts: rows.map((r) => `${r[1] ?? ''} ${(r[2] ?? '').replace(/\\n/g, ' ')}`),
    labels: Int32Array.from(rows, (r) => Number(r[0]) - 1),
    labelSet: ['World', 'Sports', 'Business', 'Sci/Tech'],
  };
}

function missing(name: string, file: string): null {
  console.log(`${name}: missing (${file} not found); skipped`);
  return null;
}

function outOfFold(
  set: LabelledSet,
  given: Int32Array,
): { probabilities: Float64Array[]; seconds: number } {
  const started = performance.now();
  const { probabilities } = crossFitPredict({
    texts: set.texts,
    labels: [...given].map((y) => set.labelSet[y] as string),
    labelSet: set.labelSet,
    config,
    folds,
    seed,
    onFold: (done) => process.stderr.write(`  ${set.name}: fold ${done}/${folds}\r`),
  });
  process.stderr.write('\n');
  return { probabilities, seconds: (performance.now() - started) / 1000 };
}

function injected(set: LabelledSet, rate: number): { given: Int32Array; flipped: Set<number> } {
  const rng = createRng(seed * 1000 + Math.round(rate * 100));
  const K = set.labelSet.length;
  const order = shuffled([...set.labels.keys()], rng);
  const flipped = new Set(order.slice(0, Math.round(rate * set.labels.length)));
  const given = Int32Array.from(set.labels, (y, i) =>
    flipped.has(i) ? (y + 1 + rng.int(K - 1)) % K : y,
  );
  return { given, flipped };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function noiseRows(set: LabelledSet, rates: number[]): void {
  console.log(
    `\n${set.name}: ${set.texts.length} items, ${set.labelSet.length} classes, ${folds}-fold out-of-fold, default local model`,
  );
  console.log(
    '| noise | flipped | estimated | flagged | precision@100 | precision | recall | suggested = true label | seconds |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const rate of rates) {
    const { given, flipped } = injected(set, rate);
    const { probabilities, seconds } = outOfFold(set, given);
    const result = findLabelIssues({ probabilities, given, classes: set.labelSet.length });
    const hit = (i: LabelIssue) => flipped.has(i.index);
    const found = result.issues.filter(hit);
    const top = result.issues.slice(0, 100);
    const right = found.filter((i) => i.suggested === set.labels[i.index]).length;
    console.log(
      `| ${pct(rate)} | ${flipped.size} | ${Math.round(result.estimatedErrors)} | ${result.issues.length} | ${pct(top.filter(hit).length / Math.max(1, top.length))} | ${pct(found.length / Math.max(1, result.issues.length))} | ${pct(found.length / Math.max(1, flipped.size))} | ${pct(right / Math.max(1, found.length))} | ${seconds.toFixed(1)} |`,
    );
  }
}

function davidson(): void {
  const file = join(root, 'hate-offensive-davidson', 'labeled_data.csv');
  if (!existsSync(file)) {
    missing('hate-offensive-davidson', file);
    return;
  }
  const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  const labelSet = ['hate', 'offensive', 'neither'];
  const votes = rows.map((r) => [
    Number(r.hate_speech),
    Number(r.offensive_language),
    Number(r.neither),
  ]);
  const set: LabelledSet = {
    name: 'davidson',
    texts: rows.map((r) => r.tweet ?? ''),
    labels: Int32Array.from(rows, (r) => Number(r.class)),
    labelSet,
  };
  const { probabilities, seconds } = outOfFold(set, set.labels);
  const result = findLabelIssues({ probabilities, given: set.labels, classes: 3 });
  const disagreed = (i: number) => (votes[i] as number[]).filter((v) => v > 0).length > 1;
  const share = (i: number) => {
    const v = votes[i] as number[];
    return (v[set.labels[i] as number] as number) / v.reduce((a, b) => a + b, 0);
  };
  const backed = (issue: LabelIssue) =>
    ((votes[issue.index] as number[])[issue.suggested] as number) > 0;
  const describe = (name: string, issues: readonly LabelIssue[]) =>
    `| ${name} | ${issues.length} | ${pct(issues.filter((x) => disagreed(x.index)).length / Math.max(1, issues.length))} | ${pct(issues.filter(backed).length / Math.max(1, issues.length))} | ${pct(issues.reduce((a, x) => a + share(x.index), 0) / Math.max(1, issues.length))} |`;
  const all = [...set.labels.keys()];
  console.log(
    `\ndavidson: ${set.texts.length} tweets, given label = crowd majority; ${folds}-fold out-of-fold in ${seconds.toFixed(1)} s; estimated wrong labels ${Math.round(result.estimatedErrors)} (${pct(result.estimatedErrors / set.texts.length)})`,
  );
  console.log(
    '| items | n | raters disagreed | a rater gave the suggested label | mean rater share of the given label |',
  );
  console.log('|---|---|---|---|---|');
  console.log(
    `| all tweets | ${all.length} | ${pct(all.filter(disagreed).length / all.length)} | – | ${pct(all.reduce((a, i) => a + share(i), 0) / all.length)} |`,
  );
  console.log(describe('top 100 suspects', result.issues.slice(0, 100)));
  console.log(describe('all flagged', result.issues));
}

const rates = (args.rates ?? '').split(',').map(Number);
const sets = new Set((args.sets ?? '').split(','));
console.log(
  `confident learning: prune by noise rate, ranked by self-confidence; seed ${seed}; node ${process.version}`,
);
if (sets.has('sms')) {
  const s = loadSms();
  if (s) noiseRows(s, rates);
}
if (sets.has('ag-news')) {
  const s = loadAgNews();
  if (s) noiseRows(s, rates);
}
if (sets.has('davidson')) davidson();
