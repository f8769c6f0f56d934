import { CompiledQuery } from 'kysely';
import type { VoteQuery } from '../../core/ports/store.js';
import type { HumanVoteColumns, VoteTally } from '../../core/ports/vote-import-store.js';
import type { StoreSql } from './bulk-writes.js';
import { voteConditions } from './store-filters.js';

/** Ids or votes per statement, sent as one JSON parameter: no parameter limit, one plan. */
const PAGE = 10_000;

/**
 * Inserts a bare pool item for each id not stored, in id order (a B-tree filled in key order
 * splits far less than one filled at random), and returns the ids inserted.
 * @example const created = await insertMissingItemRows({ db: trx, dialect }, ['t1', 't2'], now)
 * Complexity: O(n log n) to sort, one statement per 10,000 ids.
 */
export async function insertMissingItemRows(
  to: StoreSql,
  ids: readonly string[],
  now: string,
): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  const elements =
    to.dialect === 'sqlite'
      ? 'select value, ?, ? from json_each(?)'
      : 'select value, $1, $2 from jsonb_array_elements_text(cast($3 as jsonb))';
  const text =
    `insert into items (id, created_at, updated_at, fields, role) ` +
    // `where true`: SQLite would read ON CONFLICT after a bare FROM as a join's ON.
    `select e.*, '{}', 'pool' from (${elements}) as e where true ` +
    `on conflict (id) do nothing returning id`;
  const created: string[] = [];
  for (let start = 0; start < unique.length; start += PAGE) {
    const page = JSON.stringify(unique.slice(start, start + PAGE));
    const { rows } = await to.db.executeQuery<{ id: string }>(
      CompiledQuery.raw(text, [now, now, page]),
    );
    for (const row of rows) created.push(row.id);
  }
  return created;
}

/**
 * Counts the votes a query selects per (item, source, label).
 * @example await tallyVoteRows({ db, dialect }, { itemIds: ['t1'], sourcePrefix: 'human:' })
 * Complexity: one grouped scan of the votes the query selects.
 */
export async function tallyVoteRows(to: StoreSql, query: VoteQuery): Promise<VoteTally[]> {
  if (query.itemIds?.length === 0) return [];
  const rows = await to.db
    .selectFrom('votes')
    .select(['item_id', 'source', 'label'])
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => eb.and(voteConditions(eb, query, to.dialect)))
    .groupBy(['item_id', 'source', 'label'])
    .execute();
  return rows.map((row) => ({
    itemId: row.item_id,
    source: row.source,
    label: row.label,
    votes: Number(row.n),
  }));
}

/**
 * Appends people's answers, 10,000 per statement, each page one JSON array of
 * `[item, source, label]` triples. On SQLite a large append into a table it at least
 * quarter-fills rebuilds the table's indexes once at the end instead of updating them row by
 * row (see `withVoteIndexesRebuilt`). Call inside a transaction.
 * @example await insertHumanVoteRows({ db: trx, dialect }, { itemIds, sources, labels, createdAt })
 * Complexity: O(n) rows; on SQLite with the rebuild O((stored + n) log(stored + n)) index work.
 */
export async function insertHumanVoteRows(to: StoreSql, votes: HumanVoteColumns): Promise<number> {
  const { itemIds, sources, labels } = votes;
  const total = itemIds.length;
  if (sources.length !== total || labels.length !== total)
    throw new RangeError('human vote columns differ in length');
  const elements =
    to.dialect === 'sqlite'
      ? `select value ->> 0, value ->> 1, value ->> 2, ? from json_each(?)`
      : `select v ->> 0, v ->> 1, v ->> 2, $1 from jsonb_array_elements(cast($2 as jsonb)) as v`;
  const text =
    `insert into votes (item_id, source, label, created_at, method) ` +
    `select e.*, 'human' from (${elements}) as e`;
  const append = async (): Promise<void> => {
    for (let start = 0; start < total; start += PAGE) {
      const end = Math.min(total, start + PAGE);
      const triples = new Array<readonly [string, string, string]>(end - start);
      for (let i = start; i < end; i += 1)
        triples[i - start] = [itemIds[i] as string, sources[i] as string, labels[i] as string];
      await to.db.executeQuery(CompiledQuery.raw(text, [votes.createdAt, JSON.stringify(triples)]));
    }
  };
  if (to.dialect === 'sqlite' && total >= REBUILD_FROM)
    await withVoteIndexesRebuilt(to, { adding: total, inItemOrder: ascending(itemIds) }, append);
  else await append();
  return total;
}

/** Fewer votes than this are appended with the indexes in place, however small the table. */
const REBUILD_FROM = 50_000;
/** Rebuilding costs about a quarter of what updating row by row costs, per row indexed. */
const REBUILD_RATIO = 4;

/**
 * Runs `append` with the votes table's indexes dropped and re-creates them from their stored
 * definitions afterwards, when at least a quarter as many votes are added as are stored:
 * inserting a million votes updates each index at random places, creating an index sorts once.
 * Votes appended in item order grow an index led by `item_id` at one place, which costs no more
 * than rebuilding it, so such an index stays. Inside the transaction, so a failure restores the
 * indexes with everything else, and other connections (WAL readers) see the indexed table until
 * the commit. SQLite only: on PostgreSQL dropping an index locks the table against every reader
 * until the commit.
 * Complexity: O(indexes) statements besides `append` and the index builds.
 */
async function withVoteIndexesRebuilt(
  to: StoreSql,
  plan: { readonly adding: number; readonly inItemOrder: boolean },
  append: () => Promise<void>,
): Promise<void> {
  const stored = await to.db
    .selectFrom('votes')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  if (plan.adding * REBUILD_RATIO < Number(stored.n)) return append();
  const { rows } = await to.db.executeQuery<{ name: string; sql: string; lead: string | null }>(
    CompiledQuery.raw(
      'select m.name, m.sql, (select i.name from pragma_index_info(m.name) as i where i.seqno = 0) as lead ' +
        "from sqlite_master as m where m.type = 'index' and m.tbl_name = 'votes' and m.sql is not null",
    ),
  );
  const rebuilt = rows.filter((index) => !(plan.inItemOrder && index.lead === 'item_id'));
  for (const index of rebuilt)
    await to.db.executeQuery(CompiledQuery.raw(`drop index "${index.name.replaceAll('"', '""')}"`));
  await append();
  for (const index of rebuilt) await to.db.executeQuery(CompiledQuery.raw(index.sql));
}

function ascending(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i += 1)
    if ((values[i] as string) < (values[i - 1] as string)) return false;
  return true;
}
