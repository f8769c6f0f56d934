import type {
  AnnotatorPatch,
  AssignmentState,
  QueueKind,
  RecentVote,
} from '../../core/ports/people-store.js';
import { liveDecisionStatement } from '../sql/live-decision-sql.js';
import type { PeopleCache } from './sqlite-people-cache.js';
import type { PeopleStatements } from './sqlite-people-statements.js';

/** The conditional upsert of a live decision (see `PeopleStore.putLiveDecision`). */
export const LIVE_DECISION = liveDecisionStatement('sqlite');

/** Rules look at the newest few answers; reading a few more saves a read when a rule widens. */
const WINDOW = 32;

/** A statement's SQL, which depends on the filters or fields a call sets, and its values. */
export interface ShapedQuery {
  readonly sql: string;
  readonly values: readonly unknown[];
}

const PATCH_COLUMNS: Record<keyof AnnotatorPatch, string> = {
  name: 'name',
  role: 'role',
  state: 'state',
  suspendedReason: 'suspended_reason',
  flaggedReason: 'flagged_reason',
  controlsSeen: 'controls_seen',
  controlsCorrect: 'controls_correct',
  discounted: 'discounted',
  tokenHash: 'token_hash',
  rulesSince: 'rules_since',
};

/**
 * The update of the fields a patch sets (booleans as 0/1), the annotator's id bound last;
 * undefined when it sets none.
 * @example annotatorUpdate({ state: 'active' }) // { sql: 'update annotators set state = ? where id = ?', values: ['active'] }
 */
export function annotatorUpdate(patch: AnnotatorPatch): ShapedQuery | undefined {
  const keys = (Object.keys(PATCH_COLUMNS) as (keyof AnnotatorPatch)[]).filter(
    (key) => patch[key] !== undefined,
  );
  if (keys.length === 0) return undefined;
  const set = keys.map((key) => `${PATCH_COLUMNS[key]} = ?`).join(', ');
  const values = keys.map((key) => {
    const value = patch[key];
    return typeof value === 'boolean' ? (value ? 1 : 0) : value;
  });
  return { sql: `update annotators set ${set} where id = ?`, values };
}

/** Queue entries of a kind and/or review state, in lease order. */
export function queueListQuery(query: {
  readonly kind?: QueueKind;
  readonly underReview?: boolean;
}): ShapedQuery {
  const where: string[] = [];
  const values: unknown[] = [];
  if (query.kind !== undefined) {
    where.push('kind = ?');
    values.push(query.kind);
  }
  if (query.underReview !== undefined)
    where.push(`review_reason is ${query.underReview ? 'not ' : ''}null`);
  const filter = where.length > 0 ? `where ${where.join(' and ')}` : '';
  return { sql: `select * from queue ${filter} order by priority desc, item_id`, values };
}

/** Assignments filtered by person, item and state, oldest lease first. */
export function assignmentsQuery(query: {
  readonly annotatorId?: string;
  readonly itemId?: string;
  readonly state?: AssignmentState;
}): ShapedQuery {
  const where: string[] = [];
  const values: unknown[] = [];
  for (const [column, value] of [
    ['annotator_id', query.annotatorId],
    ['item_id', query.itemId],
    ['state', query.state],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    values.push(value);
  }
  const filter = where.length > 0 ? `where ${where.join(' and ')}` : '';
  return { sql: `select * from assignments ${filter} order by leased_at, item_id`, values };
}

/**
 * A source's newest votes, newest first, from the cached window when it is long enough; else
 * read (a window of at least 32) and cached.
 * @example recentVotesNow(statements, cache, 'human:ann-1', 10)
 */
export function recentVotesNow(
  s: PeopleStatements,
  cache: PeopleCache,
  source: string,
  limit: number,
): RecentVote[] {
  cache.validate();
  const hit = cache.recentVotes(source, limit);
  if (hit !== undefined) return hit;
  const window = Math.max(limit, WINDOW);
  const rows = s.recentVotes.all(source, window) as {
    item_id: string;
    label: string | null;
    time_spent_ms: number | null;
    created_at: string;
  }[];
  const votes = rows.map((row) => ({
    itemId: row.item_id,
    label: row.label,
    timeSpentMs: row.time_spent_ms,
    createdAt: row.created_at,
  }));
  cache.putWindow(source, votes, window);
  return votes.slice(0, limit);
}
