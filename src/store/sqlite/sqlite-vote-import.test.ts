import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HumanVoteColumns } from '../../core/ports/vote-import-store.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'hilo-vote-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function voteIndexes(path: string): { name: string; sql: string }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        "select name, sql from sqlite_master where type = 'index' and tbl_name = 'votes' and sql is not null order by name",
      )
      .all() as { name: string; sql: string }[];
  } finally {
    db.close();
  }
}

function many(count: number, items: number, inItemOrder: boolean): HumanVoteColumns {
  const itemIds = Array.from({ length: count }, (_, n) =>
    inItemOrder
      ? `i${String(Math.floor((n * items) / count)).padStart(6, '0')}`
      : `i${String(n % items).padStart(6, '0')}`,
  );
  return {
    itemIds,
    sources: itemIds.map((_, n) => `human:w${n % 40}`),
    labels: itemIds.map((_, n) => (n % 2 === 0 ? 'spam' : 'ham')),
    createdAt: '2026-12-07T10:00:00.000Z',
  };
}

describe('SQLite bulk vote appends', () => {
  it.each([
    ['in item order', true],
    ['in any order', false],
  ])('leave the vote indexes exactly as the migrations made them (%s)', async (_, ordered) => {
    const path = join(dir, `rebuilt-${String(ordered)}.db`);
    const store = await openSqliteStore({ path });
    const before = voteIndexes(path);
    expect(before.map((i) => i.name)).toContain('votes_source_item');
    const votes = many(60_000, 3000, ordered);
    await store.addMissingItems(votes.itemIds);
    expect(await store.addHumanVotes(votes)).toBe(60_000);
    expect(voteIndexes(path)).toEqual(before);
    expect(await store.listVotes({ source: 'human:w3' })).toHaveLength(1500);
    await store.close();
  });

  it('restore the indexes with everything else when the transaction fails after the append', async () => {
    const path = join(dir, 'failed.db');
    const store = await openSqliteStore({ path });
    const before = voteIndexes(path);
    const votes = many(60_000, 3000, false);
    await expect(
      store.transaction(async (tx) => {
        await tx.addMissingItems(votes.itemIds);
        await tx.addHumanVotes(votes);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(voteIndexes(path)).toEqual(before);
    expect(await store.countItems({})).toBe(0);
    await store.close();
  });
});
