import type Database from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { HiloError } from '../../core/errors.js';
import type {
  Appeal,
  AppealSettlement,
  AppealState,
  GoldAnswer,
  GoldAnswerQuery,
} from '../../core/ports/gold-answers.js';
import type { NewAppeal } from '../../core/ports/gold-answers.js';
import { goldAnswerToRow, rowToAppeal, rowToGoldAnswer } from '../sql/gold-answer-rows.js';
import type { AppealsTable, GoldAnswersTable } from '../sql/store-database.js';

type Statement = Database.Statement<unknown[]>;

/**
 * Gold answers and appeals on SQLite through prepared statements. Each method is synchronous, so
 * SqlitePeopleStore runs it inside its own write (one savepoint) or read; none touches what the
 * people cache holds.
 * @example const gold = new SqliteGoldAnswers(db); gold.record(answer)
 * Complexity: one or two statements per call; lists read the rows asked for.
 */
export class SqliteGoldAnswers {
  readonly #db: Database.Database;
  readonly #insert: Statement;
  readonly #answer: Statement;
  readonly #insertAppeal: Statement;
  readonly #appeal: Statement;
  readonly #settle: Statement;
  readonly #markCorrect: Statement;
  readonly #shaped = new Map<string, Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
    this.#insert = db.prepare(
      `insert into gold_answers (annotator_id, item_id, kind, label, gold_label, correct, answered_at)
        values (@annotator_id, @item_id, @kind, @label, @gold_label, @correct, @answered_at)
        on conflict (annotator_id, item_id) do nothing`,
    );
    this.#answer = db.prepare('select * from gold_answers where annotator_id = ? and item_id = ?');
    this.#insertAppeal = db.prepare(
      `insert into appeals (annotator_id, item_id, comment, state, created_at)
        values (?, ?, ?, 'open', ?) on conflict (annotator_id, item_id) do nothing returning *`,
    );
    this.#appeal = db.prepare('select * from appeals where id = ?');
    this.#settle = db.prepare(
      `update appeals set state = ?, note = ?, settled_at = ?, settled_by = ?
        where id = ? and state = 'open' returning *`,
    );
    this.#markCorrect = db.prepare(
      'update gold_answers set correct = 1 where annotator_id = ? and item_id = ?',
    );
  }

  record(answer: GoldAnswer): { kept: GoldAnswer; first: boolean } {
    if (this.#insert.run(goldAnswerToRow(answer)).changes > 0) return { kept: answer, first: true };
    const row = this.#answer.get(answer.annotatorId, answer.itemId) as Selectable<GoldAnswersTable>;
    return { kept: rowToGoldAnswer(row), first: false };
  }

  list(query: GoldAnswerQuery): GoldAnswer[] {
    const where: string[] = [];
    const values: unknown[] = [];
    for (const [condition, value] of [
      ['annotator_id = ?', query.annotatorId],
      ['item_id = ?', query.itemId],
      ['kind = ?', query.kind],
      ['answered_at >= ?', query.since],
    ] as const) {
      if (value === undefined) continue;
      where.push(condition);
      values.push(value);
    }
    const filter = where.length > 0 ? `where ${where.join(' and ')}` : '';
    const sql = `select * from gold_answers ${filter} order by answered_at, item_id, annotator_id`;
    return (this.#statement(sql).all(...values) as Selectable<GoldAnswersTable>[]).map(
      rowToGoldAnswer,
    );
  }

  createAppeal(appeal: NewAppeal): Appeal {
    return this.#db.transaction(() => {
      if (this.#answer.get(appeal.annotatorId, appeal.itemId) === undefined)
        throw new HiloError('NOT_FOUND', `no scored answer on item "${appeal.itemId}" to appeal`);
      const row = this.#insertAppeal.get(
        appeal.annotatorId,
        appeal.itemId,
        appeal.comment,
        appeal.createdAt,
      ) as Selectable<AppealsTable> | undefined;
      if (row === undefined)
        throw new HiloError(
          'CONFLICT',
          `the answer on item "${appeal.itemId}" is already appealed`,
        );
      return rowToAppeal(row);
    })();
  }

  listAppeals(query: { readonly state?: AppealState; readonly annotatorId?: string }): Appeal[] {
    const where: string[] = [];
    const values: unknown[] = [];
    if (query.state !== undefined) {
      where.push('state = ?');
      values.push(query.state);
    }
    if (query.annotatorId !== undefined) {
      where.push('annotator_id = ?');
      values.push(query.annotatorId);
    }
    const filter = where.length > 0 ? `where ${where.join(' and ')}` : '';
    return (
      this.#statement(`select * from appeals ${filter} order by id`).all(
        ...values,
      ) as Selectable<AppealsTable>[]
    ).map(rowToAppeal);
  }

  settleAppeal(settlement: AppealSettlement): Appeal {
    return this.#db.transaction(() => {
      const s = settlement;
      const row = this.#settle.get(s.state, s.note, s.settledAt, s.settledBy, s.id) as
        Selectable<AppealsTable> | undefined;
      if (row === undefined) {
        const before = this.#appeal.get(s.id) as Selectable<AppealsTable> | undefined;
        if (before === undefined) throw new HiloError('NOT_FOUND', `appeal ${s.id} does not exist`);
        throw new HiloError('CONFLICT', `appeal ${s.id} is already ${before.state}`);
      }
      if (s.state === 'upheld') this.#markCorrect.run(row.annotator_id, row.item_id);
      return rowToAppeal(row);
    })();
  }

  #statement(sql: string): Statement {
    let statement = this.#shaped.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#shaped.set(sql, statement);
    }
    return statement;
  }
}
