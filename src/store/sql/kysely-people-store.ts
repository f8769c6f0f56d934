import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
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
import { KyselyGoldAnswers } from './kysely-gold-answers.js';
import type {
  NewInvitation,
  RedeemRequest,
  RedeemResult,
} from '../../core/ports/invitation-store.js';
import { insertInvitation, redeemInvitationIn } from './kysely-invitations.js';
import { insertComment, selectComments } from './kysely-item-comments.js';
import type {
  AnswerFlag,
  AnswerFlagCount,
  PredictedLabel,
} from '../../core/ports/answer-checks.js';
import { addAnswerFlags, answerFlagCounts, setPredictedLabels } from './kysely-answer-checks.js';
import { liveDecisionStatement } from './live-decision-sql.js';
import { changeTaken, LeaseTaken, leaseOnce } from './kysely-leases.js';
import { mapDatabaseError } from './map-database-error.js';
import { queueToRow, rowToAnnotator, rowToAssignment, rowToQueue } from './people-store-rows.js';
import type { StoreDatabase } from './store-database.js';
import { textSet, type StoreDialect } from './store-dialect.js';
import { voteToRow } from './store-rows.js';

type Db = Kysely<StoreDatabase>;

/**
 * The PeopleStore port over Kysely (SQLite and PostgreSQL). Leasing is one transaction: on SQLite
 * it holds the write lock (BEGIN IMMEDIATE); on PostgreSQL the chosen queue row is taken with
 * `FOR UPDATE SKIP LOCKED`, and the count of live leases lives on that row (`taken`), so the
 * re-check after a lock wait sees the latest count and overlap is never exceeded.
 * @example const lease = await new KyselyPeopleStore(db, 'sqlite').leaseNext({ annotatorId, kind: 'task', now, expiresAt })
 * Complexity: a lease is three or four statements; the choice walks the queue index in priority order.
 */
export class KyselyPeopleStore implements PeopleStore {
  readonly #db: Db;
  readonly #dialect: StoreDialect;
  readonly #gold: KyselyGoldAnswers;

  constructor(db: Db, dialect: StoreDialect) {
    this.#db = db;
    this.#dialect = dialect;
    this.#gold = new KyselyGoldAnswers(db);
  }

