/**
 * Loaders for the crowd sets of ../shared (datasets README section B and peers/data), as
 * long-format votes plus gold. The shared folder is not part of a user's clone: `sharedRoot()`
 * returns null when it is missing and the benchmarks say so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { LongVote } from '../../src/core/aggregation/index.js';

export interface CrowdSet {
  readonly name: string;
  readonly votes: LongVote[];
  /** Item → gold label. */
  readonly gold: Map<string, string>;
  /** The label set in a fixed order, when the source defines one. */
  readonly labels?: readonly string[];
}

const here = dirname(fileURLToPath(import.meta.url));

/** ../shared beside the checkout (or $HILO_SHARED), or null when absent. */
export function sharedRoot(): string | null {
  const candidates = [process.env.HILO_SHARED, resolve(here, '../../../shared')];
  for (const dir of candidates) if (dir && existsSync(join(dir, 'datasets'))) return dir;
  return null;
}

function text(path: string): string {
  const raw = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
}

function rows(path: string, separator: string, skipHeader: boolean): string[][] {
  const lines = text(path).split('\n');
  const out: string[][] = [];
  for (let n = skipHeader ? 1 : 0; n < lines.length; n++) {
    const line = (lines[n] as string).replace(/\r$/, '');
    if (line.trim() !== '') out.push(line.split(separator));
  }
  return out;
}

function cell(row: string[], column: number): string {
  const value = row[column];
  if (value === undefined) throw new Error(`missing column ${column} in ${row.join(',')}`);
  return value.trim();
}

/** Column order of each source: which column is the item, the annotator, the label. */
interface Layout {
  readonly item: number;
  readonly annotator: number;
  readonly label: number;
}

function votesFrom(table: string[][], layout: Layout): LongVote[] {
  return table.map((row) => ({
    item: cell(row, layout.item),
    annotator: cell(row, layout.annotator),
    label: cell(row, layout.label),
  }));
}

function goldFrom(table: string[][], item: number, label: number): Map<string, string> {
  return new Map(table.map((row) => [cell(row, item), cell(row, label)]));
}

/** The categorical crowd sets of datasets README section B. */
export function loadRealCrowdSets(root: string): CrowdSet[] {
  const d = join(root, 'datasets');
  const sets: CrowdSet[] = [];
  sets.push({
    name: 'bluebirds',
    votes: votesFrom(rows(join(d, 'bluebirds/answers.csv'), ',', true), {
      item: 0,
      annotator: 1,
      label: 2,
    }),
    gold: goldFrom(rows(join(d, 'bluebirds/truth.csv'), ',', true), 0, 1),
  });
  const bm = join(d, 'gal-crowd/BarzanMozafari');
  sets.push({
    name: 'gal-crowd/BarzanMozafari',
    votes: votesFrom(rows(join(bm, 'labels.txt'), '\t', false), {
      item: 1,
      annotator: 0,
      label: 2,
    }),
    gold: goldFrom(rows(join(bm, 'evaluation.txt'), '\t', false), 0, 1),
  });
  const adult = join(d, 'gal-crowd/AdultContent2');
  sets.push({
    name: 'gal-crowd/AdultContent2',
    votes: votesFrom(rows(join(adult, 'labels.txt'), '\t', false), {
      item: 1,
      annotator: 0,
      label: 2,
    }),
    gold: goldFrom(rows(join(adult, 'gold.txt'), '\t', false), 0, 1),
    labels: ['G', 'P', 'R', 'X'],
  });
  for (const file of [
    'CF',
    'CF_amt',
    'MS',
    'SP',
    'SP_amt',
    'ZenCrowd_all',
    'ZenCrowd_in',
    'ZenCrowd_us',
  ]) {
    const table = rows(join(d, `active-crowd-toolkit/${file}.csv`), ',', false);
    sets.push({
      name: `active-crowd-toolkit/${file}`,
      votes: votesFrom(table, { item: 1, annotator: 0, label: 2 }),
      gold: goldFrom(table, 1, 3),
    });
  }
  return sets;
}

/** A simulated crowd of peers/data (`sim_small`, `sim_mid`, `sim_large`). */
export function loadSimulatedCrowd(root: string, name: string): CrowdSet {
  const dir = join(root, 'peers/data', name);
  const gz = existsSync(join(dir, 'labels.csv.gz')) ? '.gz' : '';
  return {
    name,
    votes: votesFrom(rows(join(dir, `labels.csv${gz}`), ',', true), {
      item: 1,
      annotator: 0,
      label: 2,
    }),
    gold: goldFrom(rows(join(dir, `gold.csv${gz}`), ',', true), 0, 1),
  };
}
