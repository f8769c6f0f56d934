import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startBackgroundCheckpoints } from './sqlite-people-checkpoints.js';

const dir = mkdtempSync(join(tmpdir(), 'hilo-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A WAL database that has just written `pages` new pages, none of them checkpointed yet. */
function walWithPages(path: string, pages: number): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.prepare('create table t (x text)').run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  const insert = db.prepare('insert into t values (?)');
  db.transaction(() => {
    for (let i = 0; i < pages; i++) insert.run('x'.repeat(4000));
  })();
  return db;
}

it('copies the WAL into the database file from a worker, and hands checkpoints back on stop', async () => {
  const path = join(dir, 'a.db');
  const db = walWithPages(path, 500);
  const before = statSync(path).size;
  const checkpoints = startBackgroundCheckpoints(db, 5);
  expect(checkpoints).toBeDefined();
  // The serving connection keeps only a far checkpoint of its own.
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
  // The pages reach the database file once a checkpoint copied them (it may take a few steps).
  const copied = () => statSync(path).size > before + 400 * 4096;
  const deadline = Date.now() + 5000;
  while (!copied() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(copied()).toBe(true);
  await checkpoints?.stop();
  await checkpoints?.stop();
  db.close();
});

it('starts nothing for an in-memory database', () => {
  const db = new Database(':memory:');
  expect(startBackgroundCheckpoints(db)).toBeUndefined();
  db.close();
});
