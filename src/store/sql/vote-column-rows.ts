import { sql } from 'kysely';
import type { DecisionState, ItemTruth, VoteColumns } from '../../core/ports/vote-columns.js';
import { voteColumnsBuilder } from '../../core/vote-columns-builder.js';
import type { DecidedBy, Decision, Distribution, ItemRole } from '../../core/types.js';
import type { StoreSql } from './bulk-writes.js';

/**
 * Reads every labelled vote as columns: the four columns aggregation needs (the distribution only
 * of machine votes, so a person's one-hot JSON is never parsed), then the items with a trusted
 * label (their role and label).
 * @example const columns = await selectVoteColumns({ db, dialect });
 * Complexity: O(votes) rows in one statement, O(items with a trusted label) in a second.
 */
export async function selectVoteColumns(from: StoreSql): Promise<VoteColumns> {
  const rows = await from.db
    .selectFrom('votes')
    .select([
      'id',
      'item_id',
      'source',
      'label',
      sql<string | null>`case when source like 'human:%' then null else probabilities end`.as(
        'soft',
      ),
    ])
    .where('label', 'is not', null)
    .orderBy('id')
    .execute();
  const columns = voteColumnsBuilder();
  for (const row of rows) {
    const soft = row.soft === null ? null : (JSON.parse(row.soft) as Distribution);
    columns.add(Number(row.id), row.item_id, row.source, row.label ?? '', soft);
  }
  const truth = new Map<string, ItemTruth>();
  const items = await from.db
    .selectFrom('items')
    .select(['id', 'role', 'gold_label'])
    .where('gold_label', 'is not', null)
    .execute();
  for (const item of items)
    truth.set(item.id, { role: item.role as ItemRole, goldLabel: item.gold_label ?? '' });
  return columns.build(truth);
}

/**
 * Who decided each decided item, in item id order, without parsing posteriors or vote ids.
 * @example const states = await selectDecisionStates({ db, dialect });
 * Complexity: O(decisions).
 */
export async function selectDecisionStates(from: StoreSql): Promise<DecisionState[]> {
  const rows = await from.db
    .selectFrom('decisions')
    .select(['item_id', 'decided_by', 'zone'])
    .orderBy('item_id')
    .execute();
  return rows.map((row) => ({
    itemId: row.item_id,
    decidedBy: row.decided_by as DecidedBy,
    zone: row.zone as Decision['zone'],
  }));
}
