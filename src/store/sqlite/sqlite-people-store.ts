import type Database from 'better-sqlite3';
import type { Selectable } from 'kysely';
import {
  annotatorUpdate,
  assignmentsQuery,
  LIVE_DECISION,
  queueListQuery,
  recentVotesNow,
} from './sqlite-people-queries.js';
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
  QueuePriority,
  QueueKind,
  RecentVote,
} from '../../core/ports/people-store.js';
import type {
  NewInvitation,
  RedeemRequest,
  RedeemResult,
} from '../../core/ports/invitation-store.js';
import type {
  AnswerFlag,
  AnswerFlagCount,
  PredictedLabel,
} from '../../core/ports/answer-checks.js';
import { mapDatabaseError } from '../sql/map-database-error.js';
import {
  addAnswerFlagsNow,
  answerFlagCountsNow,
  setPredictedLabelsNow,
} from './sqlite-answer-checks.js';
import { rowToAnnotator, rowToAssignment, rowToQueue } from '../sql/people-store-rows.js';
import { SqliteGoldAnswers } from './sqlite-gold-answers.js';
import { sqliteItemComments } from './sqlite-item-comments.js';
import { PeopleCache } from './sqlite-people-cache.js';
import { startBackgroundCheckpoints } from './sqlite-people-checkpoints.js';
import { GroupCommit } from './sqlite-people-group-commit.js';
import { completeNow, leaseNow } from './sqlite-people-leases.js';
import { preparePeopleStatements, type PeopleStatements } from './sqlite-people-statements.js';
import { sqliteInvitations, type SqliteInvitations } from './sqlite-invitations.js';
import type {
  AnnotatorsTable,
  AssignmentsTable,
  QueueTable,
  SessionsTable,
} from '../sql/store-database.js';

type Statement = Database.Statement<unknown[]>;

/** Group commits after which the store counts as serving (see #committed). */
const BUSY_COMMITS = 200;

/** Queue lists up to this long are kept in memory. */
const SHORT_LIST = 1000;

/**
 * The PeopleStore port on SQLite through better-sqlite3 prepared statements, for `hilo serve`.
 * Each write runs synchronously in its own savepoint (nothing interleaves inside a lease or an
 * answer), and the writes of one event-loop turn share one commit (GroupCommit): a promise settles
 * once its write is committed. Reads that answer every request (annotators, sessions, rule
 * windows, assignments, queue entries, control lists) come from memory (PeopleCache), dropped
 * whenever anything else wrote to the database. Shares the connection with the Kysely store;
 * while a Kysely transaction is open on it (across awaits), calls wait for it to end instead of
 * joining it.
 * @example const people = new SqlitePeopleStore(database); await people.leaseNext({ annotatorId, kind: 'task', now, expiresAt })
 * Complexity: a lease walks the open-queue index from its head; other calls are O(1) statements.
 */
export class SqlitePeopleStore implements PeopleStore {
  readonly #db: Database.Database;
  readonly #s: PeopleStatements;
  readonly #cache: PeopleCache;
  /** Statements whose SQL depends on which filters or fields a call sets, by that shape. */
  readonly #shaped = new Map<string, Statement>();
  readonly #lease: Database.Transaction<(request: LeaseRequest) => Assignment | undefined>;
  readonly #complete: Database.Transaction<(request: CompleteRequest) => number | null>;
  readonly #commits: GroupCommit;
  readonly #gold: SqliteGoldAnswers;
  readonly #invitations: SqliteInvitations;
  readonly #comments: ReturnType<typeof sqliteItemComments>;
  #commitCount = 0;
  #checkpoints: { stop(): Promise<void> } | undefined;
  #stopped = false;

  /** What this store keeps in memory; the serving store caches items and their votes in it too. */
  get cache(): PeopleCache {
    return this.#cache;
  }

