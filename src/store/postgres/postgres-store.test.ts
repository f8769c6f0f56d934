import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../open-store.js';
import { openPgliteStore } from './pglite-store.js';
import { openPostgresStore } from './postgres-store.js';
import { describeStoreContract } from '../../testing/contracts/store-contract.case.js';
import { usePglite, usePostgresServer } from '../../testing/fixtures/postgres-stores.js';
import { storeMigrations } from '../sql/store-migrations.js';
import { item } from '../../testing/builders/index.js';

const pglite = usePglite();
describeStoreContract('pglite', pglite.open);

const server = usePostgresServer(process.env['HILO_TEST_POSTGRES_URL']);
describeStoreContract('postgres', server.open, { skip: server.skip });

describe('openPgliteStore', () => {
  it('leaves a caller-owned client open on close, and migrating twice is harmless', async () => {
    const client = pglite.client();
    const store = await openPgliteStore({ client });
    await store.close();
    const again = await openPgliteStore({ client });
    await again.close();
    const { rows } = await client.query<{ name: string }>(
      'select name from kysely_migration order by name',
    );
    expect(rows.map((row) => row.name)).toEqual(Object.keys(storeMigrations('postgres')));
  });

  it('starts its own PGlite in the data directory and closes it on close', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hilo-pglite-'));
    try {
      const store = await openPgliteStore({ dataDir });
      await store.upsertItems([item('a', { fields: { text: 'x' } })]);
      expect(await store.countItems({})).toBe(1);
      await store.close();
      // PostgreSQL's own marker file: the cluster lives in the directory, not in memory.
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      await expect(store.countItems({})).rejects.toMatchObject({ code: 'INTERNAL' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('openPostgresStore', () => {
  it('reports an unreachable server as a HiloError with the cause', async () => {
    const error = await openPostgresStore({ url: 'postgres://nobody@127.0.0.1:1/none' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/^cannot open the store/),
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe.skipIf(server.skip)('openStore', () => {
  it('opens PostgreSQL for a url', async () => {
    const store = await openStore({ url: server.url() });
    expect(await store.countItems({ role: 'pool' })).toBeGreaterThanOrEqual(0);
    await store.close();
  });
});
