import { HiloError } from '../../core/errors.js';
import type { ItemComment } from '../../core/ports/item-comments.js';
import type {
  Appeal,
  AppealSettlement,
  AppealState,
  GoldAnswer,
  GoldAnswerQuery,
  NewAppeal,
} from '../../core/ports/gold-answers.js';
import type {
  Annotator,
  AnnotatorPatch,
  Assignment,
  AssignmentState,
  CompleteRequest,
  LeaseRequest,
  LiveDecisionRequest,
  PeopleStore,
  QueueEntry,
  QueueKind,
  QueuePriority,
  RecentVote,
} from '../../core/ports/people-store.js';
import type {
  NewInvitation,
  RedeemRequest,
  RedeemResult,
} from '../../core/ports/invitation-store.js';
import { MemoryInvitations } from './memory-invitations.js';
import { MemoryGoldAnswers } from './memory-gold-answers.js';
import type {
  AnswerFlag,
  AnswerFlagCount,
  PredictedLabel,
} from '../../core/ports/answer-checks.js';
import { MemoryAnswerChecks } from './memory-answer-checks.js';
import type { Decision, NewVote, Vote } from '../../core/types.js';
import { putLiveDecision } from './memory-live-decision.js';

/** The votes and items of the store this people store sits beside. */
export interface MemoryStoreRows {
  /** Stores the vote and returns its id; CONFLICT when its item is not stored. */
  add(vote: NewVote): number;
  remove(id: number): void;
  list(): readonly Vote[];
  hasItem(id: string): boolean;
  decision(itemId: string): Decision | undefined;
  putDecision(decision: Decision): void;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Lease extends Mutable<Assignment> {
  voteId: number | null;
}

/**
 * The PeopleStore port in memory, for tests; the same observable behaviour as the SQL store. Each
 * method does its checks and writes without awaiting in between, so calls are atomic.
 * @example const people = new MemoryStore().people
 * Complexity: a lease scans the queue, O(q log q).
 */
export class MemoryPeopleStore implements PeopleStore {
  readonly #rows: MemoryStoreRows;
  readonly #annotators = new Map<string, { annotator: Annotator; tokenHash: string }>();
  readonly #sessions = new Map<string, { annotatorId: string; expiresAt: string }>();
  readonly #queue = new Map<string, QueueEntry & { taken: number }>();
  readonly #leases = new Map<string, Lease>();
  readonly #gold: MemoryGoldAnswers;
  readonly #invitations = new MemoryInvitations({
    hasAnnotator: (id) => this.#annotators.has(id),
    openSession: (tokenHash, annotatorId, expiresAt) =>
      this.#sessions.set(tokenHash, { annotatorId, expiresAt }),
  });
  readonly #comments: ItemComment[] = [];
  readonly #checks: MemoryAnswerChecks;

  constructor(rows: MemoryStoreRows) {
    this.#rows = rows;
    this.#gold = new MemoryGoldAnswers(
      (annotatorId, itemId) => this.#annotators.has(annotatorId) && rows.hasItem(itemId),
    );
    this.#checks = new MemoryAnswerChecks({
      hasItem: (id) => rows.hasItem(id),
      hasAnnotator: (id) => this.#annotators.has(id),
    });
  }

  async createAnnotator(annotator: Annotator, tokenHash: string): Promise<void> {
    const clash = [...this.#annotators.values()].some((a) => a.tokenHash === tokenHash);
    if (this.#annotators.has(annotator.id) || clash) {
      throw new HiloError('CONFLICT', `annotator "${annotator.id}" already exists`);
    }
    this.#annotators.set(annotator.id, { annotator: { ...annotator }, tokenHash });
  }

  async getAnnotator(id: string): Promise<Annotator | undefined> {
    const found = this.#annotators.get(id);
    return found && { ...found.annotator };
  }

  async findAnnotatorByTokenHash(tokenHash: string): Promise<Annotator | undefined> {
    const found = [...this.#annotators.values()].find((a) => a.tokenHash === tokenHash);
    return found && { ...found.annotator };
  }

  async listAnnotators(): Promise<Annotator[]> {
    return [...this.#annotators.values()]
      .map((a) => ({ ...a.annotator }))
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
  }

  async updateAnnotator(id: string, patch: AnnotatorPatch): Promise<Annotator> {
    const found = this.#annotators.get(id);
    if (found === undefined) throw new HiloError('NOT_FOUND', `annotator "${id}" does not exist`);
    const { tokenHash, ...rest } = patch;
    found.annotator = { ...found.annotator, ...rest };
    if (tokenHash !== undefined) found.tokenHash = tokenHash;
    return { ...found.annotator };
  }

  async createSession(tokenHash: string, annotatorId: string, expiresAt: string): Promise<void> {
    if (!this.#annotators.has(annotatorId)) throw new HiloError('CONFLICT', 'unknown annotator');
    this.#sessions.set(tokenHash, { annotatorId, expiresAt });
  }

  async findSession(tokenHash: string, now: string): Promise<string | undefined> {
    const session = this.#sessions.get(tokenHash);
    return session !== undefined && session.expiresAt > now ? session.annotatorId : undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.#sessions.delete(tokenHash);
  }

  async createInvitation(invitation: NewInvitation): Promise<void> {
    this.#invitations.create(invitation);
  }

  async redeemInvitation(request: RedeemRequest): Promise<RedeemResult> {
    return this.#invitations.redeem(request);
  }

  async upsertQueue(entries: readonly QueueEntry[]): Promise<void> {
    const missing = entries.find((entry) => !this.#rows.hasItem(entry.itemId));
    if (missing !== undefined) {
      throw new HiloError('CONFLICT', `store upsertQueue: no item "${missing.itemId}"`);
    }
    for (const entry of entries) {
      this.#queue.set(entry.itemId, { ...entry, taken: this.#queue.get(entry.itemId)?.taken ?? 0 });
    }
  }

  async getQueueEntry(itemId: string): Promise<QueueEntry | undefined> {
    const entry = this.#queue.get(itemId);
    return entry && withoutTaken(entry);
  }

  async listQueue(query: {
    readonly kind?: QueueKind;
    readonly underReview?: boolean;
  }): Promise<QueueEntry[]> {
    return this.#ordered()
      .filter(
        (e) =>
          (query.kind === undefined || e.kind === query.kind) &&
          (query.underReview === undefined || (e.reviewReason !== null) === query.underReview),
      )
      .map(withoutTaken);
  }

  async setOverlap(itemId: string, overlap: number): Promise<void> {
    const entry = this.#queue.get(itemId);
    if (entry !== undefined) this.#queue.set(itemId, { ...entry, overlap });
  }

  async setQueuePriorities(priorities: readonly QueuePriority[]): Promise<void> {
    for (const { itemId, priority } of priorities) {
      const entry = this.#queue.get(itemId);
      if (entry !== undefined) this.#queue.set(itemId, { ...entry, priority });
    }
  }

  async setReviewReason(itemIds: readonly string[], reason: string | null): Promise<void> {
    for (const itemId of itemIds) {
      const entry = this.#queue.get(itemId);
      if (entry !== undefined) this.#queue.set(itemId, { ...entry, reviewReason: reason });
    }
  }

  async addComment(comment: ItemComment): Promise<void> {
    if (!this.#rows.hasItem(comment.itemId))
      throw new HiloError('CONFLICT', `item "${comment.itemId}" is not stored`);
    if (!this.#annotators.has(comment.annotatorId))
      throw new HiloError('CONFLICT', `annotator "${comment.annotatorId}" does not exist`);
    this.#comments.push({ ...comment });
  }

  async listComments(query: { readonly itemIds: readonly string[] }): Promise<ItemComment[]> {
    const wanted = new Set(query.itemIds);
    return this.#comments
      .filter((c) => wanted.has(c.itemId))
      .map((c) => ({ ...c }))
      .sort(
        (a, b) =>
          compare(a.createdAt, b.createdAt) ||
          compare(a.annotatorId, b.annotatorId) ||
          compare(a.text, b.text),
      );
  }

  async leaseNext(request: LeaseRequest): Promise<Assignment | undefined> {
    for (const lease of this.#leases.values()) {
      if (lease.state === 'leased' && lease.expiresAt <= request.now) {
        lease.state = 'expired';
        this.#taken(lease.itemId, -1);
      }
    }
    const open = this.#ordered().filter((e) => {
      const mine = this.#leases.get(key(e.itemId, request.annotatorId));
      // An exam item whose lease expired unanswered may be leased again: the exam needs it.
      const free = mine === undefined || (e.kind === 'exam' && mine.state === 'expired');
      return e.kind === request.kind && e.taken < e.overlap && free;
    });
    const chosen =
      (request.goldLabel !== undefined
        ? open.find((e) => e.goldLabel === request.goldLabel)
        : undefined) ??
      this.#checks.preferred(open, request) ??
      open[0];
    if (chosen === undefined) return undefined;
    if (!this.#annotators.has(request.annotatorId)) {
      throw new HiloError('CONFLICT', `store leaseNext: no annotator "${request.annotatorId}"`);
    }
    this.#taken(chosen.itemId, 1);
    const lease: Lease = {
      itemId: chosen.itemId,
      annotatorId: request.annotatorId,
      kind: request.kind,
      leasedAt: request.now,
      expiresAt: request.expiresAt,
      state: 'leased',
      voteId: null,
    };
    this.#leases.set(key(chosen.itemId, request.annotatorId), lease);
    return toAssignment(lease);
  }

  async getAssignment(itemId: string, annotatorId: string): Promise<Assignment | undefined> {
    const lease = this.#leases.get(key(itemId, annotatorId));
    return lease && toAssignment(lease);
  }

  async completeAssignment(request: CompleteRequest): Promise<number | null> {
    const lease = this.#leases.get(key(request.itemId, request.annotatorId));
    if (lease === undefined || lease.state !== 'leased' || lease.expiresAt <= request.now) {
      throw new HiloError(
        'CONFLICT',
        `no live lease of item "${request.itemId}" for this annotator`,
      );
    }
    if (request.vote === null) {
      lease.state = 'skipped';
      this.#taken(request.itemId, -1);
      return null;
    }
    lease.state = 'done';
    lease.voteId = this.#rows.add(request.vote);
    return lease.voteId;
  }

  async reopenAssignment(itemId: string, annotatorId: string, expiresAt: string): Promise<void> {
    const lease = this.#leases.get(key(itemId, annotatorId));
    if (lease === undefined || (lease.state !== 'done' && lease.state !== 'skipped')) {
      throw new HiloError('NOT_FOUND', `no answer on item "${itemId}" to undo`);
    }
    if (lease.voteId !== null) this.#rows.remove(lease.voteId);
    if (lease.state === 'skipped') this.#taken(itemId, 1);
    lease.state = 'leased';
    lease.expiresAt = expiresAt;
    lease.voteId = null;
  }

  async listAssignments(query: {
    readonly annotatorId?: string;
    readonly itemId?: string;
    readonly state?: AssignmentState;
  }): Promise<Assignment[]> {
    return [...this.#leases.values()]
      .filter(
        (l) =>
          (query.annotatorId === undefined || l.annotatorId === query.annotatorId) &&
          (query.itemId === undefined || l.itemId === query.itemId) &&
          (query.state === undefined || l.state === query.state),
      )
      .sort((a, b) => compare(a.leasedAt, b.leasedAt) || compare(a.itemId, b.itemId))
      .map(toAssignment);
  }

  async recentVotes(source: string, limit: number): Promise<RecentVote[]> {
    return this.#rows
      .list()
      .filter((vote) => vote.source === source)
      .slice(-limit)
      .reverse()
      .map((v) => ({
        itemId: v.itemId,
        label: v.label,
        timeSpentMs: v.timeSpentMs,
        createdAt: v.createdAt,
      }));
  }

  recordGoldAnswer(answer: GoldAnswer): Promise<{ kept: GoldAnswer; first: boolean }> {
    return this.#gold.recordGoldAnswer(answer);
  }

  listGoldAnswers(query: GoldAnswerQuery): Promise<GoldAnswer[]> {
    return this.#gold.listGoldAnswers(query);
  }

  createAppeal(appeal: NewAppeal): Promise<Appeal> {
    return this.#gold.createAppeal(appeal);
  }

  listAppeals(query: {
    readonly state?: AppealState;
    readonly annotatorId?: string;
  }): Promise<Appeal[]> {
    return this.#gold.listAppeals(query);
  }

  settleAppeal(settlement: AppealSettlement): Promise<Appeal> {
    return this.#gold.settleAppeal(settlement);
  }

  async addAnswerFlags(flags: readonly AnswerFlag[]): Promise<number> {
    return this.#checks.add(flags);
  }

  async answerFlagCounts(): Promise<AnswerFlagCount[]> {
    return this.#checks.counts();
  }

  async setPredictedLabels(labels: readonly PredictedLabel[]): Promise<void> {
    this.#checks.setPredicted(labels, (id) => this.#queue.has(id));
  }

  async putLiveDecision(request: LiveDecisionRequest): Promise<boolean> {
    return putLiveDecision(this.#rows, request);
  }

  #ordered(): (QueueEntry & { taken: number })[] {
    return [...this.#queue.values()].sort(
      (a, b) => b.priority - a.priority || compare(a.itemId, b.itemId),
    );
  }

  #taken(itemId: string, delta: number): void {
    const entry = this.#queue.get(itemId);
    if (entry !== undefined) entry.taken += delta;
  }
}

function key(itemId: string, annotatorId: string): string {
  return JSON.stringify([itemId, annotatorId]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withoutTaken(entry: QueueEntry & { taken: number }): QueueEntry {
  const { taken: _taken, ...rest } = entry;
  return rest;
}

function toAssignment(lease: Lease): Assignment {
  const { voteId: _voteId, ...rest } = lease;
  return { ...rest };
}
