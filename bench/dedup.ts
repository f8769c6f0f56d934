/**
 * Clean-up and duplicate benchmark, through the commands a user runs (`main`, the CLI's entry,
 * in this process, on a SQLite project in a temporary folder):
 *   1. Davidson's tweets: how many items `hilo import --clean all` changes (and per step), and
 *      the exact / near-duplicate clusters `hilo dedup` finds;
 *   2. speed: `hilo dedup` end to end on N real short texts (default 100,000: Davidson, GoEmotions,
 *      CLINC150), with the MinHash core alone beside it. Target: seconds;
 *   3. injected near-duplicates: BASE tweets with no near-duplicate among them, plus INJECT copies
 *      made with known edits; precision and recall of the duplicate pairs found at three
 *      thresholds, and the share of each kind of edit found.
 *
 *   npx tsx bench/dedup.ts [--items 100000] [--base 5000] [--inject 1000]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findNearDuplicates,
  jaccard,
  normalizeForDedup,
  shingleSet,
} from '../src/core/near-duplicates/index.js';
import { PROJECT_DEFAULTS } from '../src/core/project.js';
import { createRng } from '../src/core/rng.js';
import { CLEAN_STEPS, cleanText } from '../src/core/text-clean/index.js';
import type { CliIo } from '../src/cli/cli-io.js';
import { main } from '../src/cli/main.js';
import { DATASETS, davidsonTweets, EDITS, shortTexts, type Text } from './dedup-data.js';

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const ITEMS = flag('items', 100_000);
const BASE = flag('base', 5000);
const INJECT = flag('inject', 1000);
const THRESHOLDS = [0.7, 0.8, 0.9];
/** "100k short texts in seconds": under 10 s end to end, the ratio column reads ≥ 1×. */
const TARGET_SECONDS = 10;

