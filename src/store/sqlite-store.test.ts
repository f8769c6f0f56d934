import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HiloError } from '../core/errors.js';
import { openStore } from './open-store.js';
import { openSqliteStore } from './sqlite-store.js';
import { describeStoreContract } from './store-contract.case.js';

const dir = mkdtempSync(join(tmpdir(), 'hilo-sqlite-store-'));
let files = 0;
const tempFile = (): string => join(dir, `store-${(files += 1)}.db`);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('sqlite (temp file)', () => openSqliteStore({ path: tempFile() }));

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
      { id: 'a', fields: { text: 'x' }, role: 'gold', batch: 'b1', goldLabel: 'spam' },
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
      expect(
        await second.upsertItems([
          { id: 'a', fields: {}, role: 'pool', batch: null, goldLabel: null },
        ]),
      ).toEqual({
        inserted: 0,
        updated: 1,
      });
    } finally {
      await second.close();
    }
  });

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
        await tx.upsertItems([{ id: 'a', fields: {}, role: 'pool', batch: null, goldLabel: null }]);
      });
      expect(await store.countItems({})).toBe(1);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('stamps item rows with the injected clock', async () => {
    const path = tempFile();
    const store = await openSqliteStore({ path, clock: { now: () => Date.UTC(2030, 0, 2) } });
    await store.upsertItems([{ id: 'a', fields: {}, role: 'pool', batch: null, goldLabel: null }]);
    await store.close();
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.prepare('select created_at, updated_at from items').get()).toEqual({
        created_at: '2030-01-02T00:00:00.000Z',
        updated_at: '2030-01-02T00:00:00.000Z',
      });
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
