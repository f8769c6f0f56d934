/**
 * The local model on each task kind through the command line, as a user runs it:
 * `hilo import --role gold` and `--role test` → `hilo learn` → `hilo label` → `hilo eval`.
 *
 *   npx tsx bench/learn-kinds.ts [--gold 10000] [--seed 1] [--only goemotions,convabuse,llmfao]
 *
 * GoEmotions (multi-label, 28 labels; Apache-2.0): gold = a random `--gold` of its train split,
 * test = its test split. ConvAbuse (rating, 5 severity levels; CC BY 4.0): the paper's train and
 * test splits, each item's rating the median of its experts (the more severe on a tie).
 * LLMFAO (pairwise; CC BY 4.0): the crowd's plurality verdict per pair (left = a, right = b,
 * tie), pairs split 80/20 at random. Data is read from ../shared/datasets (or $HILO_DATASETS);
 * a missing data set is reported and skipped. Texts go to a temporary folder, never printed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { createRng, shuffled } from '../src/core/rng.js';
import { ABUSE_LEVELS } from './ordinal-data.js';

const { values: args } = parseArgs({
  options: {
    gold: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string', default: 'goemotions,convabuse,llmfao' },
  },
});
const ROOT =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));
const HILO = fileURLToPath(new URL('../bin/hilo.js', import.meta.url));
const seed = Number(args.seed);

type Row = Record<string, unknown>;
interface Prepared {
  readonly yaml: string;
  readonly gold: Row[];
  readonly test: Row[];
}

const jsonl = (rows: readonly Row[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function goEmotions(): Prepared | string {
  const dir = join(ROOT, 'goemotions');
  if (!existsSync(join(dir, 'train.tsv'))) return `no data at ${dir}`;
  const labels = readFileSync(join(dir, 'labels.txt'), 'utf8').trim().split('\n');
  const read = (split: string) =>
    readFileSync(join(dir, `${split}.tsv`), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [text, ids, id] = line.split('\t');
        return { id, text, label: (ids ?? '').split(',').map((k) => labels[Number(k)]) };
      });
  const gold = shuffled(read('train'), createRng(seed)).slice(0, Number(args.gold));
  return {
    yaml: `name: goemotions\nkind: multilabel\nfields: [text]\nlabels: [${labels.join(', ')}]\nmultilabel: { minLabels: 1, measure: exact }\n`,
    gold,
    test: read('test'),
  };
}

function convAbuse(): Prepared | string {
  const dir = join(ROOT, 'convabuse');
  const file = (s: string) => join(dir, `ConvAbuseEMNLP${s}.csv`);
  if (!existsSync(file('train'))) return `no data at ${dir}`;
  const read = (split: string): Row[] =>
    (parse(readFileSync(file(split)), { columns: true }) as Record<string, string>[]).map((r) => {
      const ratings: number[] = [];
      for (let a = 1; a <= 8; a++) {
        ABUSE_LEVELS.forEach((level, k) => {
          if ((r[`Annotator${a}_is_abuse.${level}`] ?? '').startsWith('1')) ratings.push(k);
        });
      }
      ratings.sort((x, y) => x - y);
      // The upper median: on a tie between two levels, the more severe.
      const median = ratings[ratings.length >> 1] as number;
      return {
        id: r.example_id,
        prev_agent: r.prev_agent,
        prev_user: r.prev_user,
        agent: r.agent,
        user: r.user,
        label: ABUSE_LEVELS[median],
      };
    });
  return {
    yaml: `name: convabuse\nkind: rating\nfields: [prev_agent, prev_user, agent, user]\nlabels: ["1", "0", "-1", "-2", "-3"]\nrating: { measure: exact, withinK: 1 }\n`,
    gold: [...read('train'), ...read('valid')],
    test: read('test'),
  };
}

function llmfao(): Prepared | string {
  const dir = join(ROOT, 'llmfao-pairwise');
  if (!existsSync(join(dir, 'pairs-crowd.jsonl'))) return `no data at ${dir}`;
  const votes = new Map<string, Map<string, number>>();
  const rows = parse(readFileSync(join(dir, 'crowd-comparisons.csv')), {
    columns: true,
  }) as Record<string, string>[];
  for (const r of rows) {
    const tally = votes.get(r.id as string) ?? new Map<string, number>();
    const verdict = r.winner === 'left' ? 'a' : r.winner === 'right' ? 'b' : 'tie';
    tally.set(verdict, (tally.get(verdict) ?? 0) + 1);
    votes.set(r.id as string, tally);
  }
  const pairs: Row[] = [];
  for (const line of readFileSync(join(dir, 'pairs-crowd.jsonl'), 'utf8').trim().split('\n')) {
    const p = JSON.parse(line) as Record<string, unknown>;
    const tally = votes.get(String(p.id));
    if (!tally) continue;
    const sorted = [...tally].sort((x, y) => y[1] - x[1]);
    // A tied plurality is a tie.
    const label = sorted[1] && sorted[1][1] === sorted[0]?.[1] ? 'tie' : (sorted[0]?.[0] as string);
    pairs.push({ id: String(p.id), prompt: p.text, a: p.result_x, b: p.result_y, label });
  }
  const order = shuffled(pairs, createRng(seed));
  const cut = Math.round(order.length * 0.8);
  return {
    yaml: 'name: llmfao\nkind: pairwise\nfields: [prompt, a, b]\nlabels: [a, b, tie]\n',
    gold: order.slice(0, cut),
    test: order.slice(cut),
  };
}

function hilo(project: string, ...command: string[]): string {
  return execFileSync('node', [HILO, ...command, '--project', project], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const sets: Record<string, () => Prepared | string> = {
  goemotions: goEmotions,
  convabuse: convAbuse,
  llmfao,
};
console.log(`local model per task kind through the CLI — node ${process.version}, seed ${seed}`);
for (const name of args.only.split(',')) {
  const make = sets[name];
  if (!make) throw new Error(`unknown data set ${name}`);
  const data = make();
  if (typeof data === 'string') {
    console.log(`\n${name}: skipped — ${data} (set HILO_DATASETS to the datasets folder)`);
    continue;
  }
  const project = mkdtempSync(join(tmpdir(), `hilo-kinds-${name}-`));
  try {
    writeFileSync(join(project, 'hilo.yaml'), `${data.yaml}labeller: { default: local }\n`);
    writeFileSync(join(project, 'gold.jsonl'), jsonl(data.gold));
    writeFileSync(join(project, 'test.jsonl'), jsonl(data.test));
    console.log(`\n${name}: ${data.gold.length} gold, ${data.test.length} test`);
    hilo(project, 'import', join(project, 'gold.jsonl'), '--role', 'gold');
    hilo(project, 'import', join(project, 'test.jsonl'), '--role', 'test');
    const started = performance.now();
    process.stdout.write(hilo(project, 'learn'));
    console.log(`learn: ${((performance.now() - started) / 1000).toFixed(1)} s wall`);
    hilo(project, 'label', '--roles', 'test');
    process.stdout.write(hilo(project, 'eval'));
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
