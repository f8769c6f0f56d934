import type { Kysely, Transaction } from 'kysely';
import { HiloError } from '../../core/errors.js';
import type {
  Appeal,
  AppealSettlement,
  AppealState,
  GoldAnswer,
  GoldAnswerQuery,
  GoldAnswerStore,
  NewAppeal,
} from '../../core/ports/gold-answers.js';
import { goldAnswerToRow, rowToAppeal, rowToGoldAnswer } from './gold-answer-rows.js';
import { mapDatabaseError } from './map-database-error.js';
import type { StoreDatabase } from './store-database.js';

type Db = Kysely<StoreDatabase>;

/**
 * Gold answers and appeals over Kysely (SQLite and PostgreSQL), for the Kysely people store. The
 * first answer is kept by an insert that does nothing on conflict, so concurrent answers to one
 * item keep exactly one.
 * @example const kept = await new KyselyGoldAnswers(db).recordGoldAnswer(answer)
 * Complexity: one or two statements per call; lists read the rows asked for.
 */
export class KyselyGoldAnswers implements GoldAnswerStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  recordGoldAnswer(answer: GoldAnswer): Promise<{ kept: GoldAnswer; first: boolean }> {
    return guard('recordGoldAnswer', () =>
      this.#transaction(async (trx) => {
        const inserted = await trx
          .insertInto('gold_answers')
          .values(goldAnswerToRow(answer))
          .onConflict((oc) => oc.columns(['annotator_id', 'item_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0)
          return { kept: answer, first: true };
        const row = await trx
          .selectFrom('gold_answers')
          .selectAll()
          .where('annotator_id', '=', answer.annotatorId)
          .where('item_id', '=', answer.itemId)
          .executeTakeFirstOrThrow();
        return { kept: rowToGoldAnswer(row), first: false };
      }),
    );
  }

  listGoldAnswers(query: GoldAnswerQuery): Promise<GoldAnswer[]> {
    return guard('listGoldAnswers', async () => {
      const rows = await this.#db
        .selectFrom('gold_answers')
        .selectAll()
        .$if(query.annotatorId !== undefined, (qb) =>
          qb.where('annotator_id', '=', query.annotatorId ?? ''),
        )
        .$if(query.itemId !== undefined, (qb) => qb.where('item_id', '=', query.itemId ?? ''))
        .$if(query.kind !== undefined, (qb) => qb.where('kind', '=', query.kind ?? 'control'))
        .$if(query.since !== undefined, (qb) => qb.where('answered_at', '>=', query.since ?? ''))
        .orderBy('answered_at')
        .orderBy('item_id')
        .orderBy('annotator_id')
        .execute();
      return rows.map(rowToGoldAnswer);
    });
  }

  createAppeal(appeal: NewAppeal): Promise<Appeal> {
    return guard('createAppeal', () =>
      this.#transaction(async (trx) => {
        const answer = await trx
          .selectFrom('gold_answers')
          .select('item_id')
          .where('annotator_id', '=', appeal.annotatorId)
          .where('item_id', '=', appeal.itemId)
          .executeTakeFirst();
        if (answer === undefined)
          throw new HiloError('NOT_FOUND', `no scored answer on item "${appeal.itemId}" to appeal`);
        const row = await trx
          .insertInto('appeals')
          .values({
            annotator_id: appeal.annotatorId,
            item_id: appeal.itemId,
            comment: appeal.comment,
            state: 'open',
            note: null,
            created_at: appeal.createdAt,
            settled_at: null,
            settled_by: null,
          })
          .onConflict((oc) => oc.columns(['annotator_id', 'item_id']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (row === undefined)
          throw new HiloError(
            'CONFLICT',
            `the answer on item "${appeal.itemId}" is already appealed`,
          );
        return rowToAppeal(row);
      }),
    );
  }

  listAppeals(query: {
    readonly state?: AppealState;
    readonly annotatorId?: string;
  }): Promise<Appeal[]> {
    return guard('listAppeals', async () => {
      const rows = await this.#db
        .selectFrom('appeals')
        .selectAll()
        .$if(query.state !== undefined, (qb) => qb.where('state', '=', query.state ?? 'open'))
        .$if(query.annotatorId !== undefined, (qb) =>
          qb.where('annotator_id', '=', query.annotatorId ?? ''),
        )
        .orderBy('id')
        .execute();
      return rows.map(rowToAppeal);
    });
  }

  settleAppeal(settlement: AppealSettlement): Promise<Appeal> {
    return guard('settleAppeal', () =>
      this.#transaction(async (trx) => {
        const row = await trx
          .updateTable('appeals')
          .set({
            state: settlement.state,
            note: settlement.note,
            settled_at: settlement.settledAt,
            settled_by: settlement.settledBy,
          })
          .where('id', '=', settlement.id)
          .where('state', '=', 'open')
          .returningAll()
          .executeTakeFirst();
        if (row === undefined) {
          const before = await trx
            .selectFrom('appeals')
            .select('state')
            .where('id', '=', settlement.id)
            .executeTakeFirst();
          if (before === undefined)
            throw new HiloError('NOT_FOUND', `appeal ${settlement.id} does not exist`);
          throw new HiloError('CONFLICT', `appeal ${settlement.id} is already ${before.state}`);
        }
        if (settlement.state === 'upheld') {
          await trx
            .updateTable('gold_answers')
            .set({ correct: 1 })
            .where('annotator_id', '=', row.annotator_id)
            .where('item_id', '=', row.item_id)
            .execute();
        }
        return rowToAppeal(row);
      }),
    );
  }

  async #transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return work(this.#db);
    return this.#db.transaction().execute((trx: Transaction<StoreDatabase>) => work(trx));
  }
}

async function guard<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw mapDatabaseError(error, operation);
  }
}
