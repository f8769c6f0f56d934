/**
 * Several `hilo label` processes on one PostgreSQL: 1, 2 and 4 workers (real CLI processes, each
 * `--concurrency 32`) label N items against a loopback server that answers after a fixed latency
 * (in its own process). Times each configuration from the spawn of its workers to the exit of
 * the last, and checks that every item got exactly one vote. Target: 2 workers ≥ 1.9×, 4 workers
 * ≥ 3.5× one worker.
 *
 *   npm run build   # the workers run bin/hilo.js, as a user does (without dist/: tsx, and a note)
 *   npx tsx bench/label-workers.ts [--items 20000] [--workers 1,2,4] [--concurrency 32] [--latency 100]
 *
 * Uses HILO_TEST_POSTGRES_URL (a server where it may create databases); without it, starts a
 * throwaway one with scripts/postgres.sh (Debian's postgresql package) and stops it at the end.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { CliIo } from '../src/cli/cli-io.js';
import { main } from '../src/cli/main.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '20000' },
    workers: { type: 'string', default: '1,2,4' },
    concurrency: { type: 'string', default: '32' },
    latency: { type: 'string', default: '100' },
  },
});
const items = Number(values.items);
const workerCounts = values.workers.split(',').map(Number);
const concurrency = Number(values.concurrency);
const latencyMs = Number(values.latency);
const root = join(import.meta.dirname, '..');
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));
const cliArgs = built
  ? [join(root, 'bin', 'hilo.js')]
  : ['--import', 'tsx', join(root, 'e2e', 'run-cli.ts')];

const quiet: CliIo = {
  version: 'bench',
  env: {},
  cwd: process.cwd(),
  out: () => undefined,
  err: (t) => void process.stderr.write(t),
  stderr: { isTTY: false, write: () => true },
  setExitCode: () => undefined,
  exitCode: () => 0,
};

let serverUrl = process.env.HILO_TEST_POSTGRES_URL;
let startedPostgres = false;
if (serverUrl === undefined) {
  console.log(
    'HILO_TEST_POSTGRES_URL is not set: starting a throwaway PostgreSQL (scripts/postgres.sh)',
  );
  const env = execFileSync(join(root, 'scripts', 'postgres.sh'), ['start'], { encoding: 'utf8' });
  serverUrl = /HILO_TEST_POSTGRES_URL=(\S+)/.exec(env)?.[1];
  const pgDir = /HILO_PG_DIR=(\S+)/.exec(env)?.[1];
  if (serverUrl === undefined || pgDir === undefined)
    throw new Error(`scripts/postgres.sh start printed no URL: ${env}`);
  process.env.HILO_PG_DIR = pgDir;
  startedPostgres = true;
}
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();

const fake = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'fake-server-process.ts'), String(latencyMs)],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const fakeUrl = await new Promise<string>((resolve) =>
  createInterface({ input: fake.stdout }).once('line', resolve),
);

interface Result {
  readonly workers: number;
  readonly seconds: number;
  readonly rate: number;
  readonly votes: number;
  readonly duplicates: number;
}

/** A fresh database and project of `items` pool items. */
async function prepare(name: string): Promise<{ dir: string; url: string }> {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl ?? '');
  url.pathname = `/${name}`;
  const dir = await mkdtemp(join(tmpdir(), 'hilo-bench-workers-'));
  const project = join(dir, 'p');
  await main(['init', project, '--labels', 'positive,negative,neutral'], quiet);
  await writeFile(
    join(project, 'hilo.yaml'),
    [
      'name: bench',
      'labels: [positive, negative, neutral]',
      `database: ${url.toString()}`,
      'labeller:',
      '  default: llm',
      `  llm: { model: gpt-4o-mini, confidence: logprobs, concurrency: ${concurrency}, requestsPerMinute: 10000000, tokensPerMinute: 1000000000 }`,
      '',
    ].join('\n'),
  );
  const rows = Array.from({ length: items }, (_, i) =>
    JSON.stringify({
      id: `r${String(i).padStart(7, '0')}`,
      text: `Review ${i}: arrived on time, ${i % 3 === 0 ? 'negative' : 'positive'} overall.`,
    }),
  );
  await writeFile(join(dir, 'items.jsonl'), `${rows.join('\n')}\n`);
  await main(['import', join(dir, 'items.jsonl'), '--project', project], quiet);
  return { dir, url: url.toString() };
}

async function measure(workers: number): Promise<Result> {
  const name = `hilo_bench_workers_${workers}`;
  const { dir, url } = await prepare(name);
  const started = performance.now();
  const errors: string[] = [];
  const exits = Array.from({ length: workers }, (_, w) => {
    const child = spawn(process.execPath, [...cliArgs, 'label', '--project', join(dir, 'p')], {
      env: { ...process.env, OPENAI_BASE_URL: fakeUrl, OPENAI_API_KEY: 'bench' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    return new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        if (code !== 0) errors.push(`worker ${w + 1} exited with ${code}: ${err}`);
        resolve(code);
      }),
    );
  });
  await Promise.all(exits);
  const seconds = (performance.now() - started) / 1000;
  if (errors.length > 0) throw new Error(errors.join('\n'));
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows } = await db.query<{ votes: string; items: string }>(
    "select count(*) as votes, count(distinct item_id) as items from votes where source like 'llm:%'",
  );
  await db.end();
  await rm(dir, { recursive: true, force: true });
  await admin.query(`drop database if exists ${name} with (force)`);
  const votes = Number(rows[0]?.votes);
  return {
    workers,
    seconds,
    rate: items / seconds,
    votes,
    duplicates: votes - Number(rows[0]?.items),
  };
}

const results: Result[] = [];
try {
  for (const workers of workerCounts) results.push(await measure(workers));
} finally {
  fake.kill('SIGTERM');
  await admin.end();
  if (startedPostgres)
    execFileSync(join(root, 'scripts', 'postgres.sh'), ['stop'], { stdio: 'inherit' });
}

const base = results.find((r) => r.workers === 1);
const targets = new Map([
  [2, 1.9],
  [4, 3.5],
]);
console.log(
  `label-workers: ${items} items on PostgreSQL, ${concurrency} in flight per worker, server latency ${latencyMs} ms, ${built ? 'bin/hilo.js' : 'tsx (no dist/: run `npm run build` to measure bin/hilo.js)'}; load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  '| workers | seconds | items/s | bound items/s | speed-up | target | votes | duplicates |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const speedUp = base ? r.rate / base.rate : NaN;
  const target = targets.get(r.workers);
  const bound = (r.workers * concurrency * 1000) / latencyMs;
  console.log(
    `| ${r.workers} | ${r.seconds.toFixed(1)} | ${r.rate.toFixed(1)} | ${bound.toFixed(0)} | ${speedUp.toFixed(2)}× | ${target === undefined ? '—' : `≥ ${target}× (${((100 * speedUp) / target).toFixed(0)}%)`} | ${r.votes} | ${r.duplicates} |`,
  );
}
