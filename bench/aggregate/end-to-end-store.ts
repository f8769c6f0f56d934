/**
 * The stores `bench/aggregate/end-to-end.ts` runs `hilo aggregate` on: a project directory whose
 * store holds a simulated crowd of ../shared/peers/data (every vote a person's, every item a test
 * item carrying its true label, as `hilo import-votes --truth` leaves them). Filling a store takes
 * a while, so it is done once per data set and kept: the SQLite file in the temporary directory
 * (copied fresh before each measured run), the PostgreSQL database by name (its decisions cleared
 * before each run).
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { humanVote } from '../../src/core/human-vote.js';
import type { Store } from '../../src/core/ports/store.js';
import type { Item, NewVote } from '../../src/core/types.js';
import { openStore } from '../../src/store/open-store.js';
import { loadSimulatedCrowd } from './crowd-sets.js';

/** A built project: its directory and how many votes its store holds. */
export interface BenchProject {
  readonly dir: string;
  readonly votes: number;
}

const CHUNK = 50_000;

/** Where the cached stores of one data set live, keyed by its name and its file's size. */
export function cacheDir(root: string, name: string): string {
  const size = statSync(join(root, 'peers/data', name, 'labels.csv.gz')).size;
  return join(tmpdir(), 'hilo-bench-aggregate', `${name}-${size}`);
}

/** Writes the crowd into `store`: items first, then votes, in one transaction. */
async function fill(store: Store, root: string, name: string): Promise<number> {
  const crowd = loadSimulatedCrowd(root, name);
  const itemIds = [...new Set(crowd.votes.map((v) => v.item))];
  const items: Item[] = itemIds.map((id) => {
    const gold = crowd.gold.get(id) ?? null;
    return { id, fields: {}, role: gold === null ? 'pool' : 'test', batch: null, goldLabel: gold };
  });
  const createdAt = '2026-12-07T00:00:00.000Z';
  await store.transaction(async (tx) => {
    for (let i = 0; i < items.length; i += CHUNK) await tx.upsertItems(items.slice(i, i + CHUNK));
    for (let i = 0; i < crowd.votes.length; i += CHUNK) {
      const votes: NewVote[] = crowd.votes.slice(i, i + CHUNK).map((v) =>
        humanVote({
          itemId: v.item,
          source: `human:${v.annotator}`,
          label: v.label ?? '',
          createdAt,
        }),
      );
      await tx.addVotes(votes);
    }
  });
  return crowd.votes.length;
}

/** The labels of a simulated set: its classes 0..K-1 (all five sets of peers/data use 0..4). */
const LABELS = '0,1,2,3,4';

function initProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  const init = spawnSync('node', ['bin/hilo.js', 'init', dir, '--labels', LABELS], {
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`hilo init failed: ${init.stderr}`);
}

/**
 * A SQLite project holding the set's votes, built once and copied to a fresh working directory
 * for each run (so every run starts with no decisions, as after `hilo import-votes`).
 */
export async function sqliteProject(root: string, name: string): Promise<BenchProject> {
  const cache = cacheDir(root, name);
  const pristine = join(cache, 'votes.db');
  const marker = join(cache, 'votes.count');
  if (!existsSync(marker)) {
    mkdirSync(cache, { recursive: true });
    rmSync(pristine, { force: true });
    process.stderr.write(`building ${pristine} (once per data set)…\n`);
    const store = await openStore({ path: pristine });
    const votes = await fill(store, root, name);
    await store.close();
    writeFileSync(marker, String(votes));
  }
  const dir = join(cache, 'sqlite-project');
  initProject(dir);
  return { dir, votes: Number(readFileSync(marker, 'utf8')) };
}

/** Copies the pristine store into the project before a run. */
export function freshSqlite(root: string, name: string, project: BenchProject): void {
  const cache = cacheDir(root, name);
  for (const suffix of ['-wal', '-shm'])
    rmSync(join(project.dir, `hilo.db${suffix}`), { force: true });
  copyFileSync(join(cache, 'votes.db'), join(project.dir, 'hilo.db'));
}

/** The URL of database `name` on the server of `serverUrl`. */
function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A PostgreSQL database `hilo_bench_<set>` on the server of `serverUrl` holding the set's votes,
 * built when missing or incomplete; returns the project and its database URL.
 */
export async function postgresProject(
  root: string,
  name: string,
  serverUrl: string,
): Promise<BenchProject & { readonly url: string }> {
  const database = `hilo_bench_${name}`;
  const url = databaseUrl(serverUrl, database);
  const expected = loadCount(root, name);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    let complete = false;
    if (exists.rowCount === 1) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const count = await client
        .query<{ n: string }>('select count(*) as n from votes')
        .catch(() => ({ rows: [{ n: '0' }] }));
      await client.end();
      complete = Number(count.rows[0]?.n) === expected;
    }
    if (!complete) {
      process.stderr.write(`building PostgreSQL database ${database} (once per server)…\n`);
      await admin.query(`drop database if exists ${database}`);
      await admin.query(`create database ${database}`);
      const store = await openStore({ url });
      await fill(store, root, name);
      await store.close();
    }
  } finally {
    await admin.end();
  }
  const dir = join(cacheDir(root, name), 'postgres-project');
  initProject(dir);
  return { dir, votes: expected, url };
}

/** Clears the decisions of the PostgreSQL bench database before a run. */
export async function freshPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('delete from decisions');
  await client.query('vacuum analyze decisions');
  await client.end();
}

function loadCount(root: string, name: string): number {
  const meta = join(root, 'peers/data', name, 'meta.json');
  return (JSON.parse(readFileSync(meta, 'utf8')) as { n_labels: number }).n_labels;
}
