import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from 'vitest';
import { describePeopleStoreContract } from '../testing/contracts/people-store-contract.case.js';
import { openPgliteStore } from './postgres/pglite-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'hilo-people-'));
let files = 0;
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describePeopleStoreContract('sqlite (temp file)', () =>
  openSqliteStore({ path: join(dir, `people-${(files += 1)}.db`) }),
);

// Starting PGlite takes seconds, so one instance serves every test; each starts from empty tables.
let client: PGlite;
beforeAll(async () => {
  client = await PGlite.create();
});
afterAll(async () => {
  await client.close();
});
describePeopleStoreContract('postgres (PGlite)', async () => {
  const store = await openPgliteStore({ client });
  await client.query(
    'truncate items, votes, decisions, runs, models, llm_cache, annotators, sessions, queue, assignments restart identity cascade',
  );
  return store;
});
