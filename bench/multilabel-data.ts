/**
 * GoEmotions (Demszky et al., ACL 2020; Apache-2.0): Reddit comments with 28 labels (27
 * emotions + neutral), gold = the labels two or more raters chose. Its own train / dev / test
 * split. The comments include offensive text: figures only, never print the texts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATASETS_ROOT =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));

/** Texts and the sorted label indices of each. */
export interface MultilabelSplit {
  readonly texts: string[];
  readonly sets: number[][];
}

export interface GoEmotions {
  readonly labels: string[];
  readonly train: MultilabelSplit;
  readonly dev: MultilabelSplit;
  readonly test: MultilabelSplit;
}

function readSplit(file: string, numLabels: number): MultilabelSplit {
  const texts: string[] = [];
  const sets: number[][] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const [text, ids] = line.split('\t');
    const set = [...new Set((ids ?? '').split(',').map(Number))].sort((a, b) => a - b);
    if (set.some((k) => !Number.isInteger(k) || k < 0 || k >= numLabels)) {
      throw new Error(`${file}: bad label ids "${ids}"`);
    }
    texts.push(text ?? '');
    sets.push(set);
  }
  return { texts, sets };
}

/** The three splits, or a sentence saying why they cannot be read. */
export function goEmotions(): GoEmotions | string {
  const dir = join(DATASETS_ROOT, 'goemotions');
  const files = ['labels.txt', 'train.tsv', 'dev.tsv', 'test.tsv'];
  if (!files.every((f) => existsSync(join(dir, f)))) return `goemotions: no data at ${dir}`;
  const labels = readFileSync(join(dir, 'labels.txt'), 'utf8')
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const split = (name: string) => readSplit(join(dir, `${name}.tsv`), labels.length);
  return { labels, train: split('train'), dev: split('dev'), test: split('test') };
}