async function hilo(
  args: readonly string[],
): Promise<{ out: string; seconds: number; cpuSeconds: number }> {
  let out = '';
  let err = '';
  let code = 0;
  const io: CliIo = {
    version: 'bench',
    env: {},
    cwd: process.cwd(),
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stderr: { isTTY: false, write: (t: string) => ((err += t), true) },
    setExitCode: (c) => void (code = c),
    exitCode: () => code,
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const exit = await main(args, io);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  if (exit !== 0) throw new Error(`hilo ${args.join(' ')} failed (${exit}): ${err}`);
  return { out, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function newProject(dir: string, texts: readonly Text[]): Promise<string[]> {
  const project = join(dir, 'p');
  await hilo(['init', project, '--labels', 'a,b']);
  writeFileSync(join(dir, 'items.jsonl'), texts.map((t) => JSON.stringify(t)).join('\n') + '\n');
  return ['--project', project];
}

const figure = (pattern: RegExp, text: string): number =>
  Number((pattern.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));

async function davidson(tweets: readonly Text[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hilo-dedup-davidson-'));
  try {
    const p = await newProject(dir, tweets);
    const imported = await hilo(['import', join(dir, 'items.jsonl'), '--clean', 'all', ...p]);
    const cleaned = figure(/cleaned the text of (\d[\d,]*) items/, imported.out);
    console.log(`\n## 1. Davidson's tweets (${tweets.length} items)\n`);
    console.log('| clean-up step alone | tweets it changes |\n| --- | ---: |');
    for (const step of CLEAN_STEPS) {
      const changed = tweets.filter((t) => cleanText(t.text, [step]) !== t.text).length;
      console.log(`| ${step} | ${changed} |`);
    }
    console.log(
      `| **all four** (\`hilo import --clean all\`, ${imported.seconds.toFixed(1)} s) | **${cleaned}** |`,
    );
    const found = await hilo(['dedup', ...p]);
    const clusters = figure(/(\d[\d,]*) clusters of duplicates/, found.out);
    const members = figure(/holding (\d[\d,]*) items/, found.out);
    const exact = figure(/(\d[\d,]*) exact copies/, found.out);
    const near = figure(/(\d[\d,]*) near pairs verified/, found.out);
    console.log(
      `\n\`hilo dedup\` (threshold 0.8, 5-char shingles, ${found.seconds.toFixed(1)} s): ${clusters} clusters holding ${members} tweets; ${exact} exact copies once normalised, ${near} near pairs.\n`,
    );
    // The summary only: the clusters' texts are offensive tweets, not for a results page.
    console.log('```\n' + found.out.split('\n').slice(0, 2).join('\n') + '\n```');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function speed(texts: readonly Text[], sources: readonly string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hilo-dedup-speed-'));
  try {
    const p = await newProject(dir, texts);
    const imported = await hilo(['import', join(dir, 'items.jsonl'), ...p]);
    const rssBefore = process.memoryUsage().rss;
    const found = await hilo(['dedup', ...p]);
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const core = findNearDuplicates(
      texts.map((t) => t.text),
      { ...PROJECT_DEFAULTS.dedup },
    );
    const coreSeconds = (performance.now() - started) / 1000;
    const coreCpu = process.cpuUsage(cpu);
    console.log(`\n## 2. Speed on ${texts.length} short texts (${sources.join(', ')})\n`);
    console.log(
      '| step | wall s | CPU s | texts/s (wall) | ratio to target (10 s) |\n| --- | ---: | ---: | ---: | ---: |',
    );
    const row = (name: string, s: number, cpuSeconds: number) =>
      console.log(
        `| ${name} | ${s.toFixed(2)} | ${cpuSeconds.toFixed(2)} | ${Math.round(texts.length / s).toLocaleString('en')} | ${(TARGET_SECONDS / s).toFixed(2)}× |`,
      );
    row('`hilo import` (not part of dedup)', imported.seconds, imported.cpuSeconds);
    row(
      '**`hilo dedup`** end to end (open, read items, find, report)',
      found.seconds,
      found.cpuSeconds,
    );
    row(
      'MinHash/LSH core alone (`findNearDuplicates`)',
      coreSeconds,
      (coreCpu.user + coreCpu.system) / 1e6,
    );
    console.log(
      `\nclusters ${figure(/(\d[\d,]*) clusters/, found.out)}, candidate pairs ${core.candidates}, RSS after dedup ${Math.round(rss / 2 ** 20)} MB (before ${Math.round(rssBefore / 2 ** 20)} MB).`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Injected {
  readonly texts: Text[];
  /** Family of each id: the base item it copies (itself for a base item). */
  readonly family: Map<string, string>;
  readonly edit: Map<string, string>;
}

function inject(tweets: readonly Text[]): Injected {
  // A base with no near-duplicate among its items, even at a low threshold.
  const pool = tweets.slice(0, BASE * 2);
  const loose = findNearDuplicates(
    pool.map((t) => t.text),
    { ...PROJECT_DEFAULTS.dedup, threshold: 0.5 },
  );
  const sizes = new Map<number, number>();
  loose.clusterOf.forEach((c) => sizes.set(c, (sizes.get(c) ?? 0) + 1));
  const base = pool.filter((_, i) => sizes.get(loose.clusterOf[i] as number) === 1).slice(0, BASE);
  const rng = createRng(7);
  const kinds = Object.keys(EDITS);
  const texts = [...base];
  const family = new Map(base.map((t) => [t.id, t.id]));
  const edit = new Map<string, string>();
  for (let i = 0; i < INJECT; i++) {
    const original = base[rng.int(base.length)] as Text;
    const kind = kinds[i % kinds.length] as string;
    const id = `copy-${i}`;
    texts.push({
      id,
      text: (EDITS[kind] as (t: string, r: typeof rng) => string)(original.text, rng),
    });
    family.set(id, original.id);
    edit.set(id, kind);
  }
  return { texts, family, edit };
}

async function injected(tweets: readonly Text[]): Promise<void> {
  const { texts, family, edit } = inject(tweets);
  const dir = mkdtempSync(join(tmpdir(), 'hilo-dedup-inject-'));
  try {
    const p = await newProject(dir, texts);
    await hilo(['import', join(dir, 'items.jsonl'), ...p]);
    const truth = pairSet(groups(texts.map((t) => [t.id, family.get(t.id) as string])));
    // The exact similarity of every true pair: what the threshold asks, apart from MinHash.
    const shingles = new Map(
      texts.map((t) => [t.id, shingleSet(normalizeForDedup(t.text), 5, 'char')]),
    );
    const similarity = new Map(
      [...truth].map((pair) => {
        const [a, b] = pair.split('\u0000') as [string, string];
        return [pair, jaccard(shingles.get(a) as Uint32Array, shingles.get(b) as Uint32Array)];
      }),
    );
    console.log(
      `\n## 3. Injected near-duplicates: ${BASE} tweets without near-duplicates + ${INJECT} copies (${Object.keys(EDITS).length} kinds of edit, seed 7)\n`,
    );
    console.log(
      `| threshold | clusters | pairs found | true pairs | precision | recall | true pairs with Jaccard ≥ threshold | of those found (MinHash/LSH recall) | seconds |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    );
    const perEdit: Record<string, string[]> = {};
    for (const threshold of THRESHOLDS) {
      const file = join(dir, `clusters-${threshold}.jsonl`);
      const run = await hilo(['dedup', '--threshold', String(threshold), '--out', file, ...p]);
      const rows = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { cluster: number; id: string });
      const clusterOf = new Map(rows.map((r) => [r.id, String(r.cluster)]));
      const found = pairSet(groups(rows.map((r) => [r.id, String(r.cluster)])));
      const hit = [...found].filter((pair) => truth.has(pair)).length;
      const precision = found.size === 0 ? 1 : hit / found.size;
      const above = [...truth].filter((pair) => (similarity.get(pair) as number) >= threshold);
      const aboveFound = above.filter((pair) => found.has(pair)).length;
      console.log(
        `| ${threshold} | ${new Set(clusterOf.values()).size} | ${found.size} | ${truth.size} | ${(precision * 100).toFixed(1)}% | ${((hit / truth.size) * 100).toFixed(1)}% | ${above.length} | ${aboveFound} (${((aboveFound / Math.max(1, above.length)) * 100).toFixed(1)}%) | ${run.seconds.toFixed(1)} |`,
      );
      for (const kind of Object.keys(EDITS)) {
        const copies = [...edit].filter(([, k]) => k === kind).map(([id]) => id);
        const caught = copies.filter((id) => {
          const c = clusterOf.get(id);
          return c !== undefined && c === clusterOf.get(family.get(id) as string);
        }).length;
        (perEdit[kind] ??= []).push(`${caught}/${copies.length}`);
      }
    }
    console.log(
      `\n| edit | ${THRESHOLDS.map((t) => `found at ${t}`).join(' | ')} |\n| --- | ${THRESHOLDS.map(() => '---:').join(' | ')} |`,
    );
    for (const [kind, cells] of Object.entries(perEdit))
      console.log(`| ${kind} | ${cells.join(' | ')} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function groups(entries: readonly (readonly [string, string])[]): string[][] {
  const byKey = new Map<string, string[]>();
  for (const [id, key] of entries) byKey.set(key, [...(byKey.get(key) ?? []), id]);
  return [...byKey.values()];
}

function pairSet(clusters: readonly string[][]): Set<string> {
  const pairs = new Set<string>();
  for (const members of clusters) {
    const sorted = [...members].sort();
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) pairs.add(`${sorted[i]}\u0000${sorted[j]}`);
  }
  return pairs;
}

console.log(
  `# hilo dedup benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.versions.node}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const tweets = davidsonTweets();
if (tweets === null) {
  console.log(
    `\nDavidson's tweets are missing (${DATASETS}/hate-offensive-davidson): set HILO_DATASETS to the data sets folder. Nothing measured.`,
  );
} else {
  await davidson(tweets);
  const many = shortTexts(ITEMS);
  if (many === null)
    console.log(
      `\nGoEmotions or CLINC150 missing under ${DATASETS}: the speed section is skipped.`,
    );
  else await speed(many.texts, many.sources);
  await injected(tweets);
}
console.log(
  `\nload at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
