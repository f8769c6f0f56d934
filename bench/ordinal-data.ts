/**
 * Readers for two rating data sets, as rating tables (items × raters, −1 = not rated):
 * ConvAbuse (Cercas Curry, Abercrombie, Rieser, EMNLP 2021; CC BY 4.0): 5-level abuse severity
 * by 8 experts with ids; EmoBank (Buechel & Hahn, EACL 2017 and LAW 2017; CC BY-SA 4.0):
 * valence, arousal, dominance on 1–5 by about 5 raters per sentence, without rater ids. Only
 * ratings are read, never texts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { RatingTable } from '../src/core/ordinal/index.js';

const ROOT =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));

/** ConvAbuse's columns from least to most severe: not abusive, ambiguous, mildly, strongly, very strongly. */
export const ABUSE_LEVELS = ['1', '0', '-1', '-2', '-3'] as const;
const EXPERTS = 8;

export interface AbuseRatings {
  readonly table: RatingTable;
  /** Item, expert pairs rated more than once (the repeats measure intra-rater agreement). */
  readonly repeated: number;
  /** Of those, the pairs whose repeats all agree with the first rating. */
  readonly repeatsAgree: number;
}

/**
 * The train, validation and test splits together (every example once, all experts in a row).
 * A cell holds "1, 1" when the expert rated the example twice; the first rating is kept.
 */
export function loadConvAbuse(): AbuseRatings | string {
  const dir = join(ROOT, 'convabuse');
  const files = ['train', 'valid', 'test'].map((s) => join(dir, `ConvAbuseEMNLP${s}.csv`));
  const missing = files.find((f) => !existsSync(f));
  if (missing) return `no data at ${missing}`;
  const ratings: number[] = [];
  let repeated = 0;
  let repeatsAgree = 0;
  for (const file of files) {
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    for (const row of rows) {
      for (let a = 1; a <= EXPERTS; a++) {
        const cells = ABUSE_LEVELS.map((l) => (row[`Annotator${a}_is_abuse.${l}`] ?? '').trim());
        if (cells.every((c) => c === '')) {
          ratings.push(-1);
          continue;
        }
        const marks = cells.map((c) => c.split(',').map((x) => x.trim() === '1'));
        const times = marks[0]?.length ?? 0;
        const levelAt = (t: number): number => marks.findIndex((m) => m[t] === true);
        const first = levelAt(0);
        ratings.push(first);
        if (times > 1) {
          repeated++;
          if (Array.from({ length: times }, (_, t) => levelAt(t)).every((l) => l === first)) {
            repeatsAgree++;
          }
        }
      }
    }
  }
  return {
    table: {
      numLevels: ABUSE_LEVELS.length,
      numRaters: EXPERTS,
      ratings: Int32Array.from(ratings),
    },
    repeated,
    repeatsAgree,
  };
}

export const DIMENSIONS = ['V', 'A', 'D'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface EmoPerspective {
  /** One table per dimension (levels 0..4 for ratings 1..5); rater slots are positions within an item. */
  readonly tables: Readonly<Record<Dimension, RatingTable>>;
  /** The published gold means per item (NaN where the item has no gold), same item order. */
  readonly gold: Readonly<Record<Dimension, Float64Array>>;
  /** Rating rows dropped by the upstream rule (V = A = D = 1). */
  readonly dropped: number;
}

/**
 * One perspective ('reader' or 'writer'): the individual ratings after the upstream filter
 * (rows with V = A = D = 1 are dropped), items with at least 2 ratings left, and the gold.
 */
export function loadEmoBank(perspective: 'reader' | 'writer'): EmoPerspective | string {
  const dir = join(ROOT, 'emobank');
  const ratingsFile = join(dir, `individual_${perspective}_ratings.csv`);
  const goldFile = join(dir, `${perspective}.csv`);
  if (!existsSync(ratingsFile) || !existsSync(goldFile)) return `no data at ${dir}`;
  const read = (f: string): Record<string, string>[] =>
    parse(readFileSync(f, 'utf8'), { columns: true }) as Record<string, string>[];
  const byItem = new Map<string, number[][]>();
  let dropped = 0;
  for (const row of read(ratingsFile)) {
    const values = DIMENSIONS.map((d) => Number(row[d]));
    if (values.every((v) => v === 1)) {
      dropped++;
      continue;
    }
    const id = row.id as string;
    byItem.set(id, [...(byItem.get(id) ?? []), values]);
  }
  const ids = [...byItem.keys()].filter((id) => (byItem.get(id) as number[][]).length > 1);
  const width = Math.max(...ids.map((id) => (byItem.get(id) as number[][]).length));
  const goldRows = new Map(read(goldFile).map((r) => [r.id as string, r]));
  const tables = {} as Record<Dimension, RatingTable>;
  const gold = {} as Record<Dimension, Float64Array>;
  DIMENSIONS.forEach((d, j) => {
    const ratings = new Int32Array(ids.length * width).fill(-1);
    ids.forEach((id, i) => {
      (byItem.get(id) as number[][]).forEach(
        (v, r) => (ratings[i * width + r] = (v[j] as number) - 1),
      );
    });
    tables[d] = { numLevels: 5, numRaters: width, ratings };
    gold[d] = Float64Array.from(ids, (id) => {
      const g = goldRows.get(id);
      return g ? Number(g[d]) : Number.NaN;
    });
  });
  return { tables, gold, dropped };
}
