/**
 * `hilo aggregate --method ds` end to end on a simulated crowd's stored votes (default sim_large
 * of ../shared/peers/data: 1M votes, 200k items, 1,000 annotators), as a user runs it: the built
 * CLI (`node bin/hilo.js`) in a child process under `/usr/bin/time -v`, on SQLite and (when a
 * server is given) PostgreSQL. Wall time and peak RSS come from the child; the phases (read
 * votes, fit, write decisions) from the command's own `--timings` line; "other" is the rest
 * (starting Node, loading modules, opening the project, printing). Each run starts from stored
 * votes and no decisions, as after `hilo import-votes`. Prints a markdown table with the ratio
 * to the 3 s target and crowd-kit 1.4.1's figures from the same kind of machine.
 *
 *   npx tsx bench/aggregate/end-to-end.ts [--set sim_large] [--runs 3] [--no-build]
 *     [--postgres URL]   (default $HILO_TEST_POSTGRES_URL; without one PostgreSQL is skipped)
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sharedRoot } from './crowd-sets.js';
import {
  freshPostgres,
  freshSqlite,
  postgresProject,
  sqliteProject,
  type BenchProject,
} from './end-to-end-store.js';

/** crowd-kit 1.4.1 on sim_large, same kind of machine (issue figures, 2026-11-26). */
const CROWD_KIT = { fitSeconds: 28.8, wholeRunSeconds: 35 };
const TARGET_SECONDS = 3;

interface RunFigures {
  readonly wall: number;
  /** CPU seconds (user + system) of the child: steadier than wall time on a busy machine. */
  readonly cpu: number;
  readonly peakMb: number;
  readonly phases: Readonly<Record<string, number>>;
  readonly summary: string;
}

const { values: flags } = parseArgs({
  options: {
    set: { type: 'string', default: 'sim_large' },
    runs: { type: 'string', default: '3' },
    'no-build': { type: 'boolean', default: false },
    postgres: { type: 'string' },
  },
});

/** Parses `timings: read votes 1.234 s, fit 0.690 s, …` from the command's stderr. */
function parseTimings(stderr: string): Record<string, number> {
  const line = stderr.split('\n').find((l) => l.startsWith('timings: '));
  const phases: Record<string, number> = {};
  if (!line) return phases;
  for (const part of line.slice('timings: '.length).split(', ')) {
    const match = /^(.+?) ([\d.]+) s$/.exec(part.trim());
    if (match) phases[match[1] as string] = Number(match[2]);
  }
  return phases;
}

function runAggregate(project: BenchProject, env: NodeJS.ProcessEnv): RunFigures {
  const args = ['-v', 'node', 'bin/hilo.js', 'aggregate', '--method', 'ds', '--timings'];
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', [...args, '--project', project.dir], {
    encoding: 'utf8',
    env,
  });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`hilo aggregate failed: ${child.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr);
  const seconds = (name: string) =>
    Number(new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`).exec(child.stderr)?.[1]);
  return {
    wall,
    cpu: seconds('User') + seconds('System'),
    peakMb: rss ? Number(rss[1]) / 1024 : NaN,
    phases: parseTimings(child.stderr),
    summary: child.stdout.trim().split('\n')[0] ?? '',
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

const PHASES = ['read votes', 'fit', 'write decisions'] as const;

function row(store: string, runs: readonly RunFigures[]): string {
  const wall = median(runs.map((r) => r.wall));
  const phase = (name: string) => median(runs.map((r) => r.phases[name] ?? NaN));
  const known = PHASES.reduce((sum, name) => sum + phase(name), 0);
  const cells = [
    store,
    runs.map((r) => r.wall.toFixed(2)).join(' / '),
    wall.toFixed(2),
    median(runs.map((r) => r.cpu)).toFixed(2),
    ...PHASES.map((name) => phase(name).toFixed(2)),
    (wall - known).toFixed(2),
    median(runs.map((r) => r.peakMb)).toFixed(0),
    `${(wall / TARGET_SECONDS).toFixed(2)}`,
    `${(CROWD_KIT.wholeRunSeconds / wall).toFixed(1)}×`,
  ];
  return `| ${cells.join(' | ')} |`;
}

async function main(): Promise<void> {
  const root = sharedRoot();
  if (root === null) {
    console.log(
      '../shared is missing (no peers/data): nothing to measure. Set HILO_SHARED to its path.',
    );
    return;
  }
  if (!flags['no-build']) {
    process.stderr.write('building dist/ (tsc)…\n');
    const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  }
  const set = flags.set;
  const count = Math.max(1, Number(flags.runs));
  const env = { ...process.env, HILO_DATABASE_URL: '' };
  const rows: string[] = [];
  const summaries: string[] = [];
  const sqlite = await sqliteProject(root, set);
  const sqliteRuns: RunFigures[] = [];
  for (let r = 0; r < count; r++) {
    freshSqlite(root, set, sqlite);
    sqliteRuns.push(runAggregate(sqlite, env));
  }
  rows.push(row('SQLite', sqliteRuns));
  summaries.push(`SQLite: ${sqliteRuns[0]?.summary ?? ''}`);
  const serverUrl = flags.postgres ?? process.env.HILO_TEST_POSTGRES_URL;
  if (serverUrl) {
    const postgres = await postgresProject(root, set, serverUrl);
    const pgRuns: RunFigures[] = [];
    for (let r = 0; r < count; r++) {
      await freshPostgres(postgres.url);
      pgRuns.push(runAggregate(postgres, { ...env, HILO_DATABASE_URL: postgres.url }));
    }
    rows.push(row('PostgreSQL', pgRuns));
    summaries.push(`PostgreSQL: ${pgRuns[0]?.summary ?? ''}`);
  }
  const [one, five] = loadavg();
  console.log(
    `hilo aggregate --method ds end to end on ${set} (${sqlite.votes.toLocaleString('en')} stored votes), ` +
      `${count} runs each; ${cpus().length} cores, Node ${process.version}, ` +
      `load average ${one?.toFixed(2)} / ${five?.toFixed(2)} (1 / 5 min), ${new Date().toISOString()}`,
  );
  console.log('');
  console.log(
    '| store | wall s (runs) | wall s (median) | CPU s | read votes | fit | write decisions | other | peak RSS MB | wall / 3 s target | crowd-kit whole run (35 s) / ours |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const line of rows) console.log(line);
  if (!serverUrl)
    console.log('| PostgreSQL | skipped: no --postgres URL or HILO_TEST_POSTGRES_URL |');
  console.log('');
  console.log(
    `crowd-kit 1.4.1 DawidSkene on sim_large (same kind of machine): fit ${CROWD_KIT.fitSeconds} s, whole run with loading ${CROWD_KIT.wholeRunSeconds} s.`,
  );
  for (const s of summaries) console.log(`  ${s}`);
}

await main();
