import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** The slice of a PGlite instance the driver uses (PGlite 0.4 `query` and `close`). */
export interface PgliteClient {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  close(): Promise<void>;
}

export interface PgliteDialectConfig {
  /** The client, or a function creating it on first use. */
  readonly client: PgliteClient | (() => Promise<PgliteClient>);
  /** Close the client when Kysely is destroyed; false when the caller owns it. Default true. */
  readonly closeOnDestroy?: boolean;
}

/**
 * A Kysely dialect for PGlite (in-process WASM PostgreSQL): PostgreSQL SQL, one connection.
 * @example new Kysely<DB>({ dialect: new PgliteDialect({ client: await PGlite.create() }) })
 */
export class PgliteDialect implements Dialect {
  readonly #config: PgliteDialectConfig;

  constructor(config: PgliteDialectConfig) {
    this.#config = config;
  }

  createDriver(): Driver {
    return new PgliteDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

/**
 * PGlite has a single session, so the driver hands out its one connection to one holder at a
 * time (as Kysely's SQLite driver does); a transaction keeps it until commit or rollback.
 * Complexity: O(1) per acquire beyond waiting for the current holder.
 */
export class PgliteDriver implements Driver {
  readonly #config: PgliteDialectConfig;
  readonly #mutex = new ConnectionMutex();
  #client: PgliteClient | undefined;
  #connection: PgliteConnection | undefined;

  constructor(config: PgliteDialectConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {
    const { client } = this.#config;
    this.#client = typeof client === 'function' ? await client() : client;
    this.#connection = new PgliteConnection(this.#client);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    if (this.#connection === undefined) {
      this.#mutex.unlock();
      throw new Error('PGlite driver is not initialised or already destroyed');
    }
    return this.#connection;
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const parts = ['start transaction'];
    if (settings.isolationLevel) parts.push(`isolation level ${settings.isolationLevel}`);
    if (settings.accessMode) parts.push(settings.accessMode);
    await connection.executeQuery(CompiledQuery.raw(parts.join(' ')));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#connection = undefined;
    if (client !== undefined && this.#config.closeOnDestroy !== false) await client.close();
  }
}

class PgliteConnection implements DatabaseConnection {
  readonly #client: PgliteClient;

  constructor(client: PgliteClient) {
    this.#client = client;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#client.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    const affected = result.affectedRows;
    return affected === undefined
      ? { rows: result.rows }
      : { rows: result.rows, numAffectedRows: BigInt(affected) };
  }

  // eslint-disable-next-line require-yield -- the interface demands a generator; PGlite has no cursors here
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the PGlite driver');
  }
}

/** A FIFO lock: `lock` resolves when every earlier holder has called `unlock`. */
class ConnectionMutex {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  async lock(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
  }

  unlock(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}
