import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../core/ports/index.js';
import { STORED_RUNS } from '../../testing/fixtures/stored-runs.js';
import { openPgliteStore } from '../postgres/pglite-store.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';

const COLUMNS =
  'id, kind, config, status, items_done, items_failed, tokens_in, tokens_out, cost_usd, started_at, ended_at';

type Row = (typeof STORED_RUNS)[number];

function values(row: Row): unknown[] {
  return [
    row.id,
    row.kind,
    row.config,
    row.status,
    row.itemsDone,
    row.itemsFailed,
    row.tokensIn,
    row.tokensOut,
    row.costUsd,
    row.startedAt,
    row.endedAt,
  ];
}

/** A store over a database whose `runs` table holds exactly `rows`, written as raw SQL. */
interface Backend {
  readonly name: string;
  open(rows: readonly Row[]): Promise<Store & { close(): Promise<void> }>;
}

const dir = mkdtempSync(join(tmpdir(), 'hilo-stored-runs-'));
let files = 0;
let pglite: PGlite;
beforeAll(async () => {
  pglite = await PGlite.create();
});
afterAll(async () => {
  await pglite.close();
  rmSync(dir, { recursive: true, force: true });
});

const backends: Backend[] = [
  {
    name: 'sqlite',
    async open(rows) {
      const path = join(dir, `runs-${(files += 1)}.db`);
      await (await openSqliteStore({ path })).close();
      const raw = new Database(path);
      const insert = raw.prepare(
        `insert into runs (${COLUMNS}) values (${COLUMNS.replace(/\w+/g, '?')})`,
      );
      for (const row of rows) insert.run(...values(row));
      raw.close();
      return openSqliteStore({ path });
    },
  },
  {
    name: 'postgres (PGlite)',
    async open(rows) {
      const store = await openPgliteStore({ client: pglite });
      await pglite.query('truncate runs');
      const params = COLUMNS.split(', ')
        .map((_, i) => `$${i + 1}`)
        .join(', ');
      for (const row of rows)
        await pglite.query(`insert into runs (${COLUMNS}) values (${params})`, values(row));
      return store;
    },
  },
];

/** One stored run with its JSON config edited. */
function edited(id: string, edit: (config: Record<string, unknown>) => void): Row {
  const row = STORED_RUNS.find((r) => r.id === id);
  if (!row) throw new Error(`no stored run ${id}`);
  const config = JSON.parse(row.config) as Record<string, unknown>;
  edit(config);
  return { ...row, config: JSON.stringify(config) };
}

describe.each(backends)('runs stored by hilo 0.1.0 on $name', (backend) => {
  it('are read back typed, with the figures the report and routing use', async () => {
    const store = await backend.open(STORED_RUNS);
    try {
      const runs = await store.listRuns({});
      // By start time, then id.
      expect(runs.map((run) => run.id)).toEqual([
        'label-1-20260101000000',
        'label-2-20260101000100',
        'audit-1-20260102000000',
        'route-1-20260102000000',
        'route-2-20260103000000',
        'route-3-20260104000000',
      ]);
      const llm = await store.getRun('label-2-20260101000100');
      expect(llm).toMatchObject({
        kind: 'label',
        status: 'failed',
        costUsd: 0.00064,
        tokensIn: 4200,
      });
      expect(llm?.kind === 'label' && llm.config.labeller).toBe('llm:gpt-4o-mini#1a2b3c4d');
      const route = await store.getRun('route-1-20260102000000');
      if (route?.kind !== 'route') throw new Error('not a route run');
      expect(route.config.cost.plan).toBe(69.66900000000001);
      expect(route.config.testCheck?.accuracy.estimate).toBe(0.7);
      const audits = await store.listRuns({ kind: 'audit' });
      expect(audits.map((run) => run.kind === 'audit' && run.config.items.length)).toEqual([2]);
    } finally {
      await store.close();
    }
  });

  it('refuse a damaged record with an error naming the run and the field', async () => {
    const damaged = edited('route-1-20260102000000', (config) => {
      // A key renamed by hand: the report must not show a blank plan cost.
      config.planCost = (config.cost as { plan: number }).plan;
      delete (config.cost as { plan?: number }).plan;
    });
    const store = await backend.open([STORED_RUNS[0] as Row, damaged]);
    try {
      const expected = {
        code: 'INTERNAL',
        message:
          'stored run "route-1-20260102000000" is malformed: config.cost.plan must be a number, found nothing',
      };
      await expect(store.listRuns({})).rejects.toMatchObject(expected);
      await expect(store.getRun('route-1-20260102000000')).rejects.toMatchObject(expected);
      // Other kinds stay readable.
      expect(await store.listRuns({ kind: 'label' })).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('refuse a config that is not JSON', async () => {
    const store = await backend.open([{ ...(STORED_RUNS[0] as Row), config: '{"kind": "local",' }]);
    try {
      await expect(store.listRuns({})).rejects.toMatchObject({
        code: 'INTERNAL',
        message: 'stored run "label-1-20260101000000" is malformed: config is not JSON',
      });
    } finally {
      await store.close();
    }
  });
});
