/**
 * Loaders for the crowd sets of ../shared (datasets README section B and peers/data), as
 * long-format votes plus gold. The shared folder is not part of a user's clone: `sharedRoot()`
 * returns null when it is missing and the benchmarks say so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  createVoteMatrix,
  type LongVote,
  type VoteMatrix,
} from '../../src/core/aggregation/index.js';

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

/** A simulated crowd parsed straight into typed arrays (no per-vote objects). */
export interface SimulatedMatrix {
  readonly matrix: VoteMatrix;
  /** Gold class index per item (-1 when unknown). */
  readonly gold: Int32Array;
  readonly labels: readonly string[];
}

/**
 * Parses `labels.csv(.gz)` (`worker,task,label`) into a {@link VoteMatrix} without building
 * a million vote objects, so memory figures reflect the aggregators, not the loader.
 */
export function loadSimulatedMatrix(root: string, name: string): SimulatedMatrix {
  const dir = join(root, 'peers/data', name);
  const gz = existsSync(join(dir, 'labels.csv.gz')) ? '.gz' : '';
  const lines = text(join(dir, `labels.csv${gz}`)).split('\n');
  const n = lines.length;
  const item = new Int32Array(n);
  const annotator = new Int32Array(n);
  const label = new Int32Array(n);
  const items = new Map<string, number>();
  const workers = new Map<string, number>();
  const labelNames = new Map<string, number>();
  const id = (map: Map<string, number>, key: string) => {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = map.size));
    return value;
  };
  let v = 0;
  for (let l = 1; l < n; l++) {
    const line = lines[l] as string;
    if (line.length === 0) continue;
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    annotator[v] = id(workers, line.slice(0, a));
    item[v] = id(items, line.slice(a + 1, b));
    label[v] = id(labelNames, line.slice(b + 1).trim());
    v++;
  }
  // Class indices in label order, whatever order the file met them in.
  const labels = [...labelNames.keys()].sort((x, y) => Number(x) - Number(y));
  const remap = Int32Array.from(labelNames.keys(), (name) => labels.indexOf(name));
  for (let j = 0; j < v; j++) label[j] = remap[label[j] as number] as number;
  const matrix = createVoteMatrix({
    numClasses: labels.length,
    item: item.subarray(0, v),
    annotator: annotator.subarray(0, v),
    label: label.subarray(0, v),
  });
  const gold = new Int32Array(matrix.numItems).fill(-1);
  for (const row of rows(join(dir, `gold.csv${gz}`), ',', true)) {
    const i = items.get(cell(row, 0));
    if (i !== undefined) gold[i] = labels.indexOf(cell(row, 1));
  }
  return { matrix, gold, labels };
}
