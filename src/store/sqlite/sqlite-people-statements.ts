import type Database from 'better-sqlite3';
import {
  prepareAnswerCheckStatements,
  type AnswerCheckStatements,
} from './sqlite-answer-checks.js';

type Statement = Database.Statement<unknown[]>;

const VOTE_COLUMNS =
  'item_id, source, label, probabilities, method, other_mass, verbalized, rationale, abstain_reason, run_id, tokens_in, tokens_out, cost_usd, latency_ms, time_spent_ms, created_at';

/**
 * The first open entry of a kind (the partial index queue_open walks it in this order). The exam
 * needs every item, so an exam item whose lease to this person expired unanswered is open again.
 */
const PICK = `select q.item_id from queue q where q.kind = ? and q.taken < q.overlap
  and not exists (select 1 from assignments a where a.item_id = q.item_id and a.annotator_id = ?
    and (a.state <> 'expired' or q.kind <> 'exam'))`;

/** Every statement of the people hot path, prepared once per connection. */
export interface PeopleStatements {
  readonly insertAnnotator: Statement;
  readonly annotatorById: Statement;
  readonly annotatorByToken: Statement;
  readonly allAnnotators: Statement;
  readonly insertSession: Statement;
  readonly session: Statement;
  readonly deleteSession: Statement;
  readonly upsertQueue: Statement;
  readonly queueEntry: Statement;
  readonly queueKind: Statement;
  readonly setOverlap: Statement;
  readonly setReviewReason: Statement;
  readonly setPriority: Statement;
  readonly expireLeases: Statement;
  readonly changeTaken: Statement;
  readonly pick: Statement;
  readonly pickWithGold: Statement;
  readonly insertAssignment: Statement;
  readonly assignment: Statement;
  readonly insertVote: Statement;
  readonly finishAssignment: Statement;
  readonly answeredAssignment: Statement;
  readonly deleteVote: Statement;
  readonly reopenAssignment: Statement;
  readonly recentVotes: Statement;
  readonly item: Statement;
  readonly itemVotes: Statement;
  /** Rows changed through this connection. */
  readonly totalChanges: Statement;
  /** Moves when another connection commits. */
  readonly dataVersion: Statement;
  /** Machine checks and skill matching. */
  readonly checks: AnswerCheckStatements;
}

/**
 * Prepares the people statements on a better-sqlite3 connection: each call then costs only its
 * execution (no SQL building, no parsing).
 * @example const s = preparePeopleStatements(db); s.queueEntry.get('item-7')
 * Complexity: O(statements) once.
 */
export function preparePeopleStatements(db: Database.Database): PeopleStatements {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    insertAnnotator: p(
      `insert into annotators (id, name, role, token_hash, state, created_at, suspended_reason,
        flagged_reason, controls_seen, controls_correct, discounted, rules_since)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    annotatorById: p('select * from annotators where id = ?'),
    annotatorByToken: p('select * from annotators where token_hash = ?'),
    allAnnotators: p('select * from annotators order by created_at, id'),
    insertSession: p(
      'insert into sessions (token_hash, annotator_id, expires_at) values (?, ?, ?)',
    ),
    session: p('select annotator_id, expires_at from sessions where token_hash = ?'),
    deleteSession: p('delete from sessions where token_hash = ?'),
    upsertQueue: p(
      `insert into queue (item_id, kind, zone, priority, overlap, gold_label, review_reason)
        values (?, ?, ?, ?, ?, ?, ?) on conflict (item_id) do update set kind = excluded.kind,
        zone = excluded.zone, priority = excluded.priority, overlap = excluded.overlap,
        gold_label = excluded.gold_label, review_reason = excluded.review_reason`,
    ),
    queueEntry: p('select * from queue where item_id = ?'),
    queueKind: p('select kind from queue where item_id = ?').pluck(),
    setOverlap: p('update queue set overlap = ? where item_id = ?'),
    setReviewReason: p('update queue set review_reason = ? where item_id = ?'),
    setPriority: p('update queue set priority = ? where item_id = ?'),
    expireLeases: p(
      `update assignments set state = 'expired' where state = 'leased' and expires_at <= ?
        returning item_id, annotator_id`,
    ),
    changeTaken: p('update queue set taken = taken + ? where item_id = ?'),
    pick: p(`${PICK} order by q.priority desc, q.item_id limit 1`).pluck(),
    pickWithGold: p(
      `${PICK} and q.gold_label = ? order by q.priority desc, q.item_id limit 1`,
    ).pluck(),
    insertAssignment: p(
      `insert into assignments (item_id, annotator_id, kind, leased_at, expires_at, state, vote_id)
        values (?, ?, ?, ?, ?, 'leased', null) on conflict (item_id, annotator_id) do update
        set kind = excluded.kind, leased_at = excluded.leased_at, expires_at = excluded.expires_at,
        state = 'leased', vote_id = null`,
    ),
    assignment: p('select * from assignments where item_id = ? and annotator_id = ?'),
    insertVote: p(
      `insert into votes (${VOTE_COLUMNS}) values (${VOTE_COLUMNS.replace(/(\w+)/g, '@$1')})`,
    ),
    finishAssignment: p(
      `update assignments set state = ?, vote_id = ? where item_id = ? and annotator_id = ?
        and state = 'leased' and expires_at > ? returning kind`,
    ).pluck(),
    answeredAssignment: p(
      `select * from assignments where item_id = ? and annotator_id = ?
        and state in ('done', 'skipped')`,
    ),
    deleteVote: p('delete from votes where id = ?'),
    reopenAssignment: p(
      `update assignments set state = 'leased', expires_at = ?, vote_id = null
        where item_id = ? and annotator_id = ?`,
    ),
    item: p('select * from items where id = ?'),
    itemVotes: p('select * from votes where item_id = ? order by id'),
    recentVotes: p(
      `select item_id, label, time_spent_ms, created_at from votes where source = ?
        order by id desc limit ?`,
    ),
    totalChanges: p('select total_changes()').pluck(),
    dataVersion: p('pragma data_version').pluck(),
    checks: prepareAnswerCheckStatements(db),
  };
}
