/** The two writes of an annotation cycle on SQLite, run in a transaction by SqlitePeopleStore. */
import type { Selectable } from 'kysely';
import { HiloError } from '../../core/errors.js';
import type {
  Assignment,
  AssignmentState,
  CompleteRequest,
  LeaseRequest,
  QueueKind,
} from '../../core/ports/people-store.js';
import { pickPreferredNow } from './sqlite-answer-checks.js';
import type { PeopleCache } from './sqlite-people-cache.js';
import type { PeopleStatements } from './sqlite-people-statements.js';
import type { ItemsTable, VotesTable } from '../sql/store-database.js';
import { rowToItem, rowToVote, voteToRow } from '../sql/store-rows.js';

/**
 * One lease, inside the caller's transaction: expired leases go back to the queue, then the first
 * open entry of the kind (of the requested gold label when there is one left) is leased. The item
 * and the lease are put in the cache, since the item is served next.
 * @example db.transaction((r) => leaseNow(statements, cache, r))(request)
 * Complexity: expired leases + a walk of the open-queue index from its head.
 */
export function leaseNow(
  s: PeopleStatements,
  cache: PeopleCache,
  request: LeaseRequest,
): Assignment | undefined {
  const expired = s.expireLeases.all(request.now) as { item_id: string; annotator_id: string }[];
  for (const row of expired) {
    s.changeTaken.run(-1, row.item_id);
    cache.forgetAssignment(row.item_id, row.annotator_id);
  }
  const chosen = (
    request.goldLabel === undefined
      ? undefined
      : s.pickWithGold.get(request.kind, request.annotatorId, request.goldLabel)
  ) as string | undefined;
  const itemId =
    chosen ??
    pickPreferredNow(s.checks, request) ??
    (s.pick.get(request.kind, request.annotatorId) as string | undefined);
  if (itemId === undefined) return undefined;
  s.changeTaken.run(1, itemId);
  // The item is served next; inside this transaction reading it is cheap.
  if (cache.item(itemId) === undefined) {
    const row = s.item.get(itemId) as Selectable<ItemsTable> | undefined;
    cache.putItem(itemId, row === undefined ? null : rowToItem(row));
  }
  s.insertAssignment.run(itemId, request.annotatorId, request.kind, request.now, request.expiresAt);
  const assignment: Assignment = {
    itemId,
    annotatorId: request.annotatorId,
    kind: request.kind,
    leasedAt: request.now,
    expiresAt: request.expiresAt,
    state: 'leased',
  };
  cache.putAssignment(itemId, request.annotatorId, assignment);
  return assignment;
}

/**
 * One answer (or skip), inside the caller's transaction: stores the vote, closes the live lease or
 * throws CONFLICT when there is none, and keeps a task's votes in the cache for dynamic overlap.
 * Returns the vote's id, or null for a skip.
 * @example db.transaction((r) => completeNow(statements, cache, r))(request)
 * Complexity: O(1) statements, plus the item's votes on a task's first answer since a refill.
 */
export function completeNow(
  s: PeopleStatements,
  cache: PeopleCache,
  request: CompleteRequest,
): number | null {
  const voteId =
    request.vote === null
      ? null
      : Number(s.insertVote.run(voteToRow(request.vote)).lastInsertRowid);
  const state: AssignmentState = request.vote === null ? 'skipped' : 'done';
  const kind = s.finishAssignment.get(
    state,
    voteId,
    request.itemId,
    request.annotatorId,
    request.now,
  ) as QueueKind | undefined;
  if (kind === undefined) {
    throw new HiloError('CONFLICT', `no live lease of item "${request.itemId}" for this annotator`);
  }
  if (state === 'skipped') s.changeTaken.run(-1, request.itemId);
  cache.forgetAssignment(request.itemId, request.annotatorId);
  if (voteId !== null && request.vote !== null) {
    // Dynamic overlap reads a task's votes next; inside this transaction reading is cheap.
    if (cache.itemVotes(request.itemId) !== undefined)
      cache.addItemVote({ id: voteId, ...request.vote });
    else if (kind === 'task') {
      const rows = s.itemVotes.all(request.itemId) as Selectable<VotesTable>[];
      cache.putItemVotes(request.itemId, rows.map(rowToVote));
    }
  }
  return voteId;
}
