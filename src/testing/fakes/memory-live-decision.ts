import { HiloError } from '../../core/errors.js';
import type { LiveDecisionRequest } from '../../core/ports/people-store.js';
import type { DecidedBy, Decision, Vote } from '../../core/types.js';

/** What a live decision reads and writes of the memory store. */
interface LiveDecisionRows {
  list(): readonly Vote[];
  hasItem(id: string): boolean;
  decision(itemId: string): Decision | undefined;
  putDecision(decision: Decision): void;
}

/** Decisions a live one may replace, as in the SQL stores. */
const REPLACEABLE: ReadonlySet<DecidedBy> = new Set(['machine', 'auto', 'aggregated', 'human']);

/**
 * `putLiveDecision` of the memory people store: stored only while the item's votes are those the
 * decision was made from and the decision it replaces ranks no higher than `aggregated`; the
 * replaced decision's zone stays. CONFLICT when the item is not stored.
 * @example putLiveDecision(rows, { decision, seen: { votes: 2, newestVoteId: 9 } }) // true
 * Complexity: O(votes) to count the item's votes.
 */
export function putLiveDecision(rows: LiveDecisionRows, request: LiveDecisionRequest): boolean {
  const { decision, seen } = request;
  if (!rows.hasItem(decision.itemId))
    throw new HiloError('CONFLICT', `putLiveDecision: item "${decision.itemId}" is not stored`);
  let votes = 0;
  let newest = 0;
  for (const vote of rows.list()) {
    if (vote.itemId !== decision.itemId) continue;
    votes++;
    newest = Math.max(newest, vote.id);
  }
  if (votes !== seen.votes || newest !== seen.newestVoteId) return false;
  const existing = rows.decision(decision.itemId);
  if (existing === undefined) {
    rows.putDecision(decision);
    return true;
  }
  if (!REPLACEABLE.has(existing.decidedBy)) return false;
  rows.putDecision({ ...decision, zone: existing.zone });
  return true;
}
