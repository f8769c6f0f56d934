/**
 * The labelled text sets of the active-learning and simulation benchmarks, read from
 * ../shared/datasets (or $HILO_DATASETS). Each loader returns the texts and labels, or a string
 * saying why the set is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export interface TextSet {
  readonly name: string;
  readonly texts: string[];
  readonly labels: string[];
  /** Per item: the share of annotators who gave the majority label (crowd sets only). */
  readonly agreement?: Float64Array;
}

export const DATASETS_ROOT =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));

function missing(path: string): string | null {
  return existsSync(path) ? null : `no data at ${path}`;
}

/** banking77: 13,083 customer queries (train + test), 77 intents. CC BY 4.0. */
export function banking77(): TextSet | string {
  const dir = join(DATASETS_ROOT, 'banking77');
  const why = missing(join(dir, 'train.csv'));
  if (why) return why;
  const rows = ['train.csv', 'test.csv'].flatMap(
    (file) =>
      parse(readFileSync(join(dir, file), 'utf8'), { columns: true }) as {
        text: string;
        category: string;
      }[],
  );
  return { name: 'banking77', texts: rows.map((r) => r.text), labels: rows.map((r) => r.category) };
}

/** AG News test split: 7,600 news items (title + description), 4 topics. Research use only. */
export function agNews(): TextSet | string {
  const dir = join(DATASETS_ROOT, 'ag-news-test');
  const why = missing(join(dir, 'test.csv'));
  if (why) return why;
  const names = readFileSync(join(dir, 'classes.txt'), 'utf8').trim().split('\n');
  const rows = parse(readFileSync(join(dir, 'test.csv'), 'utf8')) as [string, string, string][];
  return {
    name: 'ag-news',
    texts: rows.map(([, title, body]) => `${title}\n${body.replace(/\\n/g, '\n')}`),
    labels: rows.map(([cls]) => names[Number(cls) - 1] as string),
  };
}

/** emotion (CARER): 20,000 tweets (train + val + test), 6 emotions. Research use only. */
export function emotion(): TextSet | string {
  const dir = join(DATASETS_ROOT, 'emotion-carer');
  const why = missing(join(dir, 'train.txt'));
  if (why) return why;
  const texts: string[] = [];
  const labels: string[] = [];
  for (const file of ['train.txt', 'val.txt', 'test.txt']) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    for (const line of lines.slice(1)) {
      const cut = line.lastIndexOf(';');
      if (cut < 0) continue;
      texts.push(line.slice(0, cut));
      labels.push(line.slice(cut + 1).trim());
    }
  }
  return { name: 'emotion', texts, labels };
}

/**
 * Davidson et al. hate/offensive tweets: 24,783 tweets with CrowdFlower vote counts per class;
 * the label is the majority class and agreement its share of the votes. MIT.
 */
export function davidson(): TextSet | string {
  const file = join(DATASETS_ROOT, 'hate-offensive-davidson', 'labeled_data.csv');
  const why = missing(file);
  if (why) return why;
  const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  const names = ['hate', 'offensive', 'neither'];
  return {
    name: 'davidson',
    texts: rows.map((r) => r.tweet as string),
    labels: rows.map((r) => names[Number(r.class)] as string),
    agreement: Float64Array.from(rows, (r) => {
      const votes = [r.hate_speech, r.offensive_language, r.neither].map(Number);
      return Math.max(...votes) / Number(r.count);
    }),
  };
}

/**
 * ConvAbuse (Cercas Curry et al. 2021): 4,185 user turns to conversational agents, each judged
 * by 2–7 of 8 experts on a 5-level scale; here binary (abusive = levels −1..−3), label the
 * majority, agreement its share. CC BY 4.0.
 */
