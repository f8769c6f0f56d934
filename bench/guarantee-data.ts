/**
 * The data sets `bench/guarantee.ts` routes: each a train split for the local labeller and the
 * rest, which reruns split into gold and pool. Read from ../shared/datasets (or $HILO_DATASETS);
 * a loader returns a sentence saying what is missing instead of a split.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stratifiedFolds } from '../src/core/local-model/cross-fit.js';
import { createRng } from '../src/core/rng.js';

const root =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));

export interface Split {
  readonly name: string;
  readonly note: string;
  readonly labelSet: string[];
  readonly train: { texts: string[]; labels: string[] };
  readonly rest: { texts: string[]; labels: string[] };
}

export type Rows = { text: string; label: string }[];

/** Stratified share `trainShare` for training, the rest for gold and pool. */
export function stratified(
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

export function sms(): Split | string {
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

export function banking77(): Split | string {
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

export function agNews(): Split | string {
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

/**
 * UCI Sentiment Labelled Sentences (amazon, imdb, yelp; 3,000): a stratified fifth (600) trains
 * the labeller, the other 2,400 are split into gold and pool, so 600 gold matches the case of a
 * project with 600 gold sentences. Split on '\n' only (imdb has stray U+0085).
 */
export function sentiment(): Split | string {
  const dir = join(root, 'sentiment-labelled-sentences');
  if (!existsSync(join(dir, 'yelp_labelled.txt')))
    return `sentiment-labelled-sentences: no data at ${dir}`;
  const rows: Rows = [];
  for (const file of ['amazon_cells', 'imdb', 'yelp']) {
    for (const line of readFileSync(join(dir, `${file}_labelled.txt`), 'utf8').split('\n')) {
      const tab = line.lastIndexOf('\t');
      if (tab < 0) continue;
      rows.push({
        text: line.slice(0, tab),
        label: line.slice(tab + 1).trim() === '1' ? 'positive' : 'negative',
      });
    }
  }
  return stratified(
    'sentiment-labelled-sentences',
    rows,
    ['positive', 'negative'],
    0.2,
    '20% stratified train split (600); the other 2,400 sentences are split into gold and pool',
  );
}
