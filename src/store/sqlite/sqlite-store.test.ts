import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import { openStore } from '../open-store.js';
import { openSqliteStore } from './sqlite-store.js';
import { describeStoreContract } from '../../testing/contracts/store-contract.case.js';
import { storeMigrations } from '../sql/store-migrations.js';
import { item } from '../../testing/builders/index.js';

const CHILD = `
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openSqliteStore } from ${JSON.stringify(pathToFileURL(fileURLToPath(new URL('./sqlite-store.ts', import.meta.url))).href)};
const [path, dir, name] = process.argv.slice(2);
writeFileSync(join(dir, 'ready-' + name), '');
while (!existsSync(join(dir, 'go'))) await new Promise((resolve) => setTimeout(resolve, 5));
const store = await openSqliteStore({ path });
await store.upsertItems([{ id: name, fields: {}, role: 'pool', batch: null, goldLabel: null }]);
await store.close();
`;

/** Runs CHILD in a separate Node process (through tsx, for the TypeScript import). */
function runChild(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const script = join(dir, 'child.mts');
  if (!existsSync(script)) writeFileSync(script, CHILD);
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const dir = mkdtempSync(join(tmpdir(), 'hilo-sqlite-store-'));
let files = 0;
const tempFile = (): string => join(dir, `store-${(files += 1)}.db`);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('sqlite', () => openSqliteStore({ path: tempFile() }));

describe('openSqliteStore', () => {
  it('puts the database in WAL mode with foreign keys on', async () => {
    const path = tempFile();
    const store = await openSqliteStore({ path });
    await store.close();
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('keeps data when the file is reopened, and migrating again changes nothing', async () => {
    const path = tempFile();
    const first = await openSqliteStore({ path });
    await first.upsertItems([
      item('a', { fields: { text: 'x' }, role: 'gold', batch: 'b1', goldLabel: 'spam' }),
    ]);
    await first.cachePut('k', 'v');
    await first.close();
    const second = await openSqliteStore({ path });
    try {
      expect(await second.getItem('a')).toEqual({
        id: 'a',
        fields: { text: 'x' },
        role: 'gold',
        batch: 'b1',
        goldLabel: 'spam',
      });
      expect(await second.cacheGet('k')).toBe('v');
      expect(await second.upsertItems([item('a', { fields: {} })])).toEqual({
        inserted: 0,
        updated: 1,
      });
    } finally {
      await second.close();
    }
  });

  it('lets several processes open a new file at once: one migrates, all write', async () => {
    const path = tempFile();
    const names = ['p1', 'p2', 'p3', 'p4'];
    const exits = names.map((name) => runChild([path, dir, name]));
    // Release them together once all are loaded, so the opens really overlap.
    const ready = waitFor(() => names.every((name) => existsSync(join(dir, `ready-${name}`))));
    // A child that dies while loading ends the wait too, and fails the test below.
    await Promise.race([ready, ...exits]);
    writeFileSync(join(dir, 'go'), '');
    const outcomes = await Promise.all(exits);
    expect(outcomes).toEqual(names.map(() => ({ code: 0, stderr: '' })));
    const store = await openSqliteStore({ path });
    try {
      expect((await store.listItems({})).map((item) => item.id)).toEqual(names);
    } finally {
      await store.close();
    }
    const raw = new Database(path, { readonly: true });
    try {
      const applied = raw.prepare('select name from kysely_migration order by name').all();
      expect(applied).toEqual(Object.keys(storeMigrations('sqlite')).map((name) => ({ name })));
    } finally {
      raw.close();
    }
  }, 120_000);

  it('takes the write lock when a transaction begins, so another writer waits instead of breaking it', async () => {
    const path = tempFile();
    const store = await openSqliteStore({ path });
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    try {
      await store.transaction(async (tx) => {
        expect(await tx.countItems({})).toBe(0);
        // With a deferred BEGIN this write would succeed and the upsert below would then fail.
        expect(() => other.exec(`insert into llm_cache values ('k', 'v', 't')`)).toThrow(
          /locked|busy/i,
        );
        await tx.upsertItems([item('a', { fields: {} })]);
      });
      expect(await store.countItems({})).toBe(1);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('stamps item rows with the injected clock, and re-stamps only rows that changed', async () => {
    const path = tempFile();
    let now = Date.UTC(2030, 0, 2);
    const store = await openSqliteStore({ path, clock: { now: () => now } });
    const a = { id: 'a', fields: { n: 1 }, role: 'pool', batch: null, goldLabel: null } as const;
    const b = { ...a, id: 'b' };
    await store.upsertItems([a, b]);
    now = Date.UTC(2030, 0, 3);
    expect(await store.upsertItems([a, { ...b, batch: 'late' }])).toEqual({
      inserted: 0,
      updated: 2,
    });
    await store.close();
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.prepare('select id, created_at, updated_at from items order by id').all()).toEqual(
        [
          {
            id: 'a',
            created_at: '2030-01-02T00:00:00.000Z',
            updated_at: '2030-01-02T00:00:00.000Z',
          },
          {
            id: 'b',
            created_at: '2030-01-02T00:00:00.000Z',
            updated_at: '2030-01-03T00:00:00.000Z',
          },
        ],
      );
    } finally {
      raw.close();
    }
  });

  it('reports a file that cannot be opened as a HiloError with the cause', async () => {
    const error = await openSqliteStore({ path: join(dir, 'no-such-dir', 'x.db') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HiloError);
    expect((error as HiloError).code).toBe('INTERNAL');
    expect((error as HiloError).cause).toBeInstanceOf(Error);
  });
});

describe('openStore', () => {
  it('opens SQLite for a path', async () => {
    const store = await openStore({ path: tempFile() });
    expect(await store.countItems({})).toBe(0);
    await store.close();
  });

  it('needs exactly one of path and url', async () => {
    await expect(openStore({})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(openStore({ path: 'a.db', url: 'postgres://x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