export function convAbuse(): TextSet | string {
  const file = join(DATASETS_ROOT, 'convabuse', 'ConvAbuseEMNLPfull.csv');
  const why = missing(file);
  if (why) return why;
  const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  const items = new Map<string, { text: string; abusive: number; total: number }>();
  for (const r of rows) {
    const key = [r.conv_id, r.prev_agent, r.prev_user, r.agent, r.user].join('\u0000');
    const level = ['1', '0', '-1', '-2', '-3'].find((l) => r[`is_abuse.${l}`] === '1');
    if (level === undefined) continue;
    const entry = items.get(key) ?? { text: r.user as string, abusive: 0, total: 0 };
    entry.total++;
    if (Number(level) < 0) entry.abusive++;
    items.set(key, entry);
  }
  const entries = [...items.values()];
  return {
    name: 'convabuse',
    texts: entries.map((e) => e.text),
    // A tie counts as not abusive, the label of the larger class.
    labels: entries.map((e) => (2 * e.abusive > e.total ? 'abusive' : 'not_abusive')),
    agreement: Float64Array.from(
      entries,
      (e) => Math.max(e.abusive, e.total - e.abusive) / e.total,
    ),
  };
}

/** Sentiment labelled sentences (Kotzias et al. 2015): 3,000 reviews, 0 negative / 1 positive. */
export function sentences(): TextSet | string {
  const dir = join(DATASETS_ROOT, 'sentiment-labelled-sentences');
  const why = missing(join(dir, 'yelp_labelled.txt'));
  if (why) return why;
  const texts: string[] = [];
  const labels: string[] = [];
  for (const file of ['amazon_cells_labelled.txt', 'imdb_labelled.txt', 'yelp_labelled.txt']) {
    // Split on \n only: the imdb file has stray U+0085 inside sentences.
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const cut = line.lastIndexOf('\t');
      if (cut < 0) continue;
      texts.push(line.slice(0, cut));
      labels.push(line.slice(cut + 1).trim());
    }
  }
  return { name: 'sentences', texts, labels };
}

/**
 * The SP crowd of the Active Crowd Toolkit (sentiment polarity of movie-review sentences,
 * Rodrigues et al. 2013): 27,746 answers of 203 workers, labels 0/1, in the long format
 * `worker,task,label`. Apache 2.0.
 */
export function spCrowd(): { worker: string; task: string; label: string }[] | string {
  const file = join(DATASETS_ROOT, 'active-crowd-toolkit', 'SP.csv');
  const why = missing(file);
  if (why) return why;
  const rows = parse(readFileSync(file, 'utf8')) as string[][];
  return rows.map(([worker, task, label]) => ({
    worker: worker as string,
    task: task as string,
    label: label as string,
  }));
}

export const TEXT_SETS: Readonly<Record<string, () => TextSet | string>> = {
  banking77,
  'ag-news': agNews,
  emotion,
  davidson,
  convabuse: convAbuse,
  sentences,
};

/**
 * A seeded stratified subsample of at most `size` items (every class keeps its share).
 * Complexity: O(n log n).
 */
export function subsample(set: TextSet, size: number, seed: number): TextSet {
  if (set.texts.length <= size) return set;
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const keys = set.texts.map((_, i) => ({ i, key: random() }));
  const byLabel = new Map<string, { i: number; key: number }[]>();
  for (const k of keys) {
    const label = set.labels[k.i] as string;
    const group = byLabel.get(label);
    if (group) group.push(k);
    else byLabel.set(label, [k]);
  }
  const chosen: number[] = [];
  for (const group of byLabel.values()) {
    group.sort((a, b) => a.key - b.key);
    chosen.push(
      ...group.slice(0, Math.round((size * group.length) / set.texts.length)).map((k) => k.i),
    );
  }
  chosen.sort((a, b) => a - b);
  return {
    name: set.name,
    texts: chosen.map((i) => set.texts[i] as string),
    labels: chosen.map((i) => set.labels[i] as string),
    ...(set.agreement
      ? { agreement: Float64Array.from(chosen, (i) => set.agreement?.[i] as number) }
      : {}),
  };
}
