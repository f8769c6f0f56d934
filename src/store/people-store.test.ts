import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describePeopleStoreContract } from '../testing/contracts/people-store-contract.case.js';
import { usePglite, usePostgresServer } from '../testing/fixtures/postgres-stores.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'hilo-people-'));
let files = 0;
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// openSqliteStore serves people from prepared statements and a cache (sqlite-people-store.ts);
// PostgreSQL from Kysely (kysely-people-store.ts), on PGlite and on a real server.
describePeopleStoreContract('sqlite', () =>
  openSqliteStore({ path: join(dir, `people-${(files += 1)}.db`) }),
);

describePeopleStoreContract('pglite', usePglite().open);

const server = usePostgresServer(process.env['HILO_TEST_POSTGRES_URL']);
describePeopleStoreContract('postgres', server.open, { skip: server.skip });
