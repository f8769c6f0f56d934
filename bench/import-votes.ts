/**
 * `hilo import-votes` end to end, as a user runs it: the built CLI (`node bin/hilo.js`) in a
 * child process importing a crowd-kit long-format file (`worker,task,label`) into a fresh project,
 * on SQLite and then on PostgreSQL, each twice (a first import, then the same file again: every
 * vote already stored). Prints wall time, votes/s against the target, CPU time, peak RSS of the
 * command, and its phases: parse (the file reader alone, in its own process), validate (reading
 * and checking as the command does, minus parse) and write (the one transaction).
 *
 *   npm run build && npx tsx bench/import-votes.ts [FILE] [--labels 0,1,2,3,4] [--sqlite-only]
 *
 * FILE defaults to sim_large (1M votes, 200k items, 1,000 annotators) from /work/shared/peers;
 * any votes file works (CSV, TSV, JSONL, Parquet, gzipped or not) with its label set in
 * --labels. PostgreSQL: HILO_TEST_POSTGRES_URL, else a throwaway server from
 * scripts/postgres.sh (started and stopped here); each run gets a database of its own.
 * Target: >= 150,000 votes/s on SQLite.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openRecordSource } from '../src/files/open-record-source.js';

const TARGET = 150_000;
const ROOT = join(import.meta.dirname, '..');
const SIM_LARGE = '/work/shared/peers/data/sim_large/labels.csv.gz';

interface Run {
  readonly store: string;
  readonly pass: 'first' | 'again';
  readonly votes: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly readSeconds: number;
  readonly storeSeconds: number;
  readonly summary: string;
}

/** The reader alone, in a process of its own: how long parsing the file takes. */
async function parseOnly(file: string): Promise<void> {
  const started = performance.now();
  let rows = 0;
  for await (const batch of (await openRecordSource(file)).batches(8192)) rows += batch.length;
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function parsePhase(file: string): { rows: number; seconds: number; peakRssMb: number } {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, script, '--parse-only', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`reading ${file} failed (status ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as {
    rows: number;
    seconds: number;
    peakRssMb: number;
  };
}

/** Runs `hilo ARGS`, reporting its wall and CPU time and peak RSS (from an exit hook). */
function hilo(args: readonly string[], env: NodeJS.ProcessEnv): { out: string } & Usage {
  const hook =
    'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();' +
    'process.stderr.write("\\nusage "+JSON.stringify({cpu:(u.userCPUTime+u.systemCPUTime)/1e6,rss:u.maxRSS/1024})+"\\n")})';
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--import', hook, join(ROOT, 'bin', 'hilo.js'), ...args],
    {
      encoding: 'utf8',
      env,
      maxBuffer: 1 << 26,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0)
    throw new Error(`hilo ${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  const usage = /usage (\{.*\})/.exec(child.stderr)?.[1];
  const { cpu, rss } = JSON.parse(usage ?? '{"cpu":0,"rss":0}') as { cpu: number; rss: number };
  return { out: child.stdout, seconds, cpuSeconds: cpu, peakRssMb: rss };
}

interface Usage {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

function importTwice(store: string, file: string, labels: string, env: NodeJS.ProcessEnv): Run[] {
  const dir = mkdtempSync(join(tmpdir(), 'hilo-import-votes-'));
  try {
    const project = join(dir, 'p');
    hilo(['init', project, '--labels', labels], env);
    return (['first', 'again'] as const).map((pass) => {
      const run = hilo(['import-votes', file, '--project', project], env);
      const line = run.out.split('\n').find((l) => l.startsWith('imported ')) ?? '';
      const read = /read and checked in ([\d.]+) s/.exec(line)?.[1];
      const stored = /stored in ([\d.]+) s/.exec(line)?.[1];
      const votes = Number(/\((\d+) already stored/.exec(line)?.[1] ?? 0);
      const added = Number(/imported (\d+) votes/.exec(line)?.[1] ?? 0);
      return {
        store,
        pass,
        votes: votes + added,
        seconds: run.seconds,
        cpuSeconds: run.cpuSeconds,
        peakRssMb: run.peakRssMb,
        readSeconds: Number(read),
        storeSeconds: Number(stored),
        summary: line,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh database on the server at `url` for one run, dropped afterwards. */
async function withDatabase<T>(url: string, work: (url: string) => T): Promise<T> {
  const name = `hilo_votes_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    return work(target.toString());
  } finally {
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}

function startPostgres(): { url: string; stop: () => void } {
  const script = join(ROOT, 'scripts', 'postgres.sh');
  const exports = execFileSync('bash', [script, 'start'], { encoding: 'utf8' });
  const url = /HILO_TEST_POSTGRES_URL=(\S+)/.exec(exports)?.[1];
  const pgDir = /HILO_PG_DIR=(\S+)/.exec(exports)?.[1];
  if (url === undefined || pgDir === undefined) throw new Error('scripts/postgres.sh start failed');
  return {
    url,
    stop: () =>
      execFileSync('bash', [script, 'stop'], { env: { ...process.env, HILO_PG_DIR: pgDir } }),
  };
}

function print(runs: readonly Run[], parse: { seconds: number }): void {
  const n = (x: number, digits = 2): string => x.toFixed(digits);
  console.log(
    '| store | pass | votes | wall s | votes/s | × target | CPU s | parse s | validate s | write s | peak RSS MB |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of runs) {
    const rate = r.votes / r.seconds;
    const validate = Math.max(0, r.readSeconds - parse.seconds);
    console.log(
      `| ${r.store} | ${r.pass} | ${r.votes.toLocaleString('en-US')} | ${n(r.seconds)} | ${Math.round(rate).toLocaleString('en-US')} | ${n(rate / TARGET)} | ${n(r.cpuSeconds)} | ${n(parse.seconds)} | ${n(validate)} | ${n(r.storeSeconds)} | ${Math.round(r.peakRssMb)} |`,
    );
  }
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--parse-only') return parseOnly(argv[1] ?? '');
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--labels') ?? SIM_LARGE;
  const labels = argv[argv.indexOf('--labels') + 1] ?? '0,1,2,3,4';
  if (!existsSync(file)) {
    console.log(
      file === SIM_LARGE
        ? `sim_large is missing (${SIM_LARGE}: /work/shared is not on this machine); pass a votes file: npx tsx bench/import-votes.ts FILE --labels a,b,c`
        : `${file} does not exist`,
    );
    process.exitCode = 1;
    return;
  }
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    console.log('dist/ is missing: run `npm run build` first (the benchmark runs the built CLI)');
    process.exitCode = 1;
    return;
  }
  console.log(
    `hilo import-votes ${file} (labels ${labels}); target ${TARGET.toLocaleString('en-US')} votes/s`,
  );
  console.log(
    `${cpus().length} cpus (${cpus()[0]?.model ?? '?'}), Node ${process.version}, load before ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${new Date().toISOString()}`,
  );
  const parse = parsePhase(file);
  const env = { ...process.env };
  delete env['HILO_DATABASE_URL'];
  const runs = importTwice('SQLite', file, labels, env);
  if (!argv.includes('--sqlite-only')) {
    const given = process.env['HILO_TEST_POSTGRES_URL'];
    const server = given === undefined ? startPostgres() : { url: given, stop: () => undefined };
    try {
      const pgRuns = await withDatabase(server.url, (url) =>
        importTwice('PostgreSQL', file, labels, { ...env, HILO_DATABASE_URL: url }),
      );
      runs.push(...pgRuns);
    } finally {
      server.stop();
    }
  }
  print(runs, parse);
  console.log(
    `parse = the file reader alone (${parse.rows.toLocaleString('en-US')} rows, peak RSS ${Math.round(parse.peakRssMb)} MB); validate = the command's read-and-check phase minus parse; write = its transaction. Load after ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

await main(process.argv.slice(2));