  createAnnotator(annotator: Annotator, tokenHash: string): Promise<void> {
    return this.#guard('createAnnotator', async () => {
      await this.#db
        .insertInto('annotators')
        .values({
          id: annotator.id,
          name: annotator.name,
          role: annotator.role,
          token_hash: tokenHash,
          state: annotator.state,
          created_at: annotator.createdAt,
          suspended_reason: annotator.suspendedReason,
          flagged_reason: annotator.flaggedReason,
          controls_seen: annotator.controlsSeen,
          controls_correct: annotator.controlsCorrect,
          discounted: annotator.discounted ? 1 : 0,
          rules_since: annotator.rulesSince,
        })
        .execute();
    });
  }

  getAnnotator(id: string): Promise<Annotator | undefined> {
    return this.#guard('getAnnotator', async () => {
      const row = await this.#db
        .selectFrom('annotators')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && rowToAnnotator(row);
    });
  }

  findAnnotatorByTokenHash(tokenHash: string): Promise<Annotator | undefined> {
    return this.#guard('findAnnotatorByTokenHash', async () => {
      const row = await this.#db
        .selectFrom('annotators')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && rowToAnnotator(row);
    });
  }

  listAnnotators(): Promise<Annotator[]> {
    return this.#guard('listAnnotators', async () => {
      const rows = await this.#db
        .selectFrom('annotators')
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(rowToAnnotator);
    });
  }

  updateAnnotator(id: string, patch: AnnotatorPatch): Promise<Annotator> {
    return this.#guard('updateAnnotator', async () => {
      const set = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.state !== undefined ? { state: patch.state } : {}),
        ...(patch.suspendedReason !== undefined ? { suspended_reason: patch.suspendedReason } : {}),
        ...(patch.flaggedReason !== undefined ? { flagged_reason: patch.flaggedReason } : {}),
        ...(patch.controlsSeen !== undefined ? { controls_seen: patch.controlsSeen } : {}),
        ...(patch.controlsCorrect !== undefined ? { controls_correct: patch.controlsCorrect } : {}),
        ...(patch.discounted !== undefined ? { discounted: patch.discounted ? 1 : 0 } : {}),
        ...(patch.tokenHash !== undefined ? { token_hash: patch.tokenHash } : {}),
        ...(patch.rulesSince !== undefined ? { rules_since: patch.rulesSince } : {}),
      };
      if (Object.keys(set).length > 0) {
        await this.#db.updateTable('annotators').set(set).where('id', '=', id).execute();
      }
      const row = await this.#db
        .selectFrom('annotators')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) throw new HiloError('NOT_FOUND', `annotator "${id}" does not exist`);
      return rowToAnnotator(row);
    });
  }

  createSession(tokenHash: string, annotatorId: string, expiresAt: string): Promise<void> {
    return this.#guard('createSession', async () => {
      await this.#db
        .insertInto('sessions')
        .values({ token_hash: tokenHash, annotator_id: annotatorId, expires_at: expiresAt })
        .execute();
    });
  }

  findSession(tokenHash: string, now: string): Promise<string | undefined> {
    return this.#guard('findSession', async () => {
      const row = await this.#db
        .selectFrom('sessions')
        .select('annotator_id')
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row?.annotator_id;
    });
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.#guard('deleteSession', async () => {
      await this.#db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    });
  }

  createInvitation(invitation: NewInvitation): Promise<void> {
    return this.#guard('createInvitation', () =>
      this.#transaction((trx) => insertInvitation(trx, invitation)),
    );
  }

  redeemInvitation(request: RedeemRequest): Promise<RedeemResult> {
    return this.#guard('redeemInvitation', () =>
      this.#transaction((trx) => redeemInvitationIn(trx, request)),
    );
  }

  upsertQueue(entries: readonly QueueEntry[]): Promise<void> {
    return this.#guard('upsertQueue', () =>
      this.#transaction(async (trx) => {
        for (const entry of entries) {
          await trx
            .insertInto('queue')
            .values(queueToRow(entry))
            .onConflict((oc) =>
              oc.column('item_id').doUpdateSet((eb) => ({
                kind: eb.ref('excluded.kind'),
                zone: eb.ref('excluded.zone'),
                priority: eb.ref('excluded.priority'),
                overlap: eb.ref('excluded.overlap'),
                gold_label: eb.ref('excluded.gold_label'),
                review_reason: eb.ref('excluded.review_reason'),
              })),
            )
            .execute();
        }
      }),
    );
  }

  getQueueEntry(itemId: string): Promise<QueueEntry | undefined> {
    return this.#guard('getQueueEntry', async () => {
      const row = await this.#db
        .selectFrom('queue')
        .selectAll()
        .where('item_id', '=', itemId)
        .executeTakeFirst();
      return row && rowToQueue(row);
    });
  }

  listQueue(query: {
    readonly kind?: QueueKind;
    readonly underReview?: boolean;
  }): Promise<QueueEntry[]> {
    return this.#guard('listQueue', async () => {
      const rows = await this.#db
        .selectFrom('queue')
        .selectAll()
        .$if(query.kind !== undefined, (qb) => qb.where('kind', '=', query.kind ?? 'task'))
        .$if(query.underReview === true, (qb) => qb.where('review_reason', 'is not', null))
        .$if(query.underReview === false, (qb) => qb.where('review_reason', 'is', null))
        .orderBy('priority', 'desc')
        .orderBy('item_id')
        .execute();
      return rows.map(rowToQueue);
    });
  }

  setOverlap(itemId: string, overlap: number): Promise<void> {
    return this.#guard('setOverlap', async () => {
      await this.#db.updateTable('queue').set({ overlap }).where('item_id', '=', itemId).execute();
    });
  }

  setReviewReason(itemIds: readonly string[], reason: string | null): Promise<void> {
    return this.#guard('setReviewReason', async () => {
      if (itemIds.length === 0) return;
      await this.#db
        .updateTable('queue')
        .set({ review_reason: reason })
        .where('item_id', 'in', textSet(this.#dialect, itemIds))
        .execute();
    });
  }

  addComment(comment: ItemComment): Promise<void> {
    return this.#guard('addComment', () => insertComment(this.#db, comment));
  }

  listComments(query: { readonly itemIds: readonly string[] }): Promise<ItemComment[]> {
    return this.#guard('listComments', () =>
      selectComments(this.#db, this.#dialect, query.itemIds),
    );
  }

  setQueuePriorities(priorities: readonly QueuePriority[]): Promise<void> {
    return this.#guard('setQueuePriorities', () =>
      this.#transaction(async (trx) => {
        for (const { itemId, priority } of priorities) {
          await trx.updateTable('queue').set({ priority }).where('item_id', '=', itemId).execute();
        }
      }),
    );
  }

  leaseNext(request: LeaseRequest): Promise<Assignment | undefined> {
    return this.#guard('leaseNext', async () => {
      // Two leases for one person at once may both choose the same item (PostgreSQL re-checks a
      // locked queue row, not the person's assignments): the loser rolls back and chooses again.
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.#transaction((trx) => leaseOnce(trx, this.#dialect, request));
        } catch (error) {
          if (!(error instanceof LeaseTaken) || attempt >= 5) throw error;
        }
      }
    });
  }

  getAssignment(itemId: string, annotatorId: string): Promise<Assignment | undefined> {
    return this.#guard('getAssignment', async () => {
      const row = await this.#db
        .selectFrom('assignments')
        .selectAll()
        .where('item_id', '=', itemId)
        .where('annotator_id', '=', annotatorId)
        .executeTakeFirst();
      return row && rowToAssignment(row);
    });
  }

  completeAssignment(request: CompleteRequest): Promise<number | null> {
    return this.#guard('completeAssignment', () =>
      this.#transaction(async (trx) => {
        let voteId: number | null = null;
        if (request.vote !== null) {
          const inserted = await trx
            .insertInto('votes')
            .values(voteToRow(request.vote))
            .returning('id')
            .executeTakeFirstOrThrow();
          voteId = Number(inserted.id);
        }
        const state: AssignmentState = request.vote === null ? 'skipped' : 'done';
        const result = await trx
          .updateTable('assignments')
          .set({ state, vote_id: voteId })
          .where('item_id', '=', request.itemId)
          .where('annotator_id', '=', request.annotatorId)
          .where('state', '=', 'leased')
          .where('expires_at', '>', request.now)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) {
          throw new HiloError(
            'CONFLICT',
            `no live lease of item "${request.itemId}" for this annotator`,
          );
        }
        if (state === 'skipped') await changeTaken(trx, [request.itemId], -1);
        return voteId;
      }),
    );
  }

  reopenAssignment(itemId: string, annotatorId: string, expiresAt: string): Promise<void> {
    return this.#guard('reopenAssignment', () =>
      this.#transaction(async (trx) => {
        const row = await trx
          .selectFrom('assignments')
          .selectAll()
          .where('item_id', '=', itemId)
          .where('annotator_id', '=', annotatorId)
          .where('state', 'in', ['done', 'skipped'])
          .executeTakeFirst();
        if (row === undefined)
          throw new HiloError('NOT_FOUND', `no answer on item "${itemId}" to undo`);
        if (row.vote_id !== null)
          await trx.deleteFrom('votes').where('id', '=', Number(row.vote_id)).execute();
        if (row.state === 'skipped') await changeTaken(trx, [itemId], 1);
        await trx
          .updateTable('assignments')
          .set({ state: 'leased', expires_at: expiresAt, vote_id: null })
          .where('item_id', '=', itemId)
          .where('annotator_id', '=', annotatorId)
          .execute();
      }),
    );
  }

  listAssignments(query: {
    readonly annotatorId?: string;
    readonly itemId?: string;
    readonly state?: AssignmentState;
  }): Promise<Assignment[]> {
    return this.#guard('listAssignments', async () => {
      const rows = await this.#db
        .selectFrom('assignments')
        .selectAll()
        .$if(query.annotatorId !== undefined, (qb) =>
          qb.where('annotator_id', '=', query.annotatorId ?? ''),
        )
        .$if(query.itemId !== undefined, (qb) => qb.where('item_id', '=', query.itemId ?? ''))
        .$if(query.state !== undefined, (qb) => qb.where('state', '=', query.state ?? 'leased'))
        .orderBy('leased_at')
        .orderBy('item_id')
        .execute();
      return rows.map(rowToAssignment);
    });
  }

  recentVotes(source: string, limit: number): Promise<RecentVote[]> {
    return this.#guard('recentVotes', async () => {
      const rows = await this.#db
        .selectFrom('votes')
        .select(['item_id', 'label', 'time_spent_ms', 'created_at'])
        .where('source', '=', source)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        itemId: row.item_id,
        label: row.label,
        timeSpentMs: row.time_spent_ms,
        createdAt: row.created_at,
      }));
    });
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

  addAnswerFlags(flags: readonly AnswerFlag[]): Promise<number> {
    return this.#guard('addAnswerFlags', () =>
      this.#transaction((trx) => addAnswerFlags(trx, flags)),
    );
  }

  answerFlagCounts(): Promise<AnswerFlagCount[]> {
    return this.#guard('answerFlagCounts', () => answerFlagCounts(this.#db));
  }

  setPredictedLabels(labels: readonly PredictedLabel[]): Promise<void> {
    return this.#guard('setPredictedLabels', () =>
      this.#transaction((trx) => setPredictedLabels(trx, labels)),
    );
  }

  async #transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return work(this.#db);
    return this.#db.transaction().execute((trx: Transaction<StoreDatabase>) => work(trx));
  }

  putLiveDecision(request: LiveDecisionRequest): Promise<boolean> {
    return this.#guard('putLiveDecision', async () => {
      const statement = liveDecisionStatement(this.#dialect);
      const query = CompiledQuery.raw(statement.sql, statement.parameters(request));
      const result = await this.#db.executeQuery(query);
      return Number(result.numAffectedRows ?? 0) > 0;
    });
  }

  async #guard<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw mapDatabaseError(error, operation);
    }
  }
}
