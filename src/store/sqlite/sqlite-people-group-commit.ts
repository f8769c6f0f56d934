import type Database from 'better-sqlite3';
import { mapDatabaseError } from '../sql/map-database-error.js';

/** A write waiting for the group commit. */
interface Job {
  readonly operation: string;
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Told around each commit: first thing in the transaction, after COMMIT, and when it failed whole. */
export interface CommitHooks {
  before(): void;
  after(): void;
  failed(): void;
}

/**
 * Group commit on a better-sqlite3 connection: every write queued before the event loop next
 * turns runs in one BEGIN IMMEDIATE transaction, each write in its own savepoint (better-sqlite3
 * nests `db.transaction` functions as savepoints), so a failing write undoes only itself. Each
 * promise settles after COMMIT, so what a caller was told is stored is on disk (WAL). In SQLite a
 * commit costs far more than the statements of a small write, so under load one commit carries
 * many writes. While a Kysely transaction is open on the connection across awaits, the commit
 * waits for it instead of joining it.
 * @example const commits = new GroupCommit(db, hooks); await commits.run('setOverlap', () => stmt.run(2, id))
 * Complexity: O(writes) per commit, plus one commit per event-loop turn with writes.
 */
export class GroupCommit {
  readonly #db: Database.Database;
  readonly #hooks: CommitHooks;
  #pending: Job[] = [];
  readonly #transaction: Database.Transaction<(jobs: readonly Job[]) => Outcome[]>;

  constructor(db: Database.Database, hooks: CommitHooks) {
    this.#db = db;
    this.#hooks = hooks;
    this.#transaction = db.transaction((jobs: readonly Job[]) => {
      // Inside the transaction, where reading the database's version costs nothing.
      hooks.before();
      return jobs.map((job): Outcome => {
        try {
          return { ok: true, value: job.work() };
        } catch (error) {
          return { ok: false, error };
        }
      });
    });
  }

  /** Queues `work` (synchronous; several statements go in a `db.transaction` function). */
  run<T>(operation: string, work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ operation, work, resolve: resolve as (value: unknown) => void, reject });
      if (this.#pending.length === 1) setImmediate(this.#flush);
    });
  }

  readonly #flush = (): void => {
    if (this.#db.inTransaction) {
      setImmediate(this.#flush);
      return;
    }
    const jobs = this.#pending;
    this.#pending = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.#transaction.immediate(jobs);
      this.#hooks.after();
    } catch (error) {
      this.#hooks.failed();
      for (const job of jobs) job.reject(mapDatabaseError(error, job.operation));
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok === true) job.resolve(outcome.value);
      else job.reject(mapDatabaseError(outcome?.error, job.operation));
    });
  };
}
