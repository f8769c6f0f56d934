import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreWithPeople } from '../core/ports/people-store.js';
import { createLabelSetModel, nextItem, submitAnswer } from '../pipeline/people/index.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { usePglite, usePostgresServer } from '../testing/fixtures/postgres-stores.js';
import { kindWorld, multilabelProject } from '../testing/people/kind-world.js';

const dir = mkdtempSync(join(tmpdir(), 'hilo-kinds-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const pglite = usePglite();
const server = usePostgresServer(process.env['HILO_TEST_POSTGRES_URL']);
const targets: [string, () => Promise<StoreWithPeople>, boolean][] = [
  ['sqlite', () => openSqliteStore({ path: join(dir, 'kinds.db') }), false],
  ['pglite', pglite.open, false],
  ['postgres', server.open, server.skip],
];

describe.each(targets)('multi-label answers on %s', (_name, open, skip) => {
  it.skipIf(skip)(
    'keeps the empty set apart from a skip, and decides sets live as codes with per-label marginals',
    async () => {
      const store = await open();
      try {
        const w = await kindWorld(multilabelProject(), {
          pool: 2,
          store,
          people: { overlap: { human: 2, overlap: 2, max: 5 } },
        });
        const ctx = {
          ...w,
          labelSets: createLabelSetModel({
            store,
            labels: ['toxic', 'obscene', 'insult', 'threat'],
          }),
        };
        const answers: Record<string, Record<string, string | null>> = {
          ann: { p1: '', p2: 'insult|toxic' },
          bob: { p1: null, p2: 'toxic|insult' },
        };
        for (const who of ['ann', 'bob']) {
          await w.person(who);
          for (let i = 0; i < 2; i++) {
            const served = await nextItem(ctx, await w.me(who));
            const itemId = served?.itemId ?? '';
            w.tick(4000);
            await submitAnswer(ctx, await w.me(who), {
              itemId,
              label: answers[who]?.[itemId] ?? null,
              timeSpentMs: 4000,
            });
          }
        }
        const p1 = await store.listVotes({ itemIds: ['p1'] });
        expect(p1.map((v) => [v.source, v.label])).toEqual([['human:ann', '']]);
        const [p2] = await store.listDecisions({ itemIds: ['p2'] });
        expect(p2).toMatchObject({ label: 'toxic|insult', decidedBy: 'aggregated' });
        expect(Object.keys(p2?.probabilities ?? {})).toEqual([
          'toxic',
          'obscene',
          'insult',
          'threat',
        ]);
        expect(p2?.probabilities?.['toxic']).toBeGreaterThan(0.8);
        expect(p2?.probabilities?.['threat']).toBeLessThan(0.2);
        const [p1Decision] = await store.listDecisions({ itemIds: ['p1'] });
        expect(p1Decision?.label).toBe('');
      } finally {
        await store.close();
      }
    },
  );
});
