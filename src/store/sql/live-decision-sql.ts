import type { LiveDecisionRequest } from '../../core/ports/people-store.js';
import type { StoreDialect } from './store-dialect.js';
import { DECISION_COLUMNS, decisionValues } from './store-rows.js';

/** Decisions a live one may replace: those ranked no higher than `aggregated`. */
const REPLACEABLE = "('machine', 'auto', 'aggregated', 'human')";

/** Column types of `decisions`, so PostgreSQL types the selected parameters. */
const CAST: Record<(typeof DECISION_COLUMNS)[number], string> = {
  item_id: 'text',
  label: 'text',
  confidence: 'double precision',
  probabilities: 'text',
  decided_by: 'text',
  source: 'text',
  vote_ids: 'text',
  zone: 'text',
  updated_at: 'text',
};

/** The statement of a live decision and its parameters, in `?` (SQLite) or `$n` (PostgreSQL) form. */
export interface LiveDecisionStatement {
  readonly sql: string;
  readonly parameters: (request: LiveDecisionRequest) => unknown[];
}

/**
 * One upsert that stores a live decision only while the item's votes are still those it was made
 * from (count and newest id, read in the same statement) and the decision it replaces ranks no
 * higher than `aggregated`; the replaced decision's zone stays. Being one statement it is atomic
 * on SQLite and, under PostgreSQL's row lock on the decision, between servers: a decision made
 * from fewer votes than the table holds is refused, so the last answer's decision is the one kept.
 * @example const { sql, parameters } = liveDecisionStatement('sqlite'); db.prepare(sql).run(...parameters(request))
 * Complexity: two index lookups on votes(item_id) and one upsert.
 */
export function liveDecisionStatement(dialect: StoreDialect): LiveDecisionStatement {
  let n = 0;
  const next = (): string => (dialect === 'sqlite' ? '?' : `$${++n}`);
  const selected = DECISION_COLUMNS.map((c) => `cast(${next()} as ${CAST[c]})`).join(', ');
  const [countItem, count, newestItem, newest] = [next(), next(), next(), next()];
  const updates = DECISION_COLUMNS.filter((c) => c !== 'item_id' && c !== 'zone')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const sql =
    `insert into decisions (${DECISION_COLUMNS.join(', ')}) select ${selected} ` +
    `where (select count(*) from votes where item_id = ${countItem}) = ${count} ` +
    `and (select coalesce(max(id), 0) from votes where item_id = ${newestItem}) = ${newest} ` +
    `on conflict (item_id) do update set ${updates} ` +
    `where decisions.decided_by in ${REPLACEABLE}`;
  return {
    sql,
    parameters: ({ decision, seen }) => [
      ...decisionValues(decision),
      decision.itemId,
      seen.votes,
      decision.itemId,
      seen.newestVoteId,
    ],
  };
}
