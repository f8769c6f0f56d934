/**
 * Data of bench/dedup.ts: real short texts from /work/shared/datasets (Davidson's tweets,
 * GoEmotions, CLINC150), and near-copies of tweets made with known edits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rng } from '../src/core/rng.js';

export const DATASETS = process.env.HILO_DATASETS ?? '/work/shared/datasets';
export const DAVIDSON = join(DATASETS, 'hate-offensive-davidson/labeled_data.csv');

export interface Text {
  readonly id: string;
  readonly text: string;
}

/** Davidson et al. 2017 (MIT): the `tweet` column as stored, HTML references included. */
export function davidsonTweets(): Text[] | null {
  if (!existsSync(DAVIDSON)) return null;
  return csvRows(readFileSync(DAVIDSON, 'utf8'))
    .slice(1)
    .map((row) => ({ id: `davidson-${row[0] ?? ''}`, text: row[6] ?? '' }));
}

/** Up to `count` short texts: Davidson's tweets, then GoEmotions, then CLINC150 queries. */
export function shortTexts(count: number): { texts: Text[]; sources: string[] } | null {
  const tweets = davidsonTweets();
  const goemotions = ['train', 'dev', 'test'].map((s) => join(DATASETS, `goemotions/${s}.tsv`));
  const clinc = join(DATASETS, 'clinc150/data_full.json');
  if (tweets === null || !goemotions.every(existsSync) || !existsSync(clinc)) return null;
  const texts: Text[] = [...tweets];
  goemotions.forEach((file, f) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const text = line.split('\t')[0];
        if (text) texts.push({ id: `goemotions-${f}-${i}`, text });
      }),
  );
  const splits = JSON.parse(readFileSync(clinc, 'utf8')) as Record<string, [string, string][]>;
  for (const [split, rows] of Object.entries(splits)) {
    rows.forEach(([text], i) => texts.push({ id: `clinc-${split}-${i}`, text }));
  }
  return {
    texts: texts.slice(0, count),
    sources: ['hate-offensive-davidson', 'goemotions', 'clinc150'],
  };
}

/** The kinds of near-copy injected, each a function of the text and a seeded generator. */
export const EDITS: Readonly<Record<string, (text: string, rng: Rng) => string>> = {
  typo: (text, rng) => typo(text, rng),
  'two typos': (text, rng) => typo(typo(text, rng), rng),
  case: (text, rng) => (rng.next() < 0.5 ? text.toUpperCase() : text.toLowerCase()),
  punctuation: (text, rng) =>
    rng.next() < 0.5 ? text.replace(/[.,!?;:"]/g, '') : `${text.replace(/ /, ', ')}!!`,
  'word swap': (text, rng) => {
    const words = text.split(' ');
    if (words.length < 2) return `${text} ${text}`;
    const i = rng.int(words.length - 1);
    [words[i], words[i + 1]] = [words[i + 1] as string, words[i] as string];
    return words.join(' ');
  },
  'word replaced': (text, rng) => {
    const words = text.split(' ');
    const long = words.flatMap((w, i) => (w.length > 3 ? [i] : []));
    const at = long.length > 0 ? (long[rng.int(long.length)] as number) : 0;
    words[at] = ['really', 'today', 'maybe', 'always', 'honestly'][rng.int(5)] as string;
    return words.join(' ');
  },
  entities: (text) =>
    /&(#\d+|amp|lt|gt|quot);/.test(text)
      ? text
          .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
      : text
          .replace(/&/g, '&amp;')
          .replace(/"/g, '&quot;')
          .replace(/'/g, '&#39;')
          .replace(/[^\x20-\x7e]/gu, (c) => `&#${c.codePointAt(0) ?? 63};`),
  retweet: (text, rng) => `RT @user${rng.int(1000)}: ${text}`,
};

function typo(text: string, rng: Rng): string {
  const letters = [...text.matchAll(/[a-z]/gi)].map((m) => m.index);
  if (letters.length === 0) return `${text}x`;
  const at = letters[rng.int(letters.length)] as number;
  const op = rng.int(3);
  if (op === 0) return text.slice(0, at) + text.slice(at + 1);
  if (op === 1)
    return text.slice(0, at) + 'qwertyuiopasdfghjklzxcvbnm'[rng.int(26)] + text.slice(at + 1);
  return text.slice(0, at) + (text[at + 1] ?? '') + (text[at] ?? '') + text.slice(at + 2);
}

/** RFC 4180 rows (quoted fields, doubled quotes, line breaks inside quotes). O(length). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
