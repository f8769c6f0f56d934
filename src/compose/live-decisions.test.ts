import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreWithPeople } from '../core/ports/people-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { usePglite, usePostgresServer } from '../testing/fixtures/postgres-stores.js';
import { answerNext, servedCrowd } from '../testing/fixtures/served-crowd.js';

const dir = mkdtempSync(join(tmpdir(), 'hilo-live-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const pglite = usePglite();
const server = usePostgresServer(process.env['HILO_TEST_POSTGRES_URL']);
const targets: [string, () => Promise<StoreWithPeople>, boolean][] = [
  ['sqlite (serving store)', () => openSqliteStore({ path: join(dir, 'live.db') }), false],
  ['pglite', pglite.open, false],
  ['postgres', server.open, server.skip],
];

describe.each(targets)('live decisions under concurrent answers: %s', (_name, open, skip) => {
  it.skipIf(skip)('leaves every item decided from all of its answers', async () => {
    const store = await open();
    try {
      const served = await servedCrowd(store, 40);
      // 8 people answer at once, each as fast as the queue serves them.
      await Promise.all(
        Array.from({ length: 8 }, async (_, p) => {
          while (await answerNext(served, p));
        }),
      );
      const decisions = await store.listDecisions({});
      expect(decisions).toHaveLength(40);
      for (const d of decisions) {
        const votes = await store.listVotes({ itemIds: [d.itemId] });
        expect(votes).toHaveLength(3);
        expect([...d.voteIds].sort((a, b) => a - b)).toEqual(votes.map((v) => v.id));
      }
    } finally {
      await store.close();
    }
  });
});
