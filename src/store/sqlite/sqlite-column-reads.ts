import type Database from 'better-sqlite3';
import type { DecisionState, ItemTruth, VoteColumns } from '../../core/ports/vote-columns.js';
import { voteColumnsBuilder } from '../../core/vote-columns-builder.js';
import type { DecidedBy, Decision, Distribution, ItemRole } from '../../core/types.js';

/** The whole-project reads of the SQLite store, over prepared statements. */
export interface SqliteColumnReads {
  readVoteColumns(): VoteColumns;
  listDecisionStates(): DecisionState[];
}

// A person's distribution is not read: `probabilities is null` first spares most rows the prefix
// test, and `substr` (case-sensitive, like the builder's `startsWith`) costs less than `like`.
const VOTES =
  'select id, item_id, source, label, case when probabilities is null or ' +
  "substr(source, 1, 6) = 'human:' then null else probabilities end " +
  'from votes where label is not null and id > ? order by id limit ?';
/**
 * Votes read per statement: pages of rows fetched with `all()` cost less per row than stepping
 * `iterate()` one row at a time (≈30% on 1M votes), and a page's arrays die young.
 */
const PAGE = 5000;
const ITEMS = 'select id, role, gold_label from items where gold_label is not null';
const DECISIONS = 'select item_id, decided_by, zone from decisions order by item_id';

type VoteRow = [number, string, string, string, string | null];
type ItemRow = [string, string, string];
type DecisionRow = [string, string, string | null];

/**
 * The column reads of the Store (`readVoteColumns`, `listDecisionStates`) straight over
 * better-sqlite3: rows come as arrays (`raw`) in pages of PAGE votes after the last id read, so a
 * million votes never exist at once as row arrays. Synchronous: inside a Kysely transaction on the same
 * connection they see its writes, like any of its queries.
 * @example const reads = sqliteColumnReads(database); reads.readVoteColumns().count
 * Complexity: O(votes) for the votes, O(decisions) for the states.
 */
export function sqliteColumnReads(database: Database.Database): SqliteColumnReads {
  const votes = database.prepare(VOTES).raw(true);
  const items = database.prepare(ITEMS).raw(true);
  const decisions = database.prepare(DECISIONS).raw(true);
  return {
    readVoteColumns() {
      const columns = voteColumnsBuilder();
      for (let after = -1, page = PAGE; page === PAGE;) {
        const rows = votes.all(after, PAGE) as VoteRow[];
        for (const row of rows) {
          const soft = row[4] === null ? null : (JSON.parse(row[4]) as Distribution);
          columns.add(row[0], row[1], row[2], row[3], soft);
        }
        page = rows.length;
        if (page > 0) after = (rows[page - 1] as VoteRow)[0];
      }
      const truth = new Map<string, ItemTruth>();
      for (const row of items.iterate() as IterableIterator<ItemRow>)
        truth.set(row[0], { role: row[1] as ItemRole, goldLabel: row[2] });
      return columns.build(truth);
    },
    listDecisionStates() {
      return (decisions.all() as DecisionRow[]).map((row) => ({
        itemId: row[0],
        decidedBy: row[1] as DecidedBy,
        zone: row[2] as Decision['zone'],
      }));
    },
  };
}