  /**
   * `foreignWrites`, when the connection's other writers are counted (countForeignWrites), spares
   * asking SQLite for total_changes() on every cached read.
   */
  constructor(db: Database.Database, foreignWrites?: () => number) {
    this.#db = db;
    this.#s = preparePeopleStatements(db);
    this.#gold = new SqliteGoldAnswers(db);
    this.#invitations = sqliteInvitations(db);
    this.#comments = sqliteItemComments(db);
    const s = this.#s;
    this.#cache = new PeopleCache({
      changes: foreignWrites ?? (() => s.totalChanges.get() as number),
      version: () => s.dataVersion.get() as number,
      now: () => performance.now(),
    });
    this.#lease = db.transaction((request: LeaseRequest) => leaseNow(s, this.#cache, request));
    this.#complete = db.transaction((request: CompleteRequest) =>
      completeNow(s, this.#cache, request),
    );
    const cache = this.#cache;
    this.#commits = new GroupCommit(db, {
      before: () => cache.validate(true),
      after: () => {
        cache.settle();
        this.#committed();
      },
      // Nothing was committed; what the writes put in the cache may be wrong.
      failed: () => cache.clear(),
    });
  }

  createAnnotator(annotator: Annotator, tokenHash: string): Promise<void> {
    return this.#write('createAnnotator', () => {
      const a = annotator;
      this.#s.insertAnnotator.run(
        a.id,
        a.name,
        a.role,
        tokenHash,
        a.state,
        a.createdAt,
        a.suspendedReason,
        a.flaggedReason,
        a.controlsSeen,
        a.controlsCorrect,
        a.discounted ? 1 : 0,
        a.rulesSince,
      );
      this.#cache.putAnnotator({ ...a }, tokenHash);
    });
  }

  getAnnotator(id: string): Promise<Annotator | undefined> {
    return this.#read('getAnnotator', () => {
      this.#cache.validate();
      return this.#cache.annotatorById(id) ?? this.#remember(this.#s.annotatorById.get(id));
    });
  }

  findAnnotatorByTokenHash(tokenHash: string): Promise<Annotator | undefined> {
    return this.#read('findAnnotatorByTokenHash', () => {
      this.#cache.validate();
      const id = this.#cache.annotatorIdByToken(tokenHash);
      const hit = id === undefined ? undefined : this.#cache.annotatorById(id);
      return hit ?? this.#remember(this.#s.annotatorByToken.get(tokenHash));
    });
  }

  listAnnotators(): Promise<Annotator[]> {
    return this.#read('listAnnotators', () =>
      (this.#s.allAnnotators.all() as Selectable<AnnotatorsTable>[]).map(rowToAnnotator),
    );
  }

  updateAnnotator(id: string, patch: AnnotatorPatch): Promise<Annotator> {
    return this.#write('updateAnnotator', () => {
      const update = annotatorUpdate(patch);
      if (update !== undefined) this.#statement(update.sql).run(...update.values, id);
      const annotator = this.#remember(this.#s.annotatorById.get(id));
      if (annotator === undefined)
        throw new HiloError('NOT_FOUND', `annotator "${id}" does not exist`);
      return annotator;
    });
  }

  createSession(tokenHash: string, annotatorId: string, expiresAt: string): Promise<void> {
    return this.#write('createSession', () => {
      this.#s.insertSession.run(tokenHash, annotatorId, expiresAt);
      this.#cache.putSession(tokenHash, { annotatorId, expiresAt });
    });
  }

  findSession(tokenHash: string, now: string): Promise<string | undefined> {
    return this.#read('findSession', () => {
      this.#cache.validate();
      let session = this.#cache.session(tokenHash);
      if (session === undefined) {
        const row = this.#s.session.get(tokenHash) as Selectable<SessionsTable> | undefined;
        session =
          row === undefined ? null : { annotatorId: row.annotator_id, expiresAt: row.expires_at };
        this.#cache.putSession(tokenHash, session);
      }
      return session !== null && session.expiresAt > now ? session.annotatorId : undefined;
    });
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.#write('deleteSession', () => {
      this.#s.deleteSession.run(tokenHash);
      this.#cache.putSession(tokenHash, null);
    });
  }

  createInvitation(invitation: NewInvitation): Promise<void> {
    return this.#write('createInvitation', () => this.#invitations.create(invitation));
  }

  redeemInvitation(request: RedeemRequest): Promise<RedeemResult> {
    return this.#write('redeemInvitation', () => {
      const result = this.#invitations.redeem(request);
      if (result.status === 'redeemed')
        this.#cache.putSession(request.session.tokenHash, {
          annotatorId: result.annotatorId,
          expiresAt: request.session.expiresAt,
        });
      return result;
    });
  }

  upsertQueue(entries: readonly QueueEntry[]): Promise<void> {
    return this.#write('upsertQueue', () =>
      this.#db.transaction(() => {
        for (const e of entries) {
          this.#s.upsertQueue.run(
            e.itemId,
            e.kind,
            e.zone,
            e.priority,
            e.overlap,
            e.goldLabel,
            e.reviewReason,
          );
        }
        this.#cache.queueChanged(
          entries.map((e) => e.itemId),
          undefined,
        );
      })(),
    );
  }

  getQueueEntry(itemId: string): Promise<QueueEntry | undefined> {
    return this.#read('getQueueEntry', () => {
      this.#cache.validate();
      let entry = this.#cache.queueEntry(itemId);
      if (entry === undefined) {
        const row = this.#s.queueEntry.get(itemId) as Selectable<QueueTable> | undefined;
        entry = row === undefined ? null : rowToQueue(row);
        this.#cache.putQueueEntry(itemId, entry);
      }
      return entry ?? undefined;
    });
  }

  listQueue(query: {
    readonly kind?: QueueKind;
    readonly underReview?: boolean;
  }): Promise<QueueEntry[]> {
    return this.#read('listQueue', () => {
      const { sql, values } = queueListQuery(query);
      const key = `${sql}\n${query.kind ?? ''}`;
      this.#cache.validate();
      const hit = this.#cache.queueList(key);
      if (hit !== undefined) return hit.slice();
      const rows = this.#statement(sql).all(...values) as Selectable<QueueTable>[];
      const entries = rows.map(rowToQueue);
      // Short lists (controls, the exam) are asked for on every lease of their kind.
      if (entries.length <= SHORT_LIST)
        this.#cache.putQueueList(key, query.kind ?? null, entries.slice());
      return entries;
    });
  }

  setOverlap(itemId: string, overlap: number): Promise<void> {
    return this.#write('setOverlap', () => {
      this.#s.setOverlap.run(overlap, itemId);
      this.#queueChanged([itemId]);
    });
  }

  setReviewReason(itemIds: readonly string[], reason: string | null): Promise<void> {
    return this.#write('setReviewReason', () =>
      this.#db.transaction(() => {
        for (const itemId of itemIds) this.#s.setReviewReason.run(reason, itemId);
        this.#queueChanged(itemIds);
      })(),
    );
  }

  setQueuePriorities(priorities: readonly QueuePriority[]): Promise<void> {
    return this.#write('setQueuePriorities', () =>
      this.#db.transaction(() => {
        for (const p of priorities) this.#s.setPriority.run(p.priority, p.itemId);
        this.#queueChanged(priorities.map((p) => p.itemId));
      })(),
    );
  }

  leaseNext(request: LeaseRequest): Promise<Assignment | undefined> {
    return this.#write('leaseNext', () => this.#lease(request));
  }

  getAssignment(itemId: string, annotatorId: string): Promise<Assignment | undefined> {
    return this.#read('getAssignment', () => {
      this.#cache.validate();
      let assignment = this.#cache.assignment(itemId, annotatorId);
      if (assignment === undefined) {
        const row = this.#s.assignment.get(itemId, annotatorId) as
          Selectable<AssignmentsTable> | undefined;
        assignment = row === undefined ? null : rowToAssignment(row);
        this.#cache.putAssignment(itemId, annotatorId, assignment);
      }
      return assignment ?? undefined;
    });
  }

  completeAssignment(request: CompleteRequest): Promise<number | null> {
    return this.#write('completeAssignment', () => {
      const voteId = this.#complete(request);
      const vote = request.vote;
      if (vote !== null) {
        this.#cache.addVote(vote.source, {
          itemId: vote.itemId,
          label: vote.label,
          timeSpentMs: vote.timeSpentMs,
          createdAt: vote.createdAt,
        });
      }
      return voteId;
    });
  }

  reopenAssignment(itemId: string, annotatorId: string, expiresAt: string): Promise<void> {
    return this.#write('reopenAssignment', () => {
      const s = this.#s;
      this.#db.transaction(() => {
        const row = s.answeredAssignment.get(itemId, annotatorId) as
          Selectable<AssignmentsTable> | undefined;
        if (row === undefined)
          throw new HiloError('NOT_FOUND', `no answer on item "${itemId}" to undo`);
        if (row.vote_id !== null) s.deleteVote.run(Number(row.vote_id));
        if (row.state === 'skipped') s.changeTaken.run(1, itemId);
        s.reopenAssignment.run(expiresAt, itemId, annotatorId);
        this.#cache.forgetAssignment(itemId, annotatorId);
        this.#cache.dropItemVotes(itemId);
      })();
      this.#cache.dropWindows();
    });
  }

  listAssignments(query: {
    readonly annotatorId?: string;
    readonly itemId?: string;
    readonly state?: AssignmentState;
  }): Promise<Assignment[]> {
    return this.#read('listAssignments', () => {
      const { sql, values } = assignmentsQuery(query);
      return (this.#statement(sql).all(...values) as Selectable<AssignmentsTable>[]).map(
        rowToAssignment,
      );
    });
  }

  recentVotes(source: string, limit: number): Promise<RecentVote[]> {
    return this.#read('recentVotes', () => recentVotesNow(this.#s, this.#cache, source, limit));
  }

  recordGoldAnswer(answer: GoldAnswer): Promise<{ kept: GoldAnswer; first: boolean }> {
    return this.#write('recordGoldAnswer', () => this.#gold.record(answer));
  }

  listGoldAnswers(query: GoldAnswerQuery): Promise<GoldAnswer[]> {
    return this.#read('listGoldAnswers', () => this.#gold.list(query));
  }

  createAppeal(appeal: NewAppeal): Promise<Appeal> {
    return this.#write('createAppeal', () => this.#gold.createAppeal(appeal));
  }

  listAppeals(query: {
    readonly state?: AppealState;
    readonly annotatorId?: string;
  }): Promise<Appeal[]> {
    return this.#read('listAppeals', () => this.#gold.listAppeals(query));
  }

  settleAppeal(settlement: AppealSettlement): Promise<Appeal> {
    return this.#write('settleAppeal', () => this.#gold.settleAppeal(settlement));
  }

  addComment(comment: ItemComment): Promise<void> {
    return this.#write('addComment', () => this.#comments.insert(comment));
  }

  listComments(query: { readonly itemIds: readonly string[] }): Promise<ItemComment[]> {
    return this.#read('listComments', () => this.#comments.list(query.itemIds));
  }

  addAnswerFlags(flags: readonly AnswerFlag[]): Promise<number> {
    const s = this.#s.checks;
    return this.#write('addAnswerFlags', () =>
      this.#db.transaction(() => addAnswerFlagsNow(s, flags))(),
    );
  }

  answerFlagCounts(): Promise<AnswerFlagCount[]> {
    return this.#read('answerFlagCounts', () => answerFlagCountsNow(this.#s.checks));
  }

  setPredictedLabels(labels: readonly PredictedLabel[]): Promise<void> {
    const s = this.#s.checks;
    return this.#write('setPredictedLabels', () =>
      this.#db.transaction(() => setPredictedLabelsNow(s, labels))(),
    );
  }

  putLiveDecision(request: LiveDecisionRequest): Promise<boolean> {
    const statement = this.#statement(LIVE_DECISION.sql);
    return this.#write(
      'putLiveDecision',
      () => statement.run(...LIVE_DECISION.parameters(request)).changes > 0,
    );
  }

  /** Queue entries changed (inside a write): forget them and the lists of their kinds. */
  #queueChanged(itemIds: readonly string[]): void {
    const kinds = new Set(itemIds.map((id) => this.#s.queueKind.get(id) as QueueKind | undefined));
    const [only] = kinds;
    this.#cache.queueChanged(itemIds, kinds.size === 1 ? only : undefined);
  }

  /** Caches an annotator row just read and returns it as the port type. */
  #remember(row: unknown): Annotator | undefined {
    if (row === undefined) return undefined;
    const annotator = rowToAnnotator(row as Selectable<AnnotatorsTable>);
    this.#cache.putAnnotator(annotator, (row as Selectable<AnnotatorsTable>).token_hash);
    return annotator;
  }

  #statement(sql: string): Statement {
    let statement = this.#shaped.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#shaped.set(sql, statement);
    }
    return statement;
  }

  /** Runs `work` once no Kysely transaction is open on the connection; errors become HiloError. */
  async #read<T>(operation: string, work: () => T): Promise<T> {
    if (this.#db.inTransaction) await this.#idle();
    try {
      return work();
    } catch (error) {
      throw mapDatabaseError(error, operation);
    }
  }

  /**
   * After BUSY_COMMITS group commits this is a server at work: WAL checkpoints move to a worker
   * thread, off the event loop. One-shot commands never get there.
   */
  #committed(): void {
    this.#commitCount += 1;
    if (this.#commitCount === BUSY_COMMITS && !this.#stopped)
      this.#checkpoints = startBackgroundCheckpoints(this.#db);
  }

  /** Stops the background checkpoints, if any; call before closing the connection. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#checkpoints?.stop();
  }

  #write<T>(operation: string, work: () => T): Promise<T> {
    return this.#commits.run(operation, work);
  }

  async #idle(): Promise<void> {
    while (this.#db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
  }
}
