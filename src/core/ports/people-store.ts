import type { GoldAnswerStore } from './gold-answers.js';
import type { InvitationStore } from './invitation-store.js';
import type { ItemCommentStore } from './item-comments.js';
import type { AnswerChecksStore } from './answer-checks.js';
import type { Decision, NewVote } from '../types.js';
import type { Store } from './store.js';

export type AnnotatorRole = 'annotator' | 'reviewer' | 'admin';
export type AnnotatorState = 'onboarding' | 'active' | 'suspended';

/** A person who labels (DESIGN §2). The token hash never leaves the server. */
export interface Annotator {
  readonly id: string;
  readonly name: string;
  readonly role: AnnotatorRole;
  readonly state: AnnotatorState;
  readonly createdAt: string;
  readonly suspendedReason: string | null;
  /** A rule fired that asks for review of this person's work, without suspending them. */
  readonly flaggedReason: string | null;
  readonly controlsSeen: number;
  readonly controlsCorrect: number;
  /** Their votes are down-weighted by aggregation (a control-accuracy rule fired). */
  readonly discounted: boolean;
  /**
   * ISO-8601 start of the answers the rules look at (set when a suspension is lifted); null for
   * all of them. The control counts above stay lifetime figures.
   */
  readonly rulesSince: string | null;
}

export type AnnotatorPatch = Partial<
  Pick<
    Annotator,
    | 'name'
    | 'role'
    | 'state'
    | 'suspendedReason'
    | 'flaggedReason'
    | 'controlsSeen'
    | 'controlsCorrect'
    | 'discounted'
    | 'rulesSince'
  >
> & { readonly tokenHash?: string };

/** Which part of the queue an entry belongs to: real work, a hidden control, or the exam. */
export type QueueKind = 'task' | 'control' | 'exam';

/** One item offered to people, with how many may answer it and how urgent it is. */
export interface QueueEntry {
  readonly itemId: string;
  readonly kind: QueueKind;
  /** The routing zone of a task; `audit` for an accepted item drawn for people to check. */
  readonly zone: 'overlap' | 'human' | 'audit' | null;
  /** Higher first. */
  readonly priority: number;
  /** How many people may answer it (dynamic overlap raises it). */
  readonly overlap: number;
  /** The trusted label of control and exam items, to pick rare labels more often; null for tasks. */
  readonly goldLabel: string | null;
  /** Why it waits for a reviewer, or null. */
  readonly reviewReason: string | null;
}

/** A queue entry's new priority (see `PeopleStore.setQueuePriorities`). */
export interface QueuePriority {
  readonly itemId: string;
  readonly priority: number;
}

export type AssignmentState = 'leased' | 'done' | 'expired' | 'skipped';

/** An item leased to an annotator; unique per (item, annotator). */
export interface Assignment {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly kind: QueueKind;
  readonly leasedAt: string;
  readonly expiresAt: string;
  readonly state: AssignmentState;
}

export interface LeaseRequest {
  readonly annotatorId: string;
  readonly kind: QueueKind;
  /** Prefer controls/exam items with this gold label; any label when none is left. */
  readonly goldLabel?: string;
  /**
   * Without `goldLabel`: prefer entries whose predicted label is one of these, if one is within
   * `preferWithin` of the best open entry's priority (skill matching); else the best entry.
   */
  readonly preferLabels?: readonly string[];
  readonly preferWithin?: number;
  /** ISO-8601 now and lease end. */
  readonly now: string;
  readonly expiresAt: string;
}

export interface CompleteRequest {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly now: string;
  /** The answer to store with the completion; null for a skip. */
  readonly vote: NewVote | null;
}

export interface RecentVote {
  readonly itemId: string;
  readonly label: string | null;
  readonly timeSpentMs: number | null;
  readonly createdAt: string;
}

/** A decision made from an item's votes as they stood when they were read. */
export interface LiveDecisionRequest {
  readonly decision: Decision;
  /** The item's votes (every source) when they were read: how many, and the newest one's id (0: none). */
  readonly seen: { readonly votes: number; readonly newestVoteId: number };
}

/**
 * People in the loop (DESIGN §5): annotators, invitations, sessions, the queue and its leases.
 * Every method is atomic on its own; leasing never exceeds an entry's overlap nor gives one person
 * an item twice. An annotator's token hash is no credential: people sign in with an invitation.
 */
export interface PeopleStore
  extends GoldAnswerStore, InvitationStore, ItemCommentStore, AnswerChecksStore {
  createAnnotator(annotator: Annotator, tokenHash: string): Promise<void>;
  getAnnotator(id: string): Promise<Annotator | undefined>;
  findAnnotatorByTokenHash(tokenHash: string): Promise<Annotator | undefined>;
  listAnnotators(): Promise<Annotator[]>;
  /** NOT_FOUND when the annotator does not exist. */
  updateAnnotator(id: string, patch: AnnotatorPatch): Promise<Annotator>;

  createSession(tokenHash: string, annotatorId: string, expiresAt: string): Promise<void>;
  /** The annotator id of a session still valid at `now`. */
  findSession(tokenHash: string, now: string): Promise<string | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  /** Inserts or replaces queue entries by item id (existing leases are kept). */
  upsertQueue(entries: readonly QueueEntry[]): Promise<void>;
  getQueueEntry(itemId: string): Promise<QueueEntry | undefined>;
  listQueue(query: {
    readonly kind?: QueueKind;
    readonly underReview?: boolean;
  }): Promise<QueueEntry[]>;
  setOverlap(itemId: string, overlap: number): Promise<void>;
  setReviewReason(itemIds: readonly string[], reason: string | null): Promise<void>;
  /**
   * Sets the priority of the queue entries that exist (others are ignored) in one transaction,
   * leaving their other columns, leases and answers as they are. Optional: without it callers
   * rewrite the entries with `upsertQueue`.
   */
  setQueuePriorities?(priorities: readonly QueuePriority[]): Promise<void>;

  /**
   * Leases the best open entry of `kind` to the annotator, or returns undefined: open means fewer
   * live leases plus answers than its overlap and never given to this annotator before, except an
   * exam item whose lease to them expired unanswered (the exam needs every item). Leases past
   * their expiry are first marked expired, which frees their place.
   */
  leaseNext(request: LeaseRequest): Promise<Assignment | undefined>;
  /** The annotator's live lease (leased state, not expired) on an item. */
  getAssignment(itemId: string, annotatorId: string): Promise<Assignment | undefined>;
  /**
   * Marks a live lease done (with its vote) or skipped, in one transaction; returns the vote id.
   * CONFLICT when there is no live lease.
   */
  completeAssignment(request: CompleteRequest): Promise<number | null>;
  /** Re-opens a done or skipped assignment until `expiresAt`, deleting its vote (undo). */
  reopenAssignment(itemId: string, annotatorId: string, expiresAt: string): Promise<void>;
  listAssignments(query: {
    readonly annotatorId?: string;
    readonly itemId?: string;
    readonly state?: AssignmentState;
  }): Promise<Assignment[]>;
  /** The newest votes of a source, newest first. */
  recentVotes(source: string, limit: number): Promise<RecentVote[]>;
  /**
   * Stores a decision made as an answer arrived, atomically and only while the item's votes are
   * still those it was made from (same count, same newest id: a later answer makes its own) and
   * the decision it replaces ranks no higher than `aggregated` (machine, auto, aggregated,
   * human). The zone of a replaced decision is kept. Returns whether it was stored.
   */
  putLiveDecision(request: LiveDecisionRequest): Promise<boolean>;
}

/** A store that also holds people. */
export type StoreWithPeople = Store & { readonly people: PeopleStore };
